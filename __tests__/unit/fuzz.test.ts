// A seeded fuzz test of every input and the proxy variables: run() in-process against the emulator with random
// garbage. Whatever it is given, the action never fails unexpectedly, always writes every output, prints no
// secret outside its masks and no workflow command of anyone else's making.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEndpoint } from '../../src/inputs/endpoint.js'
import { run } from '../../src/main.js'
import { TencentCloudEmulator } from '../../sandbox/emulator.js'
import { actionEnvironment, actionMetadata, parseOutputFile } from '../../sandbox/run-action.js'
import { seededRandom } from '../helpers/call-fixture.js'

const KEY = { secretId: 'AKIDfuzz', secretKey: 'fuzz-secret' }
const SEEDS = [1, 2, 3]
const RUNS_PER_SEED = 60
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY']

const PIECES = [
  '::',
  '::error::',
  '::stop-commands::x',
  '##[stop-commands]y',
  '##[',
  '\n',
  '\r',
  '\u001b[31m',
  '%',
  '%zz',
  '%41',
  '@',
  '/',
  ':',
  ' ',
  '\t',
  '"',
  '`',
  '|',
  '<',
  'ü',
  '证书',
  '\u2028',
  '\u0000',
  'true',
  'false',
  '0',
  '-1',
  '1e3',
  '600',
  '0.0001',
  'DNS',
  'http://',
  'https://',
  'user:pw@',
  '[::1]',
  'localhost',
  '127.0.0.1:1',
  'a'.repeat(3000)
]

function garbage(rng: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]
  const length = Math.floor(rng() * 6)
  let text = ''
  for (let i = 0; i < length; i++) text += rng() < 0.6 ? pick(PIECES) : String.fromCharCode(Math.floor(rng() * 0x3000))
  return text
}

let emulator: TencentCloudEmulator
let dir: string
const savedEnv = { ...process.env }
beforeAll(async () => {
  emulator = await TencentCloudEmulator.start({ rateLimit: 100_000 })
  emulator.addKey(KEY)
  dir = mkdtempSync(join(tmpdir(), 'fuzz-'))
})
afterAll(async () => {
  await emulator.close()
  rmSync(dir, { recursive: true, force: true })
})
afterEach(() => {
  process.env = { ...savedEnv }
  process.exitCode = undefined
})

/** Keeps a run quick and on loopback: garbage that happens to be a valid slow or remote setting is tamed. */
function tame(inputs: Record<string, string>): Record<string, string> {
  const tamed = { ...inputs }
  try {
    const endpoint = parseEndpoint('endpoint', tamed.endpoint)
    if (!/^(127\.|localhost|\[::1\])/.test(endpoint.host)) tamed.endpoint = emulator.endpoint
  } catch {
    // Refused before anything is sent: exactly what is being fuzzed.
  }
  if (Number(tamed['max-attempts'].trim()) > 2) tamed['max-attempts'] = '2'
  if (Number(tamed['request-timeout'].trim()) < 1) tamed['request-timeout'] = '5'
  // Files go under the test's folder, whatever characters the garbage path holds.
  if (tamed['download-dir'].trim()) tamed['download-dir'] = join(dir, 'downloads', tamed['download-dir'])
  return tamed
}

test.each(SEEDS)('seed %i: garbage in every input and proxy variable never breaks the action', async (seed) => {
  const rng = seededRandom(seed)
  const declared = actionMetadata().inputs
  const outputNames = Object.keys(actionMetadata().outputs).sort()
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary') }

  for (let i = 0; i < RUNS_PER_SEED; i++) {
    const id = `fuzz${seed}x${i}`
    emulator.addCertificate({ CertificateId: id, settleAfterReads: 1 })
    const secrets = { 'secret-id': `${KEY.secretId}`, 'secret-key': KEY.secretKey, 'session-token': '' }
    const base: Record<string, string> = {
      ...Object.fromEntries(Object.entries(declared).map(([name, spec]) => [name, spec.default ?? ''])),
      'certificate-id': id,
      endpoint: emulator.endpoint,
      ...secrets
    }
    // Some runs are mostly garbage, some nearly valid, so that garbage reaches the network paths too.
    const chance = [0.02, 0.05, 0.3][i % 3]
    const inputs: Record<string, string> = {}
    for (const name of Object.keys(declared)) inputs[name] = rng() < chance ? garbage(rng) : base[name]
    // Secrets carry a marker, so that finding one in the log cannot be a coincidence.
    const fuzzedSecrets = ['secret-key', 'session-token'].filter(
      (name) => inputs[name] !== base[name] && inputs[name].trim().length > 0
    )
    for (const name of fuzzedSecrets) inputs[name] = `SeCrEt${i}${inputs[name]}`
    const env: Record<string, string> = { no_proxy: '*' }
    for (const name of PROXY_VARIABLES)
      if (rng() < chance) env[name] = rng() < 0.5 ? `http://user:PaSsWoRd${i}${garbage(rng)}@127.0.0.1:1` : garbage(rng)

    writeFileSync(files.output, '')
    writeFileSync(files.summary, '')
    process.env = actionEnvironment(tame(inputs), files, env)
    let log = ''
    const write = process.stdout.write.bind(process.stdout)
    process.stdout.write = (chunk: string | Uint8Array) => ((log += chunk.toString()), true)
    try {
      await run()
    } finally {
      process.stdout.write = write
    }
    const context = `seed ${seed}, run ${i}: ${JSON.stringify({ inputs: tame(inputs), env })}`
    const outputs = parseOutputFile(readFileSync(files.output, 'utf8'))
    expect([context, Object.keys(outputs).sort()]).toEqual([context, outputNames])
    expect([context, log.includes('unexpectedly')]).toEqual([context, false])
    const lines = log.split('\n')
    const foreignCommands = lines.filter(
      (line) =>
        // The folds of a single certificate's steps are the action's own: a checked ID and a step name.
        (/^\s*::/.test(line) &&
          !/^::(add-mask|error|warning|debug)::/.test(line) &&
          !/^::(group::Certificate [\w-]+: [a-z]+|endgroup::)$/.test(line)) ||
        (line.includes('##[') && !line.startsWith('::add-mask::'))
    )
    expect([context, foreignCommands]).toEqual([context, []])
    const unmasked = lines.filter((line) => !line.startsWith('::add-mask::')).join('\n')
    if (fuzzedSecrets.length > 0) expect([context, unmasked.includes(`SeCrEt${i}`)]).toEqual([context, false])
    expect([context, unmasked.includes(`PaSsWoRd${i}`)]).toEqual([context, false])
    process.exitCode = undefined
  }
  // The garbage reached the emulator in a fair share of runs, not only the input checks.
  const sent = new Set(
    emulator.requests
      .map((r) => (typeof r.params.CertificateId === 'string' ? r.params.CertificateId : ''))
      .filter((c) => c.startsWith(`fuzz${seed}x`))
  )
  expect(sent.size).toBeGreaterThan(RUNS_PER_SEED / 10)
})
