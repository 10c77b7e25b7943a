import { ActionErrorCode } from './errors.js'
import { SSL_CALLS } from './calls.js'

/** Which API a failure came from: the same code can mean different things (UnauthorizedOperation, say). */
export type Service = 'ssl' | 'sts'

/** What to do about one or more error codes. The README's error table is generated from this list, and checked. */
export interface Advice {
  codes: readonly string[]
  /** Also every code below these: `InternalError.*`. */
  family?: true
  /** Only for failures from this service; entries without one apply to every service. */
  service?: Service
  /** Only for failures of these API actions: the same code can point at different inputs in different calls. */
  calls?: readonly string[]
  /** A code the action reports as a certificate's outcome, not a call that could be retried. */
  outcome?: true
  /** What the README says about retrying, where the classification alone does not tell the whole story. */
  retryNote?: string
  hint: string
}

/** Every CAM action the action may call, from the call table: the README's policy lists the same, and a test holds it. */
export const CAM_ACTIONS: readonly string[] = [...new Set(Object.values(SSL_CALLS).map((call) => `ssl:${call.action}`))]
const SUBMIT_PERMISSIONS = `the actions the message names, of those the README's CAM policy lists (${CAM_ACTIONS.join(', ')}); keep only the submit API submit-api uses`
export const RE_RUN = 're-run with skip-submitted: true, which reads each certificate first and never submits one twice'
export const RE_FETCH =
  "re-run with skip-submitted: true to fetch it again; if it persists, quote the RequestId in a ticket and deploy from the console's download meanwhile."

/** The calls of a bought certificate's information, for domain and its companions. */
const DIRECTORY_CALLS = ['DescribeCompanies', 'DescribeManagers']
const INFORMATION_INPUTS =
  'domain, other-domains, company-id, manager-id, contact-email, csr, key-algorithm and information'

/** The calls of replace-certificate-id's switch. */
const SWITCH_CALLS = ['UpdateCertificateInstance', 'DescribeHostUpdateRecord', 'DescribeHostUpdateRecordDetail']

/** The first entry that matches wins: specific codes, calls and services come before families. */
/** The API layer's advice: Tencent Cloud's codes, and the action's own codes of calls, inputs and the job. */
export const API_ADVICE: readonly Advice[] = [
  // The expiry notices switch: its own codes come before the general entries for the same codes.
  {
    codes: ['FailedOperation', 'FailedOperation.CertificateNotFound', 'InvalidParameter.CertificatesNumberExceeded'],
    calls: ['ModifyCertificatesExpiringNotificationSwitch'],
    hint: "the renewal is in service, but the old certificate's expiry notices could not be turned off (not found, or refused): turn them off on its page in the SSL Certificates console, or drop disable-old-expiry-notices; the switch itself is done."
  },
  // A renewal's information reusing the CSR of the certificate it renews.
  {
    codes: ['InvalidParameter.RenewCsrInvalid', 'InvalidParameter.RenewGenCsrMethodInvalid'],
    calls: ['CertificateInfoSubmit'],
    hint: "Tencent Cloud refused the renewal's key: the CSR of the certificate it renews cannot be reused (or not with this CSR method); give csr with a new CSR for the same names, or key-algorithm to have Tencent Cloud make a new key; nothing reached the CA."
  },
  // The submit APIs' CertificateInfoSubmitStatusInvalid: "the certificate's state does not take information".
  {
    codes: ['FailedOperation.CertificateInfoSubmitStatusInvalid'],
    calls: ['CommitCertificateInformation', 'CertificateOrderSubmit'],
    hint: "Tencent Cloud says the certificate's state does not take this submission (当前证书状态不可以提交资料): a bought certificate waits in status 5 for its information first, so set domain (with contact-email, or company-id) and the action submits it before the order, or fill it in on the SSL Certificates console; a certificate past that state needs no submission (skip-submitted: true)."
  },
  // The switch's CertificateInvalid: the new certificate is not up to standard for the resources.
  {
    codes: ['FailedOperation.CertificateInvalid'],
    calls: SWITCH_CALLS,
    hint: "Tencent Cloud says the new certificate is not up to standard for a switch (证书不符合标准): check its type, key algorithm and chain on its page in the SSL Certificates console (an SM2 or client certificate cannot serve these resources), and that the resources' product accepts it."
  },
  // Codes whose meaning depends on the call: the switch's parameters are replace-certificate-id and resource-*.
  {
    codes: ['FailedOperation.InvalidParam', 'InvalidParameter.WithDetailReason', 'FailedOperation.CertificateNotFound'],
    calls: SWITCH_CALLS,
    hint: "Tencent Cloud refused the switch's parameters: check replace-certificate-id (each certificate paired with the one it replaces, both in this account), resource-types, and resource-regions (every region each regional kind is in); the message names the one it refused."
  },
  // CertificateInfoSubmit's codes point at the inputs of the information.
  {
    codes: ['FailedOperation.CertificateInfoSubmitContactEmailEmpty'],
    calls: ['CertificateInfoSubmit'],
    hint: 'a personal certificate (no company-id) needs a contact e-mail: set contact-email, or set company-id for a company certificate.'
  },
  {
    codes: ['FailedOperation.CertificateInfoSubmitDomainInvalid'],
    calls: ['CertificateInfoSubmit'],
    hint: "Tencent Cloud refused the certificate's names: correct domain (and other-domains) to names this certificate's type covers (a single-domain certificate takes no other-domains, a wildcard one *.example.com)."
  },
  {
    codes: ['FailedOperation.CertificateInfoSubmitStatusInvalid', 'FailedOperation.InvalidCertificateStatusCode'],
    calls: ['CertificateInfoSubmit'],
    hint: 'the certificate no longer takes information (it is past status 5, or cancelled): check that certificate-id names the bought certificate and that domain pairs with it, or drop domain for a certificate whose information is on file.'
  },
  {
    codes: ['FailedOperation.CertificateNotFound'],
    calls: ['CertificateInfoSubmit'],
    hint: 'check certificate-id (the bought certificate whose information domain gives) and that the key belongs to the account that owns it.'
  },
  {
    codes: ['FailedOperation.CertificateOrderSubmitRootCAInvalid'],
    calls: ['CertificateInfoSubmit'],
    hint: "the CA's root was refused for this certificate: drop CaType and UseCrossSignRoot from information (or use the values the certificate's brand takes)."
  },
  {
    codes: ['FailedOperation.CertificateSubmitHostingCertError'],
    calls: ['CertificateInfoSubmit'],
    hint: 'the certificate is hosted by Tencent Cloud (托管), which submits its information itself: drop domain and its companions for it, or check certificate-id.'
  },
  {
    codes: ['FailedOperation.ExceedsFreeLimit'],
    calls: ['CertificateInfoSubmit'],
    hint: 'certificate-id names a free certificate over the free-certificate limit, not a bought one: check certificate-id, or drop domain for it.'
  },
  {
    codes: ['InvalidParameter.RenewAlgorithmInvalid'],
    calls: ['CertificateInfoSubmit'],
    hint: "a renewal keeps the key algorithm of the certificate it renews: set key-algorithm (or csr's key) to the one the old certificate has."
  },
  {
    codes: ['FailedOperation.InvalidParam', 'FailedOperation'],
    calls: ['CertificateInfoSubmit'],
    hint: `Tencent Cloud refused the certificate's information: the message names the field; correct the input that sets it (${INFORMATION_INPUTS}). Nothing reached the CA.`
  },
  {
    codes: ['FailedOperation', 'FailedOperation.InvalidParam', 'InvalidParameter', 'InvalidParameterValue'],
    family: true,
    calls: DIRECTORY_CALLS,
    hint: "Tencent Cloud refused to list the companies or managers on file: check company-id and manager-id (the numbers on the SSL Certificates console's company and manager pages); nothing was submitted."
  },
  // Domain validation while waiting: what these answer is said in the log, never a failure of its own.
  {
    codes: ['FailedOperation.CertificateStatusNotAllowVerify'],
    outcome: true,
    hint: "the certificate's state allows no domain check (it is not waiting for validation): the action stops checking it and goes on waiting; nothing to do."
  },
  {
    codes: ['FailedOperation.CertificateNotFoundOrAudited'],
    outcome: true,
    hint: 'the CA has already reviewed the certificate (or it is not found), so it cannot be asked to check now: a note, not a failure; check certificate-id if it persists.'
  },
  // The submit and read APIs' documented codes.
  {
    codes: ['FailedOperation.NoRealNameAuth'],
    hint: 'complete identity verification (real-name authentication) for the account in the Tencent Cloud console, then re-run the job.'
  },
  {
    codes: ['FailedOperation.AuthError', 'FailedOperation.CAMAuthorizedFail'],
    hint: `the CAM policy of the key (or role) must allow ${SUBMIT_PERMISSIONS}; grant it in CAM, then re-run.`
  },
  {
    codes: ['FailedOperation.NoProjectPermission'],
    hint: 'give the CAM user or role access to the project the certificate belongs to, then re-run.'
  },
  {
    codes: ['FailedOperation.CertificateNotFound'],
    hint: 'check certificate-id and that the key belongs to the Tencent Cloud account that owns the certificate.'
  },
  {
    codes: ['FailedOperation.CertificateInvalid'],
    hint: 'the certificate cannot take an order in its current form; check it in the SSL Certificates console (type, domain, payment).'
  },
  {
    codes: ['FailedOperation.InvalidCertificateStatusCode'],
    hint: 'the certificate is not pending submission (already submitted, issued or cancelled); check its status in the SSL Certificates console. This run submitted nothing.'
  },
  {
    codes: ['FailedOperation.CertificateInfoSubmitStatusInvalid'],
    hint: "the order was refused because the certificate's information is missing (a bought certificate waits in status 5 for its domain, key and contacts): set domain (with contact-email, or company-id) so that the action submits it before the order, or fill it in on the SSL Certificates console."
  },
  {
    codes: ['FailedOperation.CertificateOrderSubmitProcessing'],
    retryNote: 'not submitted again: read back until it settles',
    hint: `Tencent Cloud is still processing an earlier submission of this certificate and it did not settle within max-attempts reads; wait a few minutes, then ${RE_RUN}.`
  },
  {
    codes: ['FailedOperation.CertificatePreVerifyEmailInvalid'],
    hint: "the CA's pre-verification e-mail address is not valid: correct the certificate's contact information in the SSL Certificates console, then re-run."
  },
  {
    codes: ['FailedOperation.CertificateCsrParseFailed'],
    hint: "Tencent Cloud could not parse the certificate's CSR: check or replace the CSR on the certificate's page in the SSL Certificates console."
  },
  // DownloadCertificate's own documented codes.
  {
    codes: ['FailedOperation.OrderAlreadyReplaced', 'FailedOperation.OrderReplaceFailed'],
    hint: "the certificate was replaced (reissued) by another: use the reissued certificate's ID as certificate-id: CertificateExtra.ReplacedFor names it (ReplacedBy names the original of a reissue), as does its page in the SSL Certificates console."
  },
  {
    codes: ['FailedOperation.CertificateMismatch'],
    hint: 'Tencent Cloud reports that the certificate does not match its key or order: check it on its page in the SSL Certificates console, and quote the RequestId in a ticket.'
  },
  {
    codes: [
      'FailedOperation.CancelOrderFailed',
      'FailedOperation.CannotBeDeletedIssued',
      'FailedOperation.CannotBeDeletedWithinHour',
      'FailedOperation.ExceedsFreeLimit'
    ],
    hint: "Tencent Cloud refused the download with a code about the certificate's order (cancelled, deleted, over the free-certificate limit): check its page in the SSL Certificates console, and quote the RequestId in a ticket if it is unclear."
  },
  // UpdateCertificateInstance and the switch records, for replace-certificate-id.
  {
    codes: ['FailedOperation.RoleNotFoundAuthorization'],
    hint: "the SSL service's role is not authorised to change other products' resources: open the SSL Certificates console, start a one-click update (云资源一键更新) once and accept the service role authorisation (SSL_QCSLinkedRoleInReplaceLoadCertificate) it asks for, or create that role in CAM > Roles; then re-run."
  },
  {
    codes: ['FailedOperation.CertificateDeployInstanceEmpty'],
    outcome: true,
    hint: 'nothing of resource-types is bound to the old certificate (in resource-regions): usually a re-run after a switch that succeeded; the action reports it as a notice, not a failure. Otherwise check replace-certificate-id, resource-types and resource-regions.'
  },
  {
    codes: ['FailedOperation.CertificateDeployHasPendingRecord'],
    retryNote: 'waits for it within rebind-timeout',
    hint: "another switch of the old certificate's resources was still running when rebind-timeout passed: let it finish (SSL Certificates console > its update records), then re-run with skip-submitted: true."
  },
  {
    codes: ['FailedOperation.CertificateDeployNotExist'],
    hint: 'Tencent Cloud no longer knows the switch task: re-run with skip-submitted: true, which starts a new one only for resources still bound to the old certificate.'
  },
  {
    codes: ['FailedOperation.CertificateNotAvailable', 'FailedOperation.CertificateNotDeployInstance'],
    hint: 'the new certificate cannot be deployed yet (not issued, or not deployable): check its status and type in the SSL Certificates console; rebinding needs wait-for-issuance: true or a certificate already issued.'
  },
  {
    codes: ['FailedOperation.CertificateMatchError'],
    hint: 'Tencent Cloud says the certificate does not match its private key (证书内容和私钥不匹配): the certificate it holds is broken, not the pairing; check it on its page in the SSL Certificates console (a certificate uploaded with the wrong key, or with spaces added), and quote the RequestId in a ticket.'
  },
  {
    codes: ['InvalidParameterValue.IntermediateCertNotSame'],
    hint: "Tencent Cloud refused to switch because the new certificate's intermediate CA is not the old one's, which this product requires: check that replace-certificate-id pairs each certificate with one of the same brand, or switch that resource in its own console."
  },
  {
    codes: ['FailedOperation.CertificateHostResourceTypeInvalid'],
    hint: 'a kind in resource-types is not supported for this certificate or account: check resource-types.'
  },
  {
    codes: ['FailedOperation.CertificateHostDeployCanNotAllow'],
    hint: "Tencent Cloud does not allow this certificate to use one-click update (当前证书不允许使用一键更新的功能): deploy it to each resource in that product's own console (or with its API), and drop resource-types for it."
  },
  {
    codes: ['FailedOperation.CertificateHostResourceInstanceHugeLimit'],
    hint: "the account has too many instances for Tencent Cloud to load at once: switch fewer kinds or regions per step (resource-types, resource-regions), or change the loading method in the SSL Certificates console's one-click update."
  },
  {
    codes: ['FailedOperation.CertificateHostResourceInnerInterrupt'],
    hint: 'Tencent Cloud treats the account as an internal one with too many resources for one-click update (当前为内部账号): the switch cannot run for it; ask SSL Certificates support to handle it, quoting the RequestId. Re-running does not help.'
  },
  {
    codes: ['FailedOperation.CertificateExists', 'FailedOperation.CertificateParseError'],
    hint: 'Tencent Cloud refused the certificate for the switch (a duplicate, or one it cannot parse): check both certificates in the SSL Certificates console.'
  },
  {
    codes: ['ResourceNotFound.Manager'],
    hint: "the certificate's company manager was not found: check the manager information in the SSL Certificates console."
  },
  {
    codes: ['FailedOperation.InvalidParam'],
    hint: 'check certificate-id and verify-type (DNS_AUTO, DNS or FILE; DNS_AUTO needs the domain hosted on Tencent Cloud DNS in the same account).'
  },
  {
    codes: ['FailedOperation.NetworkError'],
    hint: 'the CA was busy for every attempt; re-run the job later or raise max-attempts.'
  },
  {
    codes: ['FailedOperation.SystemError'],
    hint: 'Tencent Cloud failed for every attempt; re-run later (a submission is read back first, never sent twice), and quote the RequestId in a ticket if it persists.'
  },
  {
    codes: [
      'FailedOperation.CannotGetOrder',
      'ResourceUnavailable',
      'ServiceUnavailable',
      'ResourceBusy',
      'ResourceInUse'
    ],
    family: true,
    hint: 'Tencent Cloud was busy or briefly unavailable for every attempt; re-run later or raise max-attempts.'
  },
  {
    codes: ['FailedOperation'],
    hint: "Tencent Cloud refused the operation without a reason code: read the message, check the certificate's page in the SSL Certificates console, and quote the RequestId in a ticket if it is unclear."
  },
  // STS, for keyless sign-in.
  {
    codes: ['UnauthorizedOperation'],
    service: 'sts',
    family: true,
    hint: "STS refused to let this job assume the role: the role's trust policy must name the OIDC identity provider (oidc-provider-id) and allow this repository and branch in its oidc:sub condition (and the audience in oidc:aud)."
  },
  {
    codes: ['InvalidParameter.WebIdentityTokenError'],
    hint: "STS rejected the GitHub OIDC token: check that the CAM identity provider (oidc-provider-id) has the issuer https://token.actions.githubusercontent.com and the client ID oidc-audience, and that the role's trust policy allows this repository and branch (its sub condition)."
  },
  {
    codes: ['InvalidParameter.ParamError'],
    hint: "STS refused a parameter: check role-arn, oidc-provider-id, role-session-name and that role-duration-seconds is within the role's maximum session duration."
  },
  // Not an AssumeRoleWithWebIdentity code, but what a missing role has been seen to answer elsewhere in CAM.
  {
    codes: ['ResourceNotFound.RoleNotFound'],
    hint: 'role-arn names no CAM role: check the account UIN and the role name.'
  },
  // Internal errors and rate limits, every service.
  {
    codes: ['InternalError'],
    family: true,
    hint: 'Tencent Cloud failed internally for every attempt; re-run later, and open a ticket quoting the RequestId if it persists.'
  },
  {
    codes: ['RequestLimitExceeded', 'LimitExceeded.RateLimitExceeded', 'InvalidParameter.OverLimit'],
    family: true,
    hint: 'the account stayed over the API rate limit (10 requests per second for each SSL API, 20 for STS); run fewer jobs at once against this account or raise max-attempts.'
  },
  // The gateway's codes, for every API.
  {
    codes: ['AuthFailure.SignatureFailure'],
    hint: 'secret-key does not belong to secret-id; copy both from the same API key in CAM > API Keys.'
  },
  {
    codes: ['AuthFailure.SecretIdNotFound', 'AuthFailure.InvalidSecretId'],
    hint: 'secret-id is not a valid, enabled API key; check the secret or create a new key in CAM > API Keys.'
  },
  {
    codes: ['AuthFailure.SignatureExpire'],
    hint: "the runner's clock is more than 5 minutes off; fix its time synchronisation (NTP)."
  },
  {
    codes: ['AuthFailure.TokenFailure'],
    hint: 'session-token is invalid or expired; issue new temporary credentials and pass their token with the key pair.'
  },
  {
    codes: ['AuthFailure.MFAFailure'],
    hint: "the key's CAM user must pass MFA for this API: use a key (or role) of a user without an MFA condition on these actions."
  },
  {
    codes: ['AuthFailure.UnauthorizedOperation', 'UnauthorizedOperation'],
    family: true,
    hint: `CAM denied the call: the CAM policy of the key (or role) must allow ${SUBMIT_PERMISSIONS}.`
  },
  {
    codes: ['IpInBlacklist'],
    hint: "the runner's IP address is blocked for this account: ask the account's administrator, or use another runner."
  },
  {
    codes: ['IpNotInWhitelist'],
    hint: "the key may only be used from listed IP addresses: add the runner's address to the key's allowlist in CAM, or use a self-hosted runner with a listed address."
  },
  {
    codes: ['ActionOffline'],
    hint: 'Tencent Cloud has taken this API offline: update the action; if it is the latest, report it.'
  },
  {
    codes: ['NoSuchProduct'],
    hint: 'the endpoint does not serve this product: set endpoint to ssl.tencentcloudapi.com or ssl.intl.tencentcloudapi.com.'
  },
  {
    codes: ['UnsupportedRegion'],
    hint: 'the region is not supported for this API: leave region empty (the SSL API needs none), or use ap-guangzhou.'
  },
  {
    codes: ['InvalidParameter', 'InvalidParameterValue', 'MissingParameter', 'UnknownParameter'],
    family: true,
    hint: 'Tencent Cloud rejected the request parameters; check certificate-id and verify-type, and report a bug if they are right.'
  },
  // The action's own codes.
  {
    codes: [ActionErrorCode.InvalidInput],
    outcome: true,
    hint: 'fix the input named in the message; nothing was sent.'
  },
  {
    codes: [ActionErrorCode.OidcTokenUnavailable],
    hint: 'the job could not get its OIDC token: check "permissions: id-token: write" and that the runner reaches GitHub (and its proxy settings).'
  },
  {
    codes: [ActionErrorCode.Timeout],
    hint: 'no answer came within request-timeout; check the runner can reach the endpoint, or raise request-timeout.'
  },
  {
    codes: [ActionErrorCode.ConnectionFailed],
    hint: 'the endpoint could not be reached; check endpoint, DNS and any proxy or firewall on the runner.'
  },
  {
    codes: [ActionErrorCode.ConnectionLost],
    hint: 'the connection broke before an answer arrived; re-run the job (a re-run never submits twice).'
  },
  {
    codes: [ActionErrorCode.HttpError],
    hint: 'the endpoint answered with an HTTP error; check endpoint, or re-run later.'
  },
  {
    codes: [ActionErrorCode.Redirected],
    hint: 'the endpoint (or a proxy in front of it) redirected the request; requests signed with your key are never sent anywhere else. Set endpoint to the Tencent Cloud API host itself.'
  },
  {
    codes: [ActionErrorCode.TlsFailed],
    hint: "the runner does not trust the endpoint's TLS certificate; nothing was sent. Behind a TLS-inspecting proxy, give Node its CA with NODE_EXTRA_CA_CERTS (a PEM file); never set NODE_TLS_REJECT_UNAUTHORIZED=0. Otherwise check endpoint and the runner's clock."
  },
  {
    codes: [ActionErrorCode.InvalidRequest],
    hint: 'the request could not be built, so nothing was sent; check the credentials for stray characters, and report a bug if they are right.'
  },
  {
    codes: [ActionErrorCode.MalformedResponse],
    retryNote: 'yes (a submission is read back instead)',
    hint: 'the endpoint did not answer like the Tencent Cloud API; check endpoint and any proxy in between. A submission is read back rather than sent again.'
  },
  { codes: [ActionErrorCode.Cancelled], outcome: true, hint: `the job was cancelled; ${RE_RUN}.` },
  // download-dir: nothing is written unless the certificate, its chain and its key belong together.
  // domain: what is told by reading before any information is sent.
  // dry-run: what is bound to the old certificate, read with the bind-resource task.
  {
    codes: ['FailedOperation.CertificateSyncTaskIdInvalid'],
    hint: 'Tencent Cloud no longer knows the bind-resource task the preview started: re-run the preview; if it persists, quote the RequestId in a ticket.'
  },
  // renew-certificate-id: the line of certificates in service.
  // replace-certificate-id: each resource's outcome.
  {
    codes: [ActionErrorCode.InconsistentAnswer],
    outcome: true,
    hint: "Tencent Cloud's answer did not add up (its pages never reached their TotalCount, or repeated): nothing was taken from it as done; re-run later, and quote the RequestId in a ticket if it persists."
  }
]

const FALLBACK =
  "see Tencent Cloud's error code list for the API, and quote the RequestId in a ticket if it is unclear."

/** Whether `advice` is about `code` from `service`, of the API action `call`. */
export function matches(advice: Advice, code: string, service: Service, call: string | undefined): boolean {
  if (advice.service && advice.service !== service) return false
  if (advice.calls && !(call !== undefined && advice.calls.includes(call))) return false
  return advice.codes.some((c) => c === code || (advice.family === true && code.startsWith(`${c}.`)))
}

/** What the user should do about a failure with `code`, from the first entry of `advice` that matches. */
export function adviceFrom(advice: readonly Advice[], code: string, service: Service = 'ssl', call?: string): string {
  return advice.find((entry) => matches(entry, code, service, call))?.hint ?? FALLBACK
}
