// End to end, a bought certificate's information (domain and its companions) goes out with CertificateInfoSubmit
// before its order: from status 5 to an order in one run, read first so that nothing is sent twice or for the wrong
// name, checked against the companies and managers on file, and every input checked before anything is sent.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { X509Certificate } from 'node:crypto'
import { join } from 'node:path'
import { errorLines, PERSONAL_INFORMATION, READ, resultsOf, SUBMIT, useEmulator } from '../helpers/e2e-helpers.js'
import { ROOT } from '../../sandbox/run-action.js'
import { HostileFront } from '../helpers/hostile-front.js'

const sandbox = useEmulator('info')
// In this process, so that the information step counts towards coverage; the process boundary is the action e2e's.
const { certificate, runInProcess: run, runInProcess } = sandbox
const INFO = 'CertificateInfoSubmit'
const FIXTURES = join(ROOT, '__tests__', 'fixtures')
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8')

// The actions answered for the certificate, in order; a throttled try (the suite's earlier calls can fill the
// emulator's one-second window on a busy machine) is retried and is not an action of its own.
const actionsFor = (id: string): string[] =>
  sandbox.emulator.requests
    .filter((r) => (r.params.CertificateId ?? r.params.CertId) === id && r.action !== 'DescribeCertificates')
    .filter((r) => r.outcome !== 'RequestLimitExceeded')
    .map((r) => r.action)
const bought = (overrides: Parameters<typeof certificate>[0] = {}): string =>
  certificate({ informationPending: true, ...overrides })

beforeAll(() => {
  sandbox.emulator
    .addCompany({
      CompanyId: 11772,
      CompanyName: 'Example Shop Ltd',
      managers: [
        { ManagerId: 12895, Status: 'ok', ManagerFirstName: 'Ning', ManagerLastName: 'Huang' },
        { ManagerId: 12896, Status: 'audit', ManagerFirstName: 'Luke', ManagerLastName: 'Sky' }
      ]
    })
    .addCompany({ CompanyId: 20001, CompanyName: 'Other Branch' })
})
afterEach(() => sandbox.emulator.clearFaults())

const personal = { domain: 'shop.example.com', 'contact-email': 'ssl@example.com' }

test('a bought certificate goes from status 5 to an order in one step, and is issued', async () => {
  const id = bought({ settleAfterReads: 2 })
  const result = await sandbox.run({
    'certificate-id': id,
    ...personal,
    'verify-type': 'DNS_AUTO',
    'wait-for-issuance': 'true',
    'wait-interval': '0.1'
  })

  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  const state = sandbox.emulator.certificate(id)
  expect([state.informationSubmissions, state.submissions, state.Status, state.Domain]).toEqual([
    1,
    1,
    1,
    'shop.example.com'
  ])
  // Read first, then the information, then the order: never the other way round.
  const actions = actionsFor(id)
  expect(actions.slice(0, 3)).toEqual([READ, INFO, SUBMIT])
  const [sent] = sandbox.emulator
    .callsOf(INFO)
    .filter((r) => r.params.CertId === id)
    .map((r) => r.params)
  expect(sent).toEqual({ CertId: id, ...PERSONAL_INFORMATION, VerifyType: 'DNS_AUTO' })
  expect(state.autoRenewFlag).toBe(0)
  expect(resultsOf(result.outputs)[0]).toMatchObject({ CertificateId: id, Information: 'submitted', Status: 1 })
  expect(result.summary).toContain(`| \`${id}\` | submitted | \`TA`)
  expect(result.log).toContain(`Certificate ${id}: information submitted for shop.example.com`)
})

test('without domain, an order refused for missing information says to set domain', async () => {
  const id = bought()
  const result = await run({ 'certificate-id': id })
  expect(result.exitCode).toBe(1)
  expect(result.outputs.ErrorCode).toBe('FailedOperation.CertificateInfoSubmitStatusInvalid')
  // The order's own advice for the code (FailedCall names the submit API): the state takes no submission yet.
  expect(errorLines(result).join('\n')).toMatch(/state does not take this submission.*waits in status 5.*set domain/)
  expect(resultsOf(result.outputs)[0].FailedCall).toBe('CommitCertificateInformation')
  expect(sandbox.emulator.certificate(id).submissions).toBe(0)
})

const ON_FILE = {
  CsrType: 'online',
  CertificateDomain: 'shop.example.com',
  DomainList: ['www.shop.example.com'],
  ContactEmail: 'ssl@example.com'
}

test('the same names on file but another csr or contact-email: sent again, with a notice of what changed', async () => {
  const csr = readFileSync(join(ROOT, '__tests__', 'fixtures', 'csr-rsa-2048.csr'), 'utf8')
  const id = certificate({
    Domain: 'shop.example.com',
    altNames: ['shop.example.com', 'www.shop.example.com'],
    submittedData: { ...ON_FILE, ContactEmail: 'old@example.com' }
  })
  const result = await run({ 'certificate-id': id, ...personal, 'other-domains': 'www.shop.example.com', csr })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(sandbox.emulator.certificate(id)).toMatchObject({ informationSubmissions: 1, submissions: 1, keyHeld: false })
  expect(resultsOf(result.outputs)[0].Information).toBe('resubmitted')
  expect(result.log).toContain(
    `::notice::Certificate ${id}: its information for shop.example.com, www.shop.example.com is on file, but the step gives another csr, contact-email; submitting it again`
  )
})

test('information already on file with the same names is not sent again, and the result says so', async () => {
  const id = certificate({
    Domain: 'shop.example.com',
    altNames: ['shop.example.com', 'www.shop.example.com'],
    submittedData: ON_FILE
  })
  const result = await run({ 'certificate-id': id, ...personal, 'other-domains': 'WWW.shop.example.com' })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(sandbox.emulator.certificate(id).informationSubmissions).toBe(0)
  expect(sandbox.emulator.certificate(id).submissions).toBe(1)
  expect(resultsOf(result.outputs)[0].Information).toBe('unchanged')
  expect(result.log).toContain('is on file already; not submitting it again')
})

test('information on file for other names is sent again, with a notice naming old and new', async () => {
  const id = certificate({ Domain: 'old.example.com' })
  const result = await runInProcess({ 'certificate-id': id, ...personal })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(sandbox.emulator.certificate(id)).toMatchObject({ informationSubmissions: 1, Domain: 'shop.example.com' })
  expect(resultsOf(result.outputs)[0].Information).toBe('resubmitted')
  expect(result.log).toMatch(
    /::notice::Certificate info\d+: its information was submitted for old\.example\.com; submitting it again for shop\.example\.com/
  )
})

test('a certificate already for another domain fails with a code of its own before anything is sent', async () => {
  const id = certificate({ Status: 0, Domain: 'other.example.com', OrderId: 'SO-1' })
  const result = await run({ 'certificate-id': id, ...personal, 'skip-submitted': 'true' })
  expect(result.exitCode).toBe(1)
  expect(result.outputs.ErrorCode).toBe('ActionError.DomainMismatch')
  expect(actionsFor(id)).toEqual([READ])
  expect(errorLines(result).join('\n')).toMatch(
    /for other\.example\.com, not domain shop\.example\.com.*certificate-id and domain do not pair up/
  )
})

describe('a company and its manager on file', () => {
  test('a verified manager: CompanyType 2, read once for every certificate of the job', async () => {
    const ids = [bought(), bought()]
    const before = sandbox.emulator.callsOf('DescribeCompanies').length
    const result = await run({
      'certificate-id': ids.join(','),
      domain: 'a.example.com, b.example.com',
      'company-id': '11772',
      'manager-id': '12895',
      information: 'OrgOrganization: Example Shop Ltd\nOrgPhoneArea: "010"\nUseCrossSignRoot: true'
    })
    expect([result.exitCode, errorLines(result)]).toEqual([0, []])
    expect(sandbox.emulator.callsOf('DescribeCompanies').length - before).toBe(1)
    for (const [index, id] of ids.entries()) {
      expect(sandbox.emulator.certificate(id).information).toMatchObject({
        CertCommonName: `${'ab'[index]}.example.com`,
        CompanyType: 2,
        CompanyId: '11772',
        ManagerId: '12895',
        OrgOrganization: 'Example Shop Ltd',
        OrgPhoneArea: '010',
        UseCrossSignRoot: true
      })
      expect(sandbox.emulator.certificate(id).submittedData).toMatchObject({
        OrganizationName: 'Example Shop Ltd',
        PhoneAreaCode: '010'
      })
    }
  })

  test.each([
    [
      { 'company-id': '99999' },
      'ActionError.CompanyNotFound',
      /company-id 99999 is not a company on file \(on file: Example Shop Ltd \(11772\), Other Branch \(20001\)\)/
    ],
    [
      { 'company-id': '11772', 'manager-id': '55555' },
      'ActionError.ManagerNotFound',
      /manager-id 55555 is not a manager of company Example Shop Ltd \(11772\) \(its managers on file: Ning Huang \(12895, ok\), Luke Sky \(12896, audit\)\)/
    ],
    [
      { 'company-id': '11772', 'manager-id': '12896' },
      'ActionError.ManagerNotVerified',
      /Luke Sky \(12896, audit\) of company Example Shop Ltd \(11772\) is not verified/
    ]
  ])('%j: %s before any write, naming what is on file', async (inputs, code, message) => {
    const id = bought()
    const result = await run({ 'certificate-id': id, domain: 'shop.example.com', ...inputs })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.ErrorCode).toBe(code)
    expect(errorLines(result).join('\n')).toMatch(message)
    expect(actionsFor(id)).toEqual([READ])
    expect(sandbox.emulator.certificate(id).informationSubmissions).toBe(0)
  })
})

test('your own EC CSR: sent to parse, issued for its key, and no privkey.pem is written', async () => {
  const id = bought({ settleAfterReads: 1 })
  const dir = join(mkdtempSync(join(tmpdir(), 'download-')), 'certificates')
  const csr = join(FIXTURES, 'csr-ec-p256.csr')
  const result = await run({
    'certificate-id': id,
    ...personal,
    'other-domains': '*.shop.example.com',
    csr,
    'verify-type': 'DNS_AUTO',
    'wait-for-issuance': 'true',
    'wait-interval': '0.1',
    'download-dir': dir
  })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(sandbox.emulator.certificate(id).information).toMatchObject({
    GenCsrType: 'parse',
    Csr: fixture('csr-ec-p256.csr').trim() + '\n',
    DnsNames: ['*.shop.example.com']
  })
  expect(result.outputs.PrivateKeyPath).toBe('')
  const leaf = new X509Certificate(readFileSync(join(dir, id, 'cert.pem')))
  const csrKey = sandbox.emulator.certificate(id).csrKey!
  expect(leaf.publicKey.export({ type: 'spki', format: 'der' })).toEqual(csrKey.export({ type: 'spki', format: 'der' }))
  expect(leaf.publicKey.asymmetricKeyType).toBe('ec')
  expect(result.log).toContain('key your CSR CN=shop.example.com (EC P-256)')
})

test('a lost answer to CertificateInfoSubmit is settled by the information on file, and the order goes out once', async () => {
  const id = bought()
  sandbox.fault(id, { type: 'reset', applied: true }, 1, INFO)
  const result = await run({ 'certificate-id': id, ...personal, 'max-attempts': '1' })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(sandbox.emulator.certificate(id)).toMatchObject({ informationSubmissions: 1, submissions: 1 })
  expect(result.log).toMatch(
    /the answer to CertificateInfoSubmit was lost \(ActionError.ConnectionLost\), but the certificate now holds the information for shop\.example\.com/
  )
})

test('with attempts to spare, a lost answer is read back before any retry: the information is sent once', async () => {
  const id = bought()
  sandbox.fault(id, { type: 'reset', applied: true }, 1, INFO)
  const result = await run({ 'certificate-id': id, ...personal, 'max-attempts': '3' })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(sandbox.callsFor(id, INFO)).toHaveLength(1)
  expect(sandbox.emulator.certificate(id)).toMatchObject({ informationSubmissions: 1, submissions: 1 })
  expect(result.log).toContain('not sending it again, going on with the order')
})

test('a CertificateInfoSubmit that never applied fails the certificate, and no order is placed', async () => {
  const id = bought()
  sandbox.fault(id, { type: 'reset', applied: false }, 1, INFO)
  const result = await run({ 'certificate-id': id, ...personal, 'max-attempts': '1' })
  expect(result.exitCode).toBe(1)
  expect(result.outputs.ErrorCode).toBe('ActionError.ConnectionLost')
  expect(errorLines(result).join('\n')).toMatch(/its information was not submitted, and no order was placed/)
  expect(sandbox.emulator.certificate(id)).toMatchObject({ informationSubmissions: 0, submissions: 0 })
})

test('auto-renew: true sends AutoRenewFlag 1 and says the account will be charged; KeyPass is masked', async () => {
  const id = bought()
  const result = await run(
    { 'certificate-id': id, ...personal, 'auto-renew': 'true', information: '{"KeyPass": "pfx-Secret-42"}' },
    { RUNNER_DEBUG: '1' }
  )
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(sandbox.emulator.certificate(id)).toMatchObject({
    autoRenewFlag: 1,
    information: { KeyPass: 'pfx-Secret-42' }
  })
  expect(result.log).toContain('auto-renew is on: Tencent Cloud will charge the account for each renewal')
  expect(result.log).toContain('::add-mask::pfx-Secret-42')
  expect(result.log.replace('::add-mask::pfx-Secret-42', '')).not.toContain('pfx-Secret-42')
})

describe('every information input is checked before anything is sent', () => {
  const key = fixture('csr-rsa-2048.key')
  test.each([
    ['a private key as csr', { csr: key }, /csr holds a private key, not a certificate signing request/],
    ['an RSA 1024 CSR', { csr: fixture('csr-rsa-1024.csr') }, /csr has an RSA key of 1024 bits/],
    ['a P-521 CSR', { csr: fixture('csr-ec-p521.csr') }, /csr has an EC key on secp521r1/],
    [
      'a CSR for another name',
      { csr: fixture('csr-rsa-2048.csr'), domain: 'www.example.com' },
      /csr is for "shop.example.com" \(its common name\), not domain "www.example.com"/
    ],
    [
      'a CSR without other-domains',
      { csr: fixture('csr-ec-p384.csr'), 'other-domains': 'www.shop.example.com' },
      /csr does not ask for other-domains "www.shop.example.com"/
    ],
    [
      'a csr file that is not there',
      { csr: '/no/such/file.csr' },
      /csr "\/no\/such\/file.csr" is neither PEM text nor a file/
    ],
    [
      'CertCommonName in information',
      { information: 'CertCommonName: x.example.com' },
      /CertCommonName is set by the domain input/
    ],
    [
      'AutoRenewFlag in information',
      { information: 'AutoRenewFlag: 1' },
      /AutoRenewFlag is set by the auto-renew input/
    ],
    [
      'a phone area code YAML reads as a number',
      { information: 'OrgPhoneArea: 010', 'company-id': '11772' },
      /OrgPhoneArea must be text: quote it/
    ],
    ['an unknown field', { information: 'Colour: blue' }, /"Colour" is not a CertificateInfoSubmit field/],
    [
      'a company field on a personal certificate',
      { information: 'OrgOrganization: Example' },
      /OrgOrganization is for a company's certificate: set company-id/
    ],
    ['information that is a list', { information: '[1, 2]' }, /information is not a mapping/],
    [
      'manager-id without company-id',
      { 'manager-id': '12895', 'company-id': '' },
      /manager-id is set without company-id/
    ],
    ['a wrong e-mail', { 'contact-email': 'not-an-email' }, /contact-email "not-an-email" is not an e-mail address/],
    ['no e-mail and no company', { 'contact-email': '' }, /contact-email is empty and so is company-id/],
    ['a wrong domain', { domain: 'shop..example.com' }, /domain "shop..example.com" is not a host name/],
    [
      'a key algorithm not offered',
      { 'key-algorithm': 'DSA-1024' },
      /key-algorithm "DSA-1024" is not allowed: use one of RSA-2048, RSA-4096, ECC-P256/
    ],
    ['auto-renew that is not a boolean', { 'auto-renew': 'yes' }, /auto-renew "yes" is not allowed: use true or false/],
    [
      'companions without domain',
      { domain: '', 'company-id': '11772' },
      /company-id, contact-email are set, but domain is empty/
    ]
  ])('%s', async (_, inputs, message) => {
    const id = bought()
    const before = sandbox.emulator.requests.length
    const result = await run({ 'certificate-id': id, ...personal, ...inputs })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.ErrorCode).toBe('ActionError.InvalidInput')
    expect(errorLines(result).join('\n')).toMatch(message)
    expect(sandbox.emulator.requests.length).toBe(before)
    // A private key given by mistake is masked before anything prints, and never echoed.
    const keyLine = key.split('\n')[1]
    expect(result.log.replace(/::add-mask::.*/g, '')).not.toContain(keyLine)
  })

  test('several certificates: one domain each, and other-domains or csr only with one certificate', async () => {
    const ids = [bought(), bought()]
    const counted = await run({ 'certificate-id': ids.join(' '), ...personal })
    expect(errorLines(counted).join('\n')).toMatch(/domain names 1 domain and certificate-id 2 certificates/)
    const other = await run({
      'certificate-id': ids.join(' '),
      ...personal,
      domain: 'a.example.com b.example.com',
      'other-domains': 'c.example.com'
    })
    expect(errorLines(other).join('\n')).toMatch(/other-domains is set with 2 certificates: .* \(a matrix\)/)
  })
})

test('hostile company and manager names cannot forge workflow commands in the error, the log or the summary', async () => {
  const front = await HostileFront.start(sandbox.emulator.endpoint)
  try {
    const forged = 'Shop\n::error::forged\r##[stop-commands]'
    front.on(
      'DescribeCompanies',
      { kind: 'rewrite', edit: (answer) => ({ ...answer, Companies: [{ CompanyId: 1, CompanyName: forged }] }) },
      10
    )
    const id = bought()
    const result = await run({
      'certificate-id': id,
      domain: 'shop.example.com',
      'company-id': '99',
      endpoint: front.endpoint
    })
    expect(result.outputs.ErrorCode).toBe('ActionError.CompanyNotFound')
    expect(result.log).not.toMatch(/^::error::forged/m)
    expect(result.log).not.toContain('##[stop-commands]')
    expect(result.summary).not.toContain('##[stop-commands]')
    expect(errorLines(result).join('\n')).toContain('on file: Shop : :error: :forged ## [stop-commands] (1)')
  } finally {
    await front.close()
  }
})

describe('inputs are never silently dropped while the certificate still takes information (status 5)', () => {
  test('auto-renew turned off since the information was sent: sent again without AutoRenewFlag 1', async () => {
    const id = bought()
    // The first run signs up for automatic renewal, then its order is refused: the certificate stays in status 5.
    sandbox.fault(id, { type: 'error', code: 'FailedOperation.InvalidParam' }, 1, SUBMIT)
    const first = await run({ 'certificate-id': id, ...personal, 'auto-renew': 'true' })
    expect(first.exitCode).toBe(1)
    expect(sandbox.emulator.certificate(id)).toMatchObject({ autoRenewFlag: 1, Status: 5, informationSubmissions: 1 })
    const second = await run({ 'certificate-id': id, ...personal })
    expect([second.exitCode, errorLines(second)]).toEqual([0, []])
    expect(sandbox.emulator.certificate(id)).toMatchObject({ autoRenewFlag: 0, informationSubmissions: 2 })
    expect(resultsOf(second.outputs)[0].Information).toBe('resubmitted')
    expect(second.log).toContain('the step gives another auto-renew; submitting it again')
  })

  test('another company-id than the one on file: checked as on a first run, then sent again', async () => {
    const id = bought()
    sandbox.fault(id, { type: 'error', code: 'FailedOperation.InvalidParam' }, 1, SUBMIT)
    await run({ 'certificate-id': id, domain: 'shop.example.com', 'company-id': '11772' })
    const before = sandbox.emulator.callsOf('DescribeCompanies').length
    const second = await run({ 'certificate-id': id, domain: 'shop.example.com', 'company-id': '20001' })
    expect([second.exitCode, errorLines(second)]).toEqual([0, []])
    expect(sandbox.emulator.callsOf('DescribeCompanies').length).toBeGreaterThan(before)
    expect(sandbox.callsFor(id, 'CertificateInfoSubmit').at(-1)!.params).toMatchObject({ CompanyId: '20001' })
    expect(second.log).toContain('the step gives another company-id; submitting it again')
  })
})
