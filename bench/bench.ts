// `npm run bench`: one table of figures, no pass or fail. The action's cold start next to the SDK alone and bare
// node; 150 submissions through four networks (the emulator adds arrival jitter and a constant delay), counted as
// the server counts them; 1,000 certificates submitted and waited on until issued; peak memory; the bundle's size.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { TencentCloudEmulator } from '../sandbox/emulator.js'
import { actionEnvironment, ENTRY, ROOT, runAction, type ActionRun } from '../sandbox/run-action.js'

const KEY = { secretId: 'AKIDbench', secretKey: 'bench-secret' }
const ROUNDS = 15
const SUBMISSIONS = 150
const FLEET = 1000
const ISSUED_AFTER_MS = 3000
const WAIT_INTERVAL_S = 5
const VALIDATING = 300

function timed(args: string[], env: Record<string, string>): Promise<number> {
  const started = process.hrtime.bigint()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: 'ignore'
    })
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0
        ? resolve(Number(process.hrtime.bigint() - started) / 1e6)
        : reject(new Error(`node ${args.join(' ')} exited with ${code}`))
    )
  })
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Samples the child's peak resident memory (VmHWM) until it exits; in MiB. */
function watchPeakRss(child: ChildProcess): () => number {
  let peakKiB = 0
  const timer = setInterval(() => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
      if (match) peakKiB = Math.max(peakKiB, Number(match[1]))
    } catch {
      // Exited between two samples: the last one stands.
    }
  }, 50)
  child.on('close', () => clearInterval(timer))
  return () => peakKiB / 1024
}

async function step(
  emulator: TencentCloudEmulator,
  inputs: Record<string, string>
): Promise<{ run: ActionRun; peakRssMiB: number }> {
  let peak = (): number => 0
  const run = await runAction(
    {
      endpoint: emulator.endpoint,
      'secret-id': KEY.secretId,
      'secret-key': KEY.secretKey,
      summary: 'false',
      ...inputs
    },
    {},
    { timeoutMs: 900_000, onStart: (child) => (peak = watchPeakRss(child)) }
  )
  return { run, peakRssMiB: peak() }
}

/** Admitted submissions as the server counts them: (arrivals − limit) over the span of arrivals, against the limit. */
function throughput(
  emulator: TencentCloudEmulator,
  action: string
): { admitted: number; throttled: number; share: number } {
  const calls = emulator.callsOf(action)
  const arrivals = calls
    .filter((call) => call.outcome === 'ok')
    .map((call) => call.at)
    .sort((a, b) => a - b)
  const rate = (arrivals.length - emulator.rateLimit) / ((arrivals[arrivals.length - 1] - arrivals[0]) / 1000)
  return {
    admitted: arrivals.length,
    throttled: calls.filter((call) => call.outcome === 'RequestLimitExceeded').length,
    share: rate / emulator.rateLimit
  }
}

const rows: string[][] = []
const row = (...cells: string[]): number => rows.push(cells)
const pct = (share: number): string => `${(share * 100).toFixed(1)}%`

console.log(`Node ${process.version} on ${process.platform}/${process.arch}; this takes a few minutes.\n`)

// Cold start: interleaved, so that a busy moment of the machine hits all three alike.
{
  const emulator = await TencentCloudEmulator.start()
  emulator.addKey(KEY)
  const scratch = mkdtempSync(join(tmpdir(), 'bench-'))
  const files = { output: join(scratch, 'output'), summary: join(scratch, 'summary') }
  for (const file of Object.values(files)) writeFileSync(file, '')
  let counter = 0
  const fresh = (): string => {
    const id = `cold${++counter}`
    emulator.addCertificate({ CertificateId: id })
    return id
  }
  const samples = { node: [] as number[], sdk: [] as number[], action: [] as number[] }
  try {
    for (let round = 0; round < ROUNDS; round++) {
      samples.node.push(await timed(['-e', ''], {}))
      const sdkEnv = {
        BENCH_ENDPOINT: emulator.endpoint,
        BENCH_SECRET_ID: KEY.secretId,
        BENCH_SECRET_KEY: KEY.secretKey,
        BENCH_CERTIFICATE_ID: fresh()
      }
      samples.sdk.push(await timed([join(ROOT, 'bench', 'sdk-alone.mjs')], sdkEnv))
      const inputs = {
        'certificate-id': fresh(),
        'verify-type': 'DNS_AUTO',
        endpoint: emulator.endpoint,
        'secret-id': KEY.secretId,
        'secret-key': KEY.secretKey,
        summary: 'false'
      }
      samples.action.push(await timed([ENTRY], actionEnvironment(inputs, files)))
    }
  } finally {
    await emulator.close()
    rmSync(scratch, { recursive: true, force: true })
  }
  const [node, sdk, action] = [median(samples.node), median(samples.sdk), median(samples.action)]
  row('cold start, bare node', `${node.toFixed(0)} ms`, `median of ${ROUNDS}`)
  row('cold start, SDK alone', `${sdk.toFixed(0)} ms`, '')
  row(
    'cold start, the action',
    `${action.toFixed(0)} ms`,
    `${(action / sdk).toFixed(2)}x the SDK alone (aim: 1.2x or less)`
  )
}

// Pacing: 150 submissions in one step through four networks.
for (const [name, network, aim] of [
  ['no added delay', { arrivalJitterMs: 0, oneWayDelayMs: 0 }, 0.97],
  ['0–50 ms jitter', { arrivalJitterMs: 50, oneWayDelayMs: 0 }, 0.94],
  ['0–100 ms jitter', { arrivalJitterMs: 100, oneWayDelayMs: 0 }, 0.9],
  ['200 ms round trip + 0–50 ms jitter', { arrivalJitterMs: 50, oneWayDelayMs: 100 }, 0.92]
] as const) {
  const emulator = await TencentCloudEmulator.start(network)
  try {
    emulator.addKey(KEY)
    const ids = Array.from({ length: SUBMISSIONS }, (_, i) => `pace${i}`)
    for (const id of ids) emulator.addCertificate({ CertificateId: id })
    const { run, peakRssMiB } = await step(emulator, { 'certificate-id': ids.join('\n'), 'verify-type': 'DNS_AUTO' })
    const { admitted, throttled, share } = throughput(emulator, 'CommitCertificateInformation')
    row(
      `${SUBMISSIONS} submissions, ${name}`,
      pct(share),
      `of the limit (aim ${pct(aim)}); throttled ${throttled}; ${admitted} admitted; exit ${run.exitCode}; peak RSS ${peakRssMiB.toFixed(0)} MiB`
    )
  } finally {
    await emulator.close()
  }
}

// Waiting: 1,000 certificates submitted and waited on until issued, each a few seconds after its submission.
{
  const emulator = await TencentCloudEmulator.start()
  try {
    emulator.addKey(KEY)
    const ids = Array.from({ length: FLEET }, (_, i) => `fleet${i}`)
    for (const id of ids) emulator.addCertificate({ CertificateId: id, settleAfterMs: ISSUED_AFTER_MS })
    const started = Date.now()
    const { run, peakRssMiB } = await step(emulator, {
      'certificate-id': ids.join('\n'),
      'verify-type': 'DNS_AUTO',
      'wait-for-issuance': 'true',
      'wait-interval': String(WAIT_INTERVAL_S)
    })
    const ended = started + run.elapsedMs
    const issued = JSON.parse(run.resultsFile || '[]') as { Status: number }[]
    const lastIssuance = Math.max(...ids.map((id) => emulator.certificate(id).submittedAt + ISSUED_AFTER_MS))
    const lists = emulator.callsOf('DescribeCertificates')
    const perSecond = new Map<number, number>()
    for (const call of lists)
      perSecond.set(Math.round(call.at / 1000), (perSecond.get(Math.round(call.at / 1000)) ?? 0) + 1)
    const perRound = Math.max(...perSecond.values())
    const details = emulator.callsOf('DescribeCertificateDetail').length
    const { share, throttled } = throughput(emulator, 'CommitCertificateInformation')
    row(
      `${FLEET} certificates, wait until issued`,
      `${(run.elapsedMs / 1000).toFixed(0)} s`,
      `exit ${run.exitCode}; ${issued.filter((r) => r.Status === 1).length} issued; submissions at ${pct(share)} of the limit, throttled ${throttled}`
    )
    row('  list calls', `${lists.length}`, `at most ${perRound} per round (aim: ${Math.ceil(FLEET / 1000)})`)
    row('  detail reads', `${details}`, `${(details / FLEET).toFixed(2)} per certificate (aim: 1.1 or less)`)
    row(
      '  last issuance to end',
      `${((ended - lastIssuance) / 1000).toFixed(1)} s`,
      `aim: wait-interval + 2 s = ${WAIT_INTERVAL_S + 2} s or less`
    )
    row(
      '  peak RSS',
      `${peakRssMiB.toFixed(0)} MiB`,
      `progress lines in the log: ${run.log.split('\n').filter((line) => line.startsWith('Progress: ')).length}`
    )
  } finally {
    await emulator.close()
  }
}

// Validation: 300 certificates waiting on DNS validation, each record found at its second check: the checks are paced
// on their own limit, beside the status rounds, which go on as before.
{
  const emulator = await TencentCloudEmulator.start()
  try {
    emulator.addKey(KEY)
    const ids = Array.from({ length: VALIDATING }, (_, i) => `dcv${i}`)
    for (const id of ids)
      emulator.addCertificate({ CertificateId: id, validation: { records: { placedAfterChecks: 2 } } })
    const { run } = await step(emulator, {
      'certificate-id': ids.join('\n'),
      'verify-type': 'DNS',
      'wait-for-issuance': 'true',
      'wait-interval': String(WAIT_INTERVAL_S),
      'wait-timeout': '600'
    })
    const checks = emulator.callsOf('CheckCertificateDomainVerification')
    const rounds = Math.max(1, Math.ceil(run.elapsedMs / 1000 / WAIT_INTERVAL_S))
    const perCertificate = new Map<string, number[]>()
    for (const call of checks) {
      const id = String(call.params.CertificateId)
      perCertificate.set(id, [...(perCertificate.get(id) ?? []), call.at])
    }
    const closest = Math.min(
      ...[...perCertificate.values()].flatMap((at) => at.slice(1).map((time, index) => time - at[index]))
    )
    const throttled = checks.filter((call) => call.outcome === 'RequestLimitExceeded').length
    const lists = emulator.callsOf('DescribeCertificates').length
    const issued = (JSON.parse(run.resultsFile || '[]') as { Status: number }[]).filter((r) => r.Status === 1).length
    row(
      `${VALIDATING} certificates, DNS validation`,
      `${(run.elapsedMs / 1000).toFixed(0)} s`,
      `exit ${run.exitCode}; ${issued} issued; ${emulator.callsOf('CompleteCertificate').length} CompleteCertificate`
    )
    row(
      '  domain checks',
      `${checks.length}`,
      `${(checks.length / rounds).toFixed(0)} per round of ${WAIT_INTERVAL_S} s; closest two of one certificate ${(closest / 1000).toFixed(1)} s apart (aim: ${WAIT_INTERVAL_S} s or more); throttled ${throttled} (aim: 0)`
    )
    row('  list calls', `${lists}`, `${(lists / rounds).toFixed(1)} per round (aim: 1)`)
  } finally {
    await emulator.close()
  }
}

// The chunks are node-forge and fflate, loaded only when a step writes a PFX or reads DownloadCertificate's ZIP.
const chunks = readdirSync(dirname(ENTRY)).filter((file) => /^\d+\.index\.js$/.test(file))
const chunkKiB = chunks.reduce((sum, file) => sum + statSync(join(dirname(ENTRY), file)).size, 0) / 1024
row(
  'dist/index.js',
  `${(statSync(ENTRY).size / 1024).toFixed(0)} KiB`,
  `and ${chunks.length} chunks loaded on demand, ${chunkKiB.toFixed(0)} KiB`
)

const widths = [0, 1].map((i) => Math.max(...rows.map((cells) => cells[i].length)))
for (const [label, value, note] of rows)
  console.log(`${label.padEnd(widths[0])}  ${value.padStart(widths[1])}  ${note}`)
