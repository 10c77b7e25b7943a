// action.yml, the README and the code must agree: every declared input and output is documented and used, and the
// code reads and sets nothing undeclared.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readInputs } from '../../src/inputs/inputs.js'
import { stepOutputs } from '../../src/report/report.js'
import { actionMetadata, ROOT } from '../../sandbox/run-action.js'

const metadata = actionMetadata()
const declaredInputs = Object.keys(metadata.inputs).sort()
const declaredOutputs = Object.keys(metadata.outputs).sort()
const READMES = ['README.md', 'README.zh-CN.md'] as const
const readmes = READMES.map((file) => [file, readFileSync(join(ROOT, file), 'utf8')] as const)
const sources = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => readFileSync(join(ROOT, 'src', file), 'utf8'))
  .join('\n')

/** The inputs readInputs asks for, with action.yml's defaults and `overrides`, in a given environment. */
function inputsRead(overrides: Record<string, string>, env: Record<string, string>): Set<string> {
  const asked = new Set<string>()
  const values: Record<string, string> = {
    ...Object.fromEntries(Object.entries(metadata.inputs).map(([n, s]) => [n, s.default ?? ''])),
    ...overrides
  }
  try {
    readInputs(
      (name) => {
        asked.add(name)
        return values[name] ?? ''
      },
      env,
      () => {}
    )
  } catch {
    // A refusal still shows what was read.
  }
  return asked
}

test('the code reads exactly the declared inputs', () => {
  const withKeys = inputsRead(
    { 'certificate-id': 'abc', 'secret-id': 'id', 'secret-key': 'key', 'wait-for-issuance': 'true' },
    {}
  )
  const withRole = inputsRead(
    { 'certificate-id': 'abc', 'role-arn': 'qcs::cam::uin/1:roleName/r', 'oidc-provider-id': 'github' },
    { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x/?a=1', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' }
  )
  const read = new Set([...withKeys, ...withRole])
  expect([...read].sort()).toEqual(declaredInputs)
  // Reads outside readInputs go through core.getInput with a literal name.
  for (const [, name] of sources.matchAll(/getInput\('([^']+)'\)/g)) expect(declaredInputs).toContain(name)
})

test('the code sets exactly the declared outputs, all in one place', () => {
  expect(Object.keys(stepOutputs([])).sort()).toEqual(declaredOutputs)
  expect([...sources.matchAll(/setOutput\(/g)]).toHaveLength(1)
})

test.each(readmes)('%s documents every input and output in its tables', (_, readme) => {
  for (const name of [...declaredInputs, ...declaredOutputs])
    expect({ name, documented: new RegExp(`^\\| \`${name}\` +\\| `, 'm').test(readme) }).toEqual({
      name,
      documented: true
    })
})

test.each(readmes)('%s gives each input the default action.yml declares', (_, readme) => {
  for (const [name, spec] of Object.entries(metadata.inputs)) {
    const row = new RegExp(`^\\| \`${name}\` +\\| ([^|]+) \\|`, 'm').exec(readme)
    const documented = row?.[1].trim()
    const expected = spec.required ? '(required)' : `\`${spec.default === '' ? "''" : spec.default}\``
    expect({ name, default: documented }).toEqual({ name, default: expected })
  }
})

test('the two READMEs link to each other at the top, and document the same sections', () => {
  const [[, english], [, chinese]] = readmes
  expect(english.split('\n').slice(0, 4).join('\n')).toContain('[简体中文](README.zh-CN.md)')
  expect(chinese.split('\n').slice(0, 4).join('\n')).toContain('[English](README.md)')
  const sections = (text: string): number => text.match(/^## /gm)?.length ?? 0
  expect(sections(chinese)).toBe(sections(english))
  // The same workflows: every input and output a README's examples use is one action.yml declares.
  for (const [, text] of readmes) {
    for (const [, name] of text.matchAll(/\.outputs\.(\w+)/g)) expect(declaredOutputs).toContain(name)
  }
})

test('action.yml is ready for the Marketplace: a name, a description that fits, an author and branding', () => {
  const { name, description, author, branding } = metadata as unknown as Record<string, unknown> & {
    branding?: { icon?: string; color?: string }
  }
  expect(typeof name === 'string' && name.length > 0 && name.length <= 60).toBe(true)
  // The Marketplace listing shows up to 125 characters.
  expect(typeof description === 'string' && description.length >= 40 && description.length <= 125).toBe(true)
  expect(typeof author).toBe('string')
  expect(['white', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']).toContain(branding?.color)
  expect(branding?.icon).toMatch(/^[a-z-]+$/)
})

test('node-forge and fflate stay out of the entry: only a step that writes a PFX or reads a ZIP loads them', () => {
  const dist = join(ROOT, 'dist')
  const entry = readFileSync(join(dist, 'index.js'), 'utf8')
  const chunks = readdirSync(dist)
    .filter((file) => /^\d+\.index\.js$/.test(file))
    .map((file) => readFileSync(join(dist, file), 'utf8'))
  // A function of forge's and an error message of fflate's: code of theirs, not the names the entry imports.
  for (const marker of ['pkcs12FromAsn1', 'unknown compression type']) {
    expect(entry).not.toContain(marker)
    expect(chunks.some((chunk) => chunk.includes(marker))).toBe(true)
  }
})

test('action.yml runs the committed bundle on node24', () => {
  expect(metadata).toMatchObject({ runs: { using: 'node24', main: 'dist/index.js' } })
})

describe('the workflows', () => {
  const dir = join(ROOT, '.github', 'workflows')
  const workflows = readdirSync(dir).map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }))

  test('pin every third-party action by commit SHA, with the version in a comment', () => {
    const uses = workflows.flatMap(({ text }) => [...text.matchAll(/uses:\s*(\S+)(.*)$/gm)].map((m) => [m[1], m[2]]))
    expect(uses.length).toBeGreaterThan(0)
    for (const [action, comment] of uses) {
      if (action === './') continue
      expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/)
      expect(comment).toMatch(/# v\d+/)
    }
  })

  test('grant only contents: read at the top, and run the action itself against the sandbox', () => {
    for (const { file, text } of workflows)
      expect({ file, permissions: /^permissions:\n {2}contents: read\n\n/m.test(text) }).toEqual({
        file,
        permissions: true
      })
    const ci = workflows.find((w) => w.file === 'ci.yml')!.text
    expect(ci).toContain('npm run sandbox')
    expect(ci).toContain('uses: ./')
  })
})
