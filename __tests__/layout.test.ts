// The tree shows the flow, and dependencies point one way: the action (src/*.ts) uses the input layer, which uses
// the order flow, which uses the certificate files and the rebinding (neither uses the other), which use the Tencent
// Cloud layer, which uses the support code.
// No folder imports from a folder above it.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { ROOT } from '../sandbox/run-action.js'

const SRC = join(ROOT, 'src')
const LAYERS = ['.', 'inputs', 'order', 'files', 'rebind', 'tencent-cloud', 'support']

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []
  )
}

const layerOf = (file: string): number => LAYERS.indexOf(dirname(relative(SRC, file)))

test('every source file is in one of the layers', () => {
  for (const file of sources(SRC)) expect([relative(SRC, file), layerOf(file)]).not.toEqual([relative(SRC, file), -1])
})

test('no module imports from a layer above its own', () => {
  const upward: string[] = []
  for (const file of sources(SRC)) {
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) {
      const target = resolve(dirname(file), `${specifier}.ts`)
      if (layerOf(target) < layerOf(file)) upward.push(`${relative(SRC, file)} imports ${relative(SRC, target)}`)
    }
  }
  expect(upward).toEqual([])
})
