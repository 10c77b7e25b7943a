// End to end: the built dist/index.js, run as the GitHub runner runs it (INPUT_* variables with action.yml's
// defaults, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), against the emulator, with the real SDK inside.
import { DOCUMENTED_MESSAGES, type EmulatedCertificate, type Fault } from '../../sandbox/emulator.js'
import { errorLines, KEY, READ, SUBMIT, TEMPORARY_KEY, useEmulator } from '../helpers/e2e-helpers.js'
import { HostileFront } from '../helpers/hostile-front.js'

const sandbox = useEmulator('e2e')
const { certificate, fault, run, runInProcess, callsFor } = sandbox

describe('success', () => {
  test.each([
    ['DNS_AUTO', 'DNS_AUTO', 4, 'DNS record added'],
    ['dns', 'DNS', 8, 'Information submitted, confirmation letter pending'],
    ['File', 'FILE', 0, 'Reviewing']
  ])(
    'verify-type %s is sent as %s and the outputs describe the order',
    async (given, sent, statusAfterSubmit, statusName) => {
      const id = certificate({ statusAfterSubmit })
      const result = await run({ 'certificate-id': ` ${id}\n`, 'verify-type': given })

      expect(result.exitCode).toBe(0)
      const state = sandbox.emulator.certificate(id)
      expect(state).toMatchObject({ VerifyType: sent, submissions: 1, Status: statusAfterSubmit })
      const [call] = callsFor(id, SUBMIT)
      expect(call.params).toEqual({ CertificateId: id, VerifyType: sent })
      expect(result.outputs).toMatchObject({
        OrderId: state.OrderId,
        Status: String(statusAfterSubmit),
        StatusName: statusName,
        RequestId: call.requestId,
        ErrorCode: ''
      })
      // DNS and FILE verification hand over the records the CA asks for; DNS_AUTO adds its own.
      const records = sent === 'DNS_AUTO' ? {} : { DvAuths: state.DvAuths }
      expect(JSON.parse(result.outputs.DvAuths)).toEqual(records.DvAuths ?? [])
      expect(JSON.parse(result.outputs.Results)).toEqual([
        {
          CertificateId: id,
          OrderId: state.OrderId,
          Status: statusAfterSubmit,
          StatusName: statusName,
          RequestId: call.requestId,
          ...records
        }
      ])
      expect(result.summary).toContain(
        `| \`${id}\` | \`${state.OrderId}\` | ${statusAfterSubmit} ${statusName} | \`${call.requestId}\` |`
      )
      expect(errorLines(result)).toEqual([])
    }
  )

  test('an empty verify-type is not sent at all', async () => {
    const id = certificate()
    const result = await run({ 'certificate-id': id })
    expect(result.exitCode).toBe(0)
    expect(callsFor(id, SUBMIT)[0].params).toEqual({ CertificateId: id })
  })

  test('summary: false writes no job summary but still sets the outputs', async () => {
    const id = certificate()
    const result = await run({ 'certificate-id': id, summary: 'false' })
    expect(result.exitCode).toBe(0)
    expect(result.summary).toBe('')
    expect(result.outputs.OrderId).toBe(sandbox.emulator.certificate(id).OrderId)
  })
})

describe('documented error codes fail the job once, clearly (the whole table runs in-process in main.test)', () => {
  test.each<[string, (id: string) => void, Partial<EmulatedCertificate>, RegExp]>([
    [
      'FailedOperation.NoRealNameAuth',
      (id) => fault(id, { type: 'error', code: 'FailedOperation.NoRealNameAuth' }),
      {},
      /identity verification/
    ],
    [
      'FailedOperation.InvalidCertificateStatusCode',
      () => {},
      { Status: 1, OrderId: 'TA-before' },
      /not pending submission/
    ]
  ])('%s', async (code, arrange, overrides, hint) => {
    const id = certificate(overrides)
    arrange(id)
    const result = await run({ 'certificate-id': id, 'max-attempts': '1' })

    expect(result.exitCode).toBe(1)
    const errors = errorLines(result)
    expect(errors).toHaveLength(1)
    const call = callsFor(id, SUBMIT).at(-1)!
    expect(errors[0]).toContain(
      `Certificate ${id}: ${code}: ${DOCUMENTED_MESSAGES[code]} (RequestId ${call.requestId})`
    )
    expect(errors[0]).toMatch(hint)
    expect(result.outputs).toMatchObject({ ErrorCode: code, RequestId: call.requestId })
    expect((JSON.parse(result.outputs.Results) as unknown[])[0]).toMatchObject({ CertificateId: id, ErrorCode: code })
    expect(result.summary).toContain(`\`${code}\``)
    expect(result.summary).toContain('What to do:')
    expect(sandbox.emulator.certificate(id).submissions).toBe(0)
  })

  test('a wrong secret key fails at once, without retrying', async () => {
    const id = certificate()
    const result = await run({ 'certificate-id': id, 'secret-key': 'not-the-key' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.ErrorCode).toBe('AuthFailure.SignatureFailure')
    expect(errorLines(result)[0]).toMatch(/secret-key does not belong to secret-id/)
    expect(callsFor(id, SUBMIT)).toHaveLength(1)
  })

  test('an unknown secret ID, and a clock over 5 minutes off, fail at once with their own codes', async () => {
    const id = certificate()
    expect((await run({ 'certificate-id': id, 'secret-id': 'AKIDunknown' })).outputs.ErrorCode).toBe(
      'AuthFailure.SecretIdNotFound'
    )
    sandbox.emulator.clockOffsetMs = 10 * 60_000
    try {
      const skewed = await run({ 'certificate-id': id })
      expect(skewed.outputs.ErrorCode).toBe('AuthFailure.SignatureExpire')
      expect(errorLines(skewed)[0]).toMatch(/clock/)
    } finally {
      sandbox.emulator.clockOffsetMs = 0
    }
    expect(callsFor(id, SUBMIT)).toHaveLength(2)
  })

  test("language zh-CN gets Tencent Cloud's message in Chinese", async () => {
    const result = await run({ 'certificate-id': 'e2eNoSuchCert', language: 'zh-CN' })
    expect(errorLines(result)[0]).toContain('FailedOperation.CertificateNotFound: 证书不存在。')
  })
})

describe('transient failures', () => {
  test('a hang ends at request-timeout with the action’s own code: still pending, but it may yet be applied', async () => {
    const id = certificate()
    fault(id, { type: 'hang' })
    const result = await run({ 'certificate-id': id, 'max-attempts': '1', 'request-timeout': '0.5' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.ErrorCode).toBe('ActionError.OutcomeUnknown')
    expect(errorLines(result)[0]).toMatch(
      /Certificate e2e\d+: ActionError.OutcomeUnknown: the submission ended in ActionError.Timeout \(.*request-timeout.*\) after an attempt whose answer never came; read back, the certificate is still in status 5 .*What to do: .*skip-submitted: true/
    )
    expect(sandbox.emulator.certificate(id).submissions).toBe(0)
  })
})

// Reconciliation needs no process of its own: these run in-process, with a backoff of milliseconds.
describe('a lost answer is neither a failure nor a second submission', () => {
  const retried = ['FailedOperation.InvalidCertificateStatusCode']
  test.each<[string, Fault, string[]]>([
    ['a reset after the order is applied', { type: 'reset', applied: true }, retried],
    ['a hang after the order is applied', { type: 'hang', applied: true }, retried],
    // An answer that arrived broken came from something that received the request: read back, never sent again.
    ['a broken body after the order is applied', { type: 'broken-body', applied: true }, []]
  ])('%s', async (_, lostAnswer, after) => {
    const id = certificate({ statusAfterSubmit: 8 })
    fault(id, lostAnswer)
    const result = await runInProcess({ 'certificate-id': id, 'request-timeout': '0.5' })

    expect(result.exitCode).toBe(0)
    const state = sandbox.emulator.certificate(id)
    expect(state.submissions).toBe(1)
    expect(callsFor(id, SUBMIT).map((c) => c.outcome)).toEqual([lostAnswer.type, ...after])
    const [readBack] = callsFor(id, READ)
    expect(result.outputs).toMatchObject({
      OrderId: state.OrderId,
      Status: '8',
      RequestId: readBack.requestId,
      ErrorCode: ''
    })
    expect(result.log).toMatch(new RegExp(`::warning::Certificate ${id}: the answer to the submission was lost`))
  })
})

describe('bad input is refused before anything is sent', () => {
  test.each([
    [{ 'certificate-id': '   ' }, 'certificate-id', /certificate-id is empty/],
    [{ 'verify-type': 'EMAIL' }, 'verify-type', /verify-type "EMAIL" is not allowed: use one of DNS_AUTO, DNS, FILE/],
    [{ endpoint: 'http://ssl.tencentcloudapi.com' }, 'endpoint', /only to a loopback host/],
    [{ 'max-attempts': '0' }, 'max-attempts', /whole number from 1 to 20/],
    [{ 'secret-key': '' }, 'secret-key', /secret-key is empty/]
  ])('%o', async (inputs, input, message) => {
    const before = sandbox.emulator.requests.length
    const result = await runInProcess({ 'certificate-id': 'e2eValidation', ...inputs })
    expect(result.exitCode).toBe(1)
    expect(sandbox.emulator.requests.length).toBe(before)
    expect(result.outputs.ErrorCode).toBe('ActionError.InvalidInput')
    const [error] = errorLines(result)
    expect(error).toMatch(message)
    expect(error).toContain(input)
    expect(error).toContain('Nothing was sent to Tencent Cloud.')
    expect(result.summary).toContain('Nothing was sent')
    const results = JSON.parse(result.outputs.Results) as { CertificateId: string; ErrorCode: string }[]
    if (input !== 'certificate-id')
      expect(results).toEqual([
        expect.objectContaining({ CertificateId: 'e2eValidation', ErrorCode: 'ActionError.InvalidInput' })
      ])
  })
})

describe('credentials', () => {
  test('are read from the environment when the inputs are empty', async () => {
    const id = certificate()
    const result = await run(
      { 'certificate-id': id, 'secret-id': '', 'secret-key': '' },
      { TENCENTCLOUD_SECRET_ID: KEY.secretId, TENCENTCLOUD_SECRET_KEY: KEY.secretKey }
    )
    expect(result.exitCode).toBe(0)
    expect(sandbox.emulator.certificate(id).submissions).toBe(1)
  })

  test("temporary keys with tccli's TENCENTCLOUD_TOKEN", async () => {
    const id = certificate()
    const env = {
      TENCENTCLOUD_SECRET_ID: TEMPORARY_KEY.secretId,
      TENCENTCLOUD_SECRET_KEY: TEMPORARY_KEY.secretKey,
      TENCENTCLOUD_TOKEN: TEMPORARY_KEY.token
    }
    const result = await run({ 'certificate-id': id, 'secret-id': '', 'secret-key': '' }, env)
    expect(result.exitCode).toBe(0)
    const wrongToken = await run(
      { 'certificate-id': certificate(), 'secret-id': '', 'secret-key': '' },
      { ...env, TENCENTCLOUD_TOKEN: 'stale' }
    )
    expect(wrongToken.outputs.ErrorCode).toBe('AuthFailure.TokenFailure')
  })

  test.each([
    ['succeeds', false],
    ['fails', true]
  ])('no secret is printed with debug logging on when the run %s', async (_, failing) => {
    const id = certificate()
    if (failing) fault(id, { type: 'error', code: 'InternalError' }, 2)
    const secrets = [TEMPORARY_KEY.secretId, TEMPORARY_KEY.secretKey, TEMPORARY_KEY.token]
    const result = await run(
      {
        'certificate-id': id,
        'secret-id': TEMPORARY_KEY.secretId,
        'secret-key': TEMPORARY_KEY.secretKey,
        'session-token': TEMPORARY_KEY.token,
        'max-attempts': '2'
      },
      { RUNNER_DEBUG: '1' }
    )
    expect(result.exitCode).toBe(failing ? 1 : 0)
    const lines = result.log.split('\n')
    // The runner consumes ::add-mask:: commands; they must come before any other line.
    expect(lines.slice(0, 3)).toEqual(secrets.map((secret) => `::add-mask::${secret}`))
    const shown = [lines.slice(3).join('\n'), result.summary, JSON.stringify(result.outputs)].join('\n')
    expect(shown).toContain('::debug::')
    for (const secret of secrets) expect(shown).not.toContain(secret)
  })
})

describe('what the real API sends', () => {
  test('a submit answer without an OrderId is a success whose order is read afterwards, never a second submission', async () => {
    const front = await HostileFront.start(sandbox.emulator.endpoint)
    try {
      const id = certificate({ statusAfterSubmit: 4 })
      front.on(SUBMIT, { kind: 'rewrite', edit: (r) => ({ ...r, OrderId: null }) })
      const result = await run({ 'certificate-id': id, 'verify-type': 'DNS', endpoint: front.endpoint })
      expect(result.exitCode).toBe(0)
      const state = sandbox.emulator.certificate(id)
      expect(state.submissions).toBe(1)
      expect(callsFor(id, SUBMIT)).toHaveLength(1)
      expect(result.outputs).toMatchObject({ OrderId: state.OrderId, Status: '4', ErrorCode: '' })
    } finally {
      await front.close()
    }
  })

  test('CertificateOrderSubmitProcessing after a lost answer: read back until settled, reported as submitted once', async () => {
    const id = certificate({ statusAfterSubmit: 0 })
    fault(id, { type: 'reset', applied: true }, 1, 'CertificateOrderSubmit')
    fault(id, { type: 'error', code: 'FailedOperation.CertificateOrderSubmitProcessing' }, 1, 'CertificateOrderSubmit')
    const result = await run({
      'certificate-id': id,
      'submit-api': 'CertificateOrderSubmit',
      'verify-type': 'DNS_AUTO'
    })
    expect(result.exitCode).toBe(0)
    expect(sandbox.emulator.certificate(id).submissions).toBe(1)
    expect(result.outputs).toMatchObject({
      OrderId: sandbox.emulator.certificate(id).OrderId,
      Status: '0',
      ErrorCode: ''
    })
    expect(result.log).toContain('an earlier submission went through')
  })

  test('status 8 while waiting ends the wait at once, saying a confirmation letter must be uploaded', async () => {
    const id = certificate({ statusAfterSubmit: 8 })
    const result = await run({
      'certificate-id': id,
      'verify-type': 'DNS',
      'wait-for-issuance': 'true',
      'wait-interval': '600'
    })
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ ErrorCode: 'ActionError.ConfirmationLetterPending', Status: '8' })
    expect(errorLines(result)[0]).toMatch(/What to do: the order waits for a signed confirmation letter/)
    expect(result.elapsedMs).toBeLessThan(60_000)
  })
})
