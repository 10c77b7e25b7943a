// The client and the emulator held to the real API's description (sandbox/spec, from the project's shared spec):
// every example answer parses, every emulator answer has the example's fields with their JSON types, the emulator's
// gateway is as strict as the real one, and every documented code can be injected.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Client } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ssl/v20191205/ssl_client.js'
import { Client as StsClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/sts/v20180813/sts_client.js'
import { createStsApi } from '../../src/api/client.js'
import { actionSpec, apiSpec, SPEC_DIR, SPEC_FILES, type Field } from '../../sandbox/api-spec.js'
import { DOCUMENTED_MESSAGES, TencentCloudEmulator } from '../../sandbox/emulator.js'
import { ROOT } from '../../sandbox/run-action.js'
import { PERSONAL_INFORMATION, seedKeyless, sslApiFor } from '../helpers/e2e-helpers.js'

const KEY = { secretId: 'AKIDfidelity', secretKey: 'fidelity-secret' }
const SERVED = [
  'CommitCertificateInformation',
  'CertificateOrderSubmit',
  'DescribeCertificateDetail',
  'DescribeCertificates',
  'DownloadCertificate',
  'UpdateCertificateInstance',
  'DescribeHostUpdateRecord',
  'DescribeHostUpdateRecordDetail',
  'CertificateInfoSubmit',
  'DescribeCompanies',
  'DescribeManagers',
  'CheckCertificateDomainVerification',
  'CompleteCertificate',
  'ModifyCertificatesExpiringNotificationSwitch',
  'CreateCertificateBindResourceSyncTask',
  'DescribeCertificateBindResourceTaskResult',
  'DescribeCertificateBindResourceTaskDetail',
  'AssumeRoleWithWebIdentity'
] as const

let emulator: TencentCloudEmulator
beforeEach(async () => {
  emulator = await TencentCloudEmulator.start({ rateLimit: 1000 })
  emulator.addKey(KEY)
})
afterEach(() => emulator.close())

const profile = () => ({ httpProfile: { endpoint: `127.0.0.1:${emulator.port}`, protocol: 'http://' } })
const sdk = () => new Client({ credential: KEY, profile: profile() })
const sts = () => new StsClient({ credential: {}, region: 'ap-guangzhou', profile: profile() })
const connection = () => ({
  endpoint: { protocol: 'http://' as const, host: `127.0.0.1:${emulator.port}` },
  env: {},
  language: 'en-US' as const,
  requestTimeoutSeconds: 5
})
/** A personal certificate's information, as the action sends it. */
const INFORMATION = { CertId: 'c1', ...PERSONAL_INFORMATION }
const failureOf = (promise: Promise<unknown>): Promise<{ code?: string; message?: string }> =>
  promise.then(
    () => ({}),
    (error: { code?: string; message?: string }) => error
  )

test("the spec copied into sandbox/spec is the project's shared spec, when that is beside the repository", () => {
  const shared = join(ROOT, '..', 'shared', 'spec', 'api')
  for (const file of SPEC_FILES) {
    const copy = readFileSync(join(SPEC_DIR, file), 'utf8')
    expect(copy.length).toBeGreaterThan(1000)
    if (existsSync(join(shared, file))) expect(copy).toBe(readFileSync(join(shared, file), 'utf8'))
  }
})

describe('the client parses every example answer of the actions it calls', () => {
  test('CommitCertificateInformation and CertificateOrderSubmit', async () => {
    const api = sslApiFor(emulator.port, KEY)
    emulator.addCertificate({ CertificateId: 'c1' })
    for (const action of ['CommitCertificateInformation', 'CertificateOrderSubmit'] as const) {
      const example = actionSpec(action).examples[0].answer.Response
      emulator.injectFault({ action, fault: { type: 'example' } })
      const answer =
        action === 'CommitCertificateInformation'
          ? await api.commitCertificateInformation({ CertificateId: 'c1' })
          : await api.certificateOrderSubmit({ CertId: 'c1', DeleteDnsAutoRecord: 0 })
      expect(answer).toEqual({ OrderId: example.OrderId, Status: example.Status, RequestId: example.RequestId })
    }
    api.close()
  })

  test('DescribeCertificateDetail: an issued certificate with no records (DvAuthDetail members all null)', async () => {
    const api = sslApiFor(emulator.port, KEY)
    emulator.addCertificate({ CertificateId: 'c1' })
    emulator.injectFault({ action: 'DescribeCertificateDetail', fault: { type: 'example' } })
    expect(await api.describeCertificateDetail({ CertificateId: 'c1' })).toEqual({
      CertificateId: 'QL*****M',
      OrderId: 'xQOzHUgs_Cwm2Vhn0',
      Status: 1,
      StatusMsg: '',
      VerifyType: 'DNS_AUTO',
      DvAuths: [],
      Domain: 'lukesky.online',
      SubmittedData: null,
      CertEndTime: '2026-05-29 07:59:59',
      EncryptAlgorithm: 'RSA 2048',
      Product: 'TrustAsia C1 DV Free',
      RenewLinks: [],
      OriginLinks: [],
      // Domain and SubjectAltName, each once; the example holds the key, so Tencent Cloud made it.
      Names: ['lukesky.online', 'www.lukesky.online'],
      CertBeginTime: '2026-02-28 08:00:00',
      IsDv: true,
      KeyHeld: true,
      RequestId: '858497b3-d960-4628-9b7c-bbcf96d294e6'
    })
    api.close()
  })

  test("DescribeCertificateDetail's certificate and key, and DownloadCertificate's content, whose example is elided", async () => {
    const api = sslApiFor(emulator.port, KEY)
    emulator.addCertificate({ CertificateId: 'c1' })
    emulator.injectFault({ action: 'DescribeCertificateDetail', fault: { type: 'example' } })
    expect(await api.describeCertificateMaterial({ CertificateId: 'c1' })).toEqual({
      Domain: 'lukesky.online',
      Status: 1,
      CertificatePublicKey: '-----BEGIN CERTIFICATE----*******\n-----END CERTIFICATE-----\n',
      CertificatePrivateKey: '-----BEGIN RSA PRIVATE KEY-----******-----END RSA PRIVATE KEY-----\r\n',
      Sm2: false,
      RequestId: '858497b3-d960-4628-9b7c-bbcf96d294e6'
    })
    emulator.injectFault({ action: 'DownloadCertificate', fault: { type: 'example' } })
    const archive = await api.downloadCertificate({ CertificateId: 'c1' })
    expect(archive.RequestId).toBe('084d5612-67a7-4aca-aac9-827aa3662b2d')
    expect(Buffer.from(archive.Content).subarray(0, 2).toString()).toBe('PK')
    api.close()
  })

  test("a bought certificate's information, and the companies and managers on file (IDs as int64)", async () => {
    const api = sslApiFor(emulator.port, KEY)
    for (const action of ['CertificateInfoSubmit', 'DescribeCompanies', 'DescribeManagers'])
      emulator.injectFault({ action, fault: { type: 'example' } })
    expect(await api.certificateInfoSubmit(INFORMATION)).toEqual({
      RequestId: '54c73858-77a6-435c-addc-65919b550900'
    })
    expect(await api.describeCompanies({ Limit: 100, Offset: 0 })).toEqual({
      items: [{ CompanyId: '122', CompanyName: '腾讯' }],
      TotalCount: 1,
      RequestId: '5779b652-9c64-45b3-a6f4-641db7376a2e'
    })
    expect(await api.describeManagers({ CompanyId: 89002, Limit: 100, Offset: 0 })).toEqual({
      items: [
        { ManagerId: '0', Status: 'ok', ManagerFirstName: 'luke', ManagerLastName: 'zhang', ManagerMail: 'luke@qq.com' }
      ],
      TotalCount: 0,
      RequestId: '14727a68-3b90-4408-99c9-dea6d7de9456'
    })
    api.close()
  })

  test('the expiry notices switch, and renewal links that are not IDs (the list example\'s "yes" and a date)', async () => {
    const api = sslApiFor(emulator.port, KEY)
    emulator.injectFault({ action: 'ModifyCertificatesExpiringNotificationSwitch', fault: { type: 'example' } })
    expect(await api.modifyCertificatesExpiringNotificationSwitch({ CertificateIds: ['c1'], SwitchStatus: 1 })).toEqual(
      {
        CertificateIds: ['Thd**jjd'],
        RequestId: '14727a68-3b90-4408-99c9-dea6d7de9456'
      }
    )
    emulator.injectFault({ action: 'DescribeCertificates', fault: { type: 'example' } })
    const listed = await api.describeCertificates({ CertIds: ['c1'], Limit: 10, Offset: 0 })
    // HasRenewOrder "yes", HostingRenewCertId a date, CertificateExtra.RenewOrder masked "feg****": none is an ID.
    expect(listed.Certificates.map((c) => c.RenewLinks)).toEqual(listed.Certificates.map(() => []))
    api.close()
  })

  test('what is bound to a certificate: the task, its result and its detail in every kind', async () => {
    const api = sslApiFor(emulator.port, KEY)
    for (const action of [
      'CreateCertificateBindResourceSyncTask',
      'DescribeCertificateBindResourceTaskResult',
      'DescribeCertificateBindResourceTaskDetail'
    ])
      emulator.injectFault({ action, fault: { type: 'example' } })
    expect(await api.createCertificateBindResourceSyncTask({ CertificateIds: ['c1'], IsCache: 0 })).toEqual({
      Tasks: [{ CertId: 'T****hh', TaskId: '7**99' }],
      RequestId: '14727a68-3b90-4408-99c9-dea6d7de9456'
    })
    expect((await api.describeCertificateBindResourceTaskResult({ TaskIds: ['748599'] })).Results).toEqual([
      { TaskId: '748599', Status: 1, Error: '' }
    ])
    const detail = await api.describeCertificateBindResourceTaskDetail({
      TaskId: '37710177',
      Limit: '100',
      Offset: '0'
    })
    expect(detail.Resources).toEqual(
      expect.arrayContaining([
        { ResourceType: 'gaap', Region: '', Name: 'ga-9ri8fhos ssltest listener ssl' },
        { ResourceType: 'mqtt', Region: 'ap-guangzhou', Name: 'mqtt-9xgzvm2g ssl' },
        { ResourceType: 'scf', Region: 'ap-guangzhou', Name: 'xinge-test-2020112002.cn' }
      ])
    )
    api.close()
  })

  test('the domain checks and the CA asked to check now', async () => {
    const api = sslApiFor(emulator.port, KEY)
    for (const action of ['CheckCertificateDomainVerification', 'CompleteCertificate'])
      emulator.injectFault({ action, fault: { type: 'example' } })
    expect(await api.checkCertificateDomainVerification({ CertificateId: 'c1' })).toEqual({
      Results: [
        {
          Domain: 'ninghhuang.online',
          VerifyType: 'DNS',
          LocalCheck: -1,
          CaCheck: -1,
          LocalCheckFailReason: 'txt record not found',
          CheckValue: [],
          Frequently: false,
          Issued: false
        }
      ],
      RequestId: '14727a68-3b90-4408-99c9-dea6d7de9456'
    })
    expect(await api.completeCertificate({ CertificateId: 'c1' })).toEqual({
      RequestId: '0b39eaa4-f938-476d-9b26-19fb07b80936'
    })
    api.close()
  })

  test('the switch task, its records and its detail (numbers as strings, resources grouped by kind)', async () => {
    const api = sslApiFor(emulator.port, KEY)
    for (const action of ['UpdateCertificateInstance', 'DescribeHostUpdateRecord', 'DescribeHostUpdateRecordDetail']) {
      emulator.injectFault({ action, fault: { type: 'example' } })
    }
    const request = {
      OldCertificateId: 'a',
      CertificateId: 'b',
      ResourceTypes: ['clb' as const],
      ResourceTypesRegions: []
    }
    expect(await api.updateCertificateInstance(request)).toEqual({
      DeployRecordId: 1763489,
      DeployStatus: 0,
      RequestId: '14727a68-3b90-4408-99c9-dea6d7de9456'
    })
    expect(
      await api.describeHostUpdateRecord({ OldCertificateId: 'a', CertificateId: 'b', Limit: 100, Offset: 0 })
    ).toEqual({
      Records: [{ Id: 73839, CertId: 'jdjenhss', OldCertId: 'zYrIXwpu' }],
      TotalCount: 1,
      RequestId: 'd9aa752b-dbd8-49c9-958f-75c051eddfe2'
    })
    const detail = await api.describeHostUpdateRecordDetail({ DeployRecordId: '193752', Limit: '200', Offset: '0' })
    expect(detail).toMatchObject({
      TotalCount: 27,
      SuccessTotalCount: 27,
      FailedTotalCount: 0,
      RunningTotalCount: 0,
      PendingTotalCount: 0
    })
    expect(detail.Resources.map((r) => `${r.ResourceType} ${r.Region} ${r.InstanceId} ${r.Status}`)).toEqual([
      'cdn   1',
      'clb ap-guangzhou lb-o47f78kg 1',
      'tke ap-guangzhou cls-j8cfpj7c 1',
      'vod   1',
      'apigateway ap-shanghai service-8sk7cqmd 1',
      'live   1'
    ])
    expect(detail.Resources[1]).toMatchObject({
      Id: 193763,
      CertId: 'B7OXLIdj',
      InstanceName: 'CLB测试',
      ListenerId: 'lbl-mua8dxt8',
      Domains: ['clb.tencent.com'],
      ErrorMsg: ''
    })
    api.close()
  })

  test('AssumeRoleWithWebIdentity', async () => {
    const api = createStsApi({ ...connection(), region: 'ap-guangzhou' })
    emulator.injectFault({ action: 'AssumeRoleWithWebIdentity', fault: { type: 'example' } })
    const request = {
      ProviderId: 'p',
      WebIdentityToken: 't',
      RoleArn: 'qcs::cam::uin/1:roleName/r',
      RoleSessionName: 'sn',
      DurationSeconds: 900
    }
    expect(await api.assumeRoleWithWebIdentity(request)).toEqual({
      TmpSecretId: 'AKID***',
      TmpSecretKey: 'q95K***',
      Token: '1siMD***',
      ExpiredTime: 1543914376,
      RequestId: 'f6e7cbcb-add1-47bd-9097-d08cf8f3a919'
    })
    api.close()
  })
})

describe('validation records as the API describes them', () => {
  const read = async (overrides: Parameters<TencentCloudEmulator['addCertificate']>[0], verifyType: string) => {
    emulator.addCertificate(overrides)
    await sdk().CommitCertificateInformation({ CertificateId: overrides.CertificateId, VerifyType: verifyType })
    const api = sslApiFor(emulator.port, KEY)
    const detail = await api.describeCertificateDetail({ CertificateId: overrides.CertificateId })
    api.close()
    return detail.DvAuths
  }

  test('a single-domain TXT validation, given in the top-level fields with DvAuths null', async () => {
    expect(await read({ CertificateId: 'one', Domain: 'www.example.com' }, 'DNS')).toEqual([
      {
        DvAuthKey: '_dnsauth.example.com',
        DvAuthValue: expect.stringMatching(/^[0-9a-f]{32}$/),
        DvAuthDomain: 'example.com',
        DvAuthSubDomain: '_dnsauth',
        DvAuthPath: '',
        DvAuthVerifyType: 'TXT'
      }
    ])
  })

  test('a single-domain CNAME validation: the type is told by the value, a host name', async () => {
    const [record] = await read({ CertificateId: 'cn', Domain: 'api.example.com', dnsRecordType: 'CNAME' }, 'DNS')
    expect(record).toMatchObject({
      DvAuthVerifyType: 'CNAME',
      DvAuthDomain: 'api.example.com',
      DvAuthValue: expect.stringMatching(/\.sandbox-validation\.example$/)
    })
    expect(record.DvAuthKey).toBe(`${record.DvAuthSubDomain}.api.example.com`)
  })

  test('several domains come in DvAuths, each with its zone and host record', async () => {
    const records = await read(
      { CertificateId: 'multi', Domain: 'example.com', altNames: ['example.com', 'shop.example.org'] },
      'DNS'
    )
    expect(records.map((r) => [r.DvAuthDomain, r.DvAuthSubDomain, r.DvAuthVerifyType])).toEqual([
      ['example.com', '_dnsauth', 'TXT'],
      ['shop.example.org', '_dnsauth', 'TXT']
    ])
  })

  test('a FILE validation: the file is DvAuthKey in the folder DvAuthPath on the site', async () => {
    expect(await read({ CertificateId: 'file', Domain: 'shop.example.com' }, 'FILE')).toEqual([
      expect.objectContaining({
        DvAuthVerifyType: 'FILE',
        DvAuthDomain: 'shop.example.com',
        DvAuthPath: '/.well-known/pki-validation/',
        DvAuthKey: expect.stringMatching(/^[0-9a-f]{16}\.txt$/)
      })
    ])
  })
})

/** Where an answer's shape differs from the example's: missing or extra fields, or another JSON type. */
function shapeDifferences(answer: unknown, example: unknown, fields: readonly Field[], path = ''): string[] {
  const kind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value)
  if (kind(example) !== 'object' || kind(answer) !== 'object') return []
  const a = answer as Record<string, unknown>
  const e = example as Record<string, unknown>
  const differences: string[] = []
  for (const name of new Set([...Object.keys(a), ...Object.keys(e)])) {
    const where = `${path}${name}`
    if (!(name in a)) differences.push(`${where}: missing`)
    // A field the spec documents may be there although the example lacks it (PendingTotalCount, say).
    else if (!(name in e)) {
      if (!fields.some((f) => f.name === name)) differences.push(`${where}: not in the example`)
    } else {
      const field = fields.find((f) => f.name === name)
      const [got, expected] = [kind(a[name]), kind(e[name])]
      // null stands for any type only where the spec says the field may be null, or the example shows it null.
      const nullAllowed = field?.nullable === true || expected === 'null'
      if (got !== expected && !(nullAllowed && (got === 'null' || expected === 'null')))
        differences.push(`${where}: ${got}, the example has ${expected}`)
      const item = (value: unknown): unknown => (Array.isArray(value) ? (value as unknown[])[0] : value)
      differences.push(...shapeDifferences(item(a[name]), item(e[name]), field?.children ?? [], `${where}.`))
    }
  }
  return differences
}

describe("every emulator answer has the example answer's fields, with their JSON types", () => {
  const compare = (action: string, answer: unknown) => {
    const spec = actionSpec(action)
    expect(shapeDifferences(answer, spec.examples[0].answer.Response, spec.response)).toEqual([])
  }

  test('the submit APIs', async () => {
    emulator.addCertificate({ CertificateId: 'a' }).addCertificate({ CertificateId: 'b' })
    compare(
      'CommitCertificateInformation',
      await sdk().CommitCertificateInformation({ CertificateId: 'a', VerifyType: 'DNS' })
    )
    compare('CertificateOrderSubmit', await sdk().CertificateOrderSubmit({ CertId: 'b', DeleteDnsAutoRecord: 1 }))
  })

  test('DescribeCertificateDetail: pending, submitted with one domain and with several, and issued', async () => {
    emulator.addCertificate({ CertificateId: 'p' })
    emulator.addCertificate({ CertificateId: 'one', settleAfterReads: 2 })
    emulator.addCertificate({
      CertificateId: 'many',
      altNames: ['a.example.com', 'b.example.com'],
      dnsRecordType: 'CNAME'
    })
    compare('DescribeCertificateDetail', await sdk().DescribeCertificateDetail({ CertificateId: 'p' }))
    await sdk().CommitCertificateInformation({ CertificateId: 'one', VerifyType: 'DNS' })
    await sdk().CommitCertificateInformation({ CertificateId: 'many', VerifyType: 'DNS' })
    compare('DescribeCertificateDetail', await sdk().DescribeCertificateDetail({ CertificateId: 'one' }))
    compare('DescribeCertificateDetail', await sdk().DescribeCertificateDetail({ CertificateId: 'many' }))
    const issued = await sdk().DescribeCertificateDetail({ CertificateId: 'one' })
    expect(issued).toMatchObject({ Status: 1, StatusName: '已通过' })
    compare('DescribeCertificateDetail', issued)
  })

  test('CertificateInfoSubmit, DescribeCompanies and DescribeManagers over the SDK, and the SubmittedData they leave', async () => {
    emulator
      .addCertificate({ CertificateId: 'c1', informationPending: true })
      .addCompany({ CompanyId: 11772, CompanyName: 'Example', managers: [{ ManagerId: 12895, Status: 'ok' }] })
    compare('DescribeCertificateDetail', await sdk().DescribeCertificateDetail({ CertificateId: 'c1' }))
    compare('CertificateInfoSubmit', await sdk().CertificateInfoSubmit(INFORMATION))
    compare('DescribeCompanies', await sdk().DescribeCompanies({}))
    compare('DescribeManagers', await sdk().DescribeManagers({ CompanyId: 11772 }))
    const detail = await sdk().DescribeCertificateDetail({ CertificateId: 'c1' })
    expect(detail.SubmittedData).toMatchObject({
      CertificateDomain: 'shop.example.com',
      CsrType: 'online',
      ContactEmail: 'ssl@example.com'
    })
    compare('DescribeCertificateDetail', detail)
  })

  test('the bind-resource task over the SDK: running for a poll, then done, with the bindings the switch uses', async () => {
    emulator.addCertificate({ CertificateId: 'b1', Status: 1 })
    emulator.bindResource({
      certificateId: 'b1',
      type: 'clb',
      region: 'ap-guangzhou',
      instanceId: 'lb-1',
      listenerId: 'lbl-1'
    })
    emulator.bindResource({ certificateId: 'b1', type: 'cdn', domains: ['cdn.example.com'] })
    const created = await sdk().CreateCertificateBindResourceSyncTask({ CertificateIds: ['b1'], IsCache: 0 })
    compare('CreateCertificateBindResourceSyncTask', created)
    const TaskIds = [created.CertTaskIds![0].TaskId!]
    const first = await sdk().DescribeCertificateBindResourceTaskResult({ TaskIds })
    compare('DescribeCertificateBindResourceTaskResult', first)
    expect(first.SyncTaskBindResourceResult?.[0].Status).toBe(0)
    expect(
      (await sdk().DescribeCertificateBindResourceTaskResult({ TaskIds })).SyncTaskBindResourceResult?.[0].Status
    ).toBe(1)
    const detail = await sdk().DescribeCertificateBindResourceTaskDetail({
      TaskId: TaskIds[0],
      Limit: '100',
      Offset: '0'
    })
    compare('DescribeCertificateBindResourceTaskDetail', detail)
    expect(detail.CLB?.[0].InstanceList?.[0].LoadBalancerId).toBe('lb-1')
    expect(detail.CDN?.[0].InstanceList?.[0].Domain).toBe('cdn.example.com')
  })

  test('renewal links in every documented field, and the notices switch, over the SDK', async () => {
    emulator
      .addCertificate({ CertificateId: 'new1', informationPending: true })
      .addCertificate({ CertificateId: 'old1', Status: 1, renewedBy: { id: 'new1', field: 'HostingRenewCertId' } })
      .addCertificate({
        CertificateId: 'old2',
        Status: 1,
        renewedBy: { id: 'new1', field: 'ServiceRenewCertificateId' }
      })
    const listed = await sdk().DescribeCertificates({ CertIds: ['old1', 'old2', 'new1'] })
    compare('DescribeCertificates', listed)
    expect(
      listed.Certificates?.map((c) => [
        c.CertificateId,
        c.HostingRenewCertId,
        c.CertificateExtra?.ServiceRenewCertificateId
      ])
    ).toEqual([
      ['new1', '', ''],
      ['old1', 'new1', ''],
      ['old2', '', 'new1']
    ])
    compare('DescribeCertificateDetail', await sdk().DescribeCertificateDetail({ CertificateId: 'old2' }))
    compare(
      'ModifyCertificatesExpiringNotificationSwitch',
      await sdk().ModifyCertificatesExpiringNotificationSwitch({ CertificateIds: ['old1'], SwitchStatus: 1 })
    )
    expect(emulator.certificate('old1').expiryNotices).toBe(false)
  })

  test('CheckCertificateDomainVerification and CompleteCertificate over the SDK, with DVAuthDeadline in the list', async () => {
    emulator.addCertificate({
      CertificateId: 'v',
      altNames: ['a.example.com', 'b.example.com'],
      validation: { records: { 'b.example.com': 'wrong' } },
      validationDeadline: new Date('2026-12-09T12:00:00Z')
    })
    await sdk().CommitCertificateInformation({ CertificateId: 'v', VerifyType: 'DNS' })
    const checked = await sdk().CheckCertificateDomainVerification({ CertificateId: 'v' })
    compare('CheckCertificateDomainVerification', checked)
    expect(checked.VerificationResults?.map((r) => [r.Domain, r.LocalCheck, r.CheckValue])).toEqual([
      ['a.example.com', 1, [emulator.certificate('v').DvAuths[0].DvAuthValue]],
      ['b.example.com', -2, ['not-the-value-asked-for']]
    ])
    compare('CompleteCertificate', await sdk().CompleteCertificate({ CertificateId: 'v' }))
    const listed = await sdk().DescribeCertificates({ CertIds: ['v'] })
    expect(listed.Certificates?.[0].DVAuthDeadline).toBe('2026-12-09 20:00:00')
  })

  test('DescribeCertificateDetail of SM2 and own-CSR certificates, and DownloadCertificate', async () => {
    emulator
      .addCertificate({ CertificateId: 'sm2', Status: 1, sm2: true })
      .addCertificate({ CertificateId: 'own', Status: 1, keyHeld: false })
    compare('DescribeCertificateDetail', await sdk().DescribeCertificateDetail({ CertificateId: 'sm2' }))
    compare('DescribeCertificateDetail', await sdk().DescribeCertificateDetail({ CertificateId: 'own' }))
    compare('DownloadCertificate', await sdk().DownloadCertificate({ CertificateId: 'own' }))
  })

  test('UpdateCertificateInstance while gathering and once created, and the switch records and their detail', async () => {
    emulator.addCertificate({ CertificateId: 'old', Status: 1 }).addCertificate({ CertificateId: 'new', Status: 1 })
    emulator.bindResource({
      certificateId: 'old',
      type: 'clb',
      region: 'ap-guangzhou',
      instanceId: 'lb-1',
      listenerId: 'lbl-1',
      domains: ['a.example.com']
    })
    const request = {
      OldCertificateId: 'old',
      CertificateId: 'new',
      ResourceTypes: ['clb'],
      ResourceTypesRegions: [{ ResourceType: 'clb', Regions: ['ap-guangzhou'] }]
    }
    const gathering = await sdk().UpdateCertificateInstance(request)
    expect(gathering.DeployRecordId).toBe(0)
    compare('UpdateCertificateInstance', gathering)
    const created = await sdk().UpdateCertificateInstance(request)
    expect(created.DeployRecordId).toBeGreaterThan(0)
    compare('UpdateCertificateInstance', created)
    compare(
      'DescribeHostUpdateRecord',
      await sdk().DescribeHostUpdateRecord({ OldCertificateId: 'old', CertificateId: 'new' })
    )
    const detail = await sdk().DescribeHostUpdateRecordDetail({
      DeployRecordId: String(created.DeployRecordId),
      Limit: '200',
      Offset: '0'
    })
    expect(detail.RecordDetailList![0].List![0]).toMatchObject({
      InstanceId: 'lb-1',
      ListenerId: 'lbl-1',
      Region: 'ap-guangzhou'
    })
    compare('DescribeHostUpdateRecordDetail', detail)
  })

  test('AssumeRoleWithWebIdentity, with Expiration written as STS writes it', async () => {
    seedKeyless(emulator, { providerId: 'github', roleArn: 'qcs::cam::uin/100000000001:roleName/r' })
    const answer = (await sts().request(
      'AssumeRoleWithWebIdentity',
      // DurationSeconds as digits in a string, as STS's own example sends it.
      {
        ProviderId: 'github',
        WebIdentityToken: emulator.identity.issueToken('sts.tencentcloudapi.com'),
        RoleArn: 'qcs::cam::uin/100000000001:roleName/r',
        RoleSessionName: 'sn',
        DurationSeconds: '1800'
      },
      { skipSign: true }
    )) as Record<string, unknown>
    compare('AssumeRoleWithWebIdentity', answer)
    expect(answer.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
  })
})

describe("the emulator's gateway is as strict as the real one", () => {
  beforeEach(() => emulator.addCertificate({ CertificateId: 'c1' }))

  test.each([
    ['an undefined parameter', { CertificateId: 'c1', Verify: 'DNS' }, 'UnknownParameter', /Verify/],
    ['a missing required one', { VerifyType: 'DNS' }, 'MissingParameter', /CertificateId/],
    ['a wrong type', { CertificateId: 42 }, 'InvalidParameter', /CertificateId/]
  ])('%s', async (_, params, code, message) => {
    const failure = await failureOf(sdk().request('CommitCertificateInformation', params, {}))
    expect(failure).toMatchObject({ code, message: expect.stringMatching(message) })
    expect(emulator.certificate('c1').submissions).toBe(0)
  })

  test('whole numbers as digit strings are accepted, as the examples send them; other strings are not', async () => {
    expect(await sdk().request('CertificateOrderSubmit', { CertId: 'c1', DeleteDnsAutoRecord: '1' }, {})).toMatchObject(
      { IsAudited: false }
    )
    expect(emulator.certificate('c1').DeleteDnsAutoRecord).toBe(true)
    expect(
      await failureOf(sdk().request('CertificateOrderSubmit', { CertId: 'c1', DeleteDnsAutoRecord: 'yes' }, {}))
    ).toMatchObject({
      code: 'InvalidParameter'
    })
  })

  test('any region is accepted for SSL; an unknown action is InvalidAction', async () => {
    const regional = new Client({ credential: KEY, region: 'eu-frankfurt', profile: profile() })
    await expect(regional.DescribeCertificateDetail({ CertificateId: 'c1' })).resolves.toMatchObject({
      CertificateId: 'c1'
    })
    expect(await failureOf(sdk().request('DescribeNothing', {}, {}))).toMatchObject({ code: 'InvalidAction' })
  })

  test('STS allows 20 requests per second, the SSL API 10', async () => {
    const strict = await TencentCloudEmulator.start()
    try {
      const stsClient = new StsClient({
        credential: {},
        region: 'ap-guangzhou',
        profile: { httpProfile: { endpoint: `127.0.0.1:${strict.port}`, protocol: 'http://' } }
      })
      const request = {
        ProviderId: 'p',
        WebIdentityToken: 't',
        RoleArn: 'qcs::cam::uin/1:roleName/r',
        RoleSessionName: 'sn'
      }
      const burst = await Promise.all(
        Array.from({ length: 24 }, () =>
          failureOf(stsClient.request('AssumeRoleWithWebIdentity', request, { skipSign: true }))
        )
      )
      const limited = burst.filter((f) => f.code === 'RequestLimitExceeded').length
      expect(limited).toBeGreaterThanOrEqual(4)
      expect(24 - limited).toBeLessThanOrEqual(20)
      expect(24 - limited).toBeGreaterThan(10)
    } finally {
      await strict.close()
    }
  })
})

describe('fault injection covers every documented code of every action the emulator serves', () => {
  const cases = SERVED.flatMap((action) => actionSpec(action).errorCodes.map((code) => [action, code] as const))

  test('the spec documents codes for each of them', () => {
    for (const action of SERVED) expect(apiSpec().get(action)?.errorCodes.length).toBeGreaterThan(0)
  })

  test.each(cases)('%s: %s', async (action, code) => {
    emulator.addCertificate({ CertificateId: 'c1' })
    emulator.injectFault({ action, fault: { type: 'error', code } })
    const params: Record<string, Record<string, unknown>> = {
      CommitCertificateInformation: { CertificateId: 'c1' },
      CertificateOrderSubmit: { CertId: 'c1' },
      DescribeCertificateDetail: { CertificateId: 'c1' },
      DescribeCertificates: { CertIds: ['c1'] },
      DownloadCertificate: { CertificateId: 'c1' },
      UpdateCertificateInstance: { OldCertificateId: 'c1', CertificateId: 'c1', ResourceTypes: ['cdn'] },
      DescribeHostUpdateRecord: { OldCertificateId: 'c1' },
      DescribeHostUpdateRecordDetail: { DeployRecordId: '1' },
      CertificateInfoSubmit: INFORMATION,
      DescribeCompanies: {},
      DescribeManagers: { CompanyId: 1 },
      CheckCertificateDomainVerification: { CertificateId: 'c1' },
      CompleteCertificate: { CertificateId: 'c1' },
      ModifyCertificatesExpiringNotificationSwitch: { CertificateIds: ['c1'], SwitchStatus: 1 },
      CreateCertificateBindResourceSyncTask: { CertificateIds: ['c1'], IsCache: 0 },
      DescribeCertificateBindResourceTaskResult: { TaskIds: ['1'] },
      DescribeCertificateBindResourceTaskDetail: { TaskId: '1' },
      AssumeRoleWithWebIdentity: {
        ProviderId: 'p',
        WebIdentityToken: 't',
        RoleArn: 'qcs::cam::uin/1:roleName/r',
        RoleSessionName: 'sn'
      }
    }
    const client = action === 'AssumeRoleWithWebIdentity' ? sts() : sdk()
    const failure = await failureOf(
      client.request(action, params[action], action === 'AssumeRoleWithWebIdentity' ? { skipSign: true } : {})
    )
    expect(failure).toMatchObject({ code, message: DOCUMENTED_MESSAGES[code] })
    expect(emulator.certificate('c1').submissions).toBe(0)
  })
})
