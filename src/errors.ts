import type { RetryDecision } from './retry.js'
import { untrusted } from './untrusted.js'

/**
 * Everything that can go wrong with one API call, reduced to what the action decides on: the code to
 * report, whether to try again, and whether the call may have taken effect on the server.
 */
export class ApiFailure extends Error {
  constructor(
    /** Tencent Cloud's error code, or one of the action's own ActionError.* codes when no answer came. */
    readonly code: string,
    message: string,
    readonly requestId: string,
    /** True when the server may have applied the call although no clean answer said so. */
    readonly outcomeUnknown: boolean
  ) {
    super(message)
    this.name = 'ApiFailure'
  }

  get retryable(): boolean {
    return isRetryableCode(this.code)
  }
}

/** The action's own codes, for failures that came with no Tencent Cloud answer. Documented in the README. */
export const ActionErrorCode = {
  InvalidInput: 'ActionError.InvalidInput',
  Timeout: 'ActionError.Timeout',
  ConnectionFailed: 'ActionError.ConnectionFailed',
  ConnectionLost: 'ActionError.ConnectionLost',
  HttpError: 'ActionError.HttpError',
  /** The endpoint answered with a redirect, which is never followed: a signed request goes to the configured host only. */
  Redirected: 'ActionError.Redirected',
  /** The TLS handshake failed (an untrusted or wrong certificate): nothing was sent. */
  TlsFailed: 'ActionError.TlsFailed',
  /** The request could not be built (a header value no HTTP request can carry): nothing was sent. */
  InvalidRequest: 'ActionError.InvalidRequest',
  MalformedResponse: 'ActionError.MalformedResponse',
  /** A submission may have gone through, and reading the certificate back could not tell. */
  OutcomeUnknown: 'ActionError.OutcomeUnknown',
  /** While waiting: the certificate ended in a state that will never become issued. */
  IssuanceFailed: 'ActionError.IssuanceFailed',
  WaitTimeout: 'ActionError.WaitTimeout',
  /** core.getIDToken failed: no OIDC token to exchange. */
  OidcTokenUnavailable: 'ActionError.OidcTokenUnavailable',
  /** The job was cancelled before this certificate's flow ended. */
  Cancelled: 'ActionError.Cancelled'
} as const

const RETRYABLE_ACTION_CODES = new Set<string>([
  ActionErrorCode.Timeout,
  ActionErrorCode.ConnectionFailed,
  ActionErrorCode.ConnectionLost,
  ActionErrorCode.HttpError,
  ActionErrorCode.Redirected,
  ActionErrorCode.MalformedResponse
])

export function isRetryableCode(code: string): boolean {
  return (
    RETRYABLE_ACTION_CODES.has(code) ||
    code === 'FailedOperation.NetworkError' ||
    code === 'InternalError' ||
    code.startsWith('InternalError.') ||
    isRateLimitCode(code)
  )
}

export function isRateLimitCode(code: string): boolean {
  return code === 'RequestLimitExceeded' || code.startsWith('RequestLimitExceeded.')
}

/** How `retry` should treat a failed call. */
export function retryDecision(error: unknown): RetryDecision {
  const failure = toApiFailure(error)
  if (isRateLimitCode(failure.code)) return 'retry-throttled'
  return failure.retryable ? 'retry' : 'stop'
}

interface SdkErrorShape {
  code?: unknown
  message?: unknown
  requestId?: unknown
  httpCode?: unknown
  type?: unknown
  name?: unknown
}

/**
 * Turns whatever the SDK threw into an ApiFailure. The SDK throws its own exception with `code` for an
 * error answer, with `httpCode` for a non-200 answer, with only a message for transport failures, and
 * node-fetch's FetchError (or a TypeError) when a 200 answer's body is not the documented JSON.
 */
export function toApiFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkErrorShape
  // Codes, messages and RequestIds come from the server: made safe to print here, once.
  const message = untrusted(typeof e.message === 'string' ? e.message : String(error))
  const requestId = typeof e.requestId === 'string' ? untrusted(e.requestId, 128) : ''

  if (typeof e.code === 'string' && e.code !== '') {
    // The server answered: only an internal error leaves doubt whether the call was applied.
    const code = untrusted(e.code, 128)
    const unknown = code === 'InternalError' || code.startsWith('InternalError.') || code === 'FailedOperation.NetworkError'
    return new ApiFailure(code, message, requestId, unknown)
  }
  if (typeof e.httpCode === 'number') {
    return new ApiFailure(ActionErrorCode.HttpError, `HTTP ${e.httpCode} ${message}`.trim(), requestId, true)
  }
  if (e.type === 'invalid-json' || e.name === 'TypeError' || e.name === 'SyntaxError') {
    return new ApiFailure(ActionErrorCode.MalformedResponse, `the answer was not the documented JSON (${message})`, requestId, true)
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(message)) {
    // Nothing reached the server, so nothing can have been applied.
    return new ApiFailure(ActionErrorCode.ConnectionFailed, message, requestId, false)
  }
  if (/timeout/i.test(message)) {
    return new ApiFailure(ActionErrorCode.Timeout, message, requestId, true)
  }
  // A reset, a hang-up or anything else from the transport: the request may have arrived, so it is treated as
  // lost (retried, then reconciled), never as safely unsent.
  return new ApiFailure(ActionErrorCode.ConnectionLost, message, requestId, true)
}

const PERMISSIONS_HINT =
  'the CAM policy of the key (or role) must allow ssl:CommitCertificateInformation (or ssl:CertificateOrderSubmit, whichever submit-api uses) and ssl:DescribeCertificateDetail'

const HINTS: ReadonlyArray<[(code: string) => boolean, string]> = [
  [
    (c) => c === 'FailedOperation.NoRealNameAuth',
    'complete identity verification (real-name authentication) for the account in the Tencent Cloud console, then re-run the job.'
  ],
  [(c) => c === 'FailedOperation.AuthError', `${PERMISSIONS_HINT}; grant it in CAM, then re-run.`],
  [(c) => c === 'FailedOperation.NoProjectPermission', 'give the CAM user or role access to the project the certificate belongs to, then re-run.'],
  [(c) => c === 'FailedOperation.CertificateNotFound', 'check certificate-id and that the key belongs to the Tencent Cloud account that owns the certificate.'],
  [
    (c) => c === 'FailedOperation.CertificateInvalid',
    'the certificate cannot take an order in its current form; check it in the SSL Certificates console (type, domain, payment).'
  ],
  [
    (c) => c === 'FailedOperation.InvalidCertificateStatusCode',
    'the certificate is not pending submission (already submitted, issued or cancelled); check its status in the SSL Certificates console. This run submitted nothing.'
  ],
  [
    (c) => c === 'FailedOperation.InvalidParam',
    'check certificate-id and verify-type (DNS_AUTO, DNS or FILE; DNS_AUTO needs the domain hosted on Tencent Cloud DNS in the same account).'
  ],
  [(c) => c === 'FailedOperation.NetworkError', 'the CA was busy for every attempt; re-run the job later or raise max-attempts.'],
  [
    (c) => c === 'InternalError' || c.startsWith('InternalError.'),
    'Tencent Cloud failed internally for every attempt; re-run later, and open a ticket quoting the RequestId if it persists.'
  ],
  [isRateLimitCode, 'the account stayed over the API rate limit (10 requests per second); run fewer jobs at once against this account or raise max-attempts.'],
  [(c) => c === 'AuthFailure.SignatureFailure', 'secret-key does not belong to secret-id; copy both from the same API key in CAM > API Keys.'],
  [
    (c) => c === 'AuthFailure.SecretIdNotFound' || c === 'AuthFailure.InvalidSecretId',
    'secret-id is not a valid, enabled API key; check the secret or create a new key in CAM > API Keys.'
  ],
  [(c) => c === 'AuthFailure.SignatureExpire', "the runner's clock is more than 5 minutes off; fix its time synchronisation (NTP)."],
  [(c) => c === 'AuthFailure.TokenFailure', 'session-token is invalid or expired; issue new temporary credentials and pass their token with the key pair.'],
  [
    (c) => c === 'AuthFailure.UnauthorizedOperation' || c === 'UnauthorizedOperation' || c.startsWith('UnauthorizedOperation.'),
    `CAM denied the call: ${PERMISSIONS_HINT}.`
  ],
  // The specific STS codes come before the generic parameter rule: the first match wins.
  [
    (c) => c === 'InvalidParameter.WebIdentityTokenError',
    "STS rejected the GitHub OIDC token: check that the CAM identity provider (oidc-provider-id) has the issuer https://token.actions.githubusercontent.com and the client ID oidc-audience, and that the role's trust policy allows this repository and branch (its sub condition)."
  ],
  [(c) => c === 'ResourceNotFound.RoleNotFound', 'role-arn names no CAM role: check the account UIN and the role name.'],
  [
    (c) => c === 'InvalidParameter.ParamError',
    "STS refused a parameter: check role-arn, oidc-provider-id, role-session-name and that role-duration-seconds is within the role's maximum session duration."
  ],
  [
    (c) => c === ActionErrorCode.OidcTokenUnavailable,
    'the job could not get its OIDC token: check "permissions: id-token: write" and that the runner reaches GitHub (and its proxy settings).'
  ],
  [
    (c) => /^(InvalidParameter|InvalidParameterValue|MissingParameter|UnknownParameter)(\.|$)/.test(c),
    'Tencent Cloud rejected the request parameters; check certificate-id and verify-type, and report a bug if they are right.'
  ],
  [(c) => c === ActionErrorCode.InvalidInput, 'fix the input named in the message; nothing was sent.'],
  [(c) => c === ActionErrorCode.Timeout, 'no answer came within request-timeout; check the runner can reach the endpoint, or raise request-timeout.'],
  [(c) => c === ActionErrorCode.ConnectionFailed, 'the endpoint could not be reached; check endpoint, DNS and any proxy or firewall on the runner.'],
  [(c) => c === ActionErrorCode.ConnectionLost, 'the connection broke before an answer arrived; re-run the job (a re-run never submits twice).'],
  [(c) => c === ActionErrorCode.HttpError, 'the endpoint answered with an HTTP error; check endpoint, or re-run later.'],
  [
    (c) => c === ActionErrorCode.Redirected,
    'the endpoint (or a proxy in front of it) redirected the request; requests signed with your key are never sent anywhere else. Set endpoint to the Tencent Cloud API host itself.'
  ],
  [
    (c) => c === ActionErrorCode.TlsFailed,
    "the runner does not trust the endpoint's TLS certificate; nothing was sent. Behind a TLS-inspecting proxy, give Node its CA with NODE_EXTRA_CA_CERTS (a PEM file); never set NODE_TLS_REJECT_UNAUTHORIZED=0. Otherwise check endpoint and the runner's clock."
  ],
  [
    (c) => c === ActionErrorCode.InvalidRequest,
    'the request could not be built, so nothing was sent; check the credentials for stray characters, and report a bug if they are right.'
  ],
  [
    (c) => c === ActionErrorCode.Cancelled,
    'the job was cancelled; re-run it with skip-submitted: true, which reads each certificate first and never submits one twice.'
  ],
  [(c) => c === ActionErrorCode.MalformedResponse, 'the endpoint did not answer like the Tencent Cloud API; check endpoint and any proxy in between.'],
  [
    (c) => c === ActionErrorCode.OutcomeUnknown,
    're-run with skip-submitted: true, which reads the certificate first and never submits it twice; or check it in the SSL Certificates console.'
  ],
  [
    (c) => c === ActionErrorCode.IssuanceFailed,
    "the CA will not issue this certificate as it is: read StatusMsg and the certificate's page in the SSL Certificates console, fix the cause and apply again."
  ],
  [
    (c) => c === ActionErrorCode.WaitTimeout,
    'the certificate was not issued within wait-timeout: check that the validation records (DvAuths) are in place, then re-run with skip-submitted: true and a longer wait-timeout.'
  ]
]

export function hintFor(code: string): string {
  const hint = HINTS.find(([matches]) => matches(code))
  return hint ? hint[1] : "see Tencent Cloud's error code list for the API, and quote the RequestId in a ticket if it is unclear."
}
