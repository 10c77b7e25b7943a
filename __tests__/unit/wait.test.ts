import type { CertificateDetail } from '../../src/api/answers/index.js'
import type { SslApi } from '../../src/api/calls.js'
import { Failure } from '../../src/api/errors.js'
import { waitForIssuance } from '../../src/steps/wait/wait.js'
import { UNUSED_API, detailOf } from '../helpers/unused-api.js'
import { callFixture } from '../helpers/call-fixture.js'

const detail = (Status: number, extra: Partial<CertificateDetail> = {}): CertificateDetail =>
  detailOf({
    CertificateId: 'c1',
    OrderId: 'SO-1',
    Status,
    RequestId: `req-${Status}`,
    ...extra
  })

function setup(states: (CertificateDetail | Failure)[]) {
  const { policy, log, clock, logged, elapsed } = callFixture({ maxAttempts: 1 })
  const reads: number[] = []
  const api: SslApi = {
    ...UNUSED_API,
    describeCertificateDetail: async () => {
      reads.push(elapsed())
      const next = states.shift() ?? detail(0)
      if (next instanceof Failure) throw next
      return next
    }
  }
  // Each poll sleeps and reads the detail, as Statuses does when it may not list.
  const poll = async (id: string, maxWaitMs: number) => {
    await clock.sleep(maxWaitMs)
    return api.describeCertificateDetail({ CertificateId: id })
  }
  const options = {
    policy,
    log,
    clock,
    timeoutMs: 60_000,
    intervalMs: 15_000,
    poll
  }
  return { api, options, reads, logged }
}

test('polls at the interval until issued, and returns the issued state', async () => {
  const { api, options, reads } = setup([detail(0), detail(4), detail(1, { StatusMsg: 'ISSUED' })])
  const outcome = await waitForIssuance(api, detail(0), options)
  expect(outcome).toEqual({ kind: 'issued', detail: detail(1, { StatusMsg: 'ISSUED' }) })
  expect(reads).toEqual([15_000, 30_000, 45_000])
})

test('a certificate already issued needs no poll', async () => {
  const { api, options, reads } = setup([])
  expect((await waitForIssuance(api, detail(1), options)).kind).toBe('issued')
  expect(reads).toEqual([])
})

test.each([2, 3, 6, 7, 9, 10, 12, 14])('terminal status %i fails with its name and the CA message', async (status) => {
  const { api, options } = setup([detail(status, { StatusMsg: 'DOMAIN-CHECK-FAILED' })])
  const outcome = await waitForIssuance(api, detail(0), options)
  expect(outcome).toMatchObject({
    kind: 'failed',
    failure: { code: 'ActionError.IssuanceFailed', requestId: `req-${status}` },
    detail: { Status: status }
  })
  if (outcome.kind === 'failed')
    expect(outcome.failure.message).toMatch(new RegExp(`status ${status} \\(.+\\), StatusMsg DOMAIN-CHECK-FAILED`))
})

test('the timeout fails with the last status seen; the last sleep is cut to the deadline', async () => {
  const { api, options, reads } = setup([detail(4), detail(4), detail(4), detail(4, { StatusMsg: 'PENDING-DCV' })])
  const outcome = await waitForIssuance(api, detail(0), { ...options, timeoutMs: 50_000 })
  expect(reads).toEqual([15_000, 30_000, 45_000, 50_000])
  expect(outcome).toMatchObject({
    kind: 'failed',
    failure: { code: 'ActionError.WaitTimeout' },
    detail: { Status: 4 }
  })
  if (outcome.kind === 'failed')
    expect(outcome.failure.message).toBe(
      'not issued within 50 s; last seen in status 4 (DNS record added), StatusMsg PENDING-DCV'
    )
})

test('a read that keeps failing ends the wait with its code and the last status seen', async () => {
  const { api, options } = setup([
    detail(0),
    new Failure({ code: 'AuthFailure.UnauthorizedOperation', message: 'denied', requestId: 'req-x' })
  ])
  const outcome = await waitForIssuance(api, detail(0), options)
  expect(outcome).toMatchObject({
    kind: 'failed',
    failure: { code: 'AuthFailure.UnauthorizedOperation', requestId: 'req-x' },
    detail: { Status: 0 }
  })
})

test('status 8 ends the wait at once: only a person can upload the confirmation letter', async () => {
  const { api, options, reads } = setup([detail(8)])
  const outcome = await waitForIssuance(api, detail(0), options)
  expect(reads).toEqual([15_000])
  expect(outcome).toMatchObject({
    kind: 'failed',
    failure: { code: 'ActionError.ConfirmationLetterPending', requestId: 'req-8' },
    detail: { Status: 8 }
  })
  expect((await waitForIssuance(api, detail(8), options)).kind).toBe('failed')
})

test.each([5, 13])(
  'status %i seen while waiting means the order did not go through: no polling until the timeout',
  async (status) => {
    const { api, options, reads } = setup([detail(status)])
    const outcome = await waitForIssuance(api, detail(0), options)
    expect(reads).toHaveLength(1)
    expect(outcome).toMatchObject({
      kind: 'failed',
      failure: { code: 'ActionError.NotSubmitted' },
      detail: { Status: status }
    })
    if (outcome.kind === 'failed')
      expect(outcome.failure.message).toMatch(/^the order did not go through: the certificate is in status/)
  }
)
