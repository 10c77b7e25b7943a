// `npm run bench`: one table of figures, no pass or fail. The action's cold start next to the SDK alone and bare
// node; 150 submissions through four networks (the emulator adds arrival jitter and a constant delay), counted as
// the server counts them; 1,000 certificates submitted and waited on until issued; peak memory; the bundle's size.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { TencentCloudEmulator } from '../sandbox/emulator.js'
import { DnsSandbox, type SandboxProvider } from '../sandbox/dns-sandbox.js'
import { RATE_LIMITS } from '../src/steps/validation/dns/records.js'
import { actionEnvironment, ENTRY, ROOT, runAction, type ActionRun } from '../sandbox/run-action.js'
import { sandboxTrust, servedIdentity, TlsHosts } from '../sandbox/tls-hosts.js'

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

// `npm run bench -- dns` (or cold, pacing, waiting, validation, served) runs that part alone.
const only = process.argv[2]
const wanted = (part: string): boolean => only === undefined || only === part

// Cold start: interleaved, so that a busy moment of the machine hits all three alike.
if (wanted('cold')) {
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
for (const [name, network, aim] of !wanted('pacing')
  ? []
  : ([
      ['no added delay', { arrivalJitterMs: 0, oneWayDelayMs: 0 }, 0.97],
      ['0–50 ms jitter', { arrivalJitterMs: 50, oneWayDelayMs: 0 }, 0.94],
      ['0–100 ms jitter', { arrivalJitterMs: 100, oneWayDelayMs: 0 }, 0.9],
      ['200 ms round trip + 0–50 ms jitter', { arrivalJitterMs: 50, oneWayDelayMs: 100 }, 0.92]
    ] as const)) {
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
if (wanted('waiting')) {
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
if (wanted('validation')) {
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

// DNS providers: 100 certificates of 2 names each, their records written at each provider's emulated API (all four
// at once, each with its own nameservers and limit), seen 2 s after each write, the CA asked, issued, removed.
if (wanted('dns')) {
  const DNS_CERTIFICATES = 100
  const PROPAGATION_MS = 2000
  const providers: SandboxProvider[] = ['cloudflare', 'alidns', 'route53', 'dnspod']
  const figures = await Promise.all(
    providers.map(async (provider) => {
      const sandbox = await DnsSandbox.start({ propagationMs: PROPAGATION_MS })
      const emulator = await TencentCloudEmulator.start({ dns: sandbox.dns })
      try {
        emulator.addKey(KEY)
        emulator.dnspod!.addZone('example.com')
        const ids = Array.from({ length: DNS_CERTIFICATES }, (_, i) => `${provider}${i}`)
        for (const id of ids)
          emulator.addCertificate({
            CertificateId: id,
            altNames: [`a${id}.example.com`, `b${id}.example.com`],
            validation: { records: 'at-dns' }
          })
        const run = await runAction(
          {
            endpoint: emulator.endpoint,
            'secret-id': KEY.secretId,
            'secret-key': KEY.secretKey,
            summary: 'false',
            'certificate-id': ids.join('\n'),
            'verify-type': 'DNS',
            'wait-for-issuance': 'true',
            'wait-interval': String(WAIT_INTERVAL_S),
            'wait-timeout': '1200',
            ...sandbox.inputsFor(provider, emulator.endpoint)
          },
          sandbox.envFor(provider),
          { timeoutMs: 1_200_000 }
        )
        const results = JSON.parse(run.resultsFile || run.outputs.Results || '[]') as {
          Status: number
          ErrorCode?: string
          ErrorMessage?: string
        }[]
        const issued = results.filter((result) => result.Status === 1).length
        const failure = results.find((result) => result.ErrorCode)
        // The provider's requests as it counts them, and the zone lookups among them.
        const log =
          provider === 'dnspod'
            ? emulator.requests
                .filter((request) =>
                  [
                    'DescribeDomainList',
                    'DescribeRecordList',
                    'CreateRecord',
                    'ModifyRecordRemark',
                    'DeleteRecord'
                  ].includes(request.action)
                )
                .map((request) => ({
                  action: request.action,
                  at: request.at,
                  throttled: request.outcome === 'RequestLimitExceeded'
                }))
            : sandbox[provider].requests.map((request) => ({
                action: request.action,
                at: request.at,
                throttled: request.outcome === 'throttled' || /Throttling|^971$/.test(request.outcome)
              }))
        const zoneReads = log.filter((request) =>
          ['GET /zones', 'DescribeDomains', 'ListHostedZones', 'DescribeDomainList'].includes(request.action)
        ).length
        // CompleteCertificate after the last nameserver showed the certificate's last record.
        const delays = ids.map((id) => {
          const names = [`_dnsauth.a${id.toLowerCase()}.example.com`, `_dnsauth.b${id.toLowerCase()}.example.com`]
          const visible = Math.max(
            ...sandbox.dns.records
              .filter((record) => names.includes(record.name))
              .map((record) => record.writtenAt + PROPAGATION_MS)
          )
          const asked =
            emulator.callsOf('CompleteCertificate').find((call) => call.params.CertificateId === id)?.at ?? Infinity
          return asked - visible
        })
        const left = sandbox.dns.live().filter((record) => record.type === 'TXT').length
        return {
          provider,
          run,
          issued,
          failure,
          log,
          zoneReads,
          delays,
          left
        }
      } finally {
        await emulator.close()
        await sandbox.close()
      }
    })
  )
  for (const { provider, run, issued, failure, log, zoneReads, delays, left } of figures) {
    const limit = RATE_LIMITS[provider]
    // The most requests the provider saw in any window of its limit.
    const times = log.map((request) => request.at).sort((a, b) => a - b)
    let peak = 0
    for (let start = 0, end = 0; end < times.length; end++) {
      while (times[end] - times[start] >= limit.windowMs) start++
      peak = Math.max(peak, end - start + 1)
    }
    row(
      `${DNS_CERTIFICATES} certificates × 2 names, ${provider}`,
      `${(run.elapsedMs / 1000).toFixed(0)} s`,
      `exit ${run.exitCode}; ${issued} issued; ${log.length} provider requests, throttled ${log.filter((r) => r.throttled).length} (aim: 0)`
    )
    if (failure) row('  first failure', failure.ErrorCode ?? '', (failure.ErrorMessage ?? '').slice(0, 300))
    row(
      '  provider rate',
      `${peak}`,
      `requests in the busiest ${limit.windowMs / 1000} s (limit ${limit.requests}); zone lookups ${zoneReads} (aim: 1); records left ${left} (aim: 0)`
    )
    row(
      '  CompleteCertificate after visible',
      `${(Math.max(...delays) / 1000).toFixed(1)} s`,
      `at most, after the last nameserver showed a certificate's records (aim: 2 s or less); median ${(median(delays) / 1000).toFixed(1)} s`
    )
  }
}

if (wanted('served')) {
  // A watch of 200 hosts, each handshake answered 100 ms late as across a network: at most 20 at once, so about ten
  // handshake times; and the same watch of 20 hosts, for the memory.
  const HANDSHAKE_MS = 100
  for (const count of [20, 200]) {
    const tls = await TlsHosts.start({ handshakeDelayMs: HANDSHAKE_MS })
    try {
      const names = Array.from({ length: count }, (_, i) => `h${i}.watch.example`)
      for (const name of names) tls.serve(name, servedIdentity([name], { days: 90 }))
      let peak = (): number => 0
      const run = await runAction(
        {
          'verify-hosts': names.join('\n'),
          'verify-connect-to': names.map((name) => `${name}:443:127.0.0.1:${tls.port}`).join('\n'),
          summary: 'false'
        },
        { NODE_EXTRA_CA_CERTS: sandboxTrust().file },
        { timeoutMs: 120_000, onStart: (child) => (peak = watchPeakRss(child)) }
      )
      const served = (JSON.parse(run.outputs.ServedHosts) as { State: string }[]).filter((h) => h.State === 'serving')
      row(
        `watch of ${count} hosts, ${HANDSHAKE_MS} ms handshakes`,
        `${(run.elapsedMs / 1000).toFixed(2)} s`,
        `exit ${run.exitCode}; ${served.length} serving; at most ${tls.peakHandshakes} handshakes at once (bound 20); ` +
          `${(run.elapsedMs / HANDSHAKE_MS).toFixed(0)} handshake times with the process's start; peak RSS ${peak().toFixed(0)} MiB`
      )
    } finally {
      await tls.close()
    }
  }
}

// The chunks: node-forge and fflate, loaded only when a step writes a PFX or reads DownloadCertificate's ZIP; each DNS
// provider's SDK, loaded only when it is used.
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
