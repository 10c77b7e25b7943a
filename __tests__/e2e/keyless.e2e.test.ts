// End to end: keyless sign-in (the job's GitHub OIDC token exchanged at STS for a temporary key) and corporate
// proxies, through a real CONNECT proxy this test starts (over TLS: tls.e2e.test.ts).
import { ConnectProxy } from '../helpers/connect-proxy.js'
import { errorLines, KEY, READ, SUBMIT, useEmulator, seedKeyless } from '../helpers/e2e-helpers.js'

const sandbox = useEmulator('oidc')
const { certificate, run, callsFor } = sandbox
const ROLE_ARN = 'qcs::cam::uin/100000000001:roleName/github-deploy'
const GITHUB = { GITHUB_REPOSITORY: 'octo-org/app', GITHUB_RUN_ID: '777' }

beforeAll(() => {
  seedKeyless(sandbox.emulator, {
    providerId: 'github',
    roleArn: ROLE_ARN,
    allowedSubjects: ['repo:octo-org/app:ref:refs/heads/main']
  })
})

/** The inputs of a keyless step: a role instead of a key pair, with STS on the sandbox. */
const keyless = (id: string) => ({
  'certificate-id': id,
  'verify-type': 'DNS_AUTO',
  'secret-id': '',
  'secret-key': '',
  'role-arn': ROLE_ARN,
  'oidc-provider-id': 'github',
  'sts-endpoint': sandbox.emulator.endpoint
})
const jobEnv = () => ({ ...sandbox.emulator.oidcEnvironment, ...GITHUB })

describe('keyless sign-in', () => {
  test('the OIDC token is exchanged at STS, and the SSL calls are signed with the temporary key', async () => {
    const id = certificate()
    const result = await run(keyless(id), jobEnv())

    expect(result.exitCode).toBe(0)
    const [session] = sandbox.emulator.identity.sessions.slice(-1)
    expect(session).toMatchObject({
      roleArn: ROLE_ARN,
      sessionName: 'octo-org@app-777',
      durationSeconds: 3600,
      subject: 'repo:octo-org/app:ref:refs/heads/main'
    })
    const exchange = sandbox.emulator.requests.filter((r) => r.action === 'AssumeRoleWithWebIdentity').slice(-1)[0]
    expect(exchange).toMatchObject({
      outcome: 'ok',
      secretId: '',
      region: 'ap-guangzhou',
      params: expect.objectContaining({ ProviderId: 'github', RoleArn: ROLE_ARN, DurationSeconds: 3600 })
    })
    expect(callsFor(id, SUBMIT)).toEqual([expect.objectContaining({ outcome: 'ok', secretId: session.secretId })])
    expect(sandbox.emulator.certificate(id).submissions).toBe(1)
    expect(result.log).toContain(`Signed in with role ${ROLE_ARN} as session octo-org@app-777`)
  })

  test('with debug logging on, neither the OIDC token nor the temporary key appears anywhere', async () => {
    const tokensBefore = sandbox.emulator.identity.issuedTokens.length
    const result = await run({ ...keyless(certificate()), 'verify-type': 'DNS' }, { ...jobEnv(), RUNNER_DEBUG: '1' })
    expect(result.exitCode).toBe(0)
    const [idToken] = sandbox.emulator.identity.issuedTokens.slice(tokensBefore)
    const session = sandbox.emulator.identity.sessions.slice(-1)[0]
    const secrets = [idToken, session.secretId, session.secretKey, session.token]
    const lines = result.log.split('\n')
    const masks = lines.filter((line) => line.startsWith('::add-mask::'))
    for (const secret of secrets) expect(masks).toContain(`::add-mask::${secret}`)
    const shown = [
      lines.filter((line) => !line.startsWith('::add-mask::')).join('\n'),
      result.summary,
      JSON.stringify(result.outputs)
    ].join('\n')
    expect(shown).toContain('::debug::')
    for (const secret of secrets) expect(shown).not.toContain(secret)
  })

  test("a token the role's trust policy rejects: the sign-in failure is stated once, with STS's code, and nothing is submitted", async () => {
    const id = certificate()
    sandbox.emulator.identity.job = { ...sandbox.emulator.identity.job, ref: 'refs/heads/untrusted' }
    try {
      const result = await run(keyless(id), jobEnv())
      expect(result.exitCode).toBe(1)
      expect(result.outputs.ErrorCode).toBe('InvalidParameter.WebIdentityTokenError')
      const [error] = errorLines(result)
      expect(errorLines(result)).toHaveLength(1)
      expect(error).toContain(
        `Signing in with role ${ROLE_ARN} failed, so nothing was submitted: InvalidParameter.WebIdentityTokenError:`
      )
      expect(JSON.parse(result.outputs.Results)).toEqual([
        expect.objectContaining({ CertificateId: id, ErrorCode: 'InvalidParameter.WebIdentityTokenError' })
      ])
      expect(error).toContain('does not allow sub repo:octo-org/app:ref:refs/heads/untrusted')
      expect(error).toMatch(/What to do: STS rejected the GitHub OIDC token: .*trust policy/)
      expect(callsFor(id, SUBMIT)).toEqual([])
      expect(callsFor(id, READ)).toEqual([])
    } finally {
      sandbox.emulator.identity.job = { ...sandbox.emulator.identity.job, ref: 'refs/heads/main' }
    }
  })

  test('without the id-token permission the step fails first, saying to add it, and sends nothing', async () => {
    const requests = sandbox.emulator.requests.length
    const tokens = sandbox.emulator.identity.issuedTokens.length
    const result = await run(keyless(certificate()), GITHUB)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.ErrorCode).toBe('ActionError.InvalidInput')
    expect(errorLines(result)[0]).toContain('add "permissions: id-token: write"')
    expect(sandbox.emulator.requests.length).toBe(requests)
    expect(sandbox.emulator.identity.issuedTokens.length).toBe(tokens)
  })

  test('a key pair together with role-arn is refused, naming what to drop', async () => {
    const result = await run(
      { ...keyless(certificate()), 'secret-id': KEY.secretId, 'secret-key': KEY.secretKey },
      jobEnv()
    )
    expect(result.exitCode).toBe(1)
    expect(errorLines(result)[0]).toContain(
      'Drop secret-id and secret-key to sign in keylessly with the role, or drop role-arn to use the key pair.'
    )
  })
})

describe('proxies', () => {
  let proxy: ConnectProxy
  let proxyUrl = ''
  beforeAll(async () => {
    proxy = await ConnectProxy.start()
    proxyUrl = proxy.url()
  })
  afterAll(() => proxy.close())
  beforeEach(() => proxy.reset())
  const tunnels = () => proxy.tunnels

  const target = () => `127.0.0.1:${sandbox.emulator.port}`

  test.each(['HTTP_PROXY', 'http_proxy'])('%s carries a loopback sandbox through the proxy', async (variable) => {
    const id = certificate()
    const result = await run({ 'certificate-id': id, 'verify-type': 'DNS' }, { [variable]: proxyUrl })
    expect(result.exitCode).toBe(0)
    expect(tunnels().length).toBeGreaterThanOrEqual(1)
    expect(new Set(tunnels())).toEqual(new Set([target()]))
    expect(result.log).toContain(`through the proxy ${proxyUrl}`)
    expect(sandbox.emulator.certificate(id).submissions).toBe(1)
  })

  test("a proxy's credentials are sent percent-decoded as Basic authorisation, and never printed", async () => {
    const withCredentials = proxyUrl.replace('http://', 'http://deploy:p%40ss%2Fword@')
    const result = await run({ 'certificate-id': certificate() }, { HTTP_PROXY: withCredentials })
    expect(result.exitCode).toBe(0)
    expect(new Set(proxy.authorizations)).toEqual(
      new Set([`Basic ${Buffer.from('deploy:p@ss/word').toString('base64')}`])
    )
    expect(result.log.replace(/^::add-mask::.*$/gm, '')).not.toMatch(/p%40ss|p@ss/)
  })

  test('NO_PROXY wins even over the lower-case http_proxy the SDK would read by itself', async () => {
    const result = await run(
      { 'certificate-id': certificate() },
      { http_proxy: proxyUrl, NO_PROXY: 'localhost,127.0.0.1' }
    )
    expect(result.exitCode).toBe(0)
    expect(tunnels()).toEqual([])
    expect(result.log).not.toContain('through the proxy')
  })

  test('HTTPS_PROXY is for https endpoints only', async () => {
    const result = await run({ 'certificate-id': certificate() }, { HTTPS_PROXY: proxyUrl })
    expect(result.exitCode).toBe(0)
    expect(tunnels()).toEqual([])
  })

  test('keyless sign-in goes through the proxy too: STS and then the SSL calls', async () => {
    const id = certificate()
    const result = await run(keyless(id), { ...jobEnv(), HTTP_PROXY: proxyUrl })
    expect(result.exitCode).toBe(0)
    const exchange = sandbox.emulator.requests.filter((r) => r.action === 'AssumeRoleWithWebIdentity').slice(-1)[0]
    expect(exchange.outcome).toBe('ok')
    expect(tunnels().length).toBeGreaterThanOrEqual(2)
    expect(new Set(tunnels())).toEqual(new Set([target()]))
  })

  test('a proxy variable that is not a URL is refused before anything is sent', async () => {
    const before = sandbox.emulator.requests.length
    const result = await run({ 'certificate-id': certificate() }, { HTTP_PROXY: 'socks5://127.0.0.1:1080' })
    expect(result.exitCode).toBe(1)
    expect(errorLines(result)[0]).toContain('HTTP_PROXY "socks5://127.0.0.1:1080" is not a proxy URL')
    expect(sandbox.emulator.requests.length).toBe(before)
  })
})
