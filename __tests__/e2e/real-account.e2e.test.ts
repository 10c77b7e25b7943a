// End to end, the lifecycle as the real API answers it (issue "The lifecycle on a real account"): SubmittedData null
// once issued, renewals made by Tencent Cloud already submitted, found only from the new side, subscriptions and
// short lifetimes, a deadline that stays after validation, records that come late, and what a mistake must not do.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { errorLines, inDays, resultsOf, useEmulator } from '../helpers/e2e-helpers.js'

const sandbox = useEmulator('real')
// In this process, so that the flow's new paths count towards coverage as the unit tests' do.
const { certificate, runInProcess: run } = sandbox
const INFO = 'CertificateInfoSubmit'
const NOTICES = 'ModifyCertificatesExpiringNotificationSwitch'
const noticesOf = (id: string) =>
  sandbox.emulator.callsOf(NOTICES).filter((call) => (call.params.CertificateIds as string[]).includes(id))

describe('information to carry into a renewal', () => {
  test('nothing on file (SubmittedData all null once issued) and no inputs: fails naming the inputs, nothing sent', async () => {
    const renewalId = certificate({ informationPending: true, settleAfterReads: 1 })
    const oldId = certificate({
      Status: 1,
      Domain: 'a.example.com',
      expiresAt: inDays(20),
      renewedBy: { id: renewalId }
    })
    const result = await sandbox.run({ 'renew-certificate-id': oldId })
    expect(result.outputs.ErrorCode).toBe('ActionError.RenewalInformationUnknown')
    expect(errorLines(result).join('\n')).toMatch(
      /has none on file to copy .*give domain with contact-email .* or company-id .*, and csr or key-algorithm; nothing was sent/
    )
    expect(sandbox.callsFor(renewalId, INFO)).toHaveLength(0)
    expect(sandbox.emulator.certificate(renewalId)).toMatchObject({ submissions: 0, Status: 5 })
  })

  test('the inputs give it: sent from them, then ordered', async () => {
    const renewalId = certificate({ informationPending: true, settleAfterReads: 1 })
    const oldId = certificate({
      Status: 1,
      Domain: 'a.example.com',
      expiresAt: inDays(20),
      renewedBy: { id: renewalId }
    })
    const result = await run({
      'renew-certificate-id': oldId,
      domain: 'a.example.com',
      'contact-email': 'ops@example.com',
      'wait-for-issuance': 'true',
      'wait-interval': '0.1'
    })
    expect([result.exitCode, errorLines(result)]).toEqual([0, []])
    expect(sandbox.callsFor(renewalId, INFO)[0].params).toMatchObject({
      CertId: renewalId,
      CertCommonName: 'a.example.com',
      ContactEmail: 'ops@example.com'
    })
    expect(sandbox.emulator.certificate(renewalId)).toMatchObject({ submissions: 1, Status: 1 })
  })

  test('made from your own CSR, no CSR on file and no csr input: fails naming csr, never a key Tencent Cloud makes', async () => {
    const renewalId = certificate({ informationPending: true })
    const oldId = certificate({
      Status: 1,
      Domain: 'a.example.com',
      keyHeld: false,
      expiresAt: inDays(20),
      renewedBy: { id: renewalId }
    })
    const result = await run({
      'renew-certificate-id': oldId,
      domain: 'a.example.com',
      'contact-email': 'o@example.com'
    })
    expect(result.outputs.ErrorCode).toBe('ActionError.RenewalCsrRequired')
    expect(errorLines(result).join('\n')).toMatch(/made from your own CSR .* give csr/)
    expect(sandbox.callsFor(renewalId, INFO)).toHaveLength(0)
  })
})

test("a renewal made by Tencent Cloud's auto-renewal arrives submitted: carried through without sending information", async () => {
  const renewalId = certificate({ Domain: 'b.example.com', orderedByTencentCloud: true, settleAfterReads: 2 })
  const oldId = certificate({ Status: 1, Domain: 'b.example.com', expiresAt: inDays(20), renewedBy: { id: renewalId } })
  sandbox.emulator.bindResource({ certificateId: oldId, type: 'cdn', domains: ['cdn.b.example.com'] })
  const result = await run({
    'renew-certificate-id': oldId,
    'wait-for-issuance': 'true',
    'wait-interval': '0.1',
    'resource-types': 'cdn',
    'disable-old-expiry-notices': 'true'
  })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(sandbox.callsFor(renewalId, INFO)).toHaveLength(0)
  expect(sandbox.emulator.certificate(renewalId)).toMatchObject({
    submissions: 0,
    informationSubmissions: 0,
    Status: 1
  })
  expect(sandbox.emulator.rebind.boundTo(renewalId).map((r) => r.type)).toEqual(['cdn'])
  expect(sandbox.emulator.certificate(oldId).expiryNotices).toBe(false)
  expect(resultsOf(result.outputs)[0].Renewal?.State).toBe('renewed')
})

test('a renewal seen only from its own side (OriginCertificateId) is found before RenewalMissing', async () => {
  const oldId = certificate({ Status: 1, Domain: 'c-side.example.com', expiresAt: inDays(5) })
  const renewalId = certificate({
    Status: 1,
    Domain: 'c-side.example.com',
    expiresAt: inDays(365),
    renews: { id: oldId }
  })
  const result = await run({ 'renew-certificate-id': oldId })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(resultsOf(result.outputs)[0].Renewal).toMatchObject({ Chain: [oldId, renewalId], State: 'renewed' })
  expect(result.log).toContain(`no renewal link, but ${renewalId} names it as the certificate it renews`)
})

test('subscriptions and short lifetimes: the service reported, renew-before-days a third of the lifetime', async () => {
  const service = { id: 'DY2026001', endsAt: inDays(700), validCertificates: 2 }
  // 47 days long, 17 left: not due (a third is 15).
  const fresh = certificate({
    Status: 1,
    Domain: 'd.example.com',
    issuedAt: inDays(-30),
    expiresAt: inDays(17),
    service
  })
  const notDue = await run({ 'renew-certificate-id': fresh })
  expect([notDue.exitCode, errorLines(notDue)]).toEqual([0, []])
  expect(resultsOf(notDue.outputs)[0].Renewal).toMatchObject({
    State: 'not-due',
    BeforeDays: 15,
    ServiceCertificateCount: 2,
    ServiceEndTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
  })
  // 47 days long, 10 left: due, and no renewal.
  const due = certificate({ Status: 1, Domain: 'd2.example.com', issuedAt: inDays(-37), expiresAt: inDays(10.5) })
  const missing = await run({ 'renew-certificate-id': due })
  expect(missing.outputs.ErrorCode).toBe('ActionError.RenewalMissing')
  expect(resultsOf(missing.outputs)[0].Renewal).toMatchObject({ BeforeDays: 15, DaysLeft: 10 })
  // An explicit number still wins.
  const explicit = await run({ 'renew-certificate-id': due, 'renew-before-days': '5' })
  expect(explicit.exitCode).toBe(0)
})

test('the next certificate of a subscription (ServiceRenewCertificateId) is followed', async () => {
  const next = certificate({ Status: 1, Domain: 'e.example.com', expiresAt: inDays(40), issuedAt: inDays(-7) })
  const current = certificate({
    Status: 1,
    Domain: 'e.example.com',
    expiresAt: inDays(3),
    renewedBy: { id: next, field: 'ServiceRenewCertificateId' }
  })
  const result = await run({ 'renew-certificate-id': current })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(result.outputs.CertificateId).toBe(next)
})

describe('what a mistake must not do', () => {
  test('a renewal that does not cover the names it replaces is never switched in, the old one not silenced', async () => {
    const renewalId = certificate({
      Domain: 'f.example.com',
      altNames: ['f.example.com'],
      orderedByTencentCloud: true,
      settleAfterReads: 1
    })
    const oldId = certificate({
      Status: 1,
      Domain: 'f.example.com',
      altNames: ['f.example.com', 'api.f.example.com'],
      expiresAt: inDays(20),
      renewedBy: { id: renewalId }
    })
    sandbox.emulator.bindResource({ certificateId: oldId, type: 'cdn', domains: ['api.f.example.com'] })
    const result = await run({
      'renew-certificate-id': oldId,
      'wait-for-issuance': 'true',
      'wait-interval': '0.1',
      'resource-types': 'cdn',
      'disable-old-expiry-notices': 'true'
    })
    expect(result.outputs.ErrorCode).toBe('ActionError.RenewalNamesDiffer')
    expect(errorLines(result).join('\n')).toContain('does not cover api.f.example.com')
    expect(sandbox.emulator.rebind.boundTo(oldId).map((r) => r.type)).toEqual(['cdn'])
    expect(noticesOf(oldId)).toEqual([])
    expect(sandbox.emulator.certificate(oldId).expiryNotices).toBe(true)
  })

  test('the old certificate is silenced only when nothing is bound to it any more: switched-partly otherwise', async () => {
    const renewalId = certificate({ Domain: 'g.example.com', orderedByTencentCloud: true, settleAfterReads: 1 })
    const oldId = certificate({
      Status: 1,
      Domain: 'g.example.com',
      expiresAt: inDays(20),
      renewedBy: { id: renewalId }
    })
    sandbox.emulator.bindResource({ certificateId: oldId, type: 'cdn', domains: ['cdn.g.example.com'] })
    sandbox.emulator.bindResource({ certificateId: oldId, type: 'clb', region: 'ap-beijing', instanceId: 'lb-left' })
    const result = await run({
      'renew-certificate-id': oldId,
      'wait-for-issuance': 'true',
      'wait-interval': '0.1',
      'resource-types': 'cdn',
      'disable-old-expiry-notices': 'true'
    })
    expect([result.exitCode, errorLines(result)]).toEqual([0, []])
    expect(noticesOf(oldId)).toEqual([])
    expect(sandbox.emulator.certificate(oldId).expiryNotices).toBe(true)
    expect(result.log).toMatch(new RegExp(`::warning::Certificate ${oldId}: still bound to clb lb-left .*ap-beijing`))
    expect(resultsOf(result.outputs)[0].Renewal).toMatchObject({
      State: 'switched-partly',
      StillBound: expect.stringContaining('lb-left')
    })
  })

  test('a stuck renewal raises the alarm at once without wait-for-issuance; an expired one always fails', async () => {
    const renewalId = certificate({
      Domain: 'h.example.com',
      orderedByTencentCloud: true,
      validation: { records: 'missing' }
    })
    const oldId = certificate({
      Status: 1,
      Domain: 'h.example.com',
      expiresAt: inDays(5),
      renewedBy: { id: renewalId }
    })
    const result = await run({ 'renew-certificate-id': oldId })
    expect(result.outputs.ErrorCode).toBe('ActionError.RenewalNotIssued')
    expect(errorLines(result).join('\n')).toMatch(
      new RegExp(
        `${oldId}, in service, expires in 4 days.*its renewal ${renewalId} is not issued: status 4 .*waiting for domain validation`
      )
    )
    expect(resultsOf(result.outputs)[0].Renewal?.State).toBe('not-issued')

    const expired = certificate({ Status: 1, Domain: 'h2.example.com', expiresAt: inDays(-2) })
    const late = await run({ 'renew-certificate-id': expired, 'renew-before-days': '1' })
    expect(late.outputs.ErrorCode).toBe('ActionError.RenewalMissing')
    expect(errorLines(late).join('\n')).toMatch(/expired on .* days ago/)
  })

  test('one line, one flow: two named certificates leading to the same newest carry it once', async () => {
    const newest = certificate({ informationPending: true, settleAfterReads: 1 })
    const middle = certificate({
      Status: 1,
      Domain: 'i.example.com',
      expiresAt: inDays(20),
      renewedBy: { id: newest },
      submittedData: { CsrType: 'online', CertificateDomain: 'i.example.com', ContactEmail: 'o@example.com' }
    })
    const first = certificate({
      Status: 1,
      Domain: 'i.example.com',
      expiresAt: inDays(-300),
      renewedBy: { id: middle }
    })
    const result = await run({
      'renew-certificate-id': `${first},${middle}`,
      'wait-for-issuance': 'true',
      'wait-interval': '0.1'
    })
    expect([result.exitCode, errorLines(result)]).toEqual([0, []])
    expect(sandbox.emulator.certificate(newest)).toMatchObject({ informationSubmissions: 1, submissions: 1 })
    const [a, b] = resultsOf(result.outputs)
    expect([a.CertificateId, b.CertificateId]).toEqual([newest, newest])
    expect(a.Renewal?.Chain).toEqual([first, middle, newest])
    expect(b.Renewal?.Chain).toEqual([middle, newest])
    expect([a.Renewal?.SameLineAs, b.Renewal?.SameLineAs].filter(Boolean)).toHaveLength(1)
  })

  test('unknown expiry on the certificate in service is a warning on every run, never a silent green', async () => {
    const id = certificate({ Status: 1, Domain: 'j.example.com', endTimeUnknown: true })
    for (let i = 0; i < 2; i++) {
      const result = await run({ 'renew-certificate-id': id })
      expect(result.log).toMatch(new RegExp(`::warning::Certificate ${id}: its expiry \\(CertEndTime\\) is unknown`))
    }
  })

  test('a preview says "would": Information would-submit, Renewal would-renew, and nothing is sent', async () => {
    const renewalId = certificate({ informationPending: true })
    const oldId = certificate({
      Status: 1,
      Domain: 'k.example.com',
      expiresAt: inDays(20),
      renewedBy: { id: renewalId }
    })
    const result = await run({
      'renew-certificate-id': oldId,
      'dry-run': 'true',
      domain: 'k.example.com',
      'contact-email': 'o@example.com'
    })
    expect([result.exitCode, errorLines(result)]).toEqual([0, []])
    const [only] = resultsOf(result.outputs)
    expect([only.Information, only.Renewal?.State]).toEqual(['would-submit', 'would-renew'])
    expect(result.summary).not.toMatch(/\| submitted \||✅ renewed/)
    expect(result.log).toContain(`renewed by ${renewalId}; a real run would carry ${renewalId} through`)
    expect(result.log).not.toMatch(/information submitted|: carrying |expiry notices are off|started \(DeployRecordId/)
    expect(sandbox.callsFor(renewalId, INFO)).toHaveLength(0)
  })
})

test('a DV deadline that has passed does not fail an order whose validation passed, nor an OV one', async () => {
  const ov = certificate({ dv: false, validationDeadline: inDays(-1), settleAfterReads: 3 })
  const result = await run({ 'certificate-id': ov, 'wait-for-issuance': 'true', 'wait-interval': '0.1' })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(result.outputs.Status).toBe('1')
})

test('validation records that arrive after the order are read again while waiting, written and reported', async () => {
  const id = certificate({ recordsAfterReads: 3, settleAfterReads: 6 })
  const site = mkdtempSync(join(tmpdir(), 'late-records-'))
  const result = await run({
    'certificate-id': id,
    'verify-type': 'FILE',
    'validation-dir': site,
    'wait-for-issuance': 'true',
    'wait-interval': '0.1'
  })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  const [only] = resultsOf(result.outputs)
  expect(only.ValidationFiles).toEqual([expect.stringMatching(/\.well-known\/pki-validation\/[0-9a-f]{16}\.txt$/)])
  expect(only.DvAuths).toHaveLength(1)
  expect(result.log).toContain('(the records came after the order)')
})

test('a switch whose resources say "no resource" (status 6), or a task counting none, is done', async () => {
  const oldId = certificate({ Status: 1, Domain: 'l.example.com' })
  const newId = certificate({ Status: 1, Domain: 'l.example.com' })
  sandbox.emulator.bindResource({
    certificateId: oldId,
    type: 'cdn',
    domains: ['cdn.l.example.com'],
    nothingToDeploy: true
  })
  const result = await run({
    'certificate-id': newId,
    'skip-submitted': 'true',
    'replace-certificate-id': oldId,
    'resource-types': 'cdn',
    'wait-interval': '0.1'
  })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(resultsOf(result.outputs)[0].Rebind?.Resources.map((r) => r.Outcome)).toEqual([
    'no resource (nothing to deploy)'
  ])

  sandbox.emulator.rebind.nothingBoundAnswer = 'empty-task'
  try {
    const none = certificate({ Status: 1 })
    const again = await run({
      'certificate-id': certificate({ Status: 1 }),
      'skip-submitted': 'true',
      'replace-certificate-id': none,
      'resource-types': 'cdn',
      'wait-interval': '0.1'
    })
    expect([again.exitCode, errorLines(again)]).toEqual([0, []])
    expect(resultsOf(again.outputs)[0].Rebind?.Note).toMatch(/counts no resource/)
  } finally {
    sandbox.emulator.rebind.nothingBoundAnswer = 'refusal'
  }
})

test('a secret that a server echoes reaches the summary and outputs masked, never escaped past the masker', async () => {
  const id = certificate({ informationPending: true })
  const secret = 'shh_top*secret.value'
  sandbox.fault(id, { type: 'error', code: 'FailedOperation', message: `refused, KeyPass ${secret}` }, 1, INFO)
  const result = await run({
    'certificate-id': id,
    domain: 'm.example.com',
    'contact-email': 'o@example.com',
    information: JSON.stringify({ KeyPass: secret })
  })
  expect(result.outputs.ErrorCode).toBe('FailedOperation')
  const escaped = secret.replace(/[_*.]/g, (c) => `\\${c}`)
  // The mask itself is then escaped in the summary's Markdown, as any text is.
  expect(result.summary).toContain('refused, KeyPass \\*\\*\\*')
  for (const text of [result.summary, result.outputs.Results, result.resultsFile]) {
    if (text !== result.summary) expect(text).toContain('refused, KeyPass ***')
    expect(text).not.toContain(secret)
    expect(text).not.toContain(escaped)
  }
})

test('a list that may not be read is not "no renewal": RenewalMissing says a renewal may exist unseen', async () => {
  const id = certificate({ Status: 1, Domain: 'n-denied.example.com', expiresAt: inDays(5) })
  sandbox.emulator.injectFault({
    action: 'DescribeCertificates',
    times: 10,
    fault: { type: 'error', code: 'FailedOperation.AuthError', message: 'not allowed' }
  })
  try {
    const result = await run({ 'renew-certificate-id': id })
    expect(result.outputs.ErrorCode).toBe('ActionError.RenewalMissing')
    expect(errorLines(result).join('\n')).toMatch(
      /listing the account's certificates for n-denied\.example\.com to find one from its side was refused or failed \(FailedOperation\.AuthError\), so a renewal made elsewhere may exist unseen/
    )
  } finally {
    sandbox.emulator.clearFaults()
  }
})

test('a bind-resource detail with a kind that could not be read fails the preview with its own code', async () => {
  const oldId = certificate({ Status: 1, Domain: 'o.example.com' })
  const newId = certificate({ Status: 1, Domain: 'o.example.com' })
  sandbox.emulator.bindResource({ certificateId: oldId, type: 'clb', region: 'ap-guangzhou', instanceId: 'lb-1' })
  sandbox.emulator.bindResources.failingKinds.add('CLB')
  try {
    const result = await run({
      'dry-run': 'true',
      'certificate-id': newId,
      'replace-certificate-id': oldId,
      'resource-types': 'clb',
      'resource-regions': 'clb=ap-guangzhou',
      'wait-interval': '0.1'
    })
    expect(result.outputs.ErrorCode).toBe('ActionError.BoundResourcesUnreadable')
    expect(errorLines(result).join('\n')).toContain('could not read every kind: CLB ap-guangzhou: query timeout')
  } finally {
    sandbox.emulator.bindResources.failingKinds.clear()
  }
})
