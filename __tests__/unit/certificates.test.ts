// The per-certificate flow over the real SDK against the emulator, in-process: skip-submitted, validation
// records, waiting, independent failures, and the seeded random fault test of the no-double-submission promise.
import { runFlow } from '../../src/flow/flow.js'
import { certificateSteps, type CertificateSettings } from '../../src/steps/index.js'
import type { SslApi } from '../../src/api/calls.js'

import { RateLimiter } from '../../src/api/pacing.js'
import type { CertificateResult } from '../../src/steps/index.js'
import { realSleep } from '../helpers/virtual-clock.js'
import { Statuses } from '../../src/flow/statuses.js'
import { TencentCloudEmulator, type Fault } from '../../sandbox/emulator.js'
import { sslApiFor } from '../helpers/e2e-helpers.js'
import { callFixture, seededRandom } from '../helpers/call-fixture.js'

const KEY = { secretId: 'AKIDflow', secretKey: 'flow-secret' }
const clock = { now: Date.now, sleep: realSleep }
const quiet = { debug: () => {}, info: () => {}, warning: () => {} }
const BASE: CertificateSettings = {
  submitApi: 'CommitCertificateInformation',
  deleteDnsAutoRecord: false,
  skipSubmitted: false
}

let emulator: TencentCloudEmulator
let api: SslApi

function flowOptions(maxAttempts = 3, intervalMs = 50) {
  // Real time, tiny delays: the emulator runs for real, the test stays fast.
  const { policy } = callFixture({
    maxAttempts,
    maxThrottledRetries: 2,
    baseDelayMs: 2,
    maxDelayMs: 10,
    random: Math.random
  })
  const statuses = new Statuses(api, { policy, log: quiet, clock, intervalMs })
  const services = { env: {}, onClose: () => {} }
  return { api, policy, log: quiet, clock, statuses, services, onProgress: () => {}, mask: () => {}, notice: () => {} }
}

function run(
  ids: string[],
  settings: Partial<CertificateSettings> = {},
  maxAttempts = 3
): Promise<CertificateResult[]> {
  const job = flowOptions(maxAttempts, settings.wait?.intervalMs)
  const steps = certificateSteps(job)
  return Promise.all(ids.map((id) => runFlow(steps, id, { ...BASE, ...settings }, job)))
}

beforeEach(async () => {
  emulator = await TencentCloudEmulator.start({ rateLimit: 100_000 })
  emulator.addKey(KEY)
  api = sslApiFor(emulator.port, KEY, { requestTimeoutSeconds: 0.25, pacing: new RateLimiter(clock, 2000) })
})
afterEach(() => emulator.close())

test('one failure does not stop the others, and results keep the input order', async () => {
  for (const id of ['a1', 'b2', 'c3']) emulator.addCertificate({ CertificateId: id })
  emulator.injectFault({ certificateId: 'b2', fault: { type: 'error', code: 'FailedOperation.CertificateInvalid' } })
  const results = await run(['a1', 'b2', 'c3'], { verifyType: 'DNS_AUTO' })
  expect(results.map((r) => [r.CertificateId, r.ErrorCode ?? 'ok'])).toEqual([
    ['a1', 'ok'],
    ['b2', 'FailedOperation.CertificateInvalid'],
    ['c3', 'ok']
  ])
})

test('skip-submitted reports an already submitted certificate as it is, and submits a pending one', async () => {
  emulator.addCertificate({ CertificateId: 'done1', Status: 8, OrderId: 'TA-old' })
  emulator.addCertificate({ CertificateId: 'new1' })
  const [done, fresh] = await run(['done1', 'new1'], { skipSubmitted: true, verifyType: 'DNS_AUTO' })
  expect(done).toMatchObject({ CertificateId: 'done1', OrderId: 'TA-old', Status: 8, Skipped: true })
  expect(done.ErrorCode).toBeUndefined()
  expect(fresh).toMatchObject({ CertificateId: 'new1', Status: 0 })
  expect(fresh.Skipped).toBeUndefined()
  expect(emulator.certificate('done1').submissions).toBe(0)
  expect(emulator.certificate('new1').submissions).toBe(1)
})

test('skip-submitted still submits a certificate in a state that is not "submitted" and lets the server judge', async () => {
  emulator.addCertificate({ CertificateId: 'gone1', Status: 7 })
  const [result] = await run(['gone1'], { skipSubmitted: true })
  expect(result).toMatchObject({ ErrorCode: 'FailedOperation.InvalidCertificateStatusCode' })
})

test.each([
  ['DNS', 'TXT'],
  ['FILE', 'FILE']
] as const)('%s verification returns the records the CA asks for', async (verifyType, recordType) => {
  emulator.addCertificate({ CertificateId: 'dv1', Domain: 'www.example.com' })
  const [result] = await run(['dv1'], { verifyType })
  expect(result.DvAuths).toEqual(emulator.certificate('dv1').DvAuths)
  expect(result.DvAuths).toEqual([
    expect.objectContaining({ DvAuthVerifyType: recordType, DvAuthValue: expect.stringMatching(/^[0-9a-f]{32}$/) })
  ])
})

test('DNS_AUTO needs no records and reads nothing; an empty verify-type reads the certificate to find out', async () => {
  emulator.addCertificate({ CertificateId: 'auto1' }).addCertificate({ CertificateId: 'own1' })
  const [auto] = await run(['auto1'], { verifyType: 'DNS_AUTO' })
  expect(auto.DvAuths).toBeUndefined()
  expect(emulator.callsOf('DescribeCertificateDetail')).toHaveLength(0)
  const [own] = await run(['own1'])
  // The emulator's default verification is DNS, as the certificate's own setting.
  expect(own.DvAuths).toEqual([expect.objectContaining({ DvAuthVerifyType: 'TXT' })])
})

test('waiting: issued after some reads, a review failure, and a timeout, each with the last status', async () => {
  emulator.addCertificate({ CertificateId: 'ok1', settleAfterReads: 3 })
  emulator.addCertificate({
    CertificateId: 'bad1',
    settleAfterReads: 2,
    finalStatus: 2,
    finalStatusMsg: 'DOMAIN-NOT-RESOLVED'
  })
  emulator.addCertificate({ CertificateId: 'slow1', settleAfterReads: 10_000 })
  const results = await run(['ok1', 'bad1', 'slow1'], { verifyType: 'DNS', wait: { timeoutMs: 1500, intervalMs: 50 } })
  const [ok, bad, slow] = results
  expect(ok).toMatchObject({ Status: 1, StatusName: 'Issued', OrderId: emulator.certificate('ok1').OrderId })
  expect(ok.ErrorCode).toBeUndefined()
  expect(ok.DvAuths).toHaveLength(1)
  expect(bad).toMatchObject({ Status: 2, ErrorCode: 'ActionError.IssuanceFailed' })
  expect(bad.ErrorMessage).toContain('status 2 (Review failed), StatusMsg DOMAIN-NOT-RESOLVED')
  expect(slow).toMatchObject({ Status: 0, ErrorCode: 'ActionError.WaitTimeout' })
})

test('CertificateOrderSubmit carries DeleteDnsAutoRecord', async () => {
  emulator.addCertificate({ CertificateId: 'cos1' })
  const [result] = await run(['cos1'], {
    submitApi: 'CertificateOrderSubmit',
    deleteDnsAutoRecord: true,
    verifyType: 'DNS_AUTO'
  })
  expect(result).toMatchObject({ Status: 0, OrderId: emulator.certificate('cos1').OrderId })
  expect(emulator.certificate('cos1')).toMatchObject({
    submissions: 1,
    DeleteDnsAutoRecord: true,
    VerifyType: 'DNS_AUTO'
  })
  expect(emulator.callsOf('CertificateOrderSubmit')[0].params).toEqual({
    CertId: 'cos1',
    VerifyType: 'DNS_AUTO',
    DeleteDnsAutoRecord: 1
  })
})

describe('seeded random faults', () => {
  /** The same call of the same certificate always draws the same fault. */
  const draw = (...parts: (string | number)[]): number => seededRandom(parts.join('/'))()

  const TRANSIENT: Fault[] = [
    { type: 'error', code: 'FailedOperation.NetworkError' },
    { type: 'error', code: 'InternalError' },
    { type: 'error', code: 'InternalError.BackendResponseError' },
    { type: 'error', code: 'RequestLimitExceeded' },
    { type: 'http', status: 502 },
    { type: 'http', status: 503 },
    { type: 'reset' },
    { type: 'reset', applied: true },
    { type: 'hang' },
    { type: 'hang', applied: true },
    { type: 'broken-body' },
    { type: 'broken-body', applied: true }
  ]

  function plan(seed: number, round: number, probability: number) {
    return ({ action, certificateId, index }: { action: string; certificateId: string; index: number }) => {
      if (draw(seed, round, action, certificateId, index, 'p') >= probability) return undefined
      return TRANSIENT[Math.floor(draw(seed, round, action, certificateId, index, 'f') * TRANSIENT.length)]
    }
  }

  const submissionsNow = (ids: string[]) => new Map(ids.map((id) => [id, emulator.certificate(id).submissions]))

  /**
   * What a result may claim, given what the server holds: a success names the order the server has; a plain
   * failure means this run applied no order; only ActionError.OutcomeUnknown leaves that open. Never twice.
   */
  function expectAgreement(results: CertificateResult[], before: Map<string, number>): void {
    for (const result of results) {
      const state = emulator.certificate(result.CertificateId)
      const id = result.CertificateId
      expect(state.submissions).toBeLessThanOrEqual(1)
      if (result.ErrorCode === undefined) {
        expect({ id, submissions: state.submissions, OrderId: result.OrderId, Status: result.Status }).toEqual({
          id,
          submissions: 1,
          OrderId: state.OrderId,
          Status: state.Status
        })
      } else if (result.ErrorCode !== 'ActionError.OutcomeUnknown') {
        expect({ id, appliedThisRun: state.submissions - before.get(id)! }).toEqual({ id, appliedThisRun: 0 })
        if (result.Status !== null) expect({ id, Status: result.Status }).toEqual({ id, Status: state.Status })
      }
    }
  }

  test.each([1, 2, 3])(
    'seed %i: 40 certificates, 3 faulty runs then a clean re-run: one submission each, results agree',
    async (seed) => {
      const ids = Array.from({ length: 40 }, (_, i) => `s${seed}c${String(i).padStart(2, '0')}`)
      for (const id of ids) emulator.addCertificate({ CertificateId: id, statusAfterSubmit: 8 })

      const outcomes: string[] = []
      let reconciled = 0
      for (let round = 1; round <= 3; round++) {
        emulator.faultPlan = plan(seed, round, 0.45)
        const before = submissionsNow(ids)
        const results = await run(ids, { skipSubmitted: round > 1, verifyType: 'DNS_AUTO' }, 3)
        expect(results.map((r) => r.CertificateId)).toEqual(ids)
        expectAgreement(results, before)
        outcomes.push(...results.map((r) => r.ErrorCode ?? (r.Skipped ? 'skipped' : 'ok')))
        const readBackIds = new Set(emulator.callsOf('DescribeCertificateDetail').map((r) => r.requestId))
        reconciled += results.filter(
          (r) => r.ErrorCode === undefined && !r.Skipped && readBackIds.has(r.RequestId)
        ).length
      }

      // The faults did what the test is about: answers were lost after orders went through, and attempts ran out.
      const lostAfterApply = emulator.requests.filter(
        (r) => ['reset', 'hang', 'broken-body'].includes(r.outcome) && r.action === 'CommitCertificateInformation'
      )
      expect(lostAfterApply.length).toBeGreaterThan(5)
      expect(outcomes.filter((o) => o !== 'ok' && o !== 'skipped').length).toBeGreaterThan(0)
      expect(outcomes).toContain('skipped')
      expect(reconciled).toBeGreaterThan(0)

      emulator.faultPlan = undefined
      // No fault hangs now: a request timeout a loaded machine cannot run into, for the clean re-run.
      api.close()
      api = sslApiFor(emulator.port, KEY, { requestTimeoutSeconds: 10, pacing: new RateLimiter(clock, 2000) })
      const before = submissionsNow(ids)
      const final = await run(ids, { skipSubmitted: true, verifyType: 'DNS_AUTO' }, 3)
      expectAgreement(final, before)
      expect(final.filter((r) => r.ErrorCode !== undefined)).toEqual([])
      for (const id of ids) expect(emulator.certificate(id).submissions).toBe(1)
    }
  )
})
