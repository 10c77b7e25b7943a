import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ActionErrorCode } from '../../src/api/errors.js'
import { CAM_ACTIONS } from '../../src/api/hints.js'
import { ADVICE, hasAdvice, hintFor } from '../../src/report/advice.js'
import { errorAreas, errorSectionsMarkdown } from '../../script/error-table-rows.js'
import { actionSpec } from '../../sandbox/api-spec.js'
import { ROOT } from '../../sandbox/run-action.js'
import { SSL_CALLS, STS_CALLS } from '../../src/api/calls.js'

describe('hintFor', () => {
  test.each([
    ['FailedOperation.NoRealNameAuth', /identity verification/],
    ['FailedOperation.AuthError', /ssl:CommitCertificateInformation/],
    ['AuthFailure.UnauthorizedOperation', /ssl:CommitCertificateInformation/],
    ['UnauthorizedOperation', /ssl:CommitCertificateInformation/],
    ['FailedOperation.CertificateNotFound', /certificate-id .* account/],
    ['FailedOperation.CertificateInvalid', /console/],
    ['FailedOperation.InvalidCertificateStatusCode', /not pending submission/],
    ['FailedOperation.CertificateInfoSubmitStatusInvalid', /information is missing.*set domain/],
    ['ActionError.DomainMismatch', /certificate-id and domain do not pair up/],
    ['ActionError.CompanyNotFound', /company-id/],
    ['ActionError.ManagerNotFound', /manager-id/],
    ['ActionError.ManagerNotVerified', /verified/],
    ['FailedOperation.CertificateOrderSubmitProcessing', /earlier submission/],
    ['FailedOperation.CertificatePreVerifyEmailInvalid', /e-mail/],
    ['FailedOperation', /without a reason code/],
    ['FailedOperation.InvalidParam', /verify-type/],
    ['FailedOperation.NetworkError', /later/],
    ['FailedOperation.CannotGetOrder', /busy or briefly unavailable/],
    ['ResourceUnavailable.Whatever', /busy or briefly unavailable/],
    ['FailedOperation.NoProjectPermission', /project/],
    ['InternalError', /RequestId/],
    ['InternalError.BackendResponseError', /RequestId/],
    ['RequestLimitExceeded', /10 requests per second/],
    ['LimitExceeded.RateLimitExceeded', /rate limit/],
    ['AuthFailure.SignatureFailure', /secret-key/],
    ['AuthFailure.SecretIdNotFound', /secret-id/],
    ['AuthFailure.SignatureExpire', /clock/],
    ['AuthFailure.TokenFailure', /session-token/],
    ['AuthFailure.MFAFailure', /MFA/],
    ['IpInBlacklist', /blocked/],
    ['IpNotInWhitelist', /allowlist/],
    ['ActionOffline', /offline/],
    ['NoSuchProduct', /ssl.tencentcloudapi.com/],
    ['UnsupportedRegion', /region/],
    [ActionErrorCode.Timeout, /request-timeout/],
    ['InvalidParameter.WebIdentityTokenError', /trust policy/],
    ['ResourceNotFound.RoleNotFound', /role-arn/],
    ['InvalidParameter.ParamError', /role-duration-seconds/],
    ['InvalidParameter', /check certificate-id and verify-type/],
    [ActionErrorCode.OidcTokenUnavailable, /id-token: write/],
    ['ActionError.OutcomeUnknown', /skip-submitted: true/],
    ['ActionError.IssuanceFailed', /StatusMsg/],
    ['ActionError.ConfirmationLetterPending', /confirmation letter/],
    ['ActionError.NotSubmitted', /did not go through/],
    ['ActionError.WaitTimeout', /wait-timeout/],
    [ActionErrorCode.InvalidInput, /nothing was sent/],
    [ActionErrorCode.TlsFailed, /NODE_EXTRA_CA_CERTS/]
  ])('%s → %s', (code, hint) => expect(hintFor(code)).toMatch(hint))

  test("STS's UnauthorizedOperation is about the role's trust policy, the SSL API's about CAM permissions", () => {
    expect(hintFor('UnauthorizedOperation', 'sts')).toMatch(/trust policy/)
    expect(hintFor('UnauthorizedOperation', 'ssl')).toMatch(/ssl:CommitCertificateInformation/)
    expect(hintFor('InternalError.GetRoleError', 'sts')).toMatch(/internally/)
  })

  test('an unknown code still says what to do', () => {
    expect(hintFor('Something.New')).toMatch(/RequestId/)
    expect(hasAdvice('Something.New')).toBe(false)
  })
})

// Every call the action declares: a new one is held to this without a line here.
const DECLARED = [
  ...[...new Set(Object.values(SSL_CALLS).map((call) => call.action))].map((action) => [action, 'ssl'] as const),
  ...Object.values(STS_CALLS).map((call) => [call.action, 'sts'] as const)
]

test.each(DECLARED)('every documented code of %s has advice of its own', (action, service) => {
  const codes = actionSpec(action).errorCodes
  expect(codes.length).toBeGreaterThan(0)
  expect(codes.filter((code) => !hasAdvice(code, service, action))).toEqual([])
})

// Codes about the account as a whole (permissions, identity, a project), and internal errors: the same for every call.
const ACCOUNT_LEVEL = new Set([
  'FailedOperation.AuthError',
  'FailedOperation.NoProjectPermission',
  'FailedOperation.NoRealNameAuth',
  'InternalError'
])
const INFORMATION_INPUT =
  /\b(domain|other-domains|company-id|manager-id|contact-email|csr|key-algorithm|information|certificate-id)\b/

test.each(['CertificateInfoSubmit', 'DescribeCompanies', 'DescribeManagers'])(
  "every documented code of %s names the input to change, but the account's own",
  (action) => {
    const codes = actionSpec(action).errorCodes.filter((code) => !ACCOUNT_LEVEL.has(code))
    const vague = codes.filter((code) => !INFORMATION_INPUT.test(hintFor(code, 'ssl', action)))
    expect(vague).toEqual([])
    // And a call's own advice, not the submit APIs' reading of the same code.
    for (const code of codes) expect(hintFor(code, 'ssl', action)).not.toBe(hintFor(code, 'ssl'))
  }
)

test("docs/troubleshooting.md's error sections are the code's own, one heading per area", () => {
  const page = readFileSync(join(ROOT, 'docs', 'troubleshooting.md'), 'utf8')
  const section = page.slice(
    page.indexOf('<!-- error-table:start -->') + '<!-- error-table:start -->'.length,
    page.indexOf('<!-- error-table:end -->')
  )
  const words = (text: string): string => text.replace(/\s+/g, ' ').trim()
  expect(words(section)).toBe(words(errorSectionsMarkdown()))
  // Every code the action has advice for is on the page, under one of its areas.
  const listed = errorAreas().flatMap(({ entries }) => entries.flatMap((entry) => entry.codes))
  expect(new Set(listed)).toEqual(new Set(ADVICE.flatMap((advice) => advice.codes)))
})

test('the Chinese troubleshooting page covers every code the action has advice for', () => {
  const page = readFileSync(join(ROOT, 'docs', 'zh-CN', 'troubleshooting.md'), 'utf8')
  const missing = ADVICE.flatMap((advice) => advice.codes).filter((code) => !page.includes(`\`${code}\``))
  expect(missing).toEqual([])
})

describe('advice agrees with each code’s documented meaning', () => {
  test.each([
    [
      'FailedOperation.CertificateHostDeployCanNotAllow',
      'UpdateCertificateInstance',
      /may not use one-click update|not allow this certificate to use one-click update/
    ],
    ['FailedOperation.CertificateMatchError', 'UpdateCertificateInstance', /does not match its private key/],
    [
      'FailedOperation.CertificateHostResourceInnerInterrupt',
      'UpdateCertificateInstance',
      /internal one with too many resources/
    ],
    ['FailedOperation.CertificateInvalid', 'UpdateCertificateInstance', /not up to standard/],
    [
      'FailedOperation.CertificateInfoSubmitStatusInvalid',
      'CertificateOrderSubmit',
      /state does not take this submission/
    ],
    [
      'FailedOperation.CertificateInfoSubmitStatusInvalid',
      'CommitCertificateInformation',
      /state does not take this submission/
    ],
    [
      'FailedOperation.CertificateNotFound',
      'ModifyCertificatesExpiringNotificationSwitch',
      /expiry notices could not be turned off/
    ],
    ['FailedOperation', 'ModifyCertificatesExpiringNotificationSwitch', /expiry notices could not be turned off/],
    ['InvalidParameter.CertificatesNumberExceeded', 'ModifyCertificatesExpiringNotificationSwitch', /expiry notices/],
    ['InvalidParameter.RenewCsrInvalid', 'CertificateInfoSubmit', /cannot be reused/],
    ['InvalidParameter.RenewGenCsrMethodInvalid', 'CertificateInfoSubmit', /cannot be reused/],
    [
      'FailedOperation.OrderAlreadyReplaced',
      'DownloadCertificate',
      /ReplacedFor names it \(ReplacedBy names the original/
    ]
  ])('%s from %s', (code, call, meaning) => {
    expect(hintFor(code, 'ssl', call)).toMatch(meaning)
  })

  test('no advice tells the user to buy again', () => {
    for (const advice of ADVICE)
      expect(advice.hint).not.toMatch(
        /\b(buy|purchase) (it |the certificate )?again\b|apply for the certificate again/i
      )
  })

  test("RenewalMissing never says 'renew in the console' without saying where a renewal was looked for", () => {
    expect(hintFor('ActionError.RenewalMissing')).toMatch(/where the message says it looked.*ssl:DescribeCertificates/)
  })
})

test.each(['README.md', 'README.zh-CN.md'])('%s: the CAM policy names every action the call table calls', (name) => {
  const readme = readFileSync(join(ROOT, name), 'utf8')
  const policy = /```json\n(\{[\s\S]*?"statement"[\s\S]*?\})\n```/.exec(readme)
  expect(policy).not.toBeNull()
  const actions = (JSON.parse(policy![1]) as { statement: { action: string[] }[] }).statement.flatMap((s) => s.action)
  expect([...new Set(actions)].sort()).toEqual([...CAM_ACTIONS].sort())
})
