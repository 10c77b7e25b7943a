import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseEndpoint } from '../../src/inputs/endpoint.js'
import { readInputs, type ActionInputs } from '../../src/inputs/inputs.js'
import { ACTION_DEFAULTS, inputErrorOf } from '../helpers/input-helpers.js'

const KEYS = { 'secret-id': 'AKIDexample', 'secret-key': 'example-key' }

function read(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const masked: string[] = []
  const values: Record<string, string> = { ...ACTION_DEFAULTS, ...KEYS, 'certificate-id': 'abc123', ...inputs }
  const parsed = readInputs(
    (name) => values[name] ?? '',
    env,
    (secret) => masked.push(secret)
  )
  return { parsed, masked }
}

function keysOf(parsed: ActionInputs) {
  if (parsed.credentialSource.kind !== 'keys') throw new Error('expected a key pair')
  return parsed.credentialSource.credentials
}

function problem(inputs: Record<string, string>, env: Record<string, string> = {}) {
  return inputErrorOf(() => read(inputs, env))
}

describe('readInputs', () => {
  test('applies the action.yml defaults', () => {
    const { parsed } = read({})
    expect(parsed).toEqual({
      certificateIds: ['abc123'],
      credentialSource: { kind: 'keys', credentials: { secretId: 'AKIDexample', secretKey: 'example-key' } },
      endpoint: { protocol: 'https://', host: 'ssl.intl.tencentcloudapi.com' },
      language: 'en-US',
      maxAttempts: 5,
      requestTimeoutSeconds: 30,
      summary: true,
      dryRun: false,
      intervalMs: 15_000,
      warnings: [],
      // Each step's own settings, read from its inputs into the form the step uses.
      certificate: {
        skipSubmitted: false,
        submitApi: 'CommitCertificateInformation',
        deleteDnsAutoRecord: false
      }
    })
    expect(parsed).not.toHaveProperty('region')
  })

  test('several certificate IDs: commas, spaces and new lines separate them; duplicates go, order stays', () => {
    expect(read({ 'certificate-id': 'b2, a1\n c3,,b2\r\n\td4  a1' }).parsed.certificateIds).toEqual([
      'b2',
      'a1',
      'c3',
      'd4'
    ])
  })

  test('every malformed ID in a list is named', () => {
    const error = problem({ 'certificate-id': 'good1, bad;1, fine2, bad/2' })
    expect(error.message).toMatch(/^certificate-id "bad;1", "bad\/2" are not certificate IDs/)
  })

  test('waiting, skipping and the submit API', () => {
    const { parsed } = read({
      'wait-for-issuance': 'true',
      'wait-timeout': '600',
      'wait-interval': '2.5',
      'skip-submitted': 'True',
      'submit-api': 'certificateordersubmit',
      'delete-dns-auto-record': 'true'
    })
    expect(parsed).toMatchObject({
      intervalMs: 2500,
      certificate: {
        wait: { timeoutMs: 600_000, intervalMs: 2500 },
        skipSubmitted: true,
        submitApi: 'CertificateOrderSubmit',
        deleteDnsAutoRecord: true
      }
    })
  })

  test('delete-dns-auto-record needs CertificateOrderSubmit', () => {
    const error = problem({ 'delete-dns-auto-record': 'true' })
    expect(error.input).toBe('delete-dns-auto-record')
    expect(error.message).toMatch(/set submit-api: CertificateOrderSubmit, or drop delete-dns-auto-record/)
  })

  test('trims the certificate ID and refuses an empty or malformed one', () => {
    expect(read({ 'certificate-id': '  abc123 \n' }).parsed.certificateIds).toEqual(['abc123'])
    expect(problem({ 'certificate-id': '   ' }).message).toMatch(/certificate-id is empty/)
    const bad = problem({ 'certificate-id': 'abc;rm' })
    expect(bad.input).toBe('certificate-id')
    expect(bad.message).toContain('"abc;rm"')
  })

  test.each([
    ['dns_auto', 'DNS_AUTO'],
    ['Dns', 'DNS'],
    ['FILE', 'FILE']
  ])('verify-type %s is sent as %s', (given, sent) => {
    expect(read({ 'verify-type': given }).parsed.certificate.verifyType).toBe(sent)
  })

  test('an unknown verify-type names the allowed values', () => {
    const error = problem({ 'verify-type': 'EMAIL' })
    expect(error.input).toBe('verify-type')
    expect(error.message).toBe('verify-type "EMAIL" is not allowed: use one of DNS_AUTO, DNS, FILE.')
  })

  test.each([
    ['max-attempts', '0', /whole number from 1 to 20/],
    ['max-attempts', '2.5', /whole number/],
    ['max-attempts', '21', /from 1 to 20/],
    ['request-timeout', '0', /above 0/],
    ['request-timeout', 'ten', /number of seconds/],
    ['request-timeout', '601', /to 600/],
    ['language', 'fr-FR', /en-US, zh-CN/],
    ['summary', 'yes', /true or false/],
    ['region', 'Guangzhou', /ap-guangzhou/],
    ['skip-submitted', 'maybe', /true or false/],
    ['wait-for-issuance', '1', /true or false/],
    ['wait-timeout', '0', /whole number from 1 to 21600/],
    ['wait-timeout', '90.5', /whole number/],
    ['wait-interval', '0', /above 0/],
    ['wait-interval', '601', /to 600/],
    ['submit-api', 'SubmitEverything', /CommitCertificateInformation, CertificateOrderSubmit/]
  ])('%s "%s" is refused', (input, value, message) => {
    const error = problem({ [input]: value })
    expect(error.input).toBe(input)
    expect(error.message).toContain(`${input} "${value}"`)
    expect(error.message).toMatch(message)
  })

  test('accepts the other allowed values', () => {
    const { parsed } = read({
      language: 'zh-cn',
      'max-attempts': '1',
      'request-timeout': '0.5',
      summary: 'FALSE',
      region: 'ap-guangzhou'
    })
    expect(parsed).toMatchObject({
      language: 'zh-CN',
      maxAttempts: 1,
      requestTimeoutSeconds: 0.5,
      summary: false,
      region: 'ap-guangzhou'
    })
  })

  test('names every wrong input at once', () => {
    const error = problem({ 'verify-type': 'x', language: 'y', 'max-attempts': 'z' })
    expect(error.message).toMatch(/^3 inputs are wrong:/)
    expect(error.message).toContain('verify-type "x"')
    expect(error.message).toContain('language "y"')
    expect(error.message).toContain('max-attempts "z"')
  })

  test('an input several steps take is read once, and named once when wrong', () => {
    const error = problem({
      'wait-for-issuance': 'x',
      'wait-interval': 'y',
      'disable-old-expiry-notices': 'z',
      'renew-certificate-id': 'old1',
      'certificate-id': '',
      'resource-types': 'cdn'
    })
    expect(error.message).toMatch(/^3 inputs are wrong:/)
    for (const name of ['wait-for-issuance', 'wait-interval', 'disable-old-expiry-notices'])
      expect(error.message.split(`${name} "`)).toHaveLength(2)
  })
})

describe('download-dir and pfx-password', () => {
  test('a relative folder is resolved from the workspace (the working directory); the password is kept and masked', () => {
    const { parsed, masked } = read({ 'download-dir': 'out/certificates', 'pfx-password': 'pfx-pass' })
    expect(parsed.certificate.files).toEqual({ dir: resolve('out/certificates'), pfxPassword: 'pfx-pass' })
    expect(masked).toContain('pfx-pass')
  })

  test('empty: no files, and nothing about them in the settings', () => {
    expect(read({}).parsed.certificate.files).toBeUndefined()
  })

  test('a password without a folder is an error, and the password is masked all the same', () => {
    const masked: string[] = []
    const values: Record<string, string> = {
      ...ACTION_DEFAULTS,
      ...KEYS,
      'certificate-id': 'abc123',
      'pfx-password': 'lonely-pass'
    }
    const error = inputErrorOf(() =>
      readInputs(
        (name) => values[name] ?? '',
        {},
        (secret) => masked.push(secret)
      )
    )
    expect([error.input, masked.includes('lonely-pass')]).toEqual(['pfx-password', true])
    expect(error.message).not.toContain('lonely-pass')
  })

  test('a file is not a folder', () => {
    expect(problem({ 'download-dir': fileURLToPath(import.meta.url) }).message).toMatch(/is a file, not a folder/)
  })
})

describe('rebinding inputs', () => {
  const rebind = {
    'replace-certificate-id': 'old1',
    'resource-types': 'CDN clb,tke',
    'resource-regions': 'clb = ap-guangzhou, ap-shanghai\ntke=ap-beijing\nclb=ap-guangzhou'
  }

  test('kinds in any case, regions per kind merged, the old ID paired with the new, and the defaults', () => {
    const { parsed } = read(rebind)
    expect(parsed.certificate.rebind).toEqual({
      oldIds: new Map([['abc123', 'old1']]),
      resourceTypes: ['cdn', 'clb', 'tke'],
      regions: new Map([
        ['clb', ['ap-guangzhou', 'ap-shanghai']],
        ['tke', ['ap-beijing']]
      ]),
      disableOldExpiryNotices: false,
      timeoutMs: 600_000,
      intervalMs: 15_000
    })
  })

  test('several certificates pair with their old ones in order', () => {
    const { parsed } = read({ ...rebind, 'certificate-id': 'new1, new2', 'replace-certificate-id': 'old1\nold2' })
    expect([...parsed.certificate.rebind!.oldIds]).toEqual([
      ['new1', 'old1'],
      ['new2', 'old2']
    ])
  })

  test.each([
    [{ 'replace-certificate-id': 'abc123' }, 'replace-certificate-id', /is the new certificate itself/],
    [{ 'replace-certificate-id': 'old$' }, 'replace-certificate-id', /"old\$" is not a certificate ID/],
    [{ 'resource-types': '' }, 'resource-types', /resource-types is empty/],
    [{ 'resource-regions': 'cdn=ap-guangzhou' }, 'resource-regions', /line "cdn=ap-guangzhou" is not allowed/],
    [
      { 'resource-regions': 'clb=Guangzhou\ntke=ap-beijing' },
      'resource-regions',
      /for clb: "Guangzhou" is not a Tencent Cloud region/
    ],
    [{ 'resource-regions': 'clb=ap-guangzhou' }, 'resource-regions', /tke needs regions/],
    [{ 'rebind-timeout': '0' }, 'rebind-timeout', /rebind-timeout "0" is not allowed/],
    [{ 'disable-old-expiry-notices': 'yes' }, 'disable-old-expiry-notices', /use true or false/]
  ])('%o is refused, naming %s', (inputs, input, message) => {
    const error = problem({ ...rebind, ...inputs })
    expect(error.input).toBe(input)
    expect(error.message).toMatch(message)
  })

  test('resource-regions alone is an error too', () => {
    expect(problem({ 'resource-regions': 'clb=ap-guangzhou' }).input).toBe('resource-regions')
  })
})

describe('credentials', () => {
  test('fall back to the environment and mask every part before returning', () => {
    const { parsed, masked } = read(
      { 'secret-id': '', 'secret-key': '' },
      { TENCENTCLOUD_SECRET_ID: 'envId', TENCENTCLOUD_SECRET_KEY: 'envKey', TENCENTCLOUD_SECURITY_TOKEN: 'tfToken' }
    )
    expect(keysOf(parsed)).toEqual({ secretId: 'envId', secretKey: 'envKey', token: 'tfToken' })
    expect(masked).toEqual(['envId', 'envKey', 'tfToken'])
  })

  test('the session token comes from the input, then the SDK, tccli and Terraform variables in that order', () => {
    const env = { TENCENTCLOUD_SESSION_TOKEN: 'sdk', TENCENTCLOUD_TOKEN: 'tccli', TENCENTCLOUD_SECURITY_TOKEN: 'tf' }
    expect(keysOf(read({ 'session-token': 'input' }, env).parsed).token).toBe('input')
    expect(keysOf(read({}, env).parsed).token).toBe('sdk')
    expect(keysOf(read({}, { TENCENTCLOUD_TOKEN: 'tccli', TENCENTCLOUD_SECURITY_TOKEN: 'tf' }).parsed).token).toBe(
      'tccli'
    )
  })

  test('inputs win over the environment', () => {
    const { parsed } = read({}, { TENCENTCLOUD_SECRET_ID: 'envId', TENCENTCLOUD_SECRET_KEY: 'envKey' })
    expect(keysOf(parsed)).toEqual({ secretId: 'AKIDexample', secretKey: 'example-key' })
  })

  test('missing credentials say where to put them, and a half pair says which half is missing', () => {
    expect(problem({ 'secret-id': '', 'secret-key': '' }).message).toMatch(/secrets\.TENCENTCLOUD_SECRET_ID/)
    expect(problem({ 'secret-key': '' }).input).toBe('secret-key')
    expect(problem({ 'secret-id': '' }).input).toBe('secret-id')
  })

  test('a secret is masked even when another input is wrong, and no message repeats it', () => {
    const masked: string[] = []
    const values: Record<string, string> = {
      ...ACTION_DEFAULTS,
      'secret-id': 'idSECRET',
      'secret-key': 'keySECRET',
      'certificate-id': '',
      language: 'x'
    }
    expect(() =>
      readInputs(
        (name) => values[name] ?? '',
        {},
        (s) => masked.push(s)
      )
    ).toThrow(expect.objectContaining({ message: expect.not.stringMatching(/SECRET/) }))
    expect(masked).toEqual(['idSECRET', 'keySECRET'])
  })
})

describe('parseEndpoint', () => {
  test.each([
    ['ssl.tencentcloudapi.com', 'https://', 'ssl.tencentcloudapi.com'],
    ['ssl.intl.tencentcloudapi.com:443', 'https://', 'ssl.intl.tencentcloudapi.com'],
    ['https://ssl.tencentcloudapi.com/', 'https://', 'ssl.tencentcloudapi.com'],
    ['HTTPS://ssl.tencentcloudapi.com:8443', 'https://', 'ssl.tencentcloudapi.com:8443'],
    ['http://127.0.0.1:8080', 'http://', '127.0.0.1:8080'],
    ['http://127.1.2.3', 'http://', '127.1.2.3'],
    ['http://localhost:9000', 'http://', 'localhost:9000'],
    ['http://[::1]:9000', 'http://', '[::1]:9000']
  ])('%s → %s%s', (given, protocol, host) => {
    expect(parseEndpoint('endpoint', given)).toEqual({ protocol, host })
  })

  test.each([
    ['http://ssl.tencentcloudapi.com', /only to a loopback host/],
    ['http://127.0.0.1.example.com', /only to a loopback host/],
    ['http://128.0.0.1', /only to a loopback host/],
    ['http://10.0.0.5:8080', /only to a loopback host/],
    ['ftp://ssl.tencentcloudapi.com', /scheme ftp:\/\//],
    ['https://ssl.tencentcloudapi.com/v3', /without a path/],
    ['https://user:pw@ssl.tencentcloudapi.com', /user information/],
    ['', /is empty/],
    ['exa mple', /not a host name/],
    ['ssl..tencentcloudapi.com', /not a valid host name/],
    ['-ssl.tencentcloudapi.com', /not a valid host name/],
    ['ssl_1.tencentcloudapi.com', /not a valid host name/],
    [`${'a'.repeat(64)}.com`, /not a valid host name/]
  ])('%s is refused', (given, message) => {
    expect(() => parseEndpoint('endpoint', given)).toThrow(message)
  })
})
