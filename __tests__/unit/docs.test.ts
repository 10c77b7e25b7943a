// The documentation's links hold: every relative link in the READMEs, docs/ and SECURITY.md names a file that exists,
// and every #anchor a heading of the page it points to (GitHub's way of making anchors from headings).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { ROOT } from '../../sandbox/run-action.js'

const pages = [
  'README.md',
  'README.zh-CN.md',
  'SECURITY.md',
  'CHANGELOG.md',
  ...readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => join('docs', file))
]

/** GitHub's anchor for a heading: lower case, punctuation dropped (letters of any script kept), spaces as hyphens. */
const anchor = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '')
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) => anchor(heading.replace(/`/g, ''))))
}

test.each(pages)('%s: every relative link and anchor resolves', (page) => {
  const file = join(ROOT, page)
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '')
  const broken: string[] = []
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target)) continue
    const [path, hash] = target.split('#')
    const destination = path ? resolve(dirname(file), path) : file
    if (!existsSync(destination)) broken.push(`${target}: no ${relative(ROOT, destination)}`)
    else if (hash && destination.endsWith('.md') && !anchorsOf(destination).has(decodeURIComponent(hash)))
      broken.push(`${target}: no such heading`)
  }
  expect(broken).toEqual([])
})

test('every user-facing page in docs/ has its Chinese version, and each links to the other', () => {
  // The developers' pages (development.md, sandbox.md) are in English only.
  const userPages = readdirSync(join(ROOT, 'docs')).filter(
    (file) => file.endsWith('.md') && !['development.md', 'sandbox.md'].includes(file)
  )
  expect(userPages.length).toBeGreaterThanOrEqual(11)
  for (const page of userPages) {
    const english = readFileSync(join(ROOT, 'docs', page), 'utf8')
    const chinese = readFileSync(join(ROOT, 'docs', 'zh-CN', page), 'utf8')
    expect(english).toContain(`[简体中文](zh-CN/${page})`)
    expect(chinese).toContain(`[English](../${page})`)
  }
})
