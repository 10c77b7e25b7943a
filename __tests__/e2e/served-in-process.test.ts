// The served check and the alert issue in this process (their lines count for coverage), against the same loopback
// hosts, emulator and GitHub API: a certificate's issue opened and later closed, a preview that changes no issue and
// does not fail on the old certificate, GitHub refusing without failing the step twice, no call without a token, and a
// certificate whose names and issuer are hostile text staying inert in the log, the summary and the issue.
import { errorLines, useEmulator, useServedSandbox } from '../helpers/e2e-helpers.js'
import { runInProcess } from '../helpers/e2e-helpers.js'
import { sandboxTrust, servedIdentity } from '../../sandbox/tls-hosts.js'
import { rendered, visibleText } from '../helpers/markdown.js'
import { ConnectProxy } from '../helpers/connect-proxy.js'
import { MAX_WRITES, sendAlerts } from '../../src/alert/issues.js'
import { hostSubject } from '../../src/alert/text.js'

const sandbox = useEmulator('srvp')
const TOKEN = 'ghs_inProcessToken01'
const served = useServedSandbox({ [TOKEN]: { write: true }, ghs_readOnlyToken001: { write: false } })
const { via, servedOf } = served

const seams = () => ({ trustedCa: sandboxTrust().pem })
const alerting = (token = TOKEN) => ({ 'alert-issue': 'true', 'github-token': token })

function switchable(domain: string, keepOld: string[] = []) {
  const names = { Domain: domain, altNames: [domain] }
  const oldId = sandbox.certificate({ Status: 1, ...names })
  const newId = sandbox.certificate({ Status: 1, ...names })
  sandbox.emulator.bindResource({ certificateId: oldId, type: 'cdn', domains: [domain, `*.${domain}`] })
  served.hosts.follow(sandbox.emulator, { [domain]: oldId }, { delayMs: 150, keepOld })
  return {
    oldId,
    newId,
    inputs: {
      'certificate-id': newId,
      'skip-submitted': 'true',
      'replace-certificate-id': oldId,
      'resource-types': 'cdn',
      'wait-interval': '0.05',
      'verify-hosts': `switched\n${domain}`,
      'verify-connect-to': via(domain)
    }
  }
}

test("a certificate's step that fails opens its issue; the run that succeeds comments and closes it", async () => {
  const { newId, inputs } = switchable('alerted.example.com', ['alerted.example.com'])
  // The edge keeps the old certificate although the switch said done.
  const failing = await sandbox.runInProcess(
    { ...inputs, 'verify-timeout': '1', ...alerting() },
    served.github.env('100'),
    seams()
  )
  expect(failing.exitCode).toBe(1)
  expect(failing.outputs.ErrorCode).toBe('ActionError.NotServed')
  // The switch said done; the failure names the resource that did not take the certificate.
  const [line] = errorLines(failing)
  expect(line).toContain(`1 of 1 hosts do not serve ${newId} within verify-timeout (1 s): alerted.example.com old`)
  expect(line).toContain('the switch reported cdn switched')
  expect(sandbox.emulator.rebind.boundTo(newId)).toHaveLength(1)
  expect(failing.log).toContain('a wildcard names no host to connect to (*.alerted.example.com)')
  const [issue] = served.github.issues.filter((i) => i.title === `SSL certificate alert: certificate ${newId}`)
  expect(issue.state).toBe('open')
  expect(issue.body.split('\n')[0]).toBe(`<!-- tencentcloud-ssl-action alert: certificate ${newId} -->`)
  expect(issue.body).toContain('alerted.example.com')
  expect(issue.body).toMatch(/\| `alerted\.example\.com` \| old \|/)

  // Someone fixes the edge; the next run finds the resource switched already and the host serving the certificate.
  served.hosts.serveCertificate('alerted.example.com', sandbox.emulator, newId)
  const passing = await sandbox.runInProcess({ ...inputs, ...alerting() }, served.github.env('101'), seams())
  expect([passing.exitCode, errorLines(passing)]).toEqual([0, []])
  expect(servedOf(passing.outputs).map((s) => s.State)).toEqual(['serving'])
  expect([issue.state, issue.comments]).toEqual([
    'closed',
    [`certificate ${newId} succeeded in [this run](https://github.example/octo-org/shop/actions/runs/101): closing.`]
  ])
  expect(passing.log).toContain(`Alert issue #${issue.number} for certificate ${newId}: succeeded, closed`)
})

test('a preview checks the hosts once, does not fail on the old certificate, and changes no issue', async () => {
  const { oldId, newId, inputs } = switchable('preview.example.com')
  served.github.requests.length = 0
  const result = await sandbox.runInProcess(
    { ...inputs, 'dry-run': 'true', ...alerting() },
    served.github.env(),
    seams()
  )
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(servedOf(result.outputs).map((s) => [s.Host, s.State])).toEqual([['preview.example.com', 'old']])
  expect(visibleText(result.summary)).toContain(
    "check 1 named host and the switched resources' domains over TLS until each serves"
  )
  expect(visibleText(result.summary)).toContain('the hosts as they are now: 1 old')
  expect(served.github.requests).toEqual([])
  expect(sandbox.emulator.rebind.boundTo(oldId)).toHaveLength(1)
  expect(sandbox.emulator.rebind.boundTo(newId)).toHaveLength(0)
})

test('GitHub refusing the token is a warning, never a second failure; an empty token makes no call', async () => {
  served.hosts.serve('refused.example.net', servedIdentity(['refused.example.net'], { days: 3 }))
  const watch = { 'verify-hosts': 'refused.example.net', 'verify-connect-to': via('refused.example.net') }
  served.github.requests.length = 0
  const refused = await runInProcess({ ...watch, ...alerting('ghs_readOnlyToken001') }, served.github.env(), seams())
  expect(refused.exitCode).toBe(1)
  expect(refused.outputs.ErrorCode).toBe('ActionError.NotServed')
  expect(errorLines(refused)).toHaveLength(1)
  expect(refused.log).toContain(
    '::warning::The alert issue for host refused.example.net could not be opened: HTTP 403: Resource not accessible by integration. Give the job `permissions: issues: write`'
  )

  served.github.requests.length = 0
  const tokenless = await runInProcess({ ...watch, ...alerting('') }, served.github.env(), seams())
  expect(tokenless.exitCode).toBe(1)
  expect(tokenless.log).toContain('::warning::alert-issue is true, but github-token is empty')
  expect(served.github.requests).toEqual([])
})

test('names and an issuer of hostile text stay inert in the log, the summary, the outputs and the issue', async () => {
  const hostile = '::error::pwned [click](https://evil.example/x) <img src=x> www.evil.example ##[warning]'
  served.hosts.serve('hostile.example.org', servedIdentity([hostile, 'hostile.example.org'], { untrusted: true }))
  const result = await runInProcess(
    { 'verify-hosts': 'hostile.example.org', 'verify-connect-to': via('hostile.example.org'), ...alerting() },
    served.github.env('7'),
    seams()
  )
  expect(result.exitCode).toBe(1)
  const [entry] = servedOf(result.outputs)
  expect(entry.State).toBe('untrusted')
  expect(entry.Issuer).toContain('pwned')
  expect(result.log).not.toMatch(/^::error::pwned/m)
  expect(result.log).not.toContain('##[warning]')
  for (const markdown of [
    result.summary,
    served.github.issues.find((i) => i.title.includes('hostile.example.org'))!.body
  ]) {
    const html = rendered(markdown)
    expect(html).not.toMatch(/<img|href="https:\/\/evil|href="http:\/\/www\.evil/)
    expect(html).toContain('pwned')
  }
})

test('a watch through a CONNECT proxy: the handshake tunnelled to the connect-to target; a refusing proxy is unreachable', async () => {
  served.hosts.serve('tunnelled.example.net', servedIdentity(['tunnelled.example.net']))
  const open = await ConnectProxy.start()
  const closed = await ConnectProxy.start({ credentials: { user: 'u', password: 'p' } })
  try {
    const watch = {
      'verify-hosts': 'tunnelled.example.net',
      'verify-connect-to': via('tunnelled.example.net'),
      summary: 'false'
    }
    const through = await runInProcess(watch, { HTTPS_PROXY: open.url() }, seams())
    expect([through.exitCode, servedOf(through.outputs).map((s) => s.State)]).toEqual([0, ['serving']])
    expect(open.tunnels).toEqual([`127.0.0.1:${served.hosts.port}`])
    const refused = await runInProcess(watch, { HTTPS_PROXY: closed.url() }, seams())
    expect(servedOf(refused.outputs)[0]).toMatchObject({
      State: 'unreachable',
      Reason: 'no TLS handshake: EPROXYREFUSED'
    })
  } finally {
    await open.close()
    await closed.close()
  }
})

test('a failing host whose issue is open gets a comment, not a second issue; pull requests are not issues', async () => {
  served.hosts.serve('again.example.net', servedIdentity(['again.example.net'], { days: 1 }))
  const marker = '<!-- tencentcloud-ssl-action alert: host again.example.net:443 -->'
  served.github.open({ title: 'a pull request', body: marker, labels: ['certificate-alert'], pull_request: true })
  const issue = served.github.open({
    title: 'SSL certificate alert: host again.example.net',
    body: `${marker}\nBefore.`,
    labels: ['certificate-alert']
  })
  const before = served.github.issues.length
  const result = await runInProcess(
    { 'verify-hosts': 'again.example.net', 'verify-connect-to': via('again.example.net'), ...alerting() },
    served.github.env('55'),
    seams()
  )
  expect(result.exitCode).toBe(1)
  expect(served.github.issues).toHaveLength(before)
  expect(issue.comments).toHaveLength(1)
  expect(issue.comments[0]).toContain(
    'Still failing in [this run](https://github.example/octo-org/shop/actions/runs/55)'
  )
  expect(result.log).toContain(`Alert issue #${issue.number} for host again.example.net: still failing, commented`)
})

test('wrong watch inputs: nothing is checked, the problem named, the summary says so', async () => {
  const result = await runInProcess({ 'verify-hosts': 'switched', 'verify-min-days': '400' }, {}, seams())
  expect(result.exitCode).toBe(1)
  expect(result.outputs.ErrorCode).toBe('ActionError.InvalidInput')
  expect(result.outputs.ServedHosts).toBe('[]')
  expect(errorLines(result)[0]).toContain('verify-min-days "400" is not allowed')
  expect(visibleText(result.summary)).toContain('Nothing was checked: the inputs are wrong.')
})

test('a certificate not issued is not checked; switched with nothing moved has no host to check', async () => {
  const waiting = sandbox.certificate({ Status: 4, Domain: 'waiting.example.com' })
  const notIssued = await sandbox.runInProcess(
    { 'certificate-id': waiting, 'skip-submitted': 'true', 'verify-hosts': 'waiting.example.com' },
    {},
    seams()
  )
  expect(notIssued.exitCode).toBe(0)
  expect(notIssued.log).toContain(`Certificate ${waiting}: the hosts are not checked, as it is not issued yet`)
  expect(notIssued.outputs.ServedHosts).toBe('[]')

  const oldId = sandbox.certificate({ Status: 1, Domain: 'bare.example.com' })
  const newId = sandbox.certificate({ Status: 1, Domain: 'bare.example.com' })
  sandbox.emulator.bindResource({ certificateId: oldId, type: 'cdn' })
  const bare = await sandbox.runInProcess(
    {
      'certificate-id': newId,
      'skip-submitted': 'true',
      'replace-certificate-id': oldId,
      'resource-types': 'cdn',
      'wait-interval': '0.05',
      'verify-hosts': 'switched'
    },
    {},
    seams()
  )
  expect([bare.exitCode, errorLines(bare)]).toEqual([0, []])
  expect(bare.log).not.toContain('holds no certificate text')
  expect(bare.log).toContain(
    `Certificate ${newId}: no host to check: no named host is its own, and the switch moved no resource with a domain`
  )
})

test('several certificates in one step: each checks the named hosts its own names cover', async () => {
  const first = sandbox.certificate({ Status: 1, Domain: 'one.example.org', altNames: ['one.example.org'] })
  const second = sandbox.certificate({ Status: 1, Domain: 'two.example.org', altNames: ['*.two.example.org'] })
  served.hosts.serveCertificate('one.example.org', sandbox.emulator, first)
  served.hosts.serveCertificate('www.two.example.org', sandbox.emulator, second)
  const result = await sandbox.runInProcess(
    {
      'certificate-id': `${first}, ${second}`,
      'skip-submitted': 'true',
      'verify-hosts': 'one.example.org\nwww.two.example.org',
      'verify-connect-to': via('one.example.org', 'www.two.example.org')
    },
    {},
    seams()
  )
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(servedOf(result.outputs).map((s) => [s.CertificateId, s.Host, s.State])).toEqual([
    [first, 'one.example.org', 'serving'],
    [second, 'www.two.example.org', 'serving']
  ])
  expect(result.log).toContain(`Certificate ${first}: www.two.example.org left to the other certificates of the step`)
})

test('one run writes at most 30 times, one a second after the first five; the rest is named for the next run', async () => {
  const subjects = Array.from({ length: 40 }, (_, i) => ({
    ...hostSubject({ host: `many${i}.example.net`, port: 443 }),
    failure: { code: 'ActionError.NotServed', message: 'expiring', advice: 'renew' }
  }))
  const slept: number[] = []
  const lines: string[] = []
  const before = served.github.issues.length
  await sendAlerts(
    { token: TOKEN, owner: 'octo-org', repo: 'shop', apiUrl: served.github.url, runUrl: '', timeoutMs: 5000 },
    subjects,
    { info: (line) => lines.push(line), warning: (line) => lines.push(`warning: ${line}`) },
    async (ms) => void slept.push(ms)
  )
  expect(served.github.issues.length - before).toBe(MAX_WRITES)
  expect(slept).toEqual(Array.from({ length: MAX_WRITES - 5 }, () => 1000))
  expect(lines.at(-1)).toContain(
    'warning: Alert issues: 10 more subjects needed an issue change past the 30 writes one run makes (host many30.example.net'
  )
})

test("an answer without the certificate's text: the hosts are checked as a watch checks them, and a warning says so", async () => {
  const id = sandbox.certificate({ Status: 1, Domain: 'textless.example.org', publicKey: 'none' })
  served.hosts.serve('textless.example.org', servedIdentity(['textless.example.org']))
  const result = await sandbox.runInProcess(
    {
      'certificate-id': id,
      'skip-submitted': 'true',
      'verify-hosts': 'textless.example.org',
      'verify-connect-to': via('textless.example.org')
    },
    {},
    seams()
  )
  expect([result.exitCode, servedOf(result.outputs).map((s) => s.State)]).toEqual([0, ['serving']])
  expect(result.log).toContain(
    `::warning::Certificate ${id}: Tencent Cloud's answer holds no certificate text to compare with`
  )
})

test("an issue whose creation's answer was lost is found by the next run, which comments on it: never a second issue", async () => {
  served.hosts.serve('lost.example.net', servedIdentity(['lost.example.net'], { days: 2 }))
  const watch = { 'verify-hosts': 'lost.example.net', 'verify-connect-to': via('lost.example.net'), ...alerting() }
  const before = served.github.issues.length
  served.github.loseNext.push('POST')
  const first = await runInProcess(watch, served.github.env('71'), seams())
  expect(first.log).toContain('::warning::The alert issue for host lost.example.net could not be opened')
  expect(served.github.issues.length - before).toBe(1)
  const second = await runInProcess(watch, served.github.env('72'), seams())
  expect(second.exitCode).toBe(1)
  expect(served.github.issues.length - before).toBe(1)
  const [issue] = served.github.issues.slice(before)
  expect([issue.state, issue.comments.length]).toEqual(['open', 1])
})
