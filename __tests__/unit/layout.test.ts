// The tree shows the flow, and dependencies point one way. main.ts composes: the inputs, the flow, the steps and the
// report. Each step is a folder of its own under steps/, which uses the flow's step interface, the API layer and the
// support code, and another step only where named below. The flow knows no step; the API layer knows no step and no
// flow; the support code uses nothing. No file imports itself back through any path.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { ROOT } from '../../sandbox/run-action.js'

const SRC = join(ROOT, 'src')
const BELOW = ['api', 'support']
const STEP = ['flow', ...BELOW]
const USES: Readonly<Record<string, readonly string[]>> = {
  '.': ['inputs', 'flow', 'steps', 'report', 'alert', 'served', 'steps/served', ...BELOW],
  // The alert issue, through the GitHub API: it knows the hosts' entries, and no step.
  alert: ['served', ...BELOW],
  // The inputs read each step's settings with the step's own reader.
  inputs: [
    'alert',
    'steps',
    'steps/information',
    'steps/order',
    'steps/validation',
    'steps/wait',
    'steps/files',
    'steps/switch',
    'steps/renewal',
    ...BELOW
  ],
  // The table of certificates says what became of each one's information in the information step's words.
  report: ['steps', 'steps/information', 'steps/served', 'served', 'alert', 'flow', ...BELOW],
  steps: [
    'steps/caa',
    'steps/files',
    'steps/information',
    'steps/order',
    'steps/renewal',
    'steps/switch',
    'steps/validation',
    'steps/wait',
    'steps/served',
    ...STEP
  ],
  'steps/information': STEP,
  // CAA is looked up where dns-provider's settings say (dns-nameservers).
  'steps/caa': ['steps/validation/dns', ...STEP],
  'steps/order': STEP,
  'steps/validation': ['steps/validation/publishers', 'steps/validation/dns', ...STEP],
  // DNS validation: the rules of writing at a provider (through its API), records proven at the zone's nameservers,
  // CAA read; the codes are validation's.
  'steps/validation/dns': ['steps/validation', 'dns', 'flow', ...BELOW],
  // A publisher that writes files fails as the files step does when a file cannot be written (WriteFailed); the DNS
  // publisher writes through the provider's writer.
  'steps/validation/publishers': ['steps/validation', 'steps/validation/dns', 'steps/files', 'flow', ...BELOW],
  // The DNS providers' APIs, each through its official SDK, on the API layer's transport: they know no step.
  dns: BELOW,
  // What a host serves, read over TLS: it knows no step.
  served: BELOW,
  // The served check reads a certificate's leaf as the files step does (its key masked), and the switch's resources.
  'steps/served': ['served', 'steps/files', 'steps/switch', ...STEP],
  'steps/wait': STEP,
  'steps/files': STEP,
  // The switch says, as the files do, why nothing was done for a certificate not issued.
  'steps/switch': ['steps/files', ...STEP],
  // A renewal carries its newest certificate through the other steps' settings, and checks names and bound resources.
  'steps/renewal': ['steps/information', 'steps/order', 'steps/switch', 'steps/files', 'steps/validation', ...STEP],
  flow: BELOW,
  api: ['support'],
  support: []
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []
  )
}

// The answers' parsers are the API layer's, one file per subject.
const folderOf = (file: string): string => dirname(relative(SRC, file)).replace(/^api\/answers$/, 'api')
const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)].map(([, specifier]) =>
    resolve(dirname(file), `${specifier}.ts`)
  )

test('every source file is in one of the folders', () => {
  for (const file of sources(SRC)) expect(Object.keys(USES)).toContain(folderOf(file))
})

test('each folder imports only the folders it may use', () => {
  const forbidden: string[] = []
  for (const file of sources(SRC)) {
    for (const target of importsOf(file)) {
      const [from, to] = [folderOf(file), folderOf(target)]
      if (from !== to && !USES[from].includes(to))
        forbidden.push(`${relative(SRC, file)} imports ${relative(SRC, target)}`)
    }
  }
  expect(forbidden).toEqual([])
})

test('no import circle anywhere in src/, type imports included', () => {
  const graph = new Map(sources(SRC).map((file) => [file, importsOf(file)]))
  const circles: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (file: string, path: string[]): void => {
    if (state.get(file) === 'done') return
    if (state.get(file) === 'visiting') {
      circles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' → '))
      return
    }
    state.set(file, 'visiting')
    for (const target of graph.get(file) ?? []) visit(target, [...path, file])
    state.set(file, 'done')
  }
  for (const file of graph.keys()) visit(file, [])
  expect(circles).toEqual([])
})

test('every step folder gives the flow its step in its room, and the list names each room once', () => {
  const list = readFileSync(join(SRC, 'steps', 'index.ts'), 'utf8')
  const folders = readdirSync(join(SRC, 'steps'), { withFileTypes: true }).filter((entry) => entry.isDirectory())
  for (const folder of folders) {
    const step = join(SRC, 'steps', folder.name, 'step.ts')
    expect(readFileSync(step, 'utf8')).toMatch(/export function \w+Step\(job: Job\)/)
    expect(list.match(new RegExp(`from './${folder.name}/room.js'`, 'g'))).toHaveLength(1)
  }
})
