import {
  FAILURES_IN_MESSAGE,
  failureMessage,
  OUTPUTS_BUDGET_BYTES,
  stepOutputs,
  summaryMarkdown,
  SUMMARY_BUDGET_BYTES
} from '../../src/report/report.js'
import { failed, succeeded } from '../../src/flow/result.js'
import { rendered, visibleText } from '../helpers/markdown.js'

const ok = succeeded('cert1', { OrderId: 'SO1', Status: 8, RequestId: 'req-ok' })
const refused = failed('cert2', {
  code: 'FailedOperation.NoRealNameAuth',
  message: 'You have not completed the identity verification.',
  requestId: 'req-bad'
})

test('one certificate: its fields become the outputs', () => {
  expect(stepOutputs([ok])).toEqual({
    CertificateId: 'cert1',
    DaysLeft: '',
    OrderId: 'SO1',
    Status: '8',
    StatusName: 'Information submitted, confirmation letter pending',
    RequestId: 'req-ok',
    DvAuths: '[]',
    Results: JSON.stringify([ok]),
    ErrorCode: '',
    ResultsFile: '',
    FullchainPath: '',
    PrivateKeyPath: '',
    PfxPath: '',
    NotAfter: '',
    DeployRecordId: '',
    SuccessTotalCount: '',
    FailedTotalCount: '',
    ValidationFiles: '[]',
    ServedHosts: '[]'
  })
})

test('one certificate switched over: the task and its counts become the outputs; the summary lists failures first', () => {
  const resource = (InstanceId: string, Status: number, Outcome: string, ErrorMsg = '') => ({
    Id: Status + 1,
    CertId: 'cert1',
    ResourceType: 'clb',
    Region: 'ap-guangzhou',
    InstanceId,
    InstanceName: '',
    ListenerId: 'lbl-1',
    ListenerName: 'https',
    Domains: ['a.example.com'],
    Status,
    Outcome,
    ErrorMsg
  })
  const switched = {
    ...succeeded('cert1', { OrderId: 'SO1', Status: 1, RequestId: 'req-ok' }),
    Rebind: {
      OldCertificateId: 'old1',
      DeployRecordId: 4242,
      SuccessTotalCount: 1,
      FailedTotalCount: 1,
      Resources: [resource('lb-ok', 1, 'switched'), resource('lb-bad', 2, 'failed', 'no | pipes <b>')]
    }
  }
  expect(stepOutputs([switched])).toMatchObject({
    DeployRecordId: '4242',
    SuccessTotalCount: '1',
    FailedTotalCount: '1'
  })
  const summary = summaryMarkdown([switched])
  expect(summary).toContain('| `cert1` | `old1` | 4242 | 1 | 1 |  |')
  const bad = summary.indexOf(
    '| `cert1` | `clb` | `ap-guangzhou` | `lb-bad` | `lbl-1 https` | `a.example.com` | ❌ failed: no \\| pipes \\<b\\> |'
  )
  const good = summary.indexOf(
    '| `cert1` | `clb` | `ap-guangzhou` | `lb-ok` | `lbl-1 https` | `a.example.com` | ✅ switched |'
  )
  expect(bad).toBeGreaterThan(0)
  expect(good).toBeGreaterThan(bad)
  const nothing = {
    ...switched,
    Rebind: {
      ...switched.Rebind,
      DeployRecordId: 0,
      SuccessTotalCount: 0,
      FailedTotalCount: 0,
      Resources: [],
      Note: 'nothing bound'
    }
  }
  expect(stepOutputs([nothing])).toMatchObject({ DeployRecordId: '', SuccessTotalCount: '0' })
  expect(summaryMarkdown([nothing])).toContain('| `cert1` | `old1` | — | 0 | 0 | nothing bound |')
})

test('one certificate written out: its files and expiry become the outputs, and the summary gives its validity and fingerprint', () => {
  const written = {
    ...succeeded('cert1', { OrderId: 'SO1', Status: 1, RequestId: 'req-ok' }),
    NotBefore: '2026-11-01T10:00:00Z',
    NotAfter: '2027-11-01T10:00:00Z',
    Fingerprint: 'AB'.repeat(32),
    SubjectAltNames: ['shop.example.com'],
    Files: {
      CertificatePath: '/c/cert1/cert.pem',
      ChainPath: '/c/cert1/chain.pem',
      FullchainPath: '/c/cert1/fullchain.pem',
      PfxPath: '/c/cert1/certificate.pfx'
    },
    FilesNote: 'Tencent Cloud holds no private key for it'
  }
  expect(stepOutputs([written])).toMatchObject({
    FullchainPath: '/c/cert1/fullchain.pem',
    PrivateKeyPath: '',
    PfxPath: '/c/cert1/certificate.pfx',
    NotAfter: '2027-11-01T10:00:00Z'
  })
  const notIssued = { ...ok, CertificateId: 'cert3', FilesNote: 'no files: the certificate is not issued' }
  const summary = summaryMarkdown([written, notIssued])
  expect(summary).toContain(
    `| \`cert1\` | \`2026-11-01T10:00:00Z\` | \`2027-11-01T10:00:00Z\` | \`${'AB'.repeat(32)}\` | \`/c/cert1\` | Tencent Cloud holds no private key for it |`
  )
  expect(summary).toContain('| `cert3` | — | — | — | — | no files\\: the certificate is not issued |')
  expect(summaryMarkdown([ok])).not.toContain('Certificate files')
})

test('a failure still sets every output, with the error code', () => {
  const outputs = stepOutputs([refused])
  expect(outputs).toMatchObject({
    OrderId: '',
    Status: '',
    RequestId: 'req-bad',
    ErrorCode: 'FailedOperation.NoRealNameAuth'
  })
  expect(JSON.parse(outputs.Results)).toEqual([
    {
      CertificateId: 'cert2',
      OrderId: '',
      Status: null,
      StatusName: '',
      RequestId: 'req-bad',
      ErrorCode: 'FailedOperation.NoRealNameAuth',
      ErrorMessage: 'You have not completed the identity verification.'
    }
  ])
})

test('several certificates: single-certificate outputs stay empty, ErrorCode is the first failure', () => {
  const outputs = stepOutputs([ok, refused])
  expect(outputs).toMatchObject({
    OrderId: '',
    Status: '',
    StatusName: '',
    RequestId: '',
    DvAuths: '',
    ErrorCode: 'FailedOperation.NoRealNameAuth'
  })
})

test('the failure message names the certificate, code, message, RequestId and what to do', () => {
  expect(failureMessage([ok])).toBeUndefined()
  expect(failureMessage([refused])).toBe(
    'Certificate cert2: FailedOperation.NoRealNameAuth: You have not completed the identity verification. (RequestId req-bad). ' +
      'What to do: complete identity verification (real-name authentication) for the account in the Tencent Cloud console, then re-run the job.'
  )
  const noAnswer = failed('cert3', { code: 'ActionError.Timeout', message: 'network timeout', requestId: '' })
  expect(failureMessage([noAnswer])).toContain('(no RequestId: no answer came)')
})

test('with several certificates, the message starts by naming every failed one with its code', () => {
  const timedOut = failed('cert3', { code: 'ActionError.Timeout', message: 'network timeout', requestId: '' })
  const lines = failureMessage([ok, refused, timedOut])!.split('\n')
  expect(lines[0]).toBe(
    '2 of 3 certificates failed: cert2 (FailedOperation.NoRealNameAuth), cert3 (ActionError.Timeout)'
  )
  expect(lines.slice(1).map((line) => line.split(':')[0])).toEqual(['Certificate cert2', 'Certificate cert3'])
})

test('validation records: a DvAuths output for one certificate, a table in the summary, skipped ones marked', () => {
  const txt = {
    DvAuthKey: '_dnsauth',
    DvAuthValue: 'v1',
    DvAuthDomain: 'example.com',
    DvAuthSubDomain: '_dnsauth',
    DvAuthPath: '',
    DvAuthVerifyType: 'TXT'
  }
  const file = {
    DvAuthKey: 'fileauth.txt',
    DvAuthValue: 'v2',
    DvAuthDomain: 'www.example.com',
    DvAuthSubDomain: '',
    DvAuthPath: '/.well-known/pki-validation/',
    DvAuthVerifyType: 'FILE'
  }
  const withTxt = { ...ok, DvAuths: [txt] }
  expect(JSON.parse(stepOutputs([withTxt]).DvAuths)).toEqual([txt])
  const markdown = summaryMarkdown([withTxt, { ...ok, CertificateId: 'cert5', Skipped: true, DvAuths: [file] }])
  expect(markdown).toContain('| `cert1` | `TXT` | `example.com` | `_dnsauth` | `v1` |')
  expect(markdown).toContain(
    '| `cert5` | `FILE` | `www.example.com` | `/.well-known/pki-validation/fileauth.txt` | `v2` |'
  )
  expect(markdown).toContain('(already submitted, skipped)')
})

test('the summary tabulates every certificate and explains failures, escaping server text', () => {
  const hostile = failed('cert4', { code: 'InternalError', message: '<script>x</script> | pipe', requestId: 'r4' })
  const markdown = summaryMarkdown([ok, hostile])
  expect(markdown).toContain('| `cert1` | `SO1` | 8 Information submitted, confirmation letter pending | `req-ok` |')
  expect(markdown).toContain('| `cert4` | — | ❌ InternalError | `r4` |')
  expect(markdown).not.toContain('<script>')
  expect(markdown).toContain('| `cert4` | `InternalError` | \\<script\\>x\\</script\\> \\| pipe | `r4` |')
  expect(visibleText(markdown)).toContain('<script>x</script> | pipe')
  expect(markdown).toMatch(/### Failed\n\n\*\*What to do:\*\*\n\n- `InternalError`: Tencent Cloud failed internally/)
})

test('an input problem is shown instead of a failure list', () => {
  const markdown = summaryMarkdown([], {
    headline: 'Nothing was sent: the inputs are wrong.',
    message: 'verify-type "x" is not allowed'
  })
  expect(rendered(markdown)).toContain('<strong>Nothing was sent: the inputs are wrong.</strong>')
  expect(visibleText(markdown)).toContain('verify-type "x" is not allowed')
  expect(markdown).not.toContain('| Certificate |')
})

describe("GitHub's limits at any number of certificates", () => {
  const utf16Bytes = (outputs: Record<string, string>) =>
    Object.entries(outputs).reduce((sum, [name, value]) => sum + 2 * (name.length + value.length), 0)
  const record = (i: number) => ({
    DvAuthKey: `_k${i}`.padEnd(255, 'k'),
    DvAuthValue: 'v'.repeat(255),
    DvAuthDomain: 'd'.repeat(255),
    DvAuthSubDomain: 's'.repeat(255),
    DvAuthPath: '',
    DvAuthVerifyType: 'TXT'
  })

  test('2,000 certificates with the most records a result can hold: Results is cut to fit, and says how many it left out', () => {
    const results = Array.from({ length: 2000 }, (_, i) => ({
      ...ok,
      CertificateId: `c${i}`,
      DvAuths: Array.from({ length: 100 }, (_, j) => record(j))
    }))
    const outputs = stepOutputs(results, '/tmp/results.json')
    expect(utf16Bytes(outputs)).toBeLessThanOrEqual(OUTPUTS_BUDGET_BYTES)
    const parsed = JSON.parse(outputs.Results) as Record<string, unknown>[]
    const marker = parsed.at(-1)!
    expect(marker).toEqual({ Truncated: true, Omitted: 2000 - (parsed.length - 1), ResultsFile: '/tmp/results.json' })
    expect(parsed.slice(0, -1).map((r) => r.CertificateId)).toEqual(
      results.slice(0, parsed.length - 1).map((r) => r.CertificateId)
    )
    const markdown = summaryMarkdown(results, undefined, '/tmp/results.json')
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES)
    expect(markdown).toMatch(
      /_\d+ more lines did not fit in the job summary; the file named by the ResultsFile output \(`\/tmp\/results.json`\) holds every result._/
    )
  })

  test('5,000 failures with long messages: a bounded message naming the first ones, failures first in the summary, advice once per code', () => {
    const failures = Array.from({ length: 5000 }, (_, i) =>
      failed(`c${i}`, {
        code: i % 2 ? 'InternalError' : 'FailedOperation.NetworkError',
        message: 'm'.repeat(1000),
        requestId: `r${i}`
      })
    )
    expect(utf16Bytes(stepOutputs(failures, 'f'))).toBeLessThanOrEqual(OUTPUTS_BUDGET_BYTES)
    const message = failureMessage(failures)!
    expect(message.length).toBeLessThan(20_000)
    const lines = message.split('\n')
    expect(lines[0]).toMatch(
      new RegExp(
        `^5000 of 5000 certificates failed: c0 \\(FailedOperation.NetworkError\\), .* … and ${5000 - FAILURES_IN_MESSAGE} more$`
      )
    )
    expect(lines.filter((line) => line.startsWith('Certificate '))).toHaveLength(FAILURES_IN_MESSAGE)
    expect(lines.at(-1)).toBe('The job summary and the file named by the ResultsFile output list all 5000.')

    const markdown = summaryMarkdown(failures, undefined, 'f')
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES)
    expect(markdown.indexOf('### Failed')).toBeLessThan(markdown.indexOf('more lines did not fit'))
    expect(markdown).toContain('**5000 certificates: 0 submitted, 5000 failed.**')
    expect(markdown.match(/^- `InternalError`: /gm)).toHaveLength(1)
  })

  test('a summary that fits is not cut', () => {
    expect(summaryMarkdown([ok, refused], undefined, 'f')).not.toContain('did not fit')
  })
})

describe('server text in the summary renders as text: no link, image, HTML or broken table', () => {
  const HOSTILE = [
    '[click](https://evil.example/a)',
    '![x](https://evil.example/i.png)',
    'https://evil.example/b',
    'www.evil.example',
    'mail@evil.example',
    '<https://evil.example/c>',
    '<img src=x onerror=alert(1)>',
    '**bold** _em_ ~~gone~~',
    '`` ` ``` a \\| b |'
  ].join(' ')
  const resource = {
    Id: 1,
    CertId: HOSTILE,
    ResourceType: `clb ${HOSTILE}`,
    Region: HOSTILE,
    InstanceId: HOSTILE,
    InstanceName: HOSTILE,
    ListenerId: HOSTILE,
    ListenerName: '',
    Domains: [HOSTILE, 'www.example.com'],
    Status: 2,
    Outcome: 'failed',
    ErrorMsg: HOSTILE
  }
  const record = {
    DvAuthKey: HOSTILE,
    DvAuthValue: HOSTILE,
    DvAuthDomain: HOSTILE,
    DvAuthSubDomain: HOSTILE,
    DvAuthPath: '',
    DvAuthVerifyType: 'TXT'
  }
  const result = {
    ...failed(
      'cert-h',
      { code: `InternalError ${HOSTILE}`, message: HOSTILE, requestId: HOSTILE },
      { OrderId: HOSTILE, Status: 1 }
    ),
    DvAuths: [record],
    FilesNote: HOSTILE,
    Rebind: {
      OldCertificateId: HOSTILE,
      DeployRecordId: 7,
      SuccessTotalCount: 0,
      FailedTotalCount: 1,
      Resources: [resource],
      Note: HOSTILE
    }
  }

  test('in every table and field', () => {
    const markdown = summaryMarkdown([result, ok])
    const html = rendered(markdown)
    expect(html).not.toMatch(/<a\b|<img\b|<strong>bold|<em>em|<s>gone|<script/)
    // Each table keeps its columns: no pipe or backtick of the text split a cell or closed a code span.
    for (const table of html.split('<table>').slice(1)) {
      const [head, body = ''] = table.split('<tbody>')
      const columns = (head.match(/<th\b/g) ?? []).length
      for (const row of body.split('</tr>').filter((r) => r.includes('<td')))
        expect((row.match(/<td\b/g) ?? []).length).toBe(columns)
    }
    const visible = visibleText(markdown)
    expect(visible).toContain(HOSTILE)
    expect(visible.split(HOSTILE).length - 1).toBeGreaterThanOrEqual(10)
  })

  test('in a step problem', () => {
    const markdown = summaryMarkdown([], { headline: 'Signing in failed.', message: `# ${HOSTILE}` })
    expect(rendered(markdown)).not.toMatch(/<a\b|<img\b|<h1|<strong>bold/)
    expect(visibleText(markdown)).toContain(`# ${HOSTILE}`)
  })
})
