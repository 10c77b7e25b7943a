// Proves the emulator against the two independent references it must agree with: the worked signing example in
// Tencent Cloud's docs, and the official SDK as a client.
import { createRequire } from 'node:module'
import { createPrivateKey, createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { Client } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ssl/v20191205/ssl_client.js'
import { Client as StsClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/sts/v20180813/sts_client.js'
import { TencentCloudEmulator } from '../../sandbox/emulator.js'
import { authorizationHeader, canonicalRequest, payloadHash, signature, stringToSign } from '../../sandbox/tc3.js'
import { rejectionOf } from '../helpers/thrown.js'
import { ROOT } from '../../sandbox/run-action.js'
import { PERSONAL_INFORMATION } from '../helpers/e2e-helpers.js'

const KEY = { secretId: 'AKIDtestkey', secretKey: 'test-secret-key' }
const OTHER_ACCOUNT_KEY = { secretId: 'AKIDother', secretKey: 'other-secret', account: '200000000002' }
const TEMPORARY_KEY = { secretId: 'AKIDtemporary', secretKey: 'temporary-secret', token: 'session-token-1' }

describe('TC3-HMAC-SHA256 as the emulator computes it', () => {
  // The docs' example: DescribeInstances on cvm, signed with content-type, host and x-tc-action.
  const body = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'
  const example = canonicalRequest({
    method: 'POST',
    path: '/',
    query: '',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      host: 'cvm.tencentcloudapi.com',
      'x-tc-action': 'describeinstances'
    },
    payload: body
  })

  test('reproduces the payload hash of the docs example', () => {
    expect(payloadHash(body)).toBe('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064')
  })

  test('reproduces the canonical request hash and credential scope of the docs example', () => {
    expect(example.signedHeaders).toBe('content-type;host;x-tc-action')
    const [algorithm, timestamp, scope, canonicalHash] = stringToSign(1551113065, 'cvm', example.text).split('\n')
    expect([algorithm, timestamp, scope]).toEqual(['TC3-HMAC-SHA256', '1551113065', '2019-02-25/cvm/tc3_request'])
    expect(canonicalHash).toBe('7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84')
  })

  test("agrees with the SDK's own signer on the same request", () => {
    const sdkSign = (
      createRequire(import.meta.url)('tencentcloud-sdk-nodejs/tencentcloud/common/sign.js') as {
        default: { sign3(options: Record<string, unknown>): string }
      }
    ).default
    const payload = { CertificateId: 'abc', VerifyType: 'DNS' }
    const timestamp = 1764201600
    const fromSdk = sdkSign.sign3({
      method: 'POST',
      url: 'https://ssl.tencentcloudapi.com/',
      payload,
      timestamp,
      service: 'ssl',
      secretId: KEY.secretId,
      secretKey: KEY.secretKey,
      multipart: false,
      headers: { 'Content-Type': 'application/json' }
    })
    const ours = canonicalRequest({
      method: 'POST',
      path: '/',
      query: '',
      headers: { 'content-type': 'application/json', host: 'ssl.tencentcloudapi.com' },
      payload: JSON.stringify(payload)
    })
    const sig = signature(KEY.secretKey, timestamp, 'ssl', stringToSign(timestamp, 'ssl', ours.text))
    expect(authorizationHeader(KEY.secretId, timestamp, 'ssl', ours.signedHeaders, sig)).toBe(fromSdk)
  })
})

describe('the emulator, with the official SDK as its client', () => {
  let emulator: TencentCloudEmulator
  const client = (
    key: { secretId: string; secretKey: string; token?: string } = KEY,
    language: 'en-US' | 'zh-CN' = 'en-US',
    reqTimeout = 10
  ) =>
    new Client({
      credential: key,
      profile: { language, httpProfile: { endpoint: `127.0.0.1:${emulator.port}`, protocol: 'http://', reqTimeout } }
    })
  // The SDK's own exception, with the code and RequestId of the error answer.
  const failureOf = (call: Promise<unknown>): Promise<Error> => rejectionOf(Error, call)

  beforeEach(async () => {
    emulator = await TencentCloudEmulator.start()
    emulator.addKey(KEY).addKey(OTHER_ACCOUNT_KEY).addKey(TEMPORARY_KEY)
    emulator.addCertificate({ CertificateId: 'cert1', statusAfterSubmit: 8 })
    emulator.addCertificate({ CertificateId: 'cert2', Status: 13 })
  })
  afterEach(() => emulator.close())

  test('accepts a correctly signed submission, moves the certificate on and answers the documented shape', async () => {
    const answer = await client().CommitCertificateInformation({ CertificateId: 'cert1', VerifyType: 'DNS' })
    expect(answer).toEqual({ OrderId: 'TA00000001', Status: 8, RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/) })
    expect(emulator.certificate('cert1')).toMatchObject({
      Status: 8,
      OrderId: 'TA00000001',
      VerifyType: 'DNS',
      submissions: 1
    })
    const detail = await client().DescribeCertificateDetail({ CertificateId: 'cert1' })
    expect(detail).toMatchObject({ CertificateId: 'cert1', Status: 8, OrderId: 'TA00000001', VerifyType: 'DNS' })
  })

  describe('issued certificates are real X.509 chains from the sandbox CA', () => {
    const certificatesIn = (pem: string): X509Certificate[] =>
      (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(
        (block) => new X509Certificate(block)
      )

    test('the detail gives the full chain, the key with CRLF, the root, the validity and the fingerprint', async () => {
      emulator.addCertificate({
        CertificateId: 'real',
        Domain: 'shop.example.com',
        altNames: ['shop.example.com', 'www.shop.example.com']
      })
      await client().CommitCertificateInformation({ CertificateId: 'real', VerifyType: 'DNS_AUTO' })
      expect((await client().DescribeCertificateDetail({ CertificateId: 'real' })).CertificatePublicKey).toBeNull()
      emulator.addCertificate({
        CertificateId: 'now',
        Domain: 'shop.example.com',
        Status: 1,
        altNames: ['shop.example.com', 'www.shop.example.com']
      })
      const detail = await client().DescribeCertificateDetail({ CertificateId: 'now' })
      const [leaf, intermediate] = certificatesIn(detail.CertificatePublicKey!)
      const [root] = certificatesIn(detail.RootCert!.Standard)
      expect(leaf.subjectAltName).toBe('DNS:shop.example.com, DNS:www.shop.example.com')
      expect([
        leaf.verify(intermediate.publicKey),
        intermediate.verify(root.publicKey),
        root.verify(root.publicKey)
      ]).toEqual([true, true, true])
      expect(detail.CertificatePrivateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\r\n/)
      expect(leaf.checkPrivateKey(createPrivateKey(detail.CertificatePrivateKey!))).toBe(true)
      expect(detail.CertFingerprint).toBe(leaf.fingerprint.replace(/:/g, ''))
      // Beijing time, 8 hours ahead of the certificate's UTC.
      expect(Date.parse(`${detail.CertBeginTime!.replace(' ', 'T')}+08:00`)).toBe(Date.parse(leaf.validFrom))
      expect(detail.CertChainInfo!.map((c) => c.Subject)).toEqual(['shop.example.com', 'Sandbox DV TLS RSA CA 2025'])
      expect(detail.CertificateExtra!.SMCert).toBe(0)
    })

    test('the leaf alone, or no key with your own CSR, when the certificate is set up so', async () => {
      emulator.addCertificate({ CertificateId: 'leaf', Status: 1, publicKey: 'leaf', keyHeld: false })
      const detail = await client().DescribeCertificateDetail({ CertificateId: 'leaf' })
      expect(certificatesIn(detail.CertificatePublicKey!).length).toBe(1)
      expect(detail.CertificatePrivateKey).toBeNull()
    })

    test("DownloadCertificate answers a ZIP in Tencent Cloud's layout, for an issued certificate only", async () => {
      emulator.addCertificate({ CertificateId: 'zip', Domain: 'shop.example.com', Status: 1 })
      const answer = await client().DownloadCertificate({ CertificateId: 'zip' })
      expect(answer.ContentType).toBe('application/zip')
      const files = unzipSync(Buffer.from(answer.Content!, 'base64'))
      const bundle = strFromU8(files['shop.example.com_nginx/shop.example.com_bundle.crt'])
      const [leaf, intermediate] = certificatesIn(bundle)
      expect(leaf.verify(intermediate.publicKey)).toBe(true)
      expect(
        leaf.checkPrivateKey(createPrivateKey(strFromU8(files['shop.example.com_nginx/shop.example.com.key'])))
      ).toBe(true)
      expect(await failureOf(client().DownloadCertificate({ CertificateId: 'cert1' }))).toMatchObject({
        code: 'FailedOperation.InvalidCertificateStatusCode'
      })
    })
  })

  describe('cloud resources and the tasks that switch them', () => {
    const clb = { ResourceTypes: ['clb'], ResourceTypesRegions: [{ ResourceType: 'clb', Regions: ['ap-guangzhou'] }] }
    beforeEach(() => {
      emulator
        .addCertificate({ CertificateId: 'old', Status: 1 })
        .addCertificate({ CertificateId: 'new', Status: 1 })
        .addCertificate({ CertificateId: 'other', Status: 1 })
      emulator.bindResource({ certificateId: 'old', type: 'clb', region: 'ap-guangzhou', instanceId: 'lb-gz' })
      emulator.bindResource({ certificateId: 'old', type: 'clb', region: 'ap-shanghai', instanceId: 'lb-sh' })
    })

    test('gathers first, then switches only the chosen regions over its polls; asking again joins the running task', async () => {
      const ask = () => client().UpdateCertificateInstance({ OldCertificateId: 'old', CertificateId: 'new', ...clb })
      expect((await ask()).DeployRecordId).toBe(0)
      const created = await ask()
      expect(created).toMatchObject({ DeployRecordId: expect.any(Number), DeployStatus: 1 })
      expect(await ask()).toMatchObject({ DeployRecordId: created.DeployRecordId, DeployStatus: 0 })
      const poll = () =>
        client().DescribeHostUpdateRecordDetail({
          DeployRecordId: String(created.DeployRecordId),
          Limit: '200',
          Offset: '0'
        })
      expect(await poll()).toMatchObject({ TotalCount: 1, RunningTotalCount: 1, SuccessTotalCount: 0 })
      expect(await poll()).toMatchObject({ TotalCount: 1, RunningTotalCount: 0, SuccessTotalCount: 1 })
      expect(emulator.rebind.boundTo('new').map((r) => r.instanceId)).toEqual(['lb-gz'])
      expect(emulator.rebind.boundTo('old').map((r) => r.instanceId)).toEqual(['lb-sh'])
      expect(
        await failureOf(client().DescribeHostUpdateRecordDetail({ DeployRecordId: '1', Limit: '201' }))
      ).toMatchObject({
        code: 'FailedOperation.CertificateDeployNotExist'
      })
    })

    test('another pair waits for a running switch; a regional kind needs its regions; nothing bound is said so', async () => {
      emulator.rebind.gatherFirst = false
      emulator.rebind.startElsewhere('old', 'other', 60_000)
      expect(
        await failureOf(client().UpdateCertificateInstance({ OldCertificateId: 'old', CertificateId: 'new', ...clb }))
      ).toMatchObject({
        code: 'FailedOperation.CertificateDeployHasPendingRecord'
      })
      expect(
        await failureOf(
          client().UpdateCertificateInstance({
            OldCertificateId: 'new',
            CertificateId: 'other',
            ResourceTypes: ['clb']
          })
        )
      ).toMatchObject({
        code: 'InvalidParameter.WithDetailReason'
      })
      expect(
        await failureOf(
          client().UpdateCertificateInstance({
            OldCertificateId: 'new',
            CertificateId: 'other',
            ResourceTypes: ['cdn']
          })
        )
      ).toMatchObject({
        code: 'FailedOperation.CertificateDeployInstanceEmpty'
      })
    })
  })

  test('a second submission meets InvalidCertificateStatusCode and changes nothing', async () => {
    await client().CommitCertificateInformation({ CertificateId: 'cert2' })
    const error = await failureOf(client().CommitCertificateInformation({ CertificateId: 'cert2' }))
    expect(error).toMatchObject({
      code: 'FailedOperation.InvalidCertificateStatusCode',
      message: 'The certificate status is incorrect.',
      requestId: expect.any(String)
    })
    expect(emulator.certificate('cert2').submissions).toBe(1)
  })

  test.each([
    ['a wrong secret key', { ...KEY, secretKey: 'wrong' }, 0, 'AuthFailure.SignatureFailure'],
    ['an unknown secret ID', { secretId: 'AKIDnobody', secretKey: 'x' }, 0, 'AuthFailure.SecretIdNotFound'],
    ['a clock 6 minutes off', KEY, 6 * 60_000, 'AuthFailure.SignatureExpire'],
    ['a clock 6 minutes behind', KEY, -6 * 60_000, 'AuthFailure.SignatureExpire'],
    [
      'a temporary key without its token',
      { secretId: TEMPORARY_KEY.secretId, secretKey: TEMPORARY_KEY.secretKey },
      0,
      'AuthFailure.TokenFailure'
    ],
    ['a temporary key with a wrong token', { ...TEMPORARY_KEY, token: 'forged' }, 0, 'AuthFailure.TokenFailure'],
    ['a permanent key with a token', { ...KEY, token: 'unexpected' }, 0, 'AuthFailure.TokenFailure']
  ])('refuses %s', async (_, key, clockOffsetMs, code) => {
    emulator.clockOffsetMs = clockOffsetMs
    expect(await failureOf(client(key).CommitCertificateInformation({ CertificateId: 'cert1' }))).toMatchObject({
      code
    })
    expect(emulator.certificate('cert1').submissions).toBe(0)
  })

  test('accepts a clock 4 minutes off, and a temporary key with its token', async () => {
    emulator.clockOffsetMs = 4 * 60_000
    await expect(client(TEMPORARY_KEY).DescribeCertificateDetail({ CertificateId: 'cert1' })).resolves.toMatchObject({
      Status: 5
    })
  })

  test("refuses a request that is not signed, and hides another account's certificate", async () => {
    const response = await fetch(`${emulator.endpoint}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-TC-Action': 'DescribeCertificateDetail' },
      body: '{}'
    })
    expect(await response.json()).toMatchObject({ Response: { Error: { Code: 'AuthFailure.InvalidAuthorization' } } })
    expect(
      await failureOf(client(OTHER_ACCOUNT_KEY).DescribeCertificateDetail({ CertificateId: 'cert1' }))
    ).toMatchObject({
      code: 'FailedOperation.CertificateNotFound'
    })
  })

  test('answers in Chinese when asked, and names parameter problems', async () => {
    expect(await failureOf(client(KEY, 'zh-CN').DescribeCertificateDetail({ CertificateId: 'nope' }))).toMatchObject({
      code: 'FailedOperation.CertificateNotFound',
      message: '证书不存在。'
    })
    expect(
      await failureOf(client().CommitCertificateInformation({ CertificateId: 'cert1', VerifyType: 'EMAIL' }))
    ).toMatchObject({
      code: 'FailedOperation.InvalidParam'
    })
    expect(await failureOf(client().CommitCertificateInformation({} as { CertificateId: string }))).toMatchObject({
      code: 'MissingParameter'
    })
    expect(await failureOf(client().request('DeleteEverything', {}))).toMatchObject({ code: 'InvalidAction' })
  })

  test('enforces the rate limit per account and action', async () => {
    const burst = await Promise.allSettled(
      Array.from({ length: 13 }, () => client().DescribeCertificateDetail({ CertificateId: 'cert1' }))
    )
    const limited = burst.filter(
      (r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'RequestLimitExceeded'
    )
    // The window is one second; the burst is sent at once, so at least 3 land in it (all of them on any sane machine).
    expect(burst.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(10)
    expect(limited.length).toBeGreaterThanOrEqual(3)
    await expect(client().CommitCertificateInformation({ CertificateId: 'cert1' })).resolves.toMatchObject({
      Status: 8
    })
    await expect(client(OTHER_ACCOUNT_KEY).DescribeCertificateDetail({ CertificateId: 'cert1' })).rejects.toMatchObject(
      {
        code: 'FailedOperation.CertificateNotFound'
      }
    )
  })

  test('CertificateOrderSubmit takes CertId and a 0/1 DeleteDnsAutoRecord, and answers IsAudited', async () => {
    const bad = await failureOf(client().CertificateOrderSubmit({ CertId: 'cert1', DeleteDnsAutoRecord: 2 }))
    expect(bad).toMatchObject({ code: 'InvalidParameterValue' })
    expect(
      await client().CertificateOrderSubmit({ CertId: 'cert1', VerifyType: 'DNS_AUTO', DeleteDnsAutoRecord: 1 })
    ).toMatchObject({
      Status: 8,
      IsAudited: false
    })
    expect(emulator.certificate('cert1')).toMatchObject({ submissions: 1, DeleteDnsAutoRecord: true })
  })

  test('a submitted certificate settles to its final status on the configured read, with its StatusMsg', async () => {
    emulator.addCertificate({
      CertificateId: 'cert3',
      settleAfterReads: 2,
      finalStatus: 2,
      finalStatusMsg: 'DOMAIN-INVALID'
    })
    const before = await client().DescribeCertificateDetail({ CertificateId: 'cert3' })
    const noRecords = {
      DvAuths: null,
      DvAuthKey: null,
      DvAuthValue: null,
      DvAuthDomain: null,
      DvAuthPath: null,
      DvAuthKeySubDomain: null
    }
    expect(before).toMatchObject({
      Status: 5,
      StatusName: '企业证书，待提交',
      StatusMsg: null,
      OrderId: null,
      DvAuthDetail: noRecords
    })
    await client().CommitCertificateInformation({ CertificateId: 'cert3', VerifyType: 'DNS' })
    expect(await client().DescribeCertificateDetail({ CertificateId: 'cert3' })).toMatchObject({
      Status: 0,
      StatusMsg: 'PENDING-DCV'
    })
    const settled = await client().DescribeCertificateDetail({ CertificateId: 'cert3' })
    expect(settled).toMatchObject({
      Status: 2,
      StatusMsg: 'DOMAIN-INVALID',
      // One domain: the top-level fields, DvAuths null, with the API's meanings (zone, host record, full name).
      DvAuthDetail: {
        DvAuths: null,
        DvAuthKey: '_dnsauth.cert3.example.com',
        DvAuthKeySubDomain: '_dnsauth',
        DvAuthDomain: 'cert3.example.com',
        DvAuthPath: null
      }
    })
  })

  describe('faults, as the SDK sees them', () => {
    test('a documented error code, with its documented message, applying nothing', async () => {
      emulator.injectFault({
        action: 'CommitCertificateInformation',
        fault: { type: 'error', code: 'FailedOperation.NoRealNameAuth' }
      })
      expect(await failureOf(client().CommitCertificateInformation({ CertificateId: 'cert1' }))).toMatchObject({
        code: 'FailedOperation.NoRealNameAuth',
        message: 'You have not completed the identity verification.'
      })
      expect(emulator.certificate('cert1').submissions).toBe(0)
      await expect(client().CommitCertificateInformation({ CertificateId: 'cert1' })).resolves.toMatchObject({
        Status: 8
      })
    })

    test('an HTTP 502 gives httpCode and no code', async () => {
      emulator.injectFault({ fault: { type: 'http', status: 502 } })
      const error = await failureOf(client().CommitCertificateInformation({ CertificateId: 'cert1' }))
      expect(error).toMatchObject({ httpCode: 502 })
      expect(error).not.toHaveProperty('code')
    })

    test('a reset after the order is applied loses the answer but keeps the order', async () => {
      emulator.injectFault({ certificateId: 'cert1', fault: { type: 'reset', applied: true } })
      const error = await failureOf(client().CommitCertificateInformation({ CertificateId: 'cert1' }))
      expect(String(error.message)).toMatch(/socket hang up|ECONNRESET/)
      expect(emulator.certificate('cert1').submissions).toBe(1)
    })

    test('a reset before anything is applied changes nothing', async () => {
      emulator.injectFault({ certificateId: 'cert1', fault: { type: 'reset' } })
      await failureOf(client().CommitCertificateInformation({ CertificateId: 'cert1' }))
      expect(emulator.certificate('cert1').submissions).toBe(0)
    })

    test('a hang ends in the SDK timeout', async () => {
      emulator.injectFault({ fault: { type: 'hang' } })
      const error = await failureOf(client(KEY, 'en-US', 0.2).DescribeCertificateDetail({ CertificateId: 'cert1' }))
      expect(String(error.message)).toMatch(/timeout/)
    })

    test("a broken body throws node-fetch's FetchError, not the SDK's exception", async () => {
      emulator.injectFault({ fault: { type: 'broken-body', applied: true } })
      const error = await failureOf(client().CommitCertificateInformation({ CertificateId: 'cert1' }))
      expect(error).toMatchObject({ name: 'FetchError', type: 'invalid-json' })
      expect(emulator.certificate('cert1').submissions).toBe(1)
    })

    test('a fault applies to the matching calls only, as many times as asked, and is logged', async () => {
      emulator.injectFault({
        action: 'CommitCertificateInformation',
        certificateId: 'cert2',
        times: 2,
        fault: { type: 'error', code: 'InternalError' }
      })
      await expect(client().CommitCertificateInformation({ CertificateId: 'cert1' })).resolves.toBeDefined()
      await failureOf(client().CommitCertificateInformation({ CertificateId: 'cert2' }))
      await failureOf(client().CommitCertificateInformation({ CertificateId: 'cert2' }))
      await expect(client().CommitCertificateInformation({ CertificateId: 'cert2' })).resolves.toBeDefined()
      expect(emulator.callsOf('CommitCertificateInformation').map((r) => [r.params.CertificateId, r.outcome])).toEqual([
        ['cert1', 'ok'],
        ['cert2', 'InternalError'],
        ['cert2', 'InternalError'],
        ['cert2', 'ok']
      ])
    })
  })

  describe('STS AssumeRoleWithWebIdentity and the GitHub token endpoint', () => {
    const ROLE_ARN = 'qcs::cam::uin/100000000001:roleName/github-deploy'
    const sts = (region = 'ap-guangzhou') =>
      new StsClient({
        credential: {},
        region,
        profile: { httpProfile: { endpoint: `127.0.0.1:${emulator.port}`, protocol: 'http://', reqTimeout: 10 } }
      })
    const assume = (token: string, overrides: Record<string, unknown> = {}, region?: string) =>
      sts(region).request(
        'AssumeRoleWithWebIdentity',
        {
          ProviderId: 'github',
          WebIdentityToken: token,
          RoleArn: ROLE_ARN,
          RoleSessionName: 'octo@app-1',
          DurationSeconds: 900,
          ...overrides
        },
        { skipSign: true }
      )

    beforeEach(() => {
      emulator.identity.addProvider({
        providerId: 'github',
        account: '100000000001',
        audiences: ['sts.tencentcloudapi.com']
      })
      emulator.identity.addRole({
        roleArn: ROLE_ARN,
        account: '100000000001',
        providerId: 'github',
        allowedSubjects: ['repo:octo-org/app:ref:refs/heads/main']
      })
    })

    test('the token endpoint wants the runner bearer and answers {value}', async () => {
      const url = `${emulator.oidcEnvironment.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sts.tencentcloudapi.com`
      expect((await fetch(url)).status).toBe(401)
      const answer = (await (
        await fetch(url, {
          headers: { Authorization: `Bearer ${emulator.oidcEnvironment.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` }
        })
      ).json()) as {
        value: string
      }
      const claims = JSON.parse(Buffer.from(answer.value.split('.')[1], 'base64url').toString()) as Record<
        string,
        unknown
      >
      expect(claims).toMatchObject({
        iss: 'https://token.actions.githubusercontent.com',
        aud: 'sts.tencentcloudapi.com',
        sub: 'repo:octo-org/app:ref:refs/heads/main'
      })
    })

    test('exchanges a good token, unsigned, for a temporary key that signs SSL calls until it expires', async () => {
      const answer = (await assume(emulator.identity.issueToken('sts.tencentcloudapi.com'))) as {
        Credentials: { TmpSecretId: string; TmpSecretKey: string; Token: string }
        ExpiredTime: number
      }
      expect(answer.ExpiredTime).toBeCloseTo(Date.now() / 1000 + 900, -1)
      const { TmpSecretId, TmpSecretKey, Token } = answer.Credentials
      const temporary = { secretId: TmpSecretId, secretKey: TmpSecretKey, token: Token }
      await expect(client(temporary).DescribeCertificateDetail({ CertificateId: 'cert1' })).resolves.toMatchObject({
        Status: 5
      })
      expect(
        await failureOf(client({ ...temporary, token: 'other' }).DescribeCertificateDetail({ CertificateId: 'cert1' }))
      ).toMatchObject({
        code: 'AuthFailure.TokenFailure'
      })
      // Expiry: the same key, now past its end (moving the clock 15 minutes would trip the 5-minute skew check first).
      emulator.addKey({ ...temporary, expiresAtMs: Date.now() - 1 })
      expect(await failureOf(client(temporary).DescribeCertificateDetail({ CertificateId: 'cert1' }))).toMatchObject({
        code: 'AuthFailure.TokenFailure'
      })
      expect(emulator.identity.sessions).toEqual([
        expect.objectContaining({
          roleArn: ROLE_ARN,
          sessionName: 'octo@app-1',
          durationSeconds: 900,
          subject: 'repo:octo-org/app:ref:refs/heads/main'
        })
      ])
    })

    test.each<[string, () => string, Record<string, unknown>, string]>([
      [
        'a token signed by another key',
        () =>
          emulator.identity.issueToken('sts.tencentcloudapi.com', {
            privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
          }),
        {},
        'InvalidParameter.WebIdentityTokenError'
      ],
      [
        'a token for another audience',
        () => emulator.identity.issueToken('someone-else'),
        {},
        'InvalidParameter.WebIdentityTokenError'
      ],
      [
        'an expired token',
        () => emulator.identity.issueToken('sts.tencentcloudapi.com', { lifetimeSeconds: -10 }),
        {},
        'InvalidParameter.WebIdentityTokenError'
      ],
      [
        'a token from another issuer',
        () => emulator.identity.issueToken('sts.tencentcloudapi.com', { issuer: 'https://evil.example' }),
        {},
        'InvalidParameter.WebIdentityTokenError'
      ],
      [
        'an unknown role',
        () => emulator.identity.issueToken('sts.tencentcloudapi.com'),
        { RoleArn: 'qcs::cam::uin/100000000001:roleName/nope' },
        'InvalidParameter.ParamError'
      ],
      [
        'an unknown provider',
        () => emulator.identity.issueToken('sts.tencentcloudapi.com'),
        { ProviderId: 'gitlab' },
        'InvalidParameter.WebIdentityTokenError'
      ],
      [
        'a duration over 12 hours',
        () => emulator.identity.issueToken('sts.tencentcloudapi.com'),
        { DurationSeconds: 43_201 },
        'InvalidParameter.ParamError'
      ]
    ])('refuses %s', async (_, token, overrides, code) => {
      expect(await failureOf(assume(token(), overrides))).toMatchObject({ code })
      expect(emulator.identity.sessions).toEqual([])
    })

    test("refuses a branch the role's trust policy does not allow, and a call without a region", async () => {
      emulator.identity.job = { ...emulator.identity.job, ref: 'refs/heads/feature' }
      const error = await failureOf(assume(emulator.identity.issueToken('sts.tencentcloudapi.com')))
      expect(error).toMatchObject({
        code: 'InvalidParameter.WebIdentityTokenError',
        message: expect.stringContaining('does not allow sub repo:octo-org/app:ref:refs/heads/feature')
      })
      const noRegion = new StsClient({
        credential: {},
        profile: { httpProfile: { endpoint: `127.0.0.1:${emulator.port}`, protocol: 'http://' } }
      })
      expect(await failureOf(noRegion.request('AssumeRoleWithWebIdentity', {}, { skipSign: true }))).toMatchObject({
        code: 'MissingParameter'
      })
    })

    test('only AssumeRoleWithWebIdentity may skip the signature', async () => {
      const unsigned = new Client({
        credential: {},
        profile: { httpProfile: { endpoint: `127.0.0.1:${emulator.port}`, protocol: 'http://' } }
      })
      expect(
        await failureOf(unsigned.request('DescribeCertificateDetail', { CertificateId: 'cert1' }, { skipSign: true }))
      ).toMatchObject({
        code: 'AuthFailure.SignatureFailure'
      })
    })
  })

  describe("CertificateInfoSubmit, with the spec's rules", () => {
    const personal = { CertId: 'bought', ...PERSONAL_INFORMATION }
    const csr = readFileSync(join(ROOT, '__tests__', 'fixtures', 'csr-rsa-2048.csr'), 'utf8')
    beforeEach(() => {
      emulator.addCertificate({ CertificateId: 'bought', informationPending: true })
      emulator.addCompany({ CompanyId: 7, CompanyName: 'Seven', managers: [{ ManagerId: 70, Status: 'ok' }] })
    })

    test('a bought certificate refuses an order until its information is in, and keeps status 5 after it', async () => {
      expect(await failureOf(client().CommitCertificateInformation({ CertificateId: 'bought' }))).toMatchObject({
        code: 'FailedOperation.CertificateInfoSubmitStatusInvalid'
      })
      expect((await client().DescribeCertificateDetail({ CertificateId: 'bought' })).SubmittedData).toBeNull()
      await client().CertificateInfoSubmit({ ...personal, DnsNames: ['www.shop.example.com'] })
      const detail = await client().DescribeCertificateDetail({ CertificateId: 'bought' })
      expect(detail).toMatchObject({ Status: 5, Domain: 'shop.example.com' })
      expect(detail.SubmittedData).toMatchObject({
        CertificateDomain: 'shop.example.com',
        DomainList: ['www.shop.example.com'],
        CsrType: 'online',
        ContactEmail: 'ssl@example.com',
        OrganizationName: null
      })
      await expect(client().CommitCertificateInformation({ CertificateId: 'bought' })).resolves.toMatchObject({
        Status: 0
      })
      expect(await failureOf(client().CertificateInfoSubmit(personal))).toMatchObject({
        code: 'FailedOperation.CertificateInfoSubmitStatusInvalid'
      })
    })

    test.each([
      [
        'a personal certificate without ContactEmail',
        { ContactEmail: undefined },
        'FailedOperation.CertificateInfoSubmitContactEmailEmpty'
      ],
      ['a personal certificate with company fields', { OrgOrganization: 'X' }, 'FailedOperation.InvalidParam'],
      [
        'a name that is not a host name',
        { CertCommonName: 'shop..example' },
        'FailedOperation.CertificateInfoSubmitDomainInvalid'
      ],
      ['online without the key parameters', { CsrKeyParameter: undefined }, 'FailedOperation.InvalidParam'],
      [
        'online with a key that does not exist',
        { CsrEncryptAlgo: 'ECC', CsrKeyParameter: '2048' },
        'FailedOperation.InvalidParam'
      ],
      ['parse without a Csr', { GenCsrType: 'parse' }, 'FailedOperation.InvalidParam'],
      [
        'parse with a Csr for another name',
        { GenCsrType: 'parse', Csr: csr, CertCommonName: 'www.example.com' },
        'FailedOperation.InvalidParam'
      ],
      [
        'parse with what is not a CSR',
        { GenCsrType: 'parse', Csr: 'hello' },
        'FailedOperation.CertificateCsrParseFailed'
      ],
      ['a company not on file', { CompanyType: 2, CompanyId: '8' }, 'FailedOperation.InvalidParam'],
      ['a manager not on file', { CompanyType: 2, CompanyId: '7', ManagerId: '71' }, 'FailedOperation.InvalidParam'],
      ['a required field missing', { CompanyId: undefined }, 'MissingParameter']
    ])('%s is refused', async (_, change, code) => {
      expect(await failureOf(client().request('CertificateInfoSubmit', { ...personal, ...change }))).toMatchObject({
        code
      })
      expect(emulator.certificate('bought').informationSubmissions).toBe(0)
    })

    test("a certificate issued from the user's own CSR carries that CSR's key, and Tencent Cloud holds none", async () => {
      emulator.addCertificate({ CertificateId: 'own', informationPending: true, settleAfterReads: 1 })
      await client().CertificateInfoSubmit({
        ...personal,
        CertId: 'own',
        GenCsrType: 'parse',
        Csr: csr,
        CsrEncryptAlgo: undefined,
        CsrKeyParameter: undefined,
        CompanyType: 2,
        CompanyId: '7',
        ManagerId: '70',
        ContactEmail: undefined
      })
      await client().CommitCertificateInformation({ CertificateId: 'own' })
      const detail = await client().DescribeCertificateDetail({ CertificateId: 'own' })
      expect(detail.CertificatePrivateKey).toBeNull()
      const leaf = new X509Certificate(detail.CertificatePublicKey!)
      const requested = createPublicKey(readFileSync(join(ROOT, '__tests__', 'fixtures', 'csr-rsa-2048.key'), 'utf8'))
      expect(leaf.publicKey.export({ type: 'spki', format: 'der' })).toEqual(
        requested.export({ type: 'spki', format: 'der' })
      )
      expect(
        leaf.verify(
          new X509Certificate(detail.CertificatePublicKey!.split(/(?<=-----END CERTIFICATE-----)/)[1]).publicKey
        )
      ).toBe(true)
    })

    test('the companies and managers on file, per account and paged', async () => {
      emulator.addCompany({ CompanyId: 9, CompanyName: 'Nine', account: OTHER_ACCOUNT_KEY.account })
      const companies = await client().DescribeCompanies({ Limit: 1, Offset: 0 })
      expect([companies.TotalCount, companies.Companies?.map((c) => c.CompanyId)]).toEqual([1, [7]])
      const managers = await client().DescribeManagers({ CompanyId: 7 })
      expect(managers.Managers?.map((m) => [m.ManagerId, m.Status])).toEqual([[70, 'ok']])
      expect(await failureOf(client(OTHER_ACCOUNT_KEY).DescribeManagers({ CompanyId: 7 }))).toMatchObject({
        code: 'FailedOperation.InvalidParam'
      })
    })
  })

  describe('domain validation while the CA waits', () => {
    const checks = async (id: string) =>
      ((await client().CheckCertificateDomainVerification({ CertificateId: id })).VerificationResults ?? []).map(
        (r) => [r.LocalCheck, r.CaCheck, r.Frequently]
      )

    test('a record placed after N checks, a check repeated within a second, and the CA asked to look', async () => {
      emulator.addCertificate({ CertificateId: 'late', validation: { records: { placedAfterChecks: 2 } } })
      expect(await failureOf(client().CheckCertificateDomainVerification({ CertificateId: 'late' }))).toMatchObject({
        code: 'FailedOperation.CertificateStatusNotAllowVerify'
      })
      await client().CommitCertificateInformation({ CertificateId: 'late', VerifyType: 'DNS' })
      expect(await checks('late')).toEqual([[-1, -1, false]])
      // Within a second of the last: rate-limited, and not counted.
      expect(await checks('late')).toEqual([[-1, -1, true]])
      emulator.clockOffsetMs += 1100
      expect(await checks('late')).toEqual([[1, -1, false]])
      expect((await client().DescribeCertificateDetail({ CertificateId: 'late' })).Status).toBe(0)
      await client().CompleteCertificate({ CertificateId: 'late' })
      expect((await client().DescribeCertificateDetail({ CertificateId: 'late' })).Status).toBe(1)
      expect(await failureOf(client().CompleteCertificate({ CertificateId: 'late' }))).toMatchObject({
        code: 'FailedOperation.CertificateNotFoundOrAudited'
      })
    })

    test('a DNSPod certificate cannot be asked to look; its CA passes in its own time', async () => {
      emulator.addCertificate({ CertificateId: 'dp', brand: 'dnspod', validation: { caPassesAfterMs: 500 } })
      await client().CommitCertificateInformation({ CertificateId: 'dp', VerifyType: 'DNS' })
      expect(await failureOf(client().CompleteCertificate({ CertificateId: 'dp' }))).toMatchObject({
        code: 'FailedOperation'
      })
      expect(await checks('dp')).toEqual([[1, -1, false]])
      emulator.clockOffsetMs += 1100
      expect(await checks('dp')).toEqual([[1, 2, false]])
      expect((await client().DescribeCertificateDetail({ CertificateId: 'dp' })).Status).toBe(1)
    })
  })
})
