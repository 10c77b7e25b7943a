// End to end over TLS, as the real endpoint is reached: the built action against the emulator's https mode, whose
// throwaway CA is trusted with NODE_EXTRA_CA_CERTS as a user behind a TLS-inspecting proxy trusts theirs; directly,
// through CONNECT proxies (plain and https://, with and without credentials), past NO_PROXY, and keylessly.
import { sandboxTlsIdentity } from '../../sandbox/tls.js'
import { ConnectProxy } from '../helpers/connect-proxy.js'
import { errorLines, seedKeyless, SUBMIT, useEmulator } from '../helpers/e2e-helpers.js'

const sandbox = useEmulator('tls', { tls: true })
const { certificate, run, callsFor } = sandbox
const trusted = () => ({ NODE_EXTRA_CA_CERTS: sandboxTlsIdentity().caFile })
const PASSWORD = 'pr0xy-Pa55word'

let proxy: ConnectProxy
let authenticating: ConnectProxy
let secureProxy: ConnectProxy
beforeAll(async () => {
  ;[proxy, authenticating, secureProxy] = await Promise.all([
    ConnectProxy.start(),
    ConnectProxy.start({ credentials: { user: 'deploy', password: PASSWORD } }),
    ConnectProxy.start({ secure: true })
  ])
})
afterAll(() => Promise.all([proxy.close(), authenticating.close(), secureProxy.close()]))
beforeEach(() => [proxy, authenticating, secureProxy].forEach((p) => p.reset()))

const target = () => `127.0.0.1:${sandbox.emulator.port}`

test('the emulator serves https, and the action submits over it directly', async () => {
  expect(sandbox.emulator.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
  const id = certificate()
  const result = await run({ 'certificate-id': id, 'verify-type': 'DNS' }, trusted())
  expect(result.exitCode).toBe(0)
  expect(result.outputs.Status).toBe('0')
  expect(sandbox.emulator.certificate(id).submissions).toBe(1)
})

test('through an HTTP CONNECT proxy (HTTPS_PROXY): the tunnel carries TLS to the endpoint', async () => {
  const id = certificate()
  const result = await run({ 'certificate-id': id, 'verify-type': 'DNS' }, { ...trusted(), HTTPS_PROXY: proxy.url() })
  expect(errorLines(result)).toEqual([])
  expect(result.exitCode).toBe(0)
  expect(new Set(proxy.tunnels)).toEqual(new Set([target()]))
  expect(result.log).toContain(`through the proxy ${proxy.url()}`)
  expect(callsFor(id, SUBMIT)).toEqual([expect.objectContaining({ outcome: 'ok' })])
})

test('through a proxy that wants credentials: they are sent, and the password never printed', async () => {
  const id = certificate()
  const result = await run(
    { 'certificate-id': id },
    { ...trusted(), https_proxy: authenticating.url(`deploy:${encodeURIComponent(PASSWORD)}`), RUNNER_DEBUG: '1' }
  )
  expect(result.exitCode).toBe(0)
  expect(authenticating.tunnels.length).toBeGreaterThanOrEqual(1)
  expect(new Set(authenticating.authorizations)).toEqual(
    new Set([`Basic ${Buffer.from(`deploy:${PASSWORD}`).toString('base64')}`])
  )
  expect(result.log).toContain(`::add-mask::${PASSWORD}`)
  expect(result.log.replace(/^::add-mask::.*$/gm, '')).not.toContain(PASSWORD)
})

test('a proxy that refuses the credentials: its 407 is said, not a lost connection', async () => {
  const result = await run(
    { 'certificate-id': certificate(), 'max-attempts': '1' },
    { ...trusted(), HTTPS_PROXY: authenticating.url('deploy:wrong') }
  )
  expect(result.exitCode).toBe(1)
  expect(result.outputs.ErrorCode).toBe('ActionError.ConnectionFailed')
  expect(errorLines(result)[0]).toContain('the proxy refused the tunnel with HTTP 407')
})

test('through an https:// proxy: TLS to the proxy, and TLS to the endpoint inside it', async () => {
  const id = certificate()
  const result = await run({ 'certificate-id': id }, { ...trusted(), HTTPS_PROXY: secureProxy.url() })
  expect(errorLines(result)).toEqual([])
  expect(result.exitCode).toBe(0)
  expect(new Set(secureProxy.tunnels)).toEqual(new Set([target()]))
  expect(sandbox.emulator.certificate(id).submissions).toBe(1)
})

test('NO_PROXY exempts the endpoint: no tunnel, straight to it', async () => {
  const id = certificate()
  const result = await run({ 'certificate-id': id }, { ...trusted(), HTTPS_PROXY: proxy.url(), NO_PROXY: '127.0.0.1' })
  expect(result.exitCode).toBe(0)
  expect(proxy.tunnels).toEqual([])
  expect(result.log).not.toContain('through the proxy')
  expect(sandbox.emulator.certificate(id).submissions).toBe(1)
})

test('keyless sign-in over TLS through the proxy: the token, STS and the SSL calls all tunnelled', async () => {
  const roleArn = 'qcs::cam::uin/100000000001:roleName/tls-deploy'
  seedKeyless(sandbox.emulator, { providerId: 'github-tls', roleArn })
  const id = certificate()
  const inputs = {
    'certificate-id': id,
    'secret-id': '',
    'secret-key': '',
    'role-arn': roleArn,
    'oidc-provider-id': 'github-tls',
    'sts-endpoint': sandbox.emulator.endpoint
  }
  const env = {
    ...trusted(),
    ...sandbox.emulator.oidcEnvironment,
    GITHUB_REPOSITORY: 'octo-org/app',
    GITHUB_RUN_ID: '9',
    HTTPS_PROXY: proxy.url()
  }
  const result = await run(inputs, env)
  expect(errorLines(result)).toEqual([])
  expect(result.exitCode).toBe(0)
  const session = sandbox.emulator.identity.sessions.slice(-1)[0]
  expect(callsFor(id, SUBMIT)).toEqual([expect.objectContaining({ outcome: 'ok', secretId: session.secretId })])
  expect(proxy.tunnels.length).toBeGreaterThanOrEqual(2)
  expect(new Set(proxy.tunnels)).toEqual(new Set([target()]))
})

describe('a certificate the runner does not trust', () => {
  test.each([
    ['directly', () => ({})],
    ['through the proxy', () => ({ HTTPS_PROXY: proxy.url() })]
  ])('%s: ActionError.TlsFailed, never retried as a lost answer, nothing sent', async (_, env) => {
    const id = certificate()
    const result = await run({ 'certificate-id': id, 'max-attempts': '4' }, env())
    expect(result.exitCode).toBe(1)
    expect(result.outputs.ErrorCode).toBe('ActionError.TlsFailed')
    expect(result.log).not.toContain('retrying')
    expect(result.log).not.toContain('reading the certificate back')
    expect(errorLines(result)[0]).toContain('NODE_EXTRA_CA_CERTS')
    expect(sandbox.emulator.requests.filter((r) => r.params.CertificateId === id)).toEqual([])
  })
})

test("every call of a bought certificate's life over https through the proxy: information, validation, renewal, preview", async () => {
  sandbox.emulator.addCompany({
    CompanyId: 11772,
    CompanyName: 'Example Shop Ltd',
    managers: [{ ManagerId: 12895, Status: 'ok' }]
  })
  const renewal = certificate({ informationPending: true, validation: { records: 'placed' } })
  const old = certificate({
    Status: 1,
    Domain: 'shop.example.com',
    expiresAt: new Date(Date.now() + 20 * 24 * 3600_000),
    renewedBy: { id: renewal }
  })
  sandbox.emulator.bindResource({ certificateId: old, type: 'cdn', domains: ['cdn.shop.example.com'] })
  const env = { ...trusted(), HTTPS_PROXY: proxy.url() }
  const line = {
    'renew-certificate-id': old,
    domain: 'shop.example.com',
    'company-id': '11772',
    'manager-id': '12895',
    'verify-type': 'DNS',
    'resource-types': 'cdn',
    'disable-old-expiry-notices': 'true',
    'wait-interval': '0.2'
  }
  const preview = await run({ ...line, 'dry-run': 'true' }, env)
  expect([preview.exitCode, errorLines(preview)]).toEqual([0, []])
  const renewed = await run({ ...line, 'wait-for-issuance': 'true' }, env)
  expect([renewed.exitCode, errorLines(renewed)]).toEqual([0, []])

  const answered = new Set(sandbox.emulator.requests.filter((r) => r.outcome === 'ok').map((r) => r.action))
  for (const action of [
    'CertificateInfoSubmit',
    'DescribeCompanies',
    'DescribeManagers',
    'CheckCertificateDomainVerification',
    'CompleteCertificate',
    'ModifyCertificatesExpiringNotificationSwitch',
    'CreateCertificateBindResourceSyncTask',
    'DescribeCertificateBindResourceTaskResult',
    'DescribeCertificateBindResourceTaskDetail'
  ])
    expect([action, answered.has(action)]).toEqual([action, true])
  // Every request went through the tunnel, to the endpoint alone.
  expect(new Set(proxy.tunnels)).toEqual(new Set([target()]))
  expect(sandbox.emulator.certificate(renewal)).toMatchObject({ Status: 1, informationSubmissions: 1, submissions: 1 })
  expect(sandbox.emulator.certificate(old).expiryNotices).toBe(false)
})

test('a renewal found from its own side (DescribeCertificates with SearchKey) over https through the proxy', async () => {
  const old = certificate({
    Status: 1,
    Domain: 'side.example.com',
    expiresAt: new Date(Date.now() + 5 * 24 * 3600_000)
  })
  const renewal = certificate({ Status: 1, Domain: 'side.example.com', renews: { id: old } })
  const before = proxy.tunnels.length
  const result = await run({ 'renew-certificate-id': old }, { ...trusted(), HTTPS_PROXY: proxy.url() })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(result.outputs.CertificateId).toBe(renewal)
  const searched = sandbox.emulator.requests.filter(
    (r) => r.action === 'DescribeCertificates' && r.params.SearchKey === 'side.example.com' && r.outcome === 'ok'
  )
  expect(searched.length).toBeGreaterThan(0)
  expect(proxy.tunnels.length).toBeGreaterThan(before)
  expect(new Set(proxy.tunnels)).toEqual(new Set([target()]))
})
