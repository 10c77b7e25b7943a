// End to end, for release pipelines: many certificates per step under the rate limit, several jobs sharing an
// account, safe re-runs, waiting for issuance, validation records and the newer submit API.
import { errorLines, LIST, READ, SUBMIT, useEmulator } from '../helpers/e2e-helpers.js'

const sandbox = useEmulator('fleet')
const { certificate, fault, run, callsFor } = sandbox

/** The most requests of one action that the server admitted in any one-second window. */
function busiestSecond(action: string, ids: Set<string>): number {
  const times = sandbox.emulator.requests
    .filter((r) => r.action === action && ids.has(String(r.params.CertificateId)) && r.outcome === 'ok')
    .map((r) => r.at)
  return Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + 1000).length))
}

test('several certificates: duplicates dropped, order kept, one failure reported without stopping the others', async () => {
  const [a, b, c] = [certificate(), certificate(), certificate()]
  fault(b, { type: 'error', code: 'FailedOperation.NoRealNameAuth' })
  const result = await run({ 'certificate-id': `${a}, ${b}\n${c}\n${a}`, 'verify-type': 'DNS_AUTO' })

  expect(result.exitCode).toBe(1)
  const results = JSON.parse(result.outputs.Results) as { CertificateId: string; ErrorCode?: string; OrderId: string }[]
  expect(results.map((r) => [r.CertificateId, r.ErrorCode ?? 'ok'])).toEqual([
    [a, 'ok'],
    [b, 'FailedOperation.NoRealNameAuth'],
    [c, 'ok']
  ])
  expect(results[0].OrderId).toBe(sandbox.emulator.certificate(a).OrderId)
  for (const id of [a, c]) expect(sandbox.emulator.certificate(id).submissions).toBe(1)
  expect(result.outputs).toMatchObject({
    OrderId: '',
    Status: '',
    StatusName: '',
    RequestId: '',
    DvAuths: '',
    ErrorCode: 'FailedOperation.NoRealNameAuth'
  })
  const errors = errorLines(result)
  expect(errors).toHaveLength(1)
  expect(errors[0]).toContain(`1 of 3 certificates failed: ${b} (FailedOperation.NoRealNameAuth)`)
  expect(errors[0]).toContain(`Certificate ${b}: FailedOperation.NoRealNameAuth`)
})

let accounts = 0
/**
 * An account of its own, for a test that counts calls: another test's requests in the same second, on a loaded
 * machine, could otherwise share its rate limit, and a throttled call retried counts twice.
 */
function aloneAccount() {
  const n = String(++accounts).padStart(4, '0')
  const key = { secretId: `AKIDfleetAlone${n}`, secretKey: `fleet-alone-secret-${n}`, account: `99999000${n}` }
  sandbox.emulator.addKey(key)
  return { account: key.account, inputs: { 'secret-id': key.secretId, 'secret-key': key.secretKey } }
}

test('21 certificates in one step, alone on their account, stay within 10 requests per second and are never throttled', async () => {
  const alone = aloneAccount()
  const ids = Array.from({ length: 21 }, () => certificate({ account: alone.account }))
  const result = await run({ 'certificate-id': ids.join('\n'), 'verify-type': 'DNS', ...alone.inputs })
  expect(result.exitCode).toBe(0)
  const mine = new Set(ids)
  const calls = sandbox.emulator.requests.filter((r) => mine.has(String(r.params.CertificateId)))
  expect(calls.filter((r) => r.outcome !== 'ok')).toEqual([])
  expect(busiestSecond(SUBMIT, mine)).toBeLessThanOrEqual(10)
  expect(busiestSecond(READ, mine)).toBeLessThanOrEqual(10)
  for (const id of ids) expect(sandbox.emulator.certificate(id).submissions).toBe(1)
})

test('three jobs sharing one account (a matrix) are throttled together, absorb it and all finish', async () => {
  // 27 requests at once against one account's 10 per second: enough for the three to throttle each other.
  const shards = [0, 1, 2].map(() => Array.from({ length: 9 }, () => certificate()))
  const runs = await Promise.all(
    shards.map((ids) => run({ 'certificate-id': ids.join(','), 'verify-type': 'DNS_AUTO' }))
  )

  expect(runs.map((r) => r.exitCode)).toEqual([0, 0, 0])
  const all = new Set(shards.flat())
  const throttled = sandbox.emulator.requests.filter(
    (r) => all.has(String(r.params.CertificateId)) && r.outcome === 'RequestLimitExceeded'
  )
  expect(throttled.length).toBeGreaterThan(0)
  for (const id of all) expect(sandbox.emulator.certificate(id).submissions).toBe(1)
}, 120_000)

test('skip-submitted: a re-run reports the submitted certificate with "Skipped": true and submits nothing', async () => {
  const id = certificate({ statusAfterSubmit: 8 })
  const first = await run({ 'certificate-id': id, 'verify-type': 'DNS' })
  expect(first.exitCode).toBe(0)
  const again = await run({ 'certificate-id': id, 'verify-type': 'DNS', 'skip-submitted': 'true' })

  expect(again.exitCode).toBe(0)
  expect(callsFor(id, SUBMIT)).toHaveLength(1)
  const state = sandbox.emulator.certificate(id)
  expect(state.submissions).toBe(1)
  expect(JSON.parse(again.outputs.Results)).toEqual([
    {
      CertificateId: id,
      OrderId: state.OrderId,
      Status: 8,
      StatusName: 'Information submitted, confirmation letter pending',
      // The answer that decided: the skip-submitted read of the certificate.
      RequestId: callsFor(id, READ).at(-1)!.requestId,
      Skipped: true,
      DvAuths: state.DvAuths
    }
  ])
  expect(again.summary).toContain('(already submitted, skipped)')
})

describe('wait-for-issuance', () => {
  test('polls with the list API until issued; the outputs hold the issued status', async () => {
    const id = certificate({ settleAfterReads: 3 })
    const result = await run({
      'certificate-id': id,
      'verify-type': 'DNS_AUTO',
      'wait-for-issuance': 'true',
      'wait-interval': '0.2'
    })
    expect(result.exitCode).toBe(0)
    // One detail read after the submission; then each round lists the certificates waiting, and the second finds it issued.
    expect(callsFor(id, READ)).toHaveLength(1)
    const rounds = sandbox.emulator.callsOf(LIST).filter((call) => (call.params.CertIds as string[]).includes(id))
    expect(rounds).toHaveLength(2)
    expect(rounds.map((call) => call.params.Limit)).toEqual([1000, 1000])
    expect(result.outputs).toMatchObject({ Status: '1', StatusName: 'Issued', RequestId: rounds[1].requestId })
  })

  test("a terminal failure fails the job with the status name and the CA's StatusMsg", async () => {
    const id = certificate({ settleAfterReads: 2, finalStatus: 2, finalStatusMsg: 'CAA-RECORD-FORBIDS-ISSUER' })
    const result = await run({ 'certificate-id': id, 'wait-for-issuance': 'true', 'wait-interval': '0.2' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({
      Status: '2',
      StatusName: 'Review failed',
      ErrorCode: 'ActionError.IssuanceFailed'
    })
    expect(errorLines(result)[0]).toMatch(/ended in status 2 \(Review failed\), StatusMsg CAA-RECORD-FORBIDS-ISSUER/)
  })

  test('the timeout fails the job with the last status seen', async () => {
    const id = certificate({ settleAfterReads: 1_000_000, statusAfterSubmit: 4 })
    const result = await run({
      'certificate-id': id,
      'wait-for-issuance': 'true',
      'wait-timeout': '1',
      'wait-interval': '0.3'
    })
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({
      Status: '4',
      StatusName: 'DNS record added',
      ErrorCode: 'ActionError.WaitTimeout'
    })
    expect(errorLines(result)[0]).toMatch(
      /not issued within 1 s; last seen in status 4 \(DNS record added\), StatusMsg PENDING-DCV/
    )
  })
})

test('FILE verification: the records are in the DvAuths output, the result and the summary', async () => {
  const id = certificate({ Domain: 'shop.example.com' })
  const result = await run({ 'certificate-id': id, 'verify-type': 'FILE' })
  expect(result.exitCode).toBe(0)
  const [record] = sandbox.emulator.certificate(id).DvAuths
  expect(JSON.parse(result.outputs.DvAuths)).toEqual([record])
  expect(record).toMatchObject({
    DvAuthVerifyType: 'FILE',
    DvAuthDomain: 'shop.example.com',
    DvAuthPath: '/.well-known/pki-validation/',
    DvAuthKey: expect.stringMatching(/^[0-9a-f]{16}\.txt$/)
  })
  const file = `/.well-known/pki-validation/${record.DvAuthKey}`
  expect(result.summary).toContain(
    `| \`${id}\` | \`FILE\` | \`shop.example.com\` | \`${file}\` | \`${record.DvAuthValue}\` |`
  )
  expect(result.log).toContain(
    `serve the file ${file} on shop.example.com (http or https) containing ${record.DvAuthValue}`
  )
})

test('submit-api CertificateOrderSubmit sends CertId and DeleteDnsAutoRecord, with the same outputs', async () => {
  const id = certificate({ statusAfterSubmit: 4 })
  const result = await run({
    'certificate-id': id,
    'verify-type': 'dns_auto',
    'submit-api': 'CertificateOrderSubmit',
    'delete-dns-auto-record': 'true'
  })
  expect(result.exitCode).toBe(0)
  const [call] = callsFor(id, 'CertificateOrderSubmit')
  expect(call.params).toEqual({ CertId: id, VerifyType: 'DNS_AUTO', DeleteDnsAutoRecord: 1 })
  expect(callsFor(id, SUBMIT)).toEqual([])
  expect(sandbox.emulator.certificate(id)).toMatchObject({ submissions: 1, DeleteDnsAutoRecord: true })
  expect(result.outputs).toMatchObject({
    OrderId: sandbox.emulator.certificate(id).OrderId,
    Status: '4',
    RequestId: call.requestId,
    ErrorCode: ''
  })
})

describe('batch status: one list call per round for every certificate waiting', () => {
  test('21 certificates waited on together: one DescribeCertificates per round, about one detail read each, progress lines instead of per-certificate ones', async () => {
    const alone = aloneAccount()
    const ids = Array.from({ length: 21 }, () => certificate({ settleAfterMs: 500, account: alone.account }))
    const result = await run({
      'certificate-id': ids.join(','),
      'verify-type': 'DNS_AUTO',
      'wait-for-issuance': 'true',
      'wait-interval': '0.5',
      ...alone.inputs
    })
    expect(result.exitCode).toBe(0)
    const mine = new Set(ids)
    const lists = sandbox.emulator
      .callsOf(LIST)
      .filter((call) => (call.params.CertIds as string[]).some((id) => mine.has(id)))
    // The submissions take about 2.5 s, so some rounds list fewer; never more than one call per round.
    const rounds = new Set(lists.map((call) => Math.round(call.at / 100)))
    expect(lists.length).toBe(rounds.size)
    const details = ids.flatMap((id) => callsFor(id, READ))
    expect(details.length).toBeLessThanOrEqual(Math.ceil(1.1 * ids.length))
    expect((JSON.parse(result.outputs.Results) as { Status: number }[]).map((r) => r.Status)).toEqual(ids.map(() => 1))
    const info = result.log.split('\n').filter((line) => !line.startsWith('::'))
    expect(info.filter((line) => line.startsWith('Progress: ')).at(-1)).toBe(
      'Progress: 21 of 21 submitted, 0 failed, 0 waiting, 21 done'
    )
    expect(info.filter((line) => line.startsWith('Certificate '))).toEqual([])
  })

  test.each(['AuthFailure.UnauthorizedOperation', 'FailedOperation.AuthError', 'FailedOperation.CAMAuthorizedFail'])(
    'without ssl:DescribeCertificates (%s): a warning once, naming the permission, then each certificate is read alone',
    async (refusal) => {
      const alone = aloneAccount()
      const ids = [
        certificate({ settleAfterReads: 3, account: alone.account }),
        certificate({ settleAfterReads: 3, account: alone.account })
      ]
      sandbox.emulator.injectFault({ action: LIST, times: 100, fault: { type: 'error', code: refusal } })
      try {
        const result = await run({
          'certificate-id': ids.join(','),
          'verify-type': 'DNS_AUTO',
          'wait-for-issuance': 'true',
          'wait-interval': '0.2',
          ...alone.inputs
        })
        expect(result.exitCode).toBe(0)
        const warnings = result.log.split('\n').filter((line) => line.startsWith('::warning::'))
        expect(warnings).toHaveLength(1)
        expect(warnings[0]).toContain('ssl:DescribeCertificates')
        for (const id of ids) expect(callsFor(id, READ)).toHaveLength(3)
        expect(sandbox.emulator.callsOf(LIST).filter((call) => call.outcome === refusal).length).toBeGreaterThanOrEqual(
          1
        )
      } finally {
        sandbox.emulator.clearFaults()
      }
    }
  )

  test('skip-submitted finds the pending certificates with one list call, and reads only the submitted ones in detail', async () => {
    const alone = aloneAccount()
    const submitted = Array.from({ length: 3 }, () =>
      certificate({ Status: 4, OrderId: 'TA-before', account: alone.account })
    )
    const pending = Array.from({ length: 5 }, () => certificate({ account: alone.account }))
    const all = [...submitted, ...pending]
    const before = sandbox.emulator.callsOf(LIST).length
    const result = await run({
      'certificate-id': all.join(','),
      'verify-type': 'DNS_AUTO',
      'skip-submitted': 'true',
      ...alone.inputs
    })
    expect(result.exitCode).toBe(0)
    expect(sandbox.emulator.callsOf(LIST).slice(before)).toHaveLength(1)
    for (const id of submitted) expect(callsFor(id, READ)).toHaveLength(1)
    for (const id of pending) expect(callsFor(id, READ)).toEqual([])
    for (const id of pending) expect(sandbox.emulator.certificate(id).submissions).toBe(1)
  })
})
