// The bundle resolves `undici` to shims/undici (tsconfig.json's paths), so that a plain order's start does not execute
// undici's module tree for @actions/core's HTTP client. The stand-in must give every importer in the bundle each name
// it imports, and hand out the real undici's objects once used.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { ROOT } from '../../sandbox/run-action.js'

const require = createRequire(import.meta.url)
const shim = require(join(ROOT, 'shims', 'undici', 'index.cjs')) as Record<string, unknown>
// The real package, by its path: for the type checker, `undici` is the stand-in.
const real = require(join(ROOT, 'node_modules', 'undici')) as { ProxyAgent: new (options: object) => object }

// The runtime dependencies that import undici, as the bundle holds them.
const IMPORTERS = [
  'node_modules/@actions/http-client/lib/index.js',
  'node_modules/@actions/github/lib/internal/utils.js',
  'node_modules/@actions/github/node_modules/@actions/http-client/lib/index.js'
]

test('tsconfig.json sends every undici import of the bundle to the stand-in', () => {
  const config = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> }
  }
  expect(config.compilerOptions.paths.undici).toEqual(['./shims/undici/index.cjs'])
})

test.each(IMPORTERS)('%s: each name it imports from undici is on the stand-in', (file) => {
  const text = readFileSync(join(ROOT, file), 'utf8')
  // ESM's named imports, and CommonJS's properties of the required module.
  const imported = [...text.matchAll(/import \{([^}]+)\} from 'undici'/g)].flatMap(([, list]) =>
    list.split(',').map((name) => name.trim().split(/\s+as\s+/)[0])
  )
  const required = [...text.matchAll(/(\w+) = require\("undici"\)/g)].flatMap(([, binding]) =>
    [...text.matchAll(new RegExp(`\\b${binding}\\.(\\w+)`, 'g'))].map(([, name]) => name)
  )
  const names = [...imported, ...required]
  expect(names.length).toBeGreaterThan(0)
  for (const name of names) expect(typeof shim[name]).toBe('function')
})

test("once used, the stand-in's objects are undici's own", async () => {
  const ProxyAgent = shim.ProxyAgent as new (options: { uri: string }) => object
  const agent = new ProxyAgent({ uri: 'http://127.0.0.1:9' })
  expect(agent).toBeInstanceOf(real.ProxyAgent)
  await (agent as { close(): Promise<void> }).close()
  const fetch = shim.fetch as (url: string) => Promise<unknown>
  await expect(fetch('http://127.0.0.1:9/')).rejects.toThrow('fetch failed')
})
