import { failureMessage, stepOutputs, summaryMarkdown } from '../src/report.js'
import { failed, succeeded } from '../src/results.js'

const ok = succeeded('cert1', { OrderId: 'SO1', Status: 8, RequestId: 'req-ok' })
const refused = failed('cert2', { code: 'FailedOperation.NoRealNameAuth', message: 'You have not completed the identity verification.', requestId: 'req-bad' })

test('one certificate: its fields become the outputs', () => {
  expect(stepOutputs([ok])).toEqual({
    OrderId: 'SO1',
    Status: '8',
    StatusName: 'Information submitted, confirmation letter pending',
    RequestId: 'req-ok',
    DvAuths: '[]',
    Results: JSON.stringify([ok]),
    ErrorCode: ''
  })
})

test('a failure still sets every output, with the error code', () => {
  const outputs = stepOutputs([refused])
  expect(outputs).toMatchObject({ OrderId: '', Status: '', RequestId: 'req-bad', ErrorCode: 'FailedOperation.NoRealNameAuth' })
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
  expect(outputs).toMatchObject({ OrderId: '', Status: '', StatusName: '', RequestId: '', DvAuths: '', ErrorCode: 'FailedOperation.NoRealNameAuth' })
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
  expect(lines[0]).toBe('2 of 3 certificates failed: cert2 (FailedOperation.NoRealNameAuth), cert3 (ActionError.Timeout)')
  expect(lines.slice(1).map((line) => line.split(':')[0])).toEqual(['Certificate cert2', 'Certificate cert3'])
})

test('validation records: a DvAuths output for one certificate, a table in the summary, skipped ones marked', () => {
  const txt = { DvAuthKey: '_dnsauth', DvAuthValue: 'v1', DvAuthDomain: 'example.com', DvAuthSubDomain: '_dnsauth', DvAuthPath: '', DvAuthVerifyType: 'TXT' }
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
  expect(markdown).toContain('| `cert1` | TXT | `example.com` | `_dnsauth` | `v1` |')
  expect(markdown).toContain('| `cert5` | FILE | `www.example.com` | `/.well-known/pki-validation/fileauth.txt` | `v2` |')
  expect(markdown).toContain('(already submitted, skipped)')
})

test('the summary tabulates every certificate and explains failures, escaping server text', () => {
  const hostile = failed('cert4', { code: 'InternalError', message: '<script>x</script> | pipe', requestId: 'r4' })
  const markdown = summaryMarkdown([ok, hostile])
  expect(markdown).toContain('| `cert1` | `SO1` | 8 Information submitted, confirmation letter pending | `req-ok` |')
  expect(markdown).toContain('| `cert4` | — | ❌ InternalError | `r4` |')
  expect(markdown).toContain('&#60;script&#62;x&#60;/script&#62; \\| pipe')
  expect(markdown).not.toContain('<script>')
  expect(markdown).toMatch(/\*\*What to do:\*\* Tencent Cloud failed internally/)
})

test('an input problem is shown instead of a failure list', () => {
  const markdown = summaryMarkdown([], 'verify-type "x" is not allowed')
  expect(markdown).toContain('Nothing was sent')
  expect(markdown).toContain('verify-type "x" is not allowed')
  expect(markdown).not.toContain('| Certificate |')
})
