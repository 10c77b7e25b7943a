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
    Results: JSON.stringify([ok]),
    ErrorCode: ''
  })
})

test('a failure still sets every output, with the error code', () => {
  const outputs = stepOutputs([refused])
  expect(outputs).toMatchObject({ OrderId: '', Status: '', RequestId: 'req-bad', ErrorCode: 'FailedOperation.NoRealNameAuth' })
  expect(JSON.parse(outputs.Results)).toEqual([
    { CertificateId: 'cert2', OrderId: '', Status: null, StatusName: '', RequestId: 'req-bad', ErrorCode: 'FailedOperation.NoRealNameAuth', ErrorMessage: 'You have not completed the identity verification.' }
  ])
})

test('several certificates: single-certificate outputs stay empty, ErrorCode is the first failure', () => {
  const outputs = stepOutputs([ok, refused])
  expect(outputs).toMatchObject({ OrderId: '', Status: '', StatusName: '', RequestId: '', ErrorCode: 'FailedOperation.NoRealNameAuth' })
})

test('the failure message names the certificate, code, message, RequestId and what to do', () => {
  expect(failureMessage([ok])).toBeUndefined()
  expect(failureMessage([ok, refused])).toBe(
    'Certificate cert2: FailedOperation.NoRealNameAuth: You have not completed the identity verification. (RequestId req-bad). ' +
      'What to do: complete identity verification (real-name authentication) for the account in the Tencent Cloud console, then re-run the job.'
  )
  const noAnswer = failed('cert3', { code: 'ActionError.Timeout', message: 'network timeout', requestId: '' })
  expect(failureMessage([noAnswer])).toContain('(no RequestId: no answer came)')
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
