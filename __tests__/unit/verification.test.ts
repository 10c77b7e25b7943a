// Domain validation while waiting, without a network: each LocalCheck code in words, the check's pace (doubled when
// rate-limited, up to 5 minutes), the CA asked once and again only after 10 minutes, refusals as notes; and the
// validation deadline in the wait.
import type { DomainCheck, DvAuth, CertificateDetail } from '../../src/api/answers/index.js'
import type { SslApi } from '../../src/api/calls.js'
import { Failure } from '../../src/api/errors.js'
import { COMPLETE_INTERVAL_MS, describeCheck, DomainVerification } from '../../src/steps/validation/verification.js'
import { waitForIssuance } from '../../src/steps/wait/wait.js'
import { callFixture } from '../helpers/call-fixture.js'
import { LISTED_DEFAULTS, UNUSED_API, detailOf } from '../helpers/unused-api.js'

const txt: DvAuth = {
  DvAuthKey: '_dnsauth.www.example.com',
  DvAuthValue: 'token-1',
  DvAuthDomain: 'example.com',
  DvAuthSubDomain: '_dnsauth.www',
  DvAuthPath: '',
  DvAuthVerifyType: 'TXT'
}
const file: DvAuth = {
  DvAuthKey: 'abc.txt',
  DvAuthValue: 'token-2',
  DvAuthDomain: 'shop.example.com',
  DvAuthSubDomain: '',
  DvAuthPath: '/.well-known/pki-validation/',
  DvAuthVerifyType: 'FILE'
}
const check = (Domain: string, LocalCheck: number, extra: Partial<DomainCheck> = {}): DomainCheck => ({
  Domain,
  VerifyType: 'DNS',
  LocalCheck,
  CaCheck: -1,
  LocalCheckFailReason: '',
  CheckValue: [],
  Frequently: false,
  Issued: false,
  ...extra
})

describe('describeCheck: each LocalCheck code says what is expected where, and what was found', () => {
  test.each([
    [check('www.example.com', 1, { CaCheck: 2 }), [txt], 'passed'],
    [check('www.example.com', 1), [txt], 'found, the CA has not checked it yet'],
    [
      check('www.example.com', -1, { LocalCheckFailReason: 'txt record not found' }),
      [txt],
      'TXT record `_dnsauth.www` in `example.com` not found yet (expected `token-1`); Tencent Cloud says: txt record not found'
    ],
    [
      check('www.example.com', -2, { CheckValue: ['old-token'] }),
      [txt],
      'TXT record `_dnsauth.www` in `example.com` holds another value (found `old-token`, expected `token-1`)'
    ],
    [
      check('www.example.com', -3),
      [txt],
      'no NS record found for the domain: its DNS is not delegated where the record is (expected `token-1`)'
    ],
    [
      check('shop.example.com', -4),
      [file],
      'file `http(s)://shop.example.com/.well-known/pki-validation/abc.txt` not found yet (expected `token-2`)'
    ],
    [
      check('shop.example.com', -10, { CheckValue: ['<html>'] }),
      [file],
      'file `http(s)://shop.example.com/.well-known/pki-validation/abc.txt` holds another value (found `<html>`, expected `token-2`)'
    ],
    [check('other.example.org', -6), [txt, file], 'the record not found yet (no record is known for it)'],
    [check('www.example.com', -42), [txt], 'not validated yet (LocalCheck -42, expected `token-1`)']
  ])('%j', (result, records, words) => {
    expect(describeCheck(result, records)).toBe(words)
  })

  test('a backtick in a server value cannot close the code span', () => {
    expect(describeCheck(check('www.example.com', -2, { CheckValue: ['a`b'] }), [txt])).toContain("found `a'b`")
  })
})

function setup(answers: (DomainCheck[] | Failure)[], complete: (Failure | 'ok')[] = []) {
  const fixture = callFixture({ maxAttempts: 1 })
  const checks: number[] = []
  const completes: number[] = []
  const notices: string[] = []
  const api: SslApi = {
    ...UNUSED_API,
    checkCertificateDomainVerification: async () => {
      checks.push(fixture.elapsed())
      const next = answers.length > 1 ? answers.shift()! : answers[0]
      if (next instanceof Failure) throw next
      return { Results: next, RequestId: 'r' }
    },
    completeCertificate: async () => {
      completes.push(fixture.elapsed())
      const next = complete.shift() ?? 'ok'
      if (next instanceof Failure) throw next
      return { RequestId: 'c' }
    }
  }
  const verification = new DomainVerification(api, 'c1', [txt], {
    ...fixture,
    intervalMs: 15_000,
    notice: (message) => void notices.push(message)
  })
  const round = async (status = 0): Promise<void> => {
    verification.round(status)
    await verification.settled()
  }
  return { ...fixture, verification, round, checks, completes, notices }
}

test('at most one check per interval; only while the CA waits (status 0 or 4); a state said once', async () => {
  const { round, advance, checks, logged } = setup([[check('www.example.com', -1)]])
  await round()
  await round()
  advance(14_999)
  await round(4)
  advance(1)
  await round(4)
  advance(15_000)
  await round(1)
  expect(checks).toEqual([0, 15_000])
  expect(logged.filter((line) => line.includes('not found yet'))).toHaveLength(1)
})

test('a rate-limited check doubles the interval, up to 5 minutes; its answer is not taken as the state', async () => {
  const frequently = [check('www.example.com', -1, { Frequently: true })]
  const { round, advance, checks, logged, verification } = setup([frequently])
  for (let i = 0; i < 7; i++) {
    await round()
    advance(300_000)
  }
  expect(
    checks
      .slice(1)
      .map((at, i) => at - checks[i])
      .every((gap) => gap === 300_000)
  ).toBe(true)
  expect(logged.filter((line) => line.includes('rate-limited')).map((line) => /every (\d+) s/.exec(line)![1])).toEqual([
    '30',
    '60',
    '120',
    '240',
    '300',
    '300',
    '300'
  ])
  expect(verification.results()).toEqual([])
})

test('every domain found: the CA asked once, again only after 10 minutes, never once it has passed', async () => {
  const found = [check('www.example.com', 1)]
  const { round, advance, completes, logged } = setup([
    found,
    found,
    found,
    [check('www.example.com', 1, { CaCheck: 2 })]
  ])
  await round()
  advance(15_000)
  await round()
  advance(COMPLETE_INTERVAL_MS)
  await round()
  advance(15_000)
  await round()
  expect(completes).toEqual([0, 15_000 + COMPLETE_INTERVAL_MS])
  expect(logged.filter((line) => line.includes('asked the CA to check now'))).toHaveLength(2)
})

test('a CA that cannot be asked: one notice, never asked again; a busy one is asked again later', async () => {
  const found = [check('www.example.com', 1)]
  const refused = new Failure({
    code: 'FailedOperation',
    message: 'The certificate brand does not support this operation.'
  })
  const { round, advance, completes, notices } = setup([found], [refused])
  for (let i = 0; i < 3; i++) {
    await round()
    advance(COMPLETE_INTERVAL_MS)
  }
  expect([completes.length, notices]).toEqual([
    1,
    [
      'Certificate c1: the CA cannot be asked to check now (FailedOperation: The certificate brand does not support this operation.); it checks the domains on its own'
    ]
  ])
  const busy = setup([found], [new Failure({ code: 'InternalError', message: 'busy' })])
  for (let i = 0; i < 2; i++) {
    await busy.round()
    busy.advance(COMPLETE_INTERVAL_MS)
  }
  expect([busy.completes.length, busy.notices]).toEqual([2, []])
})

test('CertificateStatusNotAllowVerify ends the checks; other failures are said and checked again later', async () => {
  const stopped = setup([new Failure({ code: 'FailedOperation.CertificateStatusNotAllowVerify', message: 'no' })])
  await stopped.round()
  stopped.advance(60_000)
  await stopped.round()
  expect(stopped.checks).toHaveLength(1)
  const failing = setup([
    new Failure({ code: 'FailedOperation.CannotGetOrder', message: 'later' }),
    [check('www.example.com', 1)]
  ])
  await failing.round()
  failing.advance(15_000)
  await failing.round()
  expect(failing.checks).toHaveLength(2)
  expect(failing.logged[0]).toMatch(
    /checking its domains failed \(FailedOperation.CannotGetOrder: later\); trying again later/
  )
})

describe('the validation deadline in the wait', () => {
  const detail = (Status: number): CertificateDetail =>
    detailOf({
      CertificateId: 'c1',
      OrderId: 'SO-1',
      Status,
      StatusMsg: 'PENDING-DCV',
      DvAuths: [txt],
      Domain: 'www.example.com',
      RequestId: 'd'
    })
  // 2026-12-02 12:00:00 GMT+8 is 04:00:00 UTC.
  const start = Date.parse('2026-12-02T04:00:00Z')

  function run(deadline: string, timeoutMs: number, listed: Partial<typeof LISTED_DEFAULTS> = {}) {
    const fixture = callFixture({ maxAttempts: 1 })
    fixture.advance(start)
    const poll = async (_: string, maxWaitMs: number) => {
      await fixture.clock.sleep(maxWaitMs)
      return {
        CertificateId: 'c1',
        Status: 0,
        StatusMsg: 'PENDING-DCV',
        VerifyType: 'DNS',
        DVAuthDeadline: deadline,
        RenewLinks: [],
        ...LISTED_DEFAULTS,
        ...listed,
        RequestId: 'l',
        listed: true as const
      }
    }
    const verification = {
      round: () => {},
      notValidated: () => 'www.example.com: TXT record `_dnsauth.www` in `example.com` not found yet'
    }
    const outcome = waitForIssuance(UNUSED_API, detail(0), {
      ...fixture,
      timeoutMs,
      intervalMs: 60_000,
      poll,
      verification
    })
    return { outcome, fixture }
  }

  test('a deadline inside wait-timeout is warned about once; once it passes, the order is closed', async () => {
    const { outcome, fixture } = run('2026-12-02 12:03:00', 3_600_000)
    const result = await outcome
    expect(fixture.logged.filter((line) => line.startsWith('warning: ') && line.includes('DVAuthDeadline'))).toEqual([
      'warning: Certificate c1: the CA closes the order unless its domains are validated by 2026-12-02 12:03:00 (GMT+8, DVAuthDeadline), before wait-timeout ends: place the validation records now'
    ])
    expect(result).toMatchObject({ kind: 'failed', failure: { code: 'ActionError.ValidationDeadlinePassed' } })
    expect(result.kind === 'failed' && result.failure.message).toMatch(
      /not validated by the deadline 2026-12-02 12:03:00 .*domains not validated: www\.example\.com: TXT record/
    )
    expect(fixture.elapsed() - start).toBe(180_000)
  })

  test.each([
    ['validation passed (ValidationPassedTime)', { ValidationPassedTime: '2026-12-02 12:01:00' }],
    ['an OV certificate (IsDv false)', { IsDv: false }]
  ])('a passed deadline does not close the order when %s: the wait goes on to its own timeout', async (_, listed) => {
    const { outcome, fixture } = run('2026-12-02 12:03:00', 600_000, listed)
    expect(await outcome).toMatchObject({ kind: 'failed', failure: { code: 'ActionError.WaitTimeout' } })
    expect(fixture.logged.some((line) => line.includes('DVAuthDeadline'))).toBe(false)
  })

  test('a deadline after wait-timeout: no warning, and the wait times out as before', async () => {
    const { outcome, fixture } = run('2026-12-09 12:00:00', 120_000)
    expect(await outcome).toMatchObject({ kind: 'failed', failure: { code: 'ActionError.WaitTimeout' } })
    expect(fixture.logged.some((line) => line.includes('DVAuthDeadline'))).toBe(false)
  })
})
