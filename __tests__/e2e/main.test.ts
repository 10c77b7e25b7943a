// run() in-process, as the runner would start it, against the emulator: the orchestration in main.ts (sign-in,
// submit, publish, and the failure paths) measured by coverage, which the subprocess end-to-end tests cannot be.
import { DOCUMENTED_MESSAGES, TencentCloudEmulator, type EmulatedCertificate } from '../../sandbox/emulator.js'
import { runInProcess as runShared, seedKeyless } from '../helpers/e2e-helpers.js'
import { rendered } from '../helpers/markdown.js'

const KEY = { secretId: 'AKIDmain', secretKey: 'main-secret' }
const ROLE_ARN = 'qcs::cam::uin/100000000001:roleName/deploy'
let emulator: TencentCloudEmulator
let counter = 0

beforeAll(async () => {
  emulator = await TencentCloudEmulator.start()
  emulator.addKey(KEY)
  seedKeyless(emulator, { providerId: 'github', roleArn: ROLE_ARN, allowedSubjects: ['repo:octo-org/app:*'] })
})
afterAll(() => emulator.close())

/** Runs the action in this process against this suite's emulator, signed with its key. */
const runInProcess = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runShared({ endpoint: emulator.endpoint, 'secret-id': KEY.secretId, 'secret-key': KEY.secretKey, ...inputs }, env)

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

function certificate(overrides: Partial<EmulatedCertificate> = {}): string {
  const id = `main${++counter}`
  emulator.addCertificate({ CertificateId: id, ...overrides })
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
  expect(JSON.parse(result.outputs.Results)).toEqual([
    expect.objectContaining({ CertificateId: 'main-bad', ErrorCode: 'ActionError.InvalidInput' })
  ])
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
  const results = JSON.parse(result.outputs.Results) as {
    CertificateId: string
    ErrorCode: string
    ErrorMessage: string
  }[]
  expect(results.map((r) => [r.CertificateId, r.ErrorCode])).toEqual([
    [a, 'ActionError.OidcTokenUnavailable'],
    [b, 'ActionError.OidcTokenUnavailable']
  ])
  expect(results[0].ErrorMessage).toBe('not submitted: signing in failed (see the error)')
  expect(result.log).toMatch(
    /::error::Signing in with role .* failed, so nothing was submitted: ActionError.OidcTokenUnavailable: the job's GitHub OIDC token could not be obtained/
  )
  expect(rendered(result.summary)).toContain('<strong>Signing in failed, so nothing was submitted.</strong>')
  expect(emulator.certificate(a).submissions + emulator.certificate(b).submissions).toBe(0)
})

test('through a proxy, the log names it without its credentials', async () => {
  const result = await runInProcess(
    {
      'certificate-id': certificate(),
      endpoint: 'https://ssl.tencentcloudapi.com',
      'max-attempts': '1',
      'request-timeout': '2'
    },
    {
      HTTPS_PROXY: 'http://user:pw@127.0.0.1:9'
    }
  )
  // Nothing listens on port 9: the point is what the log says before the connection fails.
  expect(result.log).toContain('through the proxy http://127.0.0.1:9')
  expect(result.log.replace(/^::add-mask::.*$/gm, '')).not.toContain('user:pw')
  expect(result.outputs.ErrorCode).toMatch(/^ActionError\./)
})

describe('documented error codes fail the job once, clearly (in-process; two of them end to end in action.e2e)', () => {
  const injected = (code: string) => (id: string) =>
    emulator.injectFault({ action: 'CommitCertificateInformation', certificateId: id, fault: { type: 'error', code } })
  test.each<[string, (id: string) => void, Partial<EmulatedCertificate>, RegExp]>([
    ['FailedOperation.AuthError', injected('FailedOperation.AuthError'), {}, /ssl:CommitCertificateInformation/],
    [
      'FailedOperation.CertificateInvalid',
      injected('FailedOperation.CertificateInvalid'),
      {},
      /SSL Certificates console/
    ],
    ['FailedOperation.CertificateNotFound', () => {}, { account: '999999999999' }, /check certificate-id/],
    ['FailedOperation.InvalidParam', injected('FailedOperation.InvalidParam'), {}, /verify-type/],
    ['FailedOperation.NetworkError', injected('FailedOperation.NetworkError'), {}, /CA was busy/],
    ['FailedOperation.NoProjectPermission', injected('FailedOperation.NoProjectPermission'), {}, /project/],
    ['InternalError', injected('InternalError'), {}, /internally/],
    ['InternalError.BackendResponseError', injected('InternalError.BackendResponseError'), {}, /internally/],
    ['AuthFailure.UnauthorizedOperation', injected('AuthFailure.UnauthorizedOperation'), {}, /CAM denied/]
  ])('%s', async (code, arrange, overrides, hint) => {
    const id = certificate(overrides)
    arrange(id)
    const result = await runInProcess({ 'certificate-id': id, 'max-attempts': '1' })

    expect(result.exitCode).toBe(1)
    const errors = result.log.split('\n').filter((line) => line.startsWith('::error::'))
    expect(errors).toHaveLength(1)
    // The answer that decided: the last submission's (an earlier one may have been throttled by the suite's pace).
    const call = emulator.requests
      .filter((r) => r.params.CertificateId === id && r.action === 'CommitCertificateInformation')
      .at(-1)!
    expect(errors[0]).toContain(`Certificate ${id}: ${code}: ${DOCUMENTED_MESSAGES[code]}`)
    expect(errors[0]).toContain(`RequestId ${call.requestId}`)
    expect(errors[0]).toMatch(hint)
    expect(result.outputs).toMatchObject({ ErrorCode: code, RequestId: call.requestId })
    expect(result.summary).toContain(`| \`${id}\` | \`${code}\` |`)
    expect(emulator.certificate(id).submissions).toBe(0)
  })
})

describe('transient failures (in-process, with a backoff of milliseconds)', () => {
  const calls = (id: string, action: string) =>
    emulator.requests.filter((r) => r.action === action && r.params.CertificateId === id)

  test('rate limiting and a 502 are retried, then the order goes through once', async () => {
    // An account of its own: the earlier tests' submissions must not share the gateway's window with these.
    const alone = { secretId: 'AKIDmainAlone', secretKey: 'main-alone-secret', account: '100000000777' }
    emulator.addKey(alone)
    const id = certificate({ account: alone.account })
    emulator.injectFault({
      action: 'CommitCertificateInformation',
      certificateId: id,
      fault: { type: 'error', code: 'RequestLimitExceeded' }
    })
    emulator.injectFault({
      action: 'CommitCertificateInformation',
      certificateId: id,
      fault: { type: 'http', status: 502 }
    })
    const result = await runInProcess({
      'certificate-id': id,
      'secret-id': alone.secretId,
      'secret-key': alone.secretKey
    })
    expect(result.exitCode).toBe(0)
    const submits = calls(id, 'CommitCertificateInformation')
    expect(submits.map((c) => c.outcome)).toEqual(['RequestLimitExceeded', 'http', 'ok'])
    expect(result.log.match(/retrying in \d+ ms/g)).toHaveLength(2)
    expect(result.outputs.RequestId).toBe(submits[2].requestId)
    expect(emulator.certificate(id).submissions).toBe(1)
  })

  test('attempts exhausted: the last error fails the job after reading the certificate back', async () => {
    const id = certificate()
    emulator.injectFault({
      action: 'CommitCertificateInformation',
      certificateId: id,
      times: 3,
      fault: { type: 'error', code: 'InternalError' }
    })
    const result = await runInProcess({ 'certificate-id': id, 'max-attempts': '3' })
    expect(result.exitCode).toBe(1)
    // Throttled tries cost no attempt: the earlier tests' calls may still fill the emulator's one-second window.
    const attempts = calls(id, 'CommitCertificateInformation').filter((c) => c.outcome !== 'RequestLimitExceeded')
    expect(attempts.map((c) => c.outcome)).toEqual(['InternalError', 'InternalError', 'InternalError'])
    expect(calls(id, 'DescribeCertificateDetail')).toHaveLength(1)
    expect(result.outputs).toMatchObject({ ErrorCode: 'InternalError', Status: '5' })
    expect(result.log).toMatch(/Read back: the certificate is in status 5 .*no order went through/)
  })
})
