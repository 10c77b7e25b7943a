// The served check's pure parts: verify-hosts and the rest read before anything is sent, a watch's inputs, the alert
// settings, the bound on handshakes, the issue's marker read from the first line only, and the outputs and summary
// within GitHub's limits at the most hosts a step checks.
import { readAlertSettings } from '../../src/alert/settings.js'
import { issueBody, keyOf, markerOf } from '../../src/alert/text.js'
import { SERVED_BUDGET_BYTES, stepOutputs, watchSummary, type ServedHostsEntry } from '../../src/report/report.js'
import { HandshakePool, type ServedHost } from '../../src/served/check.js'
import { hostProblem } from '../../src/steps/served/codes.js'
import { MAX_HOSTS, readVerifySettings } from '../../src/steps/served/settings.js'
import { leafOf } from '../../src/steps/served/served.js'
import { readWatchInputs, watchFailure } from '../../src/watch.js'
import { ACTION_DEFAULTS, inputErrorOf } from '../helpers/input-helpers.js'
import { servedIdentity } from '../../sandbox/tls-hosts.js'
import { createHash, X509Certificate } from 'node:crypto'

const reader = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? ACTION_DEFAULTS[name] ?? ''
const verify = (inputs: Record<string, string>, switchable = false) =>
  readVerifySettings(reader(inputs), { switchable, intervalMs: 100, handshakeTimeoutMs: 30_000 })

test('verify-hosts: hosts and ports, duplicates dropped, connect-to targets, the defaults', () => {
  expect(verify({})).toEqual({})
  const { verify: settings } = verify({
    'verify-hosts': 'WWW.example.com\napi.example.com:8443, www.example.com:443\n[2001:db8::1]:443',
    'verify-connect-to': 'www.example.com:443:origin.example.net:8443'
  })
  expect(settings).toEqual({
    hosts: [
      { host: 'www.example.com', port: 443 },
      { host: 'api.example.com', port: 8443 },
      { host: '2001:db8::1', port: 443 }
    ],
    switched: false,
    connectTo: new Map([['www.example.com:443', { host: 'origin.example.net', port: 8443 }]]),
    timeoutMs: 900_000,
    minDays: 14,
    handshakeTimeoutMs: 30_000,
    intervalMs: 100,
    shared: false
  })
  expect(verify({ 'verify-hosts': 'switched' }, true).verify).toMatchObject({ hosts: [], switched: true })
})

test('verify-hosts: every wrong value is an input error that says what to give', () => {
  expect(inputErrorOf(() => verify({ 'verify-hosts': 'https://www.example.com/' })).message).toContain(
    'verify-hosts "https://www.example.com/" is not host or host:port'
  )
  expect(inputErrorOf(() => verify({ 'verify-hosts': '*.example.com' })).message).toContain(
    'a wildcard names no host to connect to'
  )
  expect(inputErrorOf(() => verify({ 'verify-hosts': 'switched' })).message).toContain(
    'verify-hosts says switched, but this step switches no resources'
  )
  expect(inputErrorOf(() => verify({ 'verify-connect-to': 'a.example:443:b.example:443' })).message).toContain(
    'verify-connect-to is set, but verify-hosts is empty'
  )
  expect(
    inputErrorOf(() => verify({ 'verify-hosts': 'a.example', 'verify-connect-to': 'a.example:b' })).message
  ).toContain("not in curl's --connect-to form")
  expect(
    inputErrorOf(() =>
      verify({
        'verify-hosts': 'a.example',
        'verify-connect-to': 'a.example:443:b.example:1\na.example:443:c.example:2'
      })
    ).message
  ).toContain('verify-connect-to gives "a.example:443" twice')
  expect(inputErrorOf(() => verify({ 'verify-min-days': '-1' })).input).toBe('verify-min-days')
  expect(inputErrorOf(() => verify({ 'verify-timeout': '0' })).input).toBe('verify-timeout')
  const many = Array.from({ length: MAX_HOSTS + 1 }, (_, i) => `h${i}.example.com`).join('\n')
  expect(inputErrorOf(() => verify({ 'verify-hosts': many })).message).toContain(`at most ${MAX_HOSTS}`)
})

test("a watch's inputs: secrets masked first, certificate inputs refused, switched refused, the alert's settings", () => {
  const masked: string[] = []
  const env = { TENCENTCLOUD_SECRET_KEY: 'envKeyValue', GITHUB_REPOSITORY: 'octo/shop', GITHUB_RUN_ID: '9' }
  const watch = readWatchInputs(
    reader({ 'verify-hosts': 'a.example', 'secret-key': 'inputKey', 'alert-issue': 'true', 'github-token': 'tok' }),
    env,
    (secret) => masked.push(secret)
  )
  expect(masked).toEqual(['inputKey', 'envKeyValue', 'tok'])
  expect(watch.alert).toEqual({
    token: 'tok',
    owner: 'octo',
    repo: 'shop',
    apiUrl: 'https://api.github.com',
    runUrl: 'https://github.com/octo/shop/actions/runs/9',
    timeoutMs: 30_000
  })
  const stray = inputErrorOf(() =>
    readWatchInputs(reader({ 'verify-hosts': 'a.example', 'download-dir': 'certs', domain: 'a.example' }), {}, () => {})
  )
  expect(stray.message).toContain('domain, download-dir are set, but certificate-id and renew-certificate-id are empty')
  expect(inputErrorOf(() => readWatchInputs(reader({ 'verify-hosts': 'switched' }), {}, () => {})).input).toBe(
    'verify-hosts'
  )
})

test('alert settings: GitHub Enterprise from GITHUB_API_URL, a missing repository refused, the token read only when on', () => {
  const masked: string[] = []
  const read = (inputs: Record<string, string>, env: Record<string, string>) =>
    readAlertSettings(reader(inputs), env, (secret) => masked.push(secret), 5000)
  expect(read({ 'github-token': 'unused' }, {})).toEqual({})
  expect(masked).toEqual([])
  const ghes = read(
    { 'alert-issue': 'true', 'github-token': 't' },
    {
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_API_URL: 'https://ghe.example/api/v3/',
      GITHUB_SERVER_URL: 'https://ghe.example',
      GITHUB_RUN_ID: '12'
    }
  )
  expect(ghes.settings).toMatchObject({
    apiUrl: 'https://ghe.example/api/v3',
    runUrl: 'https://ghe.example/o/r/actions/runs/12'
  })
  expect(read({ 'alert-issue': 'true', 'github-token': '' }, {}).warning).toContain('github-token is empty')
  expect(inputErrorOf(() => read({ 'alert-issue': 'true', 'github-token': 't' }, {})).message).toContain(
    'GITHUB_REPOSITORY "" is not owner/repo'
  )
  expect(
    inputErrorOf(() =>
      read({ 'alert-issue': 'true', 'github-token': 't' }, { GITHUB_REPOSITORY: 'o/r', GITHUB_API_URL: 'ftp://x' })
    ).message
  ).toContain('is not an http(s) address')
  expect(inputErrorOf(() => read({ 'alert-issue': 'yes' }, {})).input).toBe('alert-issue')
})

test('handshakes are bounded: never more than the pool allows at once, every one run', async () => {
  const pool = new HandshakePool(3)
  let running = 0
  let most = 0
  const done = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      pool.run(async () => {
        most = Math.max(most, ++running)
        await new Promise((resolve) => setTimeout(resolve, 2))
        running--
        return i
      })
    )
  )
  expect([most, done.length, new Set(done).size]).toEqual([3, 20, 20])
})

test("an issue is known by its body's first line only: a marker quoted further down names nothing", () => {
  expect(keyOf(`${markerOf('host a.example:443')}\nrest`)).toBe('host a.example:443')
  expect(keyOf(`Something\n${markerOf('host a.example:443')}`)).toBeUndefined()
  expect(keyOf(null)).toBeUndefined()
  const body = issueBody(
    {
      key: 'certificate abc',
      name: 'certificate abc',
      failure: { code: 'X', message: `${markerOf('host b.example:443')}`, advice: 'do it' }
    },
    ''
  )
  expect(keyOf(body)).toBe('certificate abc')
})

const entry = (i: number, names: string[]): ServedHost => ({
  Host: `h${i}.example.com`,
  Port: 443,
  State: i % 2 ? 'expiring' : 'serving',
  Fingerprint: 'ab'.repeat(32),
  Names: names,
  Issuer: 'CN=' + 'x'.repeat(300),
  NotAfter: '2027-01-01T00:00:00.000Z',
  DaysLeft: 3,
  Reason: i % 2 ? '3 days left, fewer than verify-min-days (14)' : ''
})

test('the most hosts a step checks, each with the most names listed: ServedHosts and the summary within their budgets', () => {
  const names = Array.from({ length: 20 }, (_, i) => `${'n'.repeat(240)}${i}.example.com`)
  const entries = Array.from({ length: MAX_HOSTS }, (_, i) => entry(i, names))
  const served: ServedHostsEntry[] = entries.map((e) => ({ CertificateId: '', ...e }))
  const outputs = stepOutputs([], '/tmp/results.json', served)
  expect(outputs.ServedHosts.length * 2).toBeLessThanOrEqual(SERVED_BUDGET_BYTES)
  const parsed = JSON.parse(outputs.ServedHosts) as object[]
  expect(parsed[parsed.length - 1]).toEqual({
    Truncated: true,
    Omitted: MAX_HOSTS - parsed.length + 1,
    ResultsFile: '/tmp/results.json'
  })
  const summary = watchSummary(entries, { failure: { code: 'ActionError.NotServed' }, preview: false })
  expect(Buffer.byteLength(summary)).toBeLessThan(1024 * 1024)
  expect(summary).toContain('250 not')
  expect(watchFailure(entries)!.message).toContain('… and 240 more (see ServedHosts)')
})

test("a host's problem names its state, what it serves and what to do; a leaf's fingerprint is its DER's SHA-256", () => {
  expect(hostProblem(entry(1, ['a.example']), 'cdn (ap-guangzhou)')).toBe(
    'h1.example.com expiring (3 days left, fewer than verify-min-days (14); serves abababababababab… for a.example, issued by CN=' +
      'x'.repeat(300) +
      '; the switch reported cdn (ap-guangzhou) switched): the certificate ends soon: renew it (renew-certificate-id), or lower verify-min-days if this is expected'
  )
  const { cert } = servedIdentity(['leaf.example'])
  const der = new X509Certificate(cert).raw
  expect(leafOf(`junk\n${cert}`)).toEqual({
    fingerprint: createHash('sha256').update(der).digest('hex'),
    names: ['leaf.example']
  })
  expect(leafOf('no certificate')).toEqual({ fingerprint: '', names: [] })
})
