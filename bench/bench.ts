// `npm run bench`: the action's cold start next to the SDK alone and bare node, a 100-certificate step's
// throughput against the 10 requests/second limit, and the bundle's size. Figures only; no pass or fail.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TencentCloudEmulator } from '../sandbox/emulator.js'
import { actionEnvironment, ENTRY, ROOT, runAction } from '../sandbox/run-action.js'

const KEY = { secretId: 'AKIDbench', secretKey: 'bench-secret' }
const ROUNDS = 15

function timed(args: string[], env: Record<string, string>): Promise<number> {
  const started = process.hrtime.bigint()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'ignore' })
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(Number(process.hrtime.bigint() - started) / 1e6) : reject(new Error(`node ${args.join(' ')} exited with ${code}`))
    )
  })
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const ms = (value: number): string => `${value.toFixed(0).padStart(5)} ms`

const scratch = mkdtempSync(join(tmpdir(), 'bench-'))
for (const file of ['output', 'summary']) writeFileSync(join(scratch, file), '')
const emulator = await TencentCloudEmulator.start()
emulator.addKey(KEY)
let counter = 0
const freshCertificate = (): string => {
  const id = `bench${++counter}`
  emulator.addCertificate({ CertificateId: id })
  return id
}

try {
  console.log(`Node ${process.version} on ${process.platform}/${process.arch}\n`)

  // Cold start: interleaved, so that a busy moment of the machine hits all three alike.
  const samples = { node: [] as number[], sdk: [] as number[], action: [] as number[] }
  for (let round = 0; round < ROUNDS; round++) {
    samples.node.push(await timed(['-e', ''], {}))
    samples.sdk.push(
      await timed([join(ROOT, 'bench', 'sdk-alone.mjs')], {
        BENCH_ENDPOINT: emulator.endpoint,
        BENCH_SECRET_ID: KEY.secretId,
        BENCH_SECRET_KEY: KEY.secretKey,
        BENCH_CERTIFICATE_ID: freshCertificate()
      })
    )
    const files = { output: join(scratch, 'output'), summary: join(scratch, 'summary') }
    const inputs = {
      'certificate-id': freshCertificate(),
      'verify-type': 'DNS_AUTO',
      endpoint: emulator.endpoint,
      'secret-id': KEY.secretId,
      'secret-key': KEY.secretKey,
      summary: 'false'
    }
    samples.action.push(await timed([ENTRY], actionEnvironment(inputs, files)))
  }
  const [node, sdk, action] = [median(samples.node), median(samples.sdk), median(samples.action)]
  console.log(`Cold start of one submission, median of ${ROUNDS} (spawn to exit):`)
  console.log(`  bare node                  ${ms(node)}`)
  console.log(`  SDK alone (sdk-alone.mjs)  ${ms(sdk)}`)
  console.log(`  the action (dist/index.js) ${ms(action)}   ${(action / sdk).toFixed(2)}x the SDK alone (aim: 1.2x or less)`)

  // Throughput: one step, 100 certificates, against the emulator's 10 requests/second per account and API.
  const ids = Array.from({ length: 100 }, freshCertificate)
  const first = emulator.requests.length
  const started = Date.now()
  const step = await runAction({
    'certificate-id': ids.join('\n'),
    'verify-type': 'DNS_AUTO',
    endpoint: emulator.endpoint,
    'secret-id': KEY.secretId,
    'secret-key': KEY.secretKey,
    summary: 'false'
  })
  const wall = Date.now() - started
  const submits = emulator.requests.slice(first).filter((r) => r.action === 'CommitCertificateInformation')
  const admitted = submits.filter((r) => r.outcome === 'ok')
  const span = (admitted[admitted.length - 1].at - admitted[0].at) / 1000
  const rate = (admitted.length - 1) / span
  console.log(`\n100-certificate step (exit code ${step.exitCode}):`)
  console.log(
    `  ${admitted.length} submissions in ${span.toFixed(2)} s = ${rate.toFixed(2)} requests/s = ${((rate / emulator.rateLimit) * 100).toFixed(1)}% of the ${emulator.rateLimit}/s limit (aim: 95% or better)`
  )
  console.log(`  throttled: ${submits.length - admitted.length}; whole step ${(wall / 1000).toFixed(2)} s including start-up`)

  console.log(`\ndist/index.js: ${(statSync(ENTRY).size / 1024).toFixed(0)} KiB`)
} finally {
  await emulator.close()
  rmSync(scratch, { recursive: true, force: true })
}
