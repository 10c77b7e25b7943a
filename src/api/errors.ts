import type { CallOptions } from '../support/call-options.js'
import type { RetryDecision } from '../support/retry.js'
import { untrusted } from '../support/untrusted.js'

/** What a failure reports: the code, the message and the RequestId of the answer, where one came. */
export interface FailureReport {
  /** Tencent Cloud's error code, or one of the action's own ActionError.* codes. */
  code: string
  message: string
  /** '' when no answer came. */
  requestId: string
}

/**
 * Everything that fails a certificate's step, reduced to what the action decides on and reports: the code, the
 * message, the RequestId, and whether what failed may still have taken effect (a call whose answer was lost). An API
 * call's failure is one, and so are the action's own refusals (a chain that does not match, a write that failed).
 */
export class Failure extends Error implements FailureReport {
  readonly code: string
  readonly requestId: string
  /** True when the call may have been applied on the server although no clean answer said so. */
  readonly mayHaveTakenEffect: boolean
  /** The API action that failed, when the failure came from a call (set by the caller). */
  action?: string

  constructor(failure: { code: string; message: string; requestId?: string; mayHaveTakenEffect?: boolean }) {
    super(failure.message)
    this.name = 'Failure'
    this.code = failure.code
    this.requestId = failure.requestId ?? ''
    this.mayHaveTakenEffect = failure.mayHaveTakenEffect ?? false
  }

  get retryable(): boolean {
    return isRetryableCode(this.code)
  }
}

/**
 * The action's own codes of the API layer and the job: a call that failed without a Tencent Cloud answer, an input
 * refused, a cancelled job. Each step owns its own codes (src/steps/<step>/codes.ts).
 */
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
  /** core.getIDToken failed: no OIDC token to exchange. */
  OidcTokenUnavailable: 'ActionError.OidcTokenUnavailable',
  /** The job was cancelled before this certificate's flow ended. */
  Cancelled: 'ActionError.Cancelled',
  /** An answer's pages do not add up: a TotalCount never reached, or a page that repeats. */
  InconsistentAnswer: 'ActionError.InconsistentAnswer'
} as const

const RETRYABLE_ACTION_CODES = new Set<string>([
  ActionErrorCode.Timeout,
  ActionErrorCode.ConnectionFailed,
  ActionErrorCode.ConnectionLost,
  ActionErrorCode.HttpError,
  ActionErrorCode.Redirected,
  ActionErrorCode.MalformedResponse
])

// Tencent Cloud's codes for a busy or briefly unavailable service, retried as its docs and the Terraform provider do.
// `InternalError.*` covers STS's GetRoleError, SystemError and UnknownError too.
const RETRYABLE_CODES = new Set([
  'FailedOperation.NetworkError',
  'FailedOperation.SystemError',
  'FailedOperation.CannotGetOrder',
  'ServiceUnavailable'
])
const RETRYABLE_FAMILIES = ['InternalError', 'ResourceUnavailable', 'ResourceBusy', 'ResourceInUse']
// Refused before processing because the account (or STS) is over its rate: `InvalidParameter.OverLimit` is STS's.
const RATE_LIMIT_CODES = new Set([
  'RequestLimitExceeded',
  'LimitExceeded.RateLimitExceeded',
  'InvalidParameter.OverLimit'
])

const inFamily = (code: string, family: string): boolean => code === family || code.startsWith(`${family}.`)

export function isRetryableCode(code: string): boolean {
  return (
    RETRYABLE_ACTION_CODES.has(code) ||
    RETRYABLE_CODES.has(code) ||
    RETRYABLE_FAMILIES.some((family) => inFamily(code, family)) ||
    isRateLimitCode(code)
  )
}

export function isRateLimitCode(code: string): boolean {
  return RATE_LIMIT_CODES.has(code) || code.startsWith('RequestLimitExceeded.')
}

/** An internal or system error, or a CA too busy to answer, leaves doubt whether the call was applied; other answers do not. */
function mayHaveApplied(code: string): boolean {
  return (
    inFamily(code, 'InternalError') || code === 'FailedOperation.NetworkError' || code === 'FailedOperation.SystemError'
  )
}

/** How `retry` should treat a failed call. */
export function retryDecision(error: unknown): RetryDecision {
  const failure = toFailure(error)
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
 * Turns whatever the SDK threw into an Failure. The SDK throws its own exception with `code` for an
 * error answer, with `httpCode` for a non-200 answer, with only a message for transport failures, and
 * node-fetch's FetchError (or a TypeError) when a 200 answer's body is not the documented JSON.
 */
export function toFailure(error: unknown): Failure {
  if (error instanceof Failure) return error
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkErrorShape
  // Codes, messages and RequestIds come from the server: made safe to print here, once.
  const message = untrusted(typeof e.message === 'string' ? e.message : String(error))
  const requestId = typeof e.requestId === 'string' ? untrusted(e.requestId, 128) : ''

  if (typeof e.code === 'string' && e.code !== '') {
    // The server answered: only an internal error leaves doubt whether the call was applied.
    const code = untrusted(e.code, 128)
    return new Failure({ code, message, requestId, mayHaveTakenEffect: mayHaveApplied(code) })
  }
  if (typeof e.httpCode === 'number') {
    return new Failure({
      code: ActionErrorCode.HttpError,
      message: `HTTP ${e.httpCode} ${message}`.trim(),
      requestId,
      mayHaveTakenEffect: true
    })
  }
  if (e.type === 'invalid-json' || e.name === 'TypeError' || e.name === 'SyntaxError') {
    return new Failure({
      code: ActionErrorCode.MalformedResponse,
      message: `the answer was not the documented JSON (${message})`,
      requestId,
      mayHaveTakenEffect: true
    })
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(message)) {
    // Nothing reached the server, so nothing can have been applied.
    return new Failure({ code: ActionErrorCode.ConnectionFailed, message, requestId })
  }
  if (/timeout/i.test(message)) {
    return new Failure({ code: ActionErrorCode.Timeout, message, requestId, mayHaveTakenEffect: true })
  }
  // A reset, a hang-up or anything else from the transport: the request may have arrived, so it is treated as
  // lost (retried, then reconciled), never as safely unsent.
  return new Failure({ code: ActionErrorCode.ConnectionLost, message, requestId, mayHaveTakenEffect: true })
}

/** Logs a retry in one line: which call, why, and how long until the next try. */
export function logRetry(options: CallOptions, what: string) {
  return (error: unknown, tryNumber: number, delayMs: number): void => {
    const failure = toFailure(error)
    options.log.info(
      `${what}: try ${tryNumber} failed with ${failure.code} (${failure.message}); retrying in ${delayMs} ms`
    )
  }
}
