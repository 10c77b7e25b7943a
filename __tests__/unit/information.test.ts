import { detailOf } from '../helpers/unused-api.js'
// The pure parts of a bought certificate's information: the CSR as read from its ASN.1, and the inputs made into
// CertificateInfoSubmit's requests, secrets masked.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CsrProblem, readCsr } from '../../src/steps/information/csr.js'
import { readInformation } from '../../src/steps/information/settings.js'
import { copiedInformation } from '../../src/steps/renewal/renewal.js'
import type { SubmittedInformation } from '../../src/api/answers/index.js'
import { loadInformationParsers } from '../../src/steps/information/parsers.js'
import { ROOT } from '../../sandbox/run-action.js'
import { ACTION_DEFAULTS, inputErrorOf } from '../helpers/input-helpers.js'
import { thrownBy } from '../helpers/thrown.js'

// A step with domain loads them before its inputs are read, as main does.
beforeAll(loadInformationParsers)

const fixture = (name: string): string => readFileSync(join(ROOT, '__tests__', 'fixtures', name), 'utf8')
const derOf = (pem: string): Buffer => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64')
const pemOf = (der: Buffer): string =>
  `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`

describe('readCsr', () => {
  test.each([
    [
      'csr-rsa-2048.csr',
      ['shop.example.com', 'www.shop.example.com'],
      'RSA 2048',
      'C=CN, O=Example Shop, CN=shop.example.com'
    ],
    ['csr-ec-p256.csr', ['shop.example.com', '*.shop.example.com'], 'EC P-256', 'CN=shop.example.com'],
    ['csr-ec-p384.csr', [], 'EC P-384', 'CN=shop.example.com']
  ])('%s: its common name, names, key and subject', (file, names, key, subject) => {
    expect(readCsr(fixture(file))).toEqual({
      pem: `${fixture(file).trim()}\n`,
      commonName: 'shop.example.com',
      names,
      key,
      subject
    })
  })

  test('a signature that does not hold is refused: one bit of the signature, or of what it signs', () => {
    const der = derOf(fixture('csr-rsa-2048.csr'))
    const signature = Buffer.from(der)
    signature[signature.length - 3] ^= 1
    expect(thrownBy(CsrProblem, () => readCsr(pemOf(signature))).message).toMatch(/signature that does not hold/)
    // A byte of the subject's common name ("shop" → "shoq"), which the signature covers.
    const subject = Buffer.from(der)
    const at = subject.indexOf(Buffer.from('shop.example.com'))
    subject[at + 3] ^= 0x01
    expect(thrownBy(CsrProblem, () => readCsr(pemOf(subject))).message).toMatch(/signature that does not hold/)
  })

  test.each([
    ['a certificate', fixture('self-signed.crt'), /is not a PEM certificate signing request/],
    ['a private key', fixture('csr-rsa-2048.key'), /holds a private key/],
    ['base64 that is not ASN.1', pemOf(Buffer.from('not a request at all')), /does not parse as a PKCS#10/]
  ])('%s is refused', (_, text, message) => {
    expect(thrownBy(CsrProblem, () => readCsr(text)).message).toMatch(message)
  })
})

describe('readInformation', () => {
  const read = (inputs: Record<string, string>, ids = ['cert1'], masked: string[] = []) =>
    readInformation(
      (name) => ({ ...ACTION_DEFAULTS, ...inputs })[name] ?? '',
      ids,
      undefined,
      (secret) => masked.push(secret)
    )

  test('empty domain: no information, as before', () => {
    expect(read({})).toBeUndefined()
  })

  test('a company certificate with an ECC key made online and more fields as JSON', () => {
    const settings = read({
      domain: 'Shop.Example.com',
      'other-domains': 'www.shop.example.com\napi.shop.example.com, shop.example.com',
      'company-id': '11772',
      'key-algorithm': 'ecc-p256',
      information: '{"OrgOrganization": "Example Ltd", "Type": 81, "UseCrossSignRoot": false}'
    })!
    expect(settings.requests.get('cert1')).toEqual({
      CertId: 'cert1',
      CertCommonName: 'shop.example.com',
      DnsNames: ['www.shop.example.com', 'api.shop.example.com'],
      CompanyType: 2,
      CompanyId: '11772',
      GenCsrType: 'online',
      CsrEncryptAlgo: 'ECC',
      CsrKeyParameter: 'prime256v1',
      OrgOrganization: 'Example Ltd',
      Type: 81,
      UseCrossSignRoot: false
    })
    expect(settings.key).toBe('ECC-P256, made and kept by Tencent Cloud')
    expect(settings.autoRenew).toBe(false)
  })

  test('several certificates get one domain each, in order', () => {
    const settings = read({ domain: 'a.example.com b.example.com', 'contact-email': 'ssl@example.com' }, ['c1', 'c2'])!
    expect([...settings.requests.values()].map((r) => [r.CertId, r.CertCommonName, r.CompanyType])).toEqual([
      ['c1', 'a.example.com', 1],
      ['c2', 'b.example.com', 1]
    ])
  })

  test('KeyPass and ID numbers are masked as they are read; a private key given as csr, line by line', () => {
    const masked: string[] = []
    read(
      {
        domain: 'shop.example.com',
        'company-id': '11772',
        information: 'KeyPass: "p@ss"\nAdminIdNumber: "110000199101011001"\nAdminFirstName: Ning'
      },
      ['cert1'],
      masked
    )
    expect(masked).toEqual(['p@ss', '110000199101011001'])
    const keyMasked: string[] = []
    inputErrorOf(() =>
      read(
        { domain: 'shop.example.com', 'contact-email': 'a@example.com', csr: fixture('csr-rsa-2048.key') },
        ['c'],
        keyMasked
      )
    )
    const body = fixture('csr-rsa-2048.key')
      .split('\n')
      .filter((line) => line && !line.startsWith('-----'))
    expect(keyMasked).toEqual(body)
  })

  test('a YAML error does not quote the text (a KeyPass may be in it): only the line is said', () => {
    const error = inputErrorOf(() =>
      read({ domain: 'shop.example.com', 'company-id': '1', information: 'OrgCity: Beijing\nKeyPass: [secret-9' })
    )
    expect(error.message).toMatch(/information is not a YAML or JSON mapping \(line \d\)/)
    expect(error.message).not.toContain('secret-9')
  })
})

describe("copiedInformation: a renewal's information from the certificate it renews", () => {
  const renewed = detailOf({ CertificateId: 'old', Status: 1, Domain: 'shop.example.com', EncryptAlgorithm: 'ECC 256' })
  const submitted = (
    fields: Record<string, string>,
    extra: Partial<SubmittedInformation> = {}
  ): SubmittedInformation => ({
    CertificateDomain: 'Shop.example.com',
    DomainList: ['shop.example.com', 'www.shop.example.com'],
    CsrType: 'online',
    CsrContent: '',
    fields,
    ...extra
  })

  test('legacy names become CertificateInfoSubmit names; the same key algorithm; a company without an ID', () => {
    expect(
      copiedInformation(
        'new',
        renewed,
        submitted({ OrganizationName: 'Example', AdminPhoneNum: '138', ContactEmail: 'a@example.com' })
      )
    ).toEqual({
      CertId: 'new',
      CertCommonName: 'shop.example.com',
      DnsNames: ['www.shop.example.com'],
      CompanyType: 2,
      CompanyId: '0',
      OrgOrganization: 'Example',
      AdminPhone: '138',
      TechEmail: 'a@example.com',
      ContactEmail: 'a@example.com',
      GenCsrType: 'online',
      CsrEncryptAlgo: 'ECC',
      CsrKeyParameter: 'prime256v1'
    })
  })

  test('a personal certificate keeps its e-mail and its own CSR; without an e-mail nothing can be copied', () => {
    const csr = '-----BEGIN CERTIFICATE REQUEST-----\nMII\n-----END CERTIFICATE REQUEST-----\n'
    expect(
      copiedInformation(
        'new',
        renewed,
        submitted({ ContactEmail: 'a@example.com' }, { CsrType: 'parse', CsrContent: csr })
      )
    ).toMatchObject({
      CompanyType: 1,
      ContactEmail: 'a@example.com',
      GenCsrType: 'parse',
      Csr: csr
    })
    expect(copiedInformation('new', renewed, submitted({}))).toBeUndefined()
  })
})
