import type { CertificateDetail, SubmitAnswer } from '../../src/api/answers/index.js'
import type { SslApi } from '../../src/api/calls.js'
import { ActionErrorCode, Failure } from '../../src/api/errors.js'
import { submitCertificate } from '../../src/steps/order/submit.js'
import { unused, UNUSED_API, detailOf } from '../helpers/unused-api.js'
import { callFixture } from '../helpers/call-fixture.js'

/** What one call does: answer normally, fail without applying, or apply and then lose the answer. */
type Step = 'ok' | { fail: Failure } | { lose: Failure }

const lost = (code: string = ActionErrorCode.ConnectionLost) => ({
  lose: new Failure({ code, message: 'the answer was lost', mayHaveTakenEffect: true })
})
const refused = (code: string, requestId = 'req-err') => ({
  fail: new Failure({ code, message: `${code} message`, requestId, mayHaveTakenEffect: code.startsWith('Internal') })
})

/** An in-memory SSL service with the same state rule as Tencent Cloud: only a pending certificate accepts an order. */
class FakeSsl implements SslApi {
  status = 5
  orderId = ''
  submissions = 0
  commitCalls = 0
  describeCalls = 0
  orderSubmitRequests: unknown[] = []
  constructor(
    private readonly commitSteps: Step[],
    private readonly describeSteps: Step[] = []
  ) {}

  async commitCertificateInformation(): Promise<SubmitAnswer> {
    this.commitCalls++
    const step = this.commitSteps.shift() ?? 'ok'
    if (typeof step === 'object' && 'fail' in step) throw step.fail
    if (this.status !== 5)
      throw new Failure({
        code: 'FailedOperation.InvalidCertificateStatusCode',
        message: 'The certificate status is incorrect.',
        requestId: `req-status-${this.commitCalls}`
      })
    this.status = 0
    this.orderId = 'SO-1'
    this.submissions++
    if (typeof step === 'object') throw step.lose
    return { OrderId: this.orderId, Status: this.status, RequestId: `req-commit-${this.commitCalls}` }
  }

  async certificateOrderSubmit(request: { CertId: string }): Promise<SubmitAnswer> {
    this.orderSubmitRequests.push(request)
    return this.commitCertificateInformation()
  }

  close(): void {}

  certificateInfoSubmit = unused
  checkCertificateDomainVerification = unused
  completeCertificate = unused
  createCertificateBindResourceSyncTask = unused
  describeCertificateBindResourceTaskResult = unused
  describeCertificateBindResourceTaskDetail = unused
  modifyCertificatesExpiringNotificationSwitch = unused
  describeCompanies = unused
  describeManagers = unused
  searchCertificates = unused
  describeCertificates = unused
  describeCertificateMaterial = unused
  downloadCertificate = unused
  updateCertificateInstance = unused
  describeHostUpdateRecord = unused
  describeHostUpdateRecordDetail = unused

  async describeCertificateDetail(): Promise<CertificateDetail> {
    this.describeCalls++
    const step = this.describeSteps.shift() ?? 'ok'
    if (typeof step === 'object') throw 'fail' in step ? step.fail : step.lose
    return detailOf({
      CertificateId: 'c1',
      OrderId: this.orderId,
      Status: this.status,
      RequestId: `req-describe-${this.describeCalls}`
    })
  }
}

function options(maxAttempts = 5) {
  return callFixture({ maxAttempts, baseDelayMs: 100, maxDelayMs: 1000, random: () => 1 - 1e-9 })
}

const REQUEST = {
  certificateId: 'c1',
  verifyType: 'DNS',
  submitApi: 'CommitCertificateInformation',
  deleteDnsAutoRecord: false
} as const
const submit = (api: SslApi, o = options()) => submitCertificate(api, REQUEST, o)

test('a clean answer is the result', async () => {
  const api = new FakeSsl([])
  expect(await submit(api)).toEqual({
    CertificateId: 'c1',
    OrderId: 'SO-1',
    Status: 0,
    StatusName: 'Reviewing',
    RequestId: 'req-commit-1'
  })
  expect(api.describeCalls).toBe(0)
})

test('transient failures are retried with growing backoff, then succeed', async () => {
  const api = new FakeSsl([
    refused('RequestLimitExceeded'),
    refused('FailedOperation.NetworkError'),
    refused('InternalError')
  ])
  const o = options()
  const result = await submit(api, o)
  expect(result).toMatchObject({ OrderId: 'SO-1', RequestId: 'req-commit-4' })
  expect(o.slept).toEqual([99, 199, 399])
  expect(o.logged.filter((m) => m.includes('retrying'))).toHaveLength(3)
  expect(api.submissions).toBe(1)
})

test('a refusal fails at once with its code and RequestId, and reads nothing back', async () => {
  const api = new FakeSsl([refused('FailedOperation.NoRealNameAuth', 'req-kyc')])
  const o = options()
  expect(await submit(api, o)).toMatchObject({
    ErrorCode: 'FailedOperation.NoRealNameAuth',
    RequestId: 'req-kyc',
    Status: null
  })
  expect(api.commitCalls).toBe(1)
  expect(api.describeCalls).toBe(0)
  expect(o.slept).toEqual([])
})

test('wrong status without any doubt is a failure: the certificate was submitted before this run', async () => {
  const api = new FakeSsl([])
  api.status = 0
  api.orderId = 'SO-old'
  expect(await submit(api)).toMatchObject({ ErrorCode: 'FailedOperation.InvalidCertificateStatusCode' })
  expect(api.describeCalls).toBe(0)
})

test.each([
  ActionErrorCode.ConnectionLost,
  ActionErrorCode.Timeout,
  ActionErrorCode.HttpError,
  ActionErrorCode.Redirected,
  'InternalError'
])('an answer lost as %s, then "wrong status": read back and reported as submitted, once', async (code) => {
  const api = new FakeSsl([lost(code)])
  const o = options()
  const result = await submit(api, o)
  expect(result).toEqual({
    CertificateId: 'c1',
    OrderId: 'SO-1',
    Status: 0,
    StatusName: 'Reviewing',
    RequestId: 'req-describe-1'
  })
  expect(api.submissions).toBe(1)
  expect(api.commitCalls).toBe(2)
  expect(o.logged.some((m) => m.startsWith('warning:') && m.includes('order SO-1'))).toBe(true)
})

test('a malformed answer to a submission is not retried: read back at once, so the order is never sent twice', async () => {
  const api = new FakeSsl([lost(ActionErrorCode.MalformedResponse)])
  const result = await submit(api, options(5))
  expect(result).toMatchObject({ OrderId: 'SO-1', Status: 0, RequestId: 'req-describe-1' })
  expect(api.commitCalls).toBe(1)
  expect(api.describeCalls).toBe(1)
})

test('a malformed answer to a submission that did not go through: read back pending, so submitted again within max-attempts', async () => {
  const malformed = {
    fail: new Failure({
      code: ActionErrorCode.MalformedResponse,
      message: 'the answer had no valid Status',
      mayHaveTakenEffect: true
    })
  }
  const api = new FakeSsl([malformed])
  const result = await submit(api, options(5))
  expect(result).toMatchObject({ OrderId: 'SO-1', Status: 0, RequestId: 'req-commit-2' })
  expect([api.commitCalls, api.describeCalls, api.submissions]).toEqual([2, 1, 1])
})

test('malformed answers on every attempt, each read back pending: the failure says no order went through', async () => {
  const malformed = () => ({
    fail: new Failure({
      code: ActionErrorCode.MalformedResponse,
      message: 'the answer had no valid Status',
      mayHaveTakenEffect: true
    })
  })
  const api = new FakeSsl([malformed(), malformed(), malformed()])
  const result = await submit(api, options(3))
  expect(result).toMatchObject({
    ErrorCode: ActionErrorCode.MalformedResponse,
    ErrorMessage: expect.stringContaining('so no order went through')
  })
  expect([api.commitCalls, api.describeCalls, api.submissions]).toEqual([3, 3, 0])
})

test('a malformed answer whose read-back fails: not submitted again, read back once more at the end', async () => {
  const api = new FakeSsl(
    [{ fail: new Failure({ code: ActionErrorCode.MalformedResponse, message: 'bad', mayHaveTakenEffect: true }) }],
    [refused('InvalidParameter')]
  )
  const result = await submit(api, options(5))
  expect(api.commitCalls).toBe(1)
  expect(api.describeCalls).toBe(2)
  expect(result).toMatchObject({ ErrorCode: ActionErrorCode.MalformedResponse })
})

test('a cancelled submission is not read back: the result says its outcome is unknown', async () => {
  const api = new FakeSsl([lost(), { fail: new Failure({ code: ActionErrorCode.Cancelled, message: 'cancelled' }) }])
  const result = await submit(api, options(5))
  expect(result).toMatchObject({
    ErrorCode: ActionErrorCode.Cancelled,
    ErrorMessage: expect.stringContaining('whether it went through is unknown')
  })
  expect(api.describeCalls).toBe(0)
})

test('attempts run out after a lost answer: read back, and the applied order is reported', async () => {
  const api = new FakeSsl([lost(), refused('InternalError'), refused('InternalError')])
  expect(await submit(api, options(3))).toMatchObject({ OrderId: 'SO-1', Status: 0, RequestId: 'req-describe-1' })
  expect(api.submissions).toBe(1)
})

test('attempts run out and the read-back shows nothing applied: the last failure, with the state the server holds', async () => {
  const internal = refused('InternalError')
  const api = new FakeSsl([internal, internal])
  const result = await submit(api, options(2))
  expect(result).toMatchObject({
    ErrorCode: 'InternalError',
    Status: 5,
    StatusName: 'Pending submission (enterprise certificate)'
  })
  expect(result.ErrorMessage).toMatch(/Read back: the certificate is in status 5 .* no order went through/)
  expect(api.submissions).toBe(0)
})

test('attempts that got no answer at all and a pending read-back: the outcome is unknown, not "nothing went through"', async () => {
  // A request that reached Tencent Cloud and timed out may still be applied after the read.
  const timeout = {
    fail: new Failure({ code: ActionErrorCode.Timeout, message: 'network timeout', mayHaveTakenEffect: true })
  }
  const api = new FakeSsl([timeout, timeout])
  const result = await submit(api, options(2))
  expect(result).toMatchObject({ ErrorCode: 'ActionError.OutcomeUnknown', Status: 5 })
  expect(result.ErrorMessage).toMatch(
    /after an attempt whose answer never came; read back, the certificate is still in status 5/
  )
  expect(result.ErrorMessage).toContain('whether it went through is not known yet')
})

test('an attempt that got no answer, then malformed answers read back pending: unknown, not "nothing went through"', async () => {
  // The timed-out request may be applied after the read-backs that followed the malformed answers.
  const timeout = {
    fail: new Failure({ code: ActionErrorCode.Timeout, message: 'network timeout', mayHaveTakenEffect: true })
  }
  const malformed = () => ({
    fail: new Failure({
      code: ActionErrorCode.MalformedResponse,
      message: 'the answer had no valid Status',
      mayHaveTakenEffect: true
    })
  })
  const api = new FakeSsl([timeout, malformed(), malformed()])
  const result = await submit(api, options(3))
  expect(result).toMatchObject({ ErrorCode: 'ActionError.OutcomeUnknown', Status: 5 })
  expect(result.ErrorMessage).toContain('whether it went through is not known yet')
  expect(api.submissions).toBe(0)
})

test('attempts run out with no doubt (rate limited throughout): no read-back', async () => {
  const api = new FakeSsl([refused('RequestLimitExceeded'), refused('RequestLimitExceeded')])
  expect(await submit(api, options(2))).toMatchObject({ ErrorCode: 'RequestLimitExceeded' })
  expect(api.describeCalls).toBe(0)
})

test('when the read-back fails as well, the result says the outcome is unknown, with both errors', async () => {
  const api = new FakeSsl([lost()], [refused('AuthFailure.UnauthorizedOperation')])
  const result = await submit(api)
  expect(result.ErrorCode).toBe('ActionError.OutcomeUnknown')
  expect(result.ErrorMessage).toMatch(
    /FailedOperation\.InvalidCertificateStatusCode.*answer was lost.*AuthFailure\.UnauthorizedOperation/
  )
})

test('after a lost answer, any final failure is checked against the server', async () => {
  const api = new FakeSsl([lost(), refused('FailedOperation.CertificateInvalid')])
  expect(await submit(api)).toMatchObject({ OrderId: 'SO-1', Status: 0, RequestId: 'req-describe-1' })
})

test('VerifyType is sent only when given, with the parameter names of the chosen API', async () => {
  const sent: unknown[] = []
  const answer = async (request: unknown) => {
    sent.push(request)
    return { OrderId: 'o', Status: 0, RequestId: 'r' }
  }
  const api: SslApi = { ...UNUSED_API, commitCertificateInformation: answer, certificateOrderSubmit: answer }
  await submitCertificate(api, { ...REQUEST, verifyType: undefined }, options())
  await submitCertificate(api, { ...REQUEST, verifyType: 'FILE' }, options())
  await submitCertificate(
    api,
    { ...REQUEST, submitApi: 'CertificateOrderSubmit', deleteDnsAutoRecord: true },
    options()
  )
  await submitCertificate(api, { ...REQUEST, submitApi: 'CertificateOrderSubmit', verifyType: undefined }, options())
  expect(sent).toEqual([
    { CertificateId: 'c1' },
    { CertificateId: 'c1', VerifyType: 'FILE' },
    { CertId: 'c1', VerifyType: 'DNS', DeleteDnsAutoRecord: 1 },
    { CertId: 'c1', DeleteDnsAutoRecord: 0 }
  ])
})

describe('FailedOperation.CertificateOrderSubmitProcessing: an earlier submission is still being processed', () => {
  const processing = {
    fail: new Failure({
      code: 'FailedOperation.CertificateOrderSubmitProcessing',
      message: 'being processed',
      requestId: 'req-p'
    })
  }

  test('after a lost answer: never submitted again, read back until it settles, reported as submitted', async () => {
    const api = new FakeSsl([lost(), processing])
    const o = options(5)
    const result = await submit(api, o)
    expect(result).toMatchObject({ OrderId: 'SO-1', Status: 0, RequestId: 'req-describe-1' })
    expect(api.commitCalls).toBe(2)
    expect(api.submissions).toBe(1)
    expect(o.logged).toContain(
      'Certificate c1: Tencent Cloud is still processing an earlier submission; reading the certificate until it settles'
    )
  })

  test('still pending after max-attempts reads: the code, with what the server holds, and never a second submission', async () => {
    const api = new FakeSsl([processing])
    const o = options(3)
    const result = await submit(api, o)
    expect(result).toMatchObject({ ErrorCode: 'FailedOperation.CertificateOrderSubmitProcessing', Status: 5 })
    expect(api.commitCalls).toBe(1)
    expect(api.describeCalls).toBe(3)
    // The reads are spaced by the retry policy's backoff (full jitter at its top here: just under 100, then 200 ms).
    expect(o.slept).toEqual([99, 199])
  })
})

test('a read-back that shows a submitted status without an order ID yet still counts as submitted', async () => {
  const api = new FakeSsl([lost()])
  api.orderId = ''
  const original = api.commitCertificateInformation.bind(api)
  api.commitCertificateInformation = async () => {
    try {
      return await original()
    } finally {
      api.orderId = ''
    }
  }
  const result = await submit(api, options(2))
  expect(result).toMatchObject({ OrderId: '', Status: 0, StatusName: 'Reviewing', RequestId: 'req-describe-1' })
  expect(result.ErrorCode).toBeUndefined()
  expect(api.submissions).toBe(1)
})
