import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { SslApi } from '../../src/api/calls.js'
import { ActionErrorCode, Failure } from '../../src/api/errors.js'
import { TencentCloudEmulator, type Fault } from '../../sandbox/emulator.js'
import { ROOT } from '../../sandbox/run-action.js'
import { sslApiFor } from '../helpers/e2e-helpers.js'
import { HostileFront } from '../helpers/hostile-front.js'
import { rejectionOf } from '../helpers/thrown.js'

const SSL_CLIENT = 'tencentcloud-sdk-nodejs/tencentcloud/services/ssl/v20191205/ssl_client.js'
const KEY = { secretId: 'AKIDclient', secretKey: 'client-secret' }

test("the SDK's typed ssl client resolves by its deep path under Node's own ES module resolver", () => {
  const script = `import { Client } from '${SSL_CLIENT}'; console.log(typeof Client.prototype.CommitCertificateInformation, typeof Client.prototype.DescribeCertificateDetail)`
  expect(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' }).trim()
  ).toBe('function function')
})

test('the SDK, and every other dependency, is pinned to an exact version', () => {
  const manifest = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { dependencies: Record<string, string> }
  expect(Object.keys(manifest.dependencies)).toEqual(
    expect.arrayContaining(['tencentcloud-sdk-nodejs', 'node-forge', 'fflate'])
  )
  for (const version of Object.values(manifest.dependencies)) expect(version).toMatch(/^\d+\.\d+\.\d+$/)
})

describe("an issued certificate's text, as the client takes it", () => {
  let emulator: TencentCloudEmulator
  let front: HostileFront
  let api: SslApi
  beforeAll(async () => {
    emulator = await TencentCloudEmulator.start()
    emulator.addKey(KEY).addCertificate({ CertificateId: 'issued', Status: 1 })
    front = await HostileFront.start(emulator.endpoint)
    api = sslApiFor(Number(new URL(front.endpoint).port), KEY)
  })
  afterAll(async () => {
    api.close()
    await front.close()
    await emulator.close()
  })

  test('the certificate and key as given, the domain, and no SM2', async () => {
    const material = await api.describeCertificateMaterial({ CertificateId: 'issued' })
    expect(material).toMatchObject({ Domain: 'issued.example.com', Status: 1, Sm2: false })
    expect(material.CertificatePublicKey.match(/BEGIN CERTIFICATE/g)).toHaveLength(2)
    expect(material.CertificatePrivateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\r\n/)
  })

  test.each([
    ['SMCert 1', { CertificateExtra: { SMCert: 1 } }],
    ['an encryption certificate', { EncryptCert: '-----BEGIN CERTIFICATE-----' }],
    ['an SM2 algorithm', { EncryptAlgorithm: 'SM2' }]
  ])('an SM2 dual certificate is told by %s', async (_, fields) => {
    front.on('DescribeCertificateDetail', { kind: 'rewrite', edit: (answer) => ({ ...answer, ...fields }) })
    expect((await api.describeCertificateMaterial({ CertificateId: 'issued' })).Sm2).toBe(true)
  })

  test.each([
    [
      'a key with an escape sequence',
      'DescribeCertificateDetail',
      { CertificatePrivateKey: '-----BEGIN RSA PRIVATE KEY-----\n\u001b[31m' }
    ],
    [
      'a certificate far longer than a chain',
      'DescribeCertificateDetail',
      { CertificatePublicKey: 'A'.repeat(65 * 1024) }
    ],
    ['a certificate that is not text', 'DescribeCertificateDetail', { CertificatePublicKey: 42 }],
    ['a ZIP far larger than a certificate', 'DownloadCertificate', { Content: 'A'.repeat(1024 * 1024 + 4) }]
  ])('%s is a malformed answer', async (_, action, fields) => {
    front.on(action, { kind: 'rewrite', edit: (answer) => ({ ...answer, ...fields }) })
    const call =
      action === 'DownloadCertificate'
        ? api.downloadCertificate({ CertificateId: 'issued' })
        : api.describeCertificateMaterial({ CertificateId: 'issued' })
    await expect(call).rejects.toMatchObject({ code: ActionErrorCode.MalformedResponse })
  })
})

describe('createSslApi over the SDK, against the emulator', () => {
  let emulator: TencentCloudEmulator
  let api: SslApi
  beforeEach(async () => {
    emulator = await TencentCloudEmulator.start()
    emulator.addKey(KEY).addCertificate({ CertificateId: 'cert1', Domain: 'www.example.com' })
    api = sslApiFor(emulator.port, KEY, { requestTimeoutSeconds: 0.3 })
  })
  afterEach(() => emulator.close())

  test('submits and reads back', async () => {
    await expect(api.commitCertificateInformation({ CertificateId: 'cert1', VerifyType: 'FILE' })).resolves.toEqual({
      OrderId: 'TA00000001',
      Status: 0,
      RequestId: expect.any(String)
    })
    await expect(api.describeCertificateDetail({ CertificateId: 'cert1' })).resolves.toEqual({
      CertificateId: 'cert1',
      OrderId: 'TA00000001',
      Status: 0,
      StatusMsg: 'PENDING-DCV',
      VerifyType: 'FILE',
      Domain: 'www.example.com',
      // What the console filled in, in the detail's legacy names.
      SubmittedData: {
        CertificateDomain: 'www.example.com',
        DomainList: [],
        CsrType: 'online',
        CsrContent: '',
        fields: { ContactEmail: 'ssl@www.example.com' }
      },
      CertEndTime: '',
      EncryptAlgorithm: 'RSA 2048',
      // The sandbox names each brand's product as the API does (sectigo's by default).
      Product: 'SecureSite OV (Sectigo)',
      RenewLinks: [],
      OriginLinks: [],
      Names: ['www.example.com'],
      CertBeginTime: '',
      IsDv: true,
      KeyHeld: null,
      DvAuths: emulator.certificate('cert1').DvAuths,
      RequestId: expect.any(String)
    })
    expect(emulator.certificate('cert1').DvAuths).toEqual([
      expect.objectContaining({ DvAuthVerifyType: 'FILE', DvAuthPath: '/.well-known/pki-validation/' })
    ])
  })

  test('submits with CertificateOrderSubmit, and the answer has the same shape', async () => {
    await expect(
      api.certificateOrderSubmit({ CertId: 'cert1', VerifyType: 'DNS', DeleteDnsAutoRecord: 0 })
    ).resolves.toEqual({
      OrderId: 'TA00000001',
      Status: 0,
      RequestId: expect.any(String)
    })
    expect(emulator.callsOf('CertificateOrderSubmit')[0].params).toEqual({
      CertId: 'cert1',
      VerifyType: 'DNS',
      DeleteDnsAutoRecord: 0
    })
  })

  test('sends the region when given', async () => {
    const regional = sslApiFor(emulator.port, KEY, { region: 'ap-guangzhou' })
    await expect(regional.describeCertificateDetail({ CertificateId: 'cert1' })).resolves.toMatchObject({ Status: 5 })
    await api.describeCertificateDetail({ CertificateId: 'cert1' })
    expect(emulator.requests.map((r) => r.region)).toEqual(['ap-guangzhou', ''])
  })

  test.each<[string, string, boolean, Fault]>([
    [
      'an error answer',
      'FailedOperation.CertificateInvalid',
      false,
      { type: 'error', code: 'FailedOperation.CertificateInvalid' }
    ],
    ['rate limiting', 'RequestLimitExceeded', false, { type: 'error', code: 'RequestLimitExceeded' }],
    [
      'an internal error',
      'InternalError.BackendResponseError',
      true,
      { type: 'error', code: 'InternalError.BackendResponseError' }
    ],
    ['HTTP 503', ActionErrorCode.HttpError, true, { type: 'http', status: 503 }],
    ['a reset', ActionErrorCode.ConnectionLost, true, { type: 'reset', applied: true }],
    ['a hang', ActionErrorCode.Timeout, true, { type: 'hang' }],
    ['a broken body', ActionErrorCode.MalformedResponse, true, { type: 'broken-body', applied: true }]
  ])('%s becomes %s (may have taken effect: %s)', async (_, code, mayHaveTakenEffect, fault) => {
    emulator.injectFault({ fault })
    const failure = await rejectionOf(Failure, api.commitCertificateInformation({ CertificateId: 'cert1' }))
    expect(failure).toMatchObject({ code, mayHaveTakenEffect })
  })

  test('a refused connection is known not to have been applied', async () => {
    const port = emulator.port
    await emulator.close()
    const closed = sslApiFor(port, KEY)
    await expect(closed.describeCertificateDetail({ CertificateId: 'cert1' })).rejects.toMatchObject({
      code: ActionErrorCode.ConnectionFailed,
      mayHaveTakenEffect: false
    })
    emulator = await TencentCloudEmulator.start()
  })
})

describe('retry lives in the client, at the one call point', () => {
  let emulator: TencentCloudEmulator
  beforeAll(async () => {
    emulator = await TencentCloudEmulator.start()
    emulator.addKey(KEY).addCertificate({ CertificateId: 'r1', Status: 5 })
  })
  afterAll(() => emulator.close())
  const retrying = () => {
    const logged: string[] = []
    const api = sslApiFor(emulator.port, KEY, {
      retry: {
        policy: { maxAttempts: 3, maxThrottledRetries: 5, baseDelayMs: 1, maxDelayMs: 2, random: () => 0 },
        log: { debug: () => {}, info: (line) => logged.push(line), warning: () => {} },
        clock: { now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }
      }
    })
    return { api, logged }
  }
  const count = (action: string): number => emulator.requests.filter((r) => r.action === action).length

  test('a read that fails for a moment is retried, with a line naming the call and the certificate', async () => {
    const { api, logged } = retrying()
    const before = count('DescribeCertificateDetail')
    emulator.injectFault({ action: 'DescribeCertificateDetail', fault: { type: 'error', code: 'InternalError' } })
    await expect(api.describeCertificateDetail({ CertificateId: 'r1' })).resolves.toMatchObject({ Status: 5 })
    expect(count('DescribeCertificateDetail') - before).toBe(2)
    expect(logged).toEqual([expect.stringMatching(/^DescribeCertificateDetail r1: try 1 failed with InternalError/)])
    api.close()
  })

  test('a call that may take effect, or whose caller reads back first, is made once', async () => {
    const { api } = retrying()
    for (const [action, make] of [
      ['CommitCertificateInformation', () => api.commitCertificateInformation({ CertificateId: 'r1' })],
      [
        'CertificateInfoSubmit',
        () =>
          api.certificateInfoSubmit({
            CertId: 'r1',
            CertCommonName: 'r1.example.com',
            CompanyType: 1,
            CompanyId: '0',
            ContactEmail: 'a@example.com',
            GenCsrType: 'online',
            CsrEncryptAlgo: 'RSA',
            CsrKeyParameter: '2048'
          })
      ]
    ] as const) {
      const before = count(action)
      emulator.injectFault({ action, fault: { type: 'error', code: 'InternalError' } })
      await expect(make()).rejects.toMatchObject({ code: 'InternalError' })
      expect(count(action) - before).toBe(1)
    }
    api.close()
  })
})
