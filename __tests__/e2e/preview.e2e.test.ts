// End to end, dry-run: a preview reads exactly what a real run reads and makes none of the writes, says what a real
// run would do for each certificate (the log, the summary, Results' Plan), and fails as a real run would on what
// reading can tell.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { errorLines, resultsOf, useEmulator } from '../helpers/e2e-helpers.js'
import { HostileFront } from '../helpers/hostile-front.js'

const sandbox = useEmulator('prv')
const { certificate, run } = sandbox
const DAY = 24 * 3600 * 1000

/** The only actions a preview may call: reads, and the bind-resource task, which reads what is bound. */
const READING = new Set([
  'DescribeCertificateDetail',
  'DescribeCertificates',
  'DescribeCompanies',
  'DescribeManagers',
  'CreateCertificateBindResourceSyncTask',
  'DescribeCertificateBindResourceTaskResult',
  'DescribeCertificateBindResourceTaskDetail',
  'DescribeHostUpdateRecord',
  'DescribeHostUpdateRecordDetail',
  'CheckCertificateDomainVerification',
  'DownloadCertificate',
  'AssumeRoleWithWebIdentity'
])
const actionsSince = (from: number): string[] => sandbox.emulator.requests.slice(from).map((r) => r.action)

beforeAll(() => {
  sandbox.emulator.addCompany({
    CompanyId: 11772,
    CompanyName: 'Example Shop Ltd',
    managers: [{ ManagerId: 12895, Status: 'ok' }]
  })
})

test('every kind of step: nothing but reading calls, and a plan that says what a real run would do', async () => {
  const bought = certificate({ informationPending: true })
  const pending = certificate({
    Domain: 'b.example.com',
    submittedData: { CsrType: 'online', CertificateDomain: 'b.example.com', OrganizationName: 'Example Shop Ltd' }
  })
  const reviewing = certificate({ Status: 0, OrderId: 'SO-1', Domain: 'c.example.com' })
  const letter = certificate({ Status: 8, OrderId: 'SO-2', Domain: 'd.example.com' })
  const from = sandbox.emulator.requests.length
  const dir = join(mkdtempSync(join(tmpdir(), 'preview-')), 'certificates')
  const result = await run({
    'dry-run': 'true',
    'certificate-id': [bought, pending, reviewing, letter].join(','),
    domain: 'a.example.com b.example.com c.example.com d.example.com',
    'company-id': '11772',
    'manager-id': '12895',
    'verify-type': 'DNS',
    'wait-for-issuance': 'true',
    'download-dir': dir,
    'validation-dir': join(dir, '..', 'site')
  })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(actionsSince(from).filter((action) => !READING.has(action))).toEqual([])
  expect(sandbox.emulator.certificate(bought)).toMatchObject({ informationSubmissions: 0, submissions: 0, Status: 5 })
  expect(existsSync(dir)).toBe(false)
  const plans = Object.fromEntries(resultsOf(result.outputs).map((r) => [r.CertificateId, r.Plan ?? []]))
  expect(plans[bought]).toEqual([
    {
      Step: 'CertificateInfoSubmit',
      Would:
        'send the information: a.example.com; key RSA-2048, made and kept by Tencent Cloud; company 11772, manager 12895',
      Why: 'the certificate waits for it (status 5)'
    },
    {
      Step: 'CommitCertificateInformation',
      Would: 'submit the order with verify type DNS',
      Why: 'pending submission: status 5 (Pending submission (enterprise certificate))'
    },
    // In the order a real run takes its steps: the records published, then the wait.
    { Step: 'validation-dir', Would: 'write nothing', Why: 'no FILE record is known yet' },
    expect.objectContaining({ Step: 'wait-for-issuance' }),
    {
      Step: 'download-dir',
      Would: 'write nothing',
      Why: 'the certificate is not issued (status 5 (Pending submission (enterprise certificate)))'
    }
  ])
  expect(plans[pending][0]).toMatchObject({ Would: 'send nothing', Why: 'the same names are on file: b.example.com' })
  expect(plans[reviewing][1]).toEqual({
    Step: 'CommitCertificateInformation',
    Would: 'submit nothing',
    Why: 'already submitted: status 0 (Reviewing)'
  })
  expect(plans[letter][1].Why).toBe(
    'already submitted: status 8 (Information submitted, confirmation letter pending), pending a confirmation letter'
  )
  expect(result.summary.split('\n')[0]).toBe('## Preview: nothing was changed')
  expect(result.summary).toContain('### What a real run would do')
  expect(result.log).toContain(
    `Certificate ${bought}: CertificateInfoSubmit: would send the information: a.example.com`
  )
})

test('the switch: which resources are bound to the old certificate now, and which would be left', async () => {
  const oldId = certificate({ Status: 1, Domain: 'shop.example.com' })
  const newId = certificate({ Status: 1, Domain: 'shop.example.com' })
  sandbox.emulator
    .bindResource({ certificateId: oldId, type: 'cdn', domains: ['www.example.com'] })
    .bindResource({
      certificateId: oldId,
      type: 'clb',
      region: 'ap-guangzhou',
      instanceId: 'lb-xxx',
      instanceName: 'shop',
      listenerId: 'lbl-1',
      listenerName: '443',
      domains: ['shop.example.com']
    })
    .bindResource({ certificateId: oldId, type: 'waf', region: 'ap-guangzhou', domains: ['waf.example.com'] })
  const from = sandbox.emulator.requests.length
  const result = await run({
    'dry-run': 'true',
    'certificate-id': newId,
    'replace-certificate-id': oldId,
    'resource-types': 'cdn, clb',
    'resource-regions': 'clb=ap-guangzhou',
    'wait-interval': '0.1'
  })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(actionsSince(from).filter((action) => !READING.has(action))).toEqual([])
  expect(sandbox.emulator.rebind.boundTo(oldId)).toHaveLength(3)
  const plan = resultsOf(result.outputs)[0].Plan!
  expect(plan.filter((step) => step.Step === 'UpdateCertificateInstance')).toEqual([
    {
      Step: 'UpdateCertificateInstance',
      Would: `switch 2 resources from ${oldId}: cdn www.example.com, clb lb-xxx shop listener 443 (ap-guangzhou)`,
      Why: 'the certificate is issued'
    },
    {
      Step: 'UpdateCertificateInstance',
      Would: `leave waf waf.example.com (ap-guangzhou) on ${oldId}`,
      Why: 'their kind (or region) is not in resource-types (resource-regions)'
    }
  ])
})

test('renewal: the line followed and the days left; a missing renewal fails the preview as it would a real run', async () => {
  const renewal = certificate({ informationPending: true })
  const oldId = certificate({
    Status: 1,
    Domain: 'shop.example.com',
    expiresAt: new Date(Date.now() + 20 * DAY),
    renewedBy: { id: renewal }
  })
  const from = sandbox.emulator.requests.length
  // Nothing on file to copy (an issued certificate's SubmittedData is null): the preview fails as a real run would.
  const unknown = await run({ 'dry-run': 'true', 'renew-certificate-id': oldId })
  expect(unknown.outputs.ErrorCode).toBe('ActionError.RenewalInformationUnknown')
  const result = await run({
    'dry-run': 'true',
    'renew-certificate-id': oldId,
    'disable-old-expiry-notices': 'true',
    domain: 'shop.example.com',
    'contact-email': 'ssl@example.com'
  })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(actionsSince(from).filter((action) => !READING.has(action))).toEqual([])
  const [only] = resultsOf(result.outputs)
  expect(only.Renewal).toMatchObject({ Chain: [oldId, renewal], State: 'would-renew', DaysLeft: 19 })
  expect(only.Information).toBe('would-submit')
  expect(only.Plan!.map((step) => step.Step)).toEqual([
    'renewal',
    'CertificateInfoSubmit',
    'CommitCertificateInformation',
    'ModifyCertificatesExpiringNotificationSwitch'
  ])

  const due = certificate({ Status: 1, expiresAt: new Date(Date.now() + 5 * DAY) })
  const missing = await run({ 'dry-run': 'true', 'renew-certificate-id': due })
  expect(missing.outputs.ErrorCode).toBe('ActionError.RenewalMissing')
})

test('what a real run would fail on by reading fails the preview: a company not on file, a wrong pairing', async () => {
  const bought = certificate({ informationPending: true })
  const company = await run({
    'dry-run': 'true',
    'certificate-id': bought,
    domain: 'a.example.com',
    'company-id': '404'
  })
  expect(company.outputs.ErrorCode).toBe('ActionError.CompanyNotFound')
  const other = certificate({ Status: 0, Domain: 'other.example.com' })
  const pairing = await run({
    'dry-run': 'true',
    'certificate-id': other,
    domain: 'a.example.com',
    'contact-email': 'a@example.com'
  })
  expect(pairing.outputs.ErrorCode).toBe('ActionError.DomainMismatch')
  expect(pairing.summary.split('\n')[0]).toBe('## Preview: nothing was changed')
})

test("a hostile bound resource's name cannot forge workflow commands in the plan", async () => {
  const front = await HostileFront.start(sandbox.emulator.endpoint)
  try {
    const oldId = certificate({ Status: 1, Domain: 'shop.example.com' })
    const newId = certificate({ Status: 1, Domain: 'shop.example.com' })
    sandbox.emulator.bindResource({ certificateId: oldId, type: 'cdn', domains: ['www.example.com'] })
    front.on(
      'DescribeCertificateBindResourceTaskDetail',
      {
        kind: 'rewrite',
        edit: (answer) => ({
          ...answer,
          CDN: [{ InstanceList: [{ Domain: 'www\n::warning::forged ##[stop-commands]' }], TotalCount: 1, Error: '' }]
        })
      },
      10
    )
    const result = await run({
      'dry-run': 'true',
      'certificate-id': newId,
      'replace-certificate-id': oldId,
      'resource-types': 'cdn',
      'wait-interval': '0.1',
      endpoint: front.endpoint
    })
    expect([result.exitCode, errorLines(result)]).toEqual([0, []])
    expect(result.log).not.toMatch(/^::warning::forged/m)
    expect(result.log).not.toContain('##[stop-commands]')
    expect(resultsOf(result.outputs)[0].Plan).toContainEqual(
      expect.objectContaining({
        Would: `switch 1 resource from ${oldId}: cdn www : :warning: :forged ## [stop-commands]`
      })
    )
  } finally {
    await front.close()
  }
})
