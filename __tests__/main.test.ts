// run() in-process, as the runner would start it, against the emulator: the orchestration in main.ts (sign-in,
// submit, publish, and the failure paths) measured by coverage, which the subprocess end-to-end tests cannot be.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../src/main.js'
import { TencentCloudEmulator } from '../sandbox/emulator.js'
import { actionEnvironment, parseOutputFile } from '../sandbox/run-action.js'

const KEY = { secretId: 'AKIDmain', secretKey: 'main-secret' }
const ROLE_ARN = 'qcs::cam::uin/100000000001:roleName/deploy'
let emulator: TencentCloudEmulator
let dir: string
let files: { output: string; summary: string }
let counter = 0
const savedEnv = { ...process.env }

beforeAll(async () => {
  emulator = await TencentCloudEmulator.start()
  emulator.addKey(KEY)
  emulator.identity.addProvider({ providerId: 'github', account: '100000000001', audiences: ['sts.tencentcloudapi.com'] })
  emulator.identity.addRole({ roleArn: ROLE_ARN, account: '100000000001', providerId: 'github', allowedSubjects: ['repo:octo-org/app:*'] })
  // @actions/core remembers the summary file of its first write, so one pair of files serves every test.
  dir = mkdtempSync(join(tmpdir(), 'main-test-'))
  files = { output: join(dir, 'output'), summary: join(dir, 'summary') }
})
afterAll(async () => {
  await emulator.close()
  rmSync(dir, { recursive: true, force: true })
})
afterEach(() => {
  process.env = { ...savedEnv }
  process.exitCode = undefined
})

/** Runs the action in this process with the runner's environment; returns what a workflow would see. */
async function runInProcess(inputs: Record<string, string>, env: Record<string, string> = {}) {
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  process.env = actionEnvironment({ endpoint: emulator.endpoint, 'secret-id': KEY.secretId, 'secret-key': KEY.secretKey, ...inputs }, files, env)
  let log = ''
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = (chunk: string | Uint8Array) => ((log += chunk.toString()), true)
  try {
    await run()
  } finally {
    process.stdout.write = write
  }
  return { exitCode: process.exitCode ?? 0, log, outputs: parseOutputFile(readFileSync(files.output, 'utf8')), summary: readFileSync(files.summary, 'utf8') }
}

/** A keyless step: a role instead of a key pair, with STS on the sandbox. */
function keyless(certificateIds: string): Record<string, string> {
  return {
    'certificate-id': certificateIds,
    'secret-id': '',
    'secret-key': '',
    'role-arn': ROLE_ARN,
    'oidc-provider-id': 'github',
    'sts-endpoint': emulator.endpoint
  }
}

function certificate(): string {
  const id = `main${++counter}`
  emulator.addCertificate({ CertificateId: id })
  return id
}

test('submits and publishes outputs and summary', async () => {
  const id = certificate()
  const result = await runInProcess({ 'certificate-id': id, 'verify-type': 'DNS' }, { RUNNER_DEBUG: '1' })
  expect(result.exitCode).toBe(0)
  expect(result.outputs).toMatchObject({ OrderId: emulator.certificate(id).OrderId, Status: '0', ErrorCode: '' })
  expect(result.summary).toContain(`| \`${id}\``)
  expect(result.log).toContain('::debug::Settings: region (none)')
})

test('an input problem: every output set, the summary says nothing was sent, the job fails', async () => {
  const result = await runInProcess({ 'certificate-id': 'main-bad', language: 'fr' })
  expect(result.exitCode).toBe(1)
  expect(result.outputs.ErrorCode).toBe('ActionError.InvalidInput')
  expect(JSON.parse(result.outputs.Results)).toEqual([expect.objectContaining({ CertificateId: 'main-bad', ErrorCode: 'ActionError.InvalidInput' })])
  expect(result.summary).toContain('Nothing was sent')
  expect(result.log).toMatch(/::error::language "fr" is not allowed.*Nothing was sent to Tencent Cloud\./)
})

test('summary: false on an input problem writes no summary', async () => {
  const result = await runInProcess({ 'certificate-id': '', summary: 'false' })
  expect(result.summary).toBe('')
  expect(result.outputs.Results).toBe('[]')
})

test('keyless: signs in through the OIDC token endpoint and STS, then submits', async () => {
  const id = certificate()
  const oidc = { ...emulator.oidcEnvironment, GITHUB_REPOSITORY: 'octo-org/app', GITHUB_RUN_ID: '9' }
  const result = await runInProcess(keyless(id), oidc)
  expect(result.exitCode).toBe(0)
  expect(emulator.certificate(id).submissions).toBe(1)
  expect(result.log).toContain(`Signed in with role ${ROLE_ARN} as session octo-org@app-9`)
})

test('a failed sign-in gives every certificate a result naming it, and submits nothing', async () => {
  const [a, b] = [certificate(), certificate()]
  const oidc = { ...emulator.oidcEnvironment, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'wrong-bearer' }
  const result = await runInProcess(keyless(`${a},${b}`), oidc)
  expect(result.exitCode).toBe(1)
  const results = JSON.parse(result.outputs.Results) as { CertificateId: string; ErrorCode: string; ErrorMessage: string }[]
  expect(results.map((r) => [r.CertificateId, r.ErrorCode])).toEqual([
    [a, 'ActionError.OidcTokenUnavailable'],
    [b, 'ActionError.OidcTokenUnavailable']
  ])
  expect(results[0].ErrorMessage).toBe('not submitted: signing in failed (see the error)')
  expect(result.log).toMatch(
    /::error::Signing in with role .* failed, so nothing was submitted: ActionError.OidcTokenUnavailable: the job's GitHub OIDC token could not be obtained/
  )
  expect(result.summary).toContain('**Signing in failed, so nothing was submitted.**')
  expect(emulator.certificate(a).submissions + emulator.certificate(b).submissions).toBe(0)
})

test('through a proxy, the log names it without its credentials', async () => {
  const result = await runInProcess(
    { 'certificate-id': certificate(), endpoint: 'https://ssl.tencentcloudapi.com', 'max-attempts': '1', 'request-timeout': '2' },
    {
      HTTPS_PROXY: 'http://user:pw@127.0.0.1:9'
    }
  )
  // Nothing listens on port 9: the point is what the log says before the connection fails.
  expect(result.log).toContain('through the proxy http://127.0.0.1:9')
  expect(result.log.replace(/^::add-mask::.*$/gm, '')).not.toContain('user:pw')
  expect(result.outputs.ErrorCode).toMatch(/^ActionError\./)
})
