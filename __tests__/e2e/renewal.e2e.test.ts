// End to end, renew-certificate-id: the step names the certificate in service once, and every year its renewal is
// found through its links, carried through (its information copied from the one it renews), switched in and the old
// one silenced; with no renewal, the days left are counted and a missing one within renew-before-days fails the step.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { errorLines, inDays, resultsOf, useEmulator } from '../helpers/e2e-helpers.js'
import { ROOT } from '../../sandbox/run-action.js'

const sandbox = useEmulator('rnw')
const { certificate, runInProcess: run } = sandbox
const INFO = 'CertificateInfoSubmit'
const NOTICES = 'ModifyCertificatesExpiringNotificationSwitch'
const bindCdn = (id: string): void =>
  void sandbox.emulator.bindResource({ certificateId: id, type: 'cdn', domains: ['cdn.shop.example.com'] })

test('a renewal made by auto-renewal: information copied, ordered, issued, switched in, the old one silenced', async () => {
  const renewalId = certificate({ informationPending: true, settleAfterReads: 2 })
  const oldId = certificate({
    Status: 1,
    Domain: 'shop.example.com',
    altNames: ['shop.example.com', 'www.shop.example.com'],
    expiresAt: inDays(20),
    renewedBy: { id: renewalId, field: 'HasRenewOrder' },
    submittedData: {
      CsrType: 'online',
      CertificateDomain: 'shop.example.com',
      DomainList: ['shop.example.com', 'www.shop.example.com'],
      OrganizationName: 'Example Shop Ltd',
      PhoneAreaCode: '010',
      ContactEmail: 'ops@example.com',
      VerifyType: 'DNS_AUTO'
    }
  })
  bindCdn(oldId)
  const result = await sandbox.run({
    'renew-certificate-id': oldId,
    'verify-type': 'DNS_AUTO',
    'wait-for-issuance': 'true',
    'wait-interval': '0.1',
    'resource-types': 'cdn',
    'disable-old-expiry-notices': 'true'
  })

  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(sandbox.emulator.certificate(renewalId).information).toMatchObject({
    CertId: renewalId,
    CertCommonName: 'shop.example.com',
    DnsNames: ['www.shop.example.com'],
    CompanyType: 2,
    CompanyId: '0',
    OrgOrganization: 'Example Shop Ltd',
    OrgPhoneArea: '010',
    TechEmail: 'ops@example.com',
    GenCsrType: 'online',
    CsrEncryptAlgo: 'RSA',
    CsrKeyParameter: '2048'
  })
  expect(sandbox.emulator.certificate(renewalId)).toMatchObject({
    Status: 1,
    submissions: 1,
    informationSubmissions: 1
  })
  expect(sandbox.emulator.rebind.boundTo(renewalId).map((r) => r.type)).toEqual(['cdn'])
  expect(sandbox.emulator.certificate(oldId).expiryNotices).toBe(false)
  expect(result.outputs.CertificateId).toBe(renewalId)
  expect(Number(result.outputs.DaysLeft)).toBeGreaterThanOrEqual(364)
  expect(resultsOf(result.outputs)[0].Renewal).toMatchObject({
    RenewsCertificateId: oldId,
    Chain: [oldId, renewalId],
    State: 'renewed'
  })
  expect(result.summary).toContain('### Renewal')
  expect(result.summary).toContain(`✅ renewed`)

  // The same scheduled step the next day: nothing ordered again, the switch asked again (a notice), notices silenced.
  const again = await run({
    'renew-certificate-id': oldId,
    'wait-interval': '0.1',
    'resource-types': 'cdn',
    'disable-old-expiry-notices': 'true'
  })
  expect([again.exitCode, errorLines(again)]).toEqual([0, []])
  expect(sandbox.emulator.certificate(renewalId)).toMatchObject({ submissions: 1, informationSubmissions: 1 })
  expect(resultsOf(again.outputs)[0].Renewal?.State).toBe('renewed')
})

test('years later, a chain of renewals in every documented link field is followed to the newest', async () => {
  const newest = certificate({ Status: 1, Domain: 'shop.example.com', expiresAt: inDays(300) })
  const third = certificate({
    Status: 1,
    Domain: 'shop.example.com',
    expiresAt: inDays(-65),
    renewedBy: { id: newest, field: 'HostingRenewCertId' }
  })
  const second = certificate({
    Status: 1,
    Domain: 'shop.example.com',
    expiresAt: inDays(-430),
    renewedBy: { id: third, field: 'ServiceRenewCertificateId' }
  })
  const first = certificate({
    Status: 1,
    Domain: 'shop.example.com',
    expiresAt: inDays(-795),
    renewedBy: { id: second }
  })
  const result = await run({ 'renew-certificate-id': first })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(resultsOf(result.outputs)[0].Renewal).toMatchObject({
    Chain: [first, second, third, newest],
    RenewsCertificateId: third,
    State: 'renewed'
  })
  expect(result.outputs.CertificateId).toBe(newest)
  expect(Number(result.outputs.DaysLeft)).toBe(299)
})

test('a renewal done last year is itself due: without its own renewal it is the alarm again', async () => {
  const current = certificate({ Status: 1, Domain: 'shop.example.com', expiresAt: inDays(12.5) })
  const first = certificate({
    Status: 1,
    Domain: 'shop.example.com',
    expiresAt: inDays(-353),
    renewedBy: { id: current }
  })
  const result = await run({ 'renew-certificate-id': first })
  expect(result.outputs.ErrorCode).toBe('ActionError.RenewalMissing')
  expect(resultsOf(result.outputs)[0].Renewal).toMatchObject({
    Chain: [first, current],
    DaysLeft: 12,
    State: 'missing'
  })
  expect(result.outputs.CertificateId).toBe(current)
})

test('no renewal and far from expiry: a notice with the date and the days, nothing done', async () => {
  const id = certificate({ Status: 1, Domain: 'shop.example.com', expiresAt: inDays(90.5) })
  const result = await run({ 'renew-certificate-id': id })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(result.log).toMatch(
    new RegExp(
      `::notice::Certificate ${id}: in service until \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\(GMT\\+8\\), 90 days`
    )
  )
  expect([result.outputs.DaysLeft, resultsOf(result.outputs)[0].Renewal?.State]).toEqual(['90', 'not-due'])
  expect(sandbox.callsFor(id, 'CommitCertificateInformation')).toHaveLength(0)
})

test('no renewal within renew-before-days: ActionError.RenewalMissing, naming the expiry and what to do', async () => {
  const id = certificate({ Status: 1, Domain: 'shop.example.com', expiresAt: inDays(10.5) })
  const result = await run({ 'renew-certificate-id': id, 'renew-before-days': '14' })
  expect(result.exitCode).toBe(1)
  expect(result.outputs.ErrorCode).toBe('ActionError.RenewalMissing')
  expect(errorLines(result).join('\n')).toMatch(
    new RegExp(
      `Certificate ${id}: ActionError.RenewalMissing: it expires on .* \\(GMT\\+8\\), in 10 days, within renew-before-days \\(14\\), and no renewal was found: looked at its renewal links .*, none; and the \\d+ certificates? listed for shop.example.com, none of which names it.*renew it in the SSL Certificates console`
    )
  )
  expect(resultsOf(result.outputs)[0].Renewal?.State).toBe('missing')
})

test('a renewal that shows only after some reads is found by a later run; a loop fails on its own', async () => {
  const renewalId = certificate({ Status: 1, Domain: 'late.example.com' })
  const oldId = certificate({
    Status: 1,
    Domain: 'late.example.com',
    expiresAt: inDays(5),
    renewedBy: { id: renewalId, afterReads: 3 }
  })
  const early = await run({ 'renew-certificate-id': oldId })
  expect(early.outputs.ErrorCode).toBe('ActionError.RenewalMissing')
  const later = await run({ 'renew-certificate-id': oldId })
  expect([later.exitCode, resultsOf(later.outputs)[0].Renewal?.Chain]).toEqual([0, [oldId, renewalId]])

  const a = 'rnwLoopA'
  const b = 'rnwLoopB'
  sandbox.emulator
    .addCertificate({ CertificateId: a, Status: 1, renewedBy: { id: b } })
    .addCertificate({ CertificateId: b, Status: 1, renewedBy: { id: a } })
  const loop = await run({ 'renew-certificate-id': a })
  expect(loop.outputs.ErrorCode).toBe('ActionError.RenewalLoop')
  expect(errorLines(loop).join('\n')).toContain(`the renewal links loop: ${a} → ${b} → ${a}`)
})

test('a link to a certificate that cannot be read fails with its own code', async () => {
  const id = certificate({ Status: 1, renewedBy: { id: 'rnwGone0001' } })
  const result = await run({ 'renew-certificate-id': id })
  expect(result.outputs.ErrorCode).toBe('ActionError.RenewalLinkUnreadable')
  expect(errorLines(result).join('\n')).toContain(
    `${id} is renewed by rnwGone0001, which cannot be read (FailedOperation.CertificateNotFound`
  )
})

test('a renewal on your own CSR is submitted with that CSR again, with a notice that the key is reused', async () => {
  const csr = readFileSync(join(ROOT, '__tests__', 'fixtures', 'csr-rsa-2048.csr'), 'utf8')
  const renewalId = certificate({ informationPending: true })
  const oldId = certificate({
    Status: 1,
    Domain: 'shop.example.com',
    keyHeld: false,
    expiresAt: inDays(25),
    renewedBy: { id: renewalId },
    submittedData: {
      CsrType: 'parse',
      CsrContent: csr,
      CertificateDomain: 'shop.example.com',
      DomainList: [],
      ContactEmail: 'a@example.com'
    }
  })
  const result = await run({ 'renew-certificate-id': oldId, 'renew-before-days': '14' })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(sandbox.emulator.certificate(renewalId)).toMatchObject({ keyHeld: false, submissions: 1 })
  expect(sandbox.callsFor(renewalId, INFO)[0].params).toMatchObject({ GenCsrType: 'parse', Csr: csr })
  expect(result.log).toContain(
    `::notice::Certificate ${renewalId}: its CSR is the one ${oldId} was issued for: the same key is used again`
  )
})

describe('renewal inputs are checked before anything is sent', () => {
  test.each([
    [{ 'certificate-id': 'a1', 'renew-certificate-id': 'b1' }, /certificate-id and renew-certificate-id are both set/],
    [{ 'certificate-id': '', 'renew-certificate-id': '' }, /certificate-id is empty: .* or renew-certificate-id/],
    [
      { 'renew-certificate-id': 'b1', 'replace-certificate-id': 'c1', 'resource-types': 'cdn' },
      /replace-certificate-id is set with renew-certificate-id/
    ],
    [
      { 'renew-certificate-id': 'b1', 'renew-before-days': '400' },
      /renew-before-days "400" is not allowed: use a whole number from 1 to 365/
    ],
    [{ 'renew-certificate-id': 'b/1' }, /renew-certificate-id "b\/1" is not a certificate ID/]
  ])('%j', async (inputs, message) => {
    const before = sandbox.emulator.requests.length
    const result = await run({ 'certificate-id': '', ...inputs })
    expect(result.outputs.ErrorCode).toBe('ActionError.InvalidInput')
    expect(errorLines(result).join('\n')).toMatch(message)
    expect(sandbox.emulator.requests.length).toBe(before)
  })
})

test('the notices switch is asked only once the renewal is in service, and NOTICES is never called otherwise', async () => {
  const id = certificate({ Status: 1, expiresAt: inDays(200) })
  await run({ 'renew-certificate-id': id, 'disable-old-expiry-notices': 'true' })
  expect(
    sandbox.emulator.callsOf(NOTICES).filter((call) => (call.params.CertificateIds as string[]).includes(id))
  ).toEqual([])
})
