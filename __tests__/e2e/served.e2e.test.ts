// End to end, the built action checks what the hosts serve over TLS: after a switch it asks each host every
// wait-interval until it serves the new certificate (the sandbox's hosts take it after a delay, as a CDN's edges do),
// and fails with ActionError.NotServed naming the resource that kept the old one; a watch checks any host once without
// Tencent Cloud credentials; with alert-issue, a failing host's issue is opened, commented on, and closed once it serves.
import { createHash, X509Certificate } from 'node:crypto'
import { errorLines, resultsOf, useEmulator, useServedSandbox } from '../helpers/e2e-helpers.js'
import { runAction } from '../../sandbox/run-action.js'
import { GitHubEmulator } from '../../sandbox/github-service.js'
import { sandboxTrust, servedIdentity } from '../../sandbox/tls-hosts.js'
import { visibleText } from '../helpers/markdown.js'
import { ConnectProxy } from '../helpers/connect-proxy.js'

const sandbox = useEmulator('serve')
const stand = useServedSandbox({ ghs_alertToken0001: { write: true } })
const { via, servedOf } = stand

const trust = () => ({ NODE_EXTRA_CA_CERTS: sandboxTrust().file })
const fingerprintOf = (id: string) =>
  createHash('sha256')
    .update(new X509Certificate(sandbox.emulator.issuedCertificate(id).leaf).raw)
    .digest('hex')

/** An old certificate serving a CDN domain and a CLB listener's domain, and the issued one that replaces it. */
function switchable(domain: string) {
  const names = { Domain: domain, altNames: [domain, `cdn.${domain}`] }
  const oldId = sandbox.certificate({ Status: 1, ...names })
  const newId = sandbox.certificate({ Status: 1, ...names })
  sandbox.emulator.bindResource({ certificateId: oldId, type: 'cdn', domains: [`cdn.${domain}`] }).bindResource({
    certificateId: oldId,
    type: 'clb',
    region: 'ap-guangzhou',
    instanceId: 'lb-0001',
    listenerId: 'lbl-0001',
    domains: [domain]
  })
  return { oldId, newId }
}

const switchInputs = (oldId: string, newId: string, domain: string) => ({
  'certificate-id': newId,
  // Issued already: a re-run carries it on from its status, submitting nothing.
  'skip-submitted': 'true',
  'replace-certificate-id': oldId,
  'resource-types': 'cdn, clb',
  'resource-regions': 'clb=ap-guangzhou',
  'wait-interval': '0.1',
  'verify-hosts': 'switched',
  'verify-connect-to': via(domain, `cdn.${domain}`)
})

test('after the switch, each switched domain is asked until it serves the new certificate', async () => {
  const domain = 'follow.example.com'
  const { oldId, newId } = switchable(domain)
  stand.hosts.follow(sandbox.emulator, { [domain]: oldId, [`cdn.${domain}`]: oldId }, { delayMs: 400 })

  const result = await sandbox.run({ ...switchInputs(oldId, newId, domain), 'verify-timeout': '20' }, trust())

  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  const served = servedOf(result.outputs)
  expect(served.map((s) => [s.CertificateId, s.Host, s.Port, s.State, s.Fingerprint])).toEqual([
    [newId, `cdn.${domain}`, 443, 'serving', fingerprintOf(newId)],
    [newId, domain, 443, 'serving', fingerprintOf(newId)]
  ])
  expect(served[0]).toMatchObject({
    Names: [domain, `cdn.${domain}`],
    Issuer: 'CN=Sandbox DV TLS RSA CA 2025',
    Reason: ''
  })
  expect(served[0].DaysLeft).toBeGreaterThan(300)
  expect(resultsOf(result.outputs)[0].Served!.map((entry) => ({ CertificateId: newId, ...entry }))).toEqual(served)
  // The edge took it after the switch: first the old certificate, then the new one.
  expect(result.log).toMatch(new RegExp(`${domain} old: it still serves the certificate this step replaced`))
  expect(result.log).toMatch(new RegExp(`${domain} serving`))
  expect(result.summary).toContain('### Served over TLS')
  expect(visibleText(result.summary)).toContain(`✅ serving`)
})

test('a watch asks each host once, without Tencent Cloud credentials, and opens, comments on and closes alert issues', async () => {
  stand.hosts
    .serve('ok.watch.example', servedIdentity(['ok.watch.example'], { days: 90 }))
    .serve('soon.watch.example', servedIdentity(['soon.watch.example'], { days: 5 }))
    .serve('self.watch.example', servedIdentity(['self.watch.example'], { untrusted: true }))
    .serve('wrong.watch.example', servedIdentity(['other.watch.example']))
  const healed = stand.github.open({
    title: 'SSL certificate alert: host ok.watch.example',
    body: '<!-- tencentcloud-ssl-action alert: host ok.watch.example:443 -->\nOld failure.',
    labels: ['certificate-alert']
  })
  const inputs = {
    'verify-hosts':
      'ok.watch.example\nsoon.watch.example\nself.watch.example\nwrong.watch.example\ngone.watch.example:8443',
    'verify-connect-to': `${via('ok.watch.example', 'soon.watch.example', 'self.watch.example', 'wrong.watch.example')}\ngone.watch.example:8443:127.0.0.1:1`,
    'alert-issue': 'true',
    'github-token': 'ghs_alertToken0001'
  }
  const env = { ...trust(), ...stand.github.env() }

  const first = await runAction(inputs, env)

  expect(first.exitCode).toBe(1)
  expect(first.outputs.ErrorCode).toBe('ActionError.NotServed')
  expect(servedOf(first.outputs).map((s) => [s.Host, s.Port, s.State, s.CertificateId])).toEqual([
    ['ok.watch.example', 443, 'serving', ''],
    ['soon.watch.example', 443, 'expiring', ''],
    ['self.watch.example', 443, 'untrusted', ''],
    ['wrong.watch.example', 443, 'name-mismatch', ''],
    ['gone.watch.example', 8443, 'unreachable', '']
  ])
  expect(servedOf(first.outputs)[1]).toMatchObject({
    DaysLeft: 5,
    Reason: '5 days left, fewer than verify-min-days (14)'
  })
  expect(first.log).toContain('no Tencent Cloud call is made')
  expect(sandbox.emulator.requests.filter((r) => r.action === undefined || r.action !== '')).not.toContainEqual(
    expect.objectContaining({ params: expect.objectContaining({ Host: 'ok.watch.example' }) })
  )
  expect(first.summary).toContain('## Certificates served')
  expect(first.summary).toContain('5 hosts checked over TLS: 1 serving, 4 not.')

  const alerts = stand.github.issues.filter((i) => i.number !== healed.number)
  expect(alerts.map((i) => [i.title, i.state, i.labels])).toEqual([
    ['SSL certificate alert: host soon.watch.example', 'open', ['certificate-alert']],
    ['SSL certificate alert: host self.watch.example', 'open', ['certificate-alert']],
    ['SSL certificate alert: host wrong.watch.example', 'open', ['certificate-alert']],
    ['SSL certificate alert: host gone.watch.example:8443', 'open', ['certificate-alert']]
  ])
  expect(alerts[0].body.split('\n')[0]).toBe('<!-- tencentcloud-ssl-action alert: host soon.watch.example:443 -->')
  expect(alerts[0].body).toContain('ActionError.NotServed')
  expect(alerts[0].body).toContain('(https://github.example/octo-org/shop/actions/runs/4242)')
  expect([healed.state, healed.state_reason, healed.comments.length]).toEqual(['closed', 'completed', 1])

  // The next run: the same failures comment on their issues, no new one.
  stand.github.requests.length = 0
  const second = await runAction(inputs, { ...env, GITHUB_RUN_ID: '4243' })
  expect(second.exitCode).toBe(1)
  expect(stand.github.issues).toHaveLength(5)
  expect(alerts.map((i) => i.comments.length)).toEqual([1, 1, 1, 1])
  expect(alerts[0].comments[0]).toContain(
    'Still failing in [this run](https://github.example/octo-org/shop/actions/runs/4243)'
  )
  expect(stand.github.writes().map((w) => w.method)).toEqual(['POST', 'POST', 'POST', 'POST'])
})

test('through a CONNECT proxy: the handshake goes to the connect-to target, GitHub over https, NO_PROXY honoured', async () => {
  const enterprise = await GitHubEmulator.start({ tls: true, hostname: 'github.corp.example' })
  enterprise.tokens.set('ghs_enterpriseToken1', { write: true })
  const proxy = await ConnectProxy.start({ names: { 'github.corp.example': '127.0.0.1' } })
  try {
    stand.hosts
      .serve('proxied.example.net', servedIdentity(['proxied.example.net'], { days: 2 }))
      .serve('direct.example.net', servedIdentity(['direct.example.net']))
    const result = await runAction(
      {
        'verify-hosts': 'proxied.example.net\ndirect.example.net',
        'verify-connect-to': via('proxied.example.net', 'direct.example.net'),
        'alert-issue': 'true',
        'github-token': 'ghs_enterpriseToken1'
      },
      {
        ...trust(),
        ...enterprise.env(),
        GITHUB_API_URL: `https://github.corp.example:${enterprise.port}/api/v3`,
        HTTPS_PROXY: proxy.url(),
        NO_PROXY: 'direct.example.net'
      }
    )
    expect(servedOf(result.outputs).map((s) => [s.Host, s.State])).toEqual([
      ['proxied.example.net', 'expiring'],
      ['direct.example.net', 'serving']
    ])
    // The proxied host's tunnel went where verify-connect-to sends it; the other host was reached directly.
    expect(proxy.tunnels).toEqual([
      `127.0.0.1:${stand.hosts.port}`,
      `github.corp.example:${enterprise.port}`,
      `github.corp.example:${enterprise.port}`
    ])
    expect(enterprise.issues.map((i) => [i.title, i.state])).toEqual([
      ['SSL certificate alert: host proxied.example.net', 'open']
    ])
    expect(enterprise.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'GET /api/v3/repos/octo-org/shop/issues',
      'POST /api/v3/repos/octo-org/shop/issues'
    ])
  } finally {
    await proxy.close()
    await enterprise.close()
  }
})
