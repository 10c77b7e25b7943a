// The tree shows the flow, and dependencies point one way. Each folder may use only the folders USES names for it:
// the action (src/*.ts) uses the inputs, the order flow, the Tencent Cloud layer and the support code; the inputs
// use the certificate files' settings; the order flow uses the files and the rebinding, neither of which uses the
// other; everything uses the Tencent Cloud layer, which uses only the support code, which uses nothing.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { ROOT } from '../../sandbox/run-action.js'

const SRC = join(ROOT, 'src')
const BELOW = ['tencent-cloud', 'support']
const USES: Readonly<Record<string, readonly string[]>> = {
  '.': ['inputs', 'order', ...BELOW],
  inputs: ['files', ...BELOW],
  order: ['files', 'rebind', ...BELOW],
  files: BELOW,
  rebind: BELOW,
  'tencent-cloud': ['support'],
  support: []
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []
  )
}

const folderOf = (file: string): string => dirname(relative(SRC, file))

test('every source file is in one of the folders', () => {
  for (const file of sources(SRC)) expect(Object.keys(USES)).toContain(folderOf(file))
})

test('each folder imports only the folders it may use', () => {
  const forbidden: string[] = []
  for (const file of sources(SRC)) {
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) {
      const target = resolve(dirname(file), `${specifier}.ts`)
      const [from, to] = [folderOf(file), folderOf(target)]
      if (from !== to && !USES[from].includes(to))
        forbidden.push(`${relative(SRC, file)} imports ${relative(SRC, target)}`)
    }
  }
  expect(forbidden).toEqual([])
})
