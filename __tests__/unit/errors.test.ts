import { createRequire } from 'node:module'
import {
  ActionErrorCode,
  Failure,
  isRateLimitCode,
  isRetryableCode,
  retryDecision,
  toFailure
} from '../../src/api/errors.js'

// The SDK's own exception class (a CommonJS default export), so the classification is tested on what it throws.
const TencentCloudSDKHttpException = (
  createRequire(import.meta.url)(
    'tencentcloud-sdk-nodejs/tencentcloud/common/exception/tencent_cloud_sdk_exception.js'
  ) as {
    default: new (message: string, requestId?: string) => Error
  }
).default

function sdkError(message: string, fields: { code?: string; requestId?: string; httpCode?: number } = {}): Error {
  const error = new TencentCloudSDKHttpException(message, fields.requestId ?? '')
  return Object.assign(
    error,
    fields.code ? { code: fields.code } : {},
    fields.httpCode ? { httpCode: fields.httpCode } : {}
  )
}

describe('which codes are retried', () => {
  test.each([
    'FailedOperation.NetworkError',
    'InternalError',
    'InternalError.BackendResponseError',
    'RequestLimitExceeded',
    'RequestLimitExceeded.UinLimitExceeded',
    'FailedOperation.CannotGetOrder',
    'ResourceUnavailable',
    'ResourceUnavailable.Busy',
    'ServiceUnavailable',
    'ResourceBusy',
    'ResourceInUse',
    'InternalError.GetRoleError',
    'InternalError.SystemError',
    'InternalError.UnknownError'
  ])('%s is retried', (code) => expect(isRetryableCode(code)).toBe(true))

  test.each([
    'RequestLimitExceeded',
    'RequestLimitExceeded.IPLimitExceeded',
    'RequestLimitExceeded.UinLimitExceeded',
    'LimitExceeded.RateLimitExceeded',
    'InvalidParameter.OverLimit'
  ])('%s is throttling: retried without using up an attempt, and it slows the pacer', (code) => {
    expect(isRateLimitCode(code)).toBe(true)
    expect(retryDecision(new Failure({ code, message: 'slow down', requestId: 'r' }))).toBe('retry-throttled')
  })

  test.each([
    'AuthFailure.SignatureFailure',
    'AuthFailure.SecretIdNotFound',
    'AuthFailure.SignatureExpire',
    'AuthFailure.TokenFailure',
    'FailedOperation.AuthError',
    'FailedOperation.CertificateInvalid',
    'FailedOperation.CertificateNotFound',
    'FailedOperation.InvalidCertificateStatusCode',
    'FailedOperation.InvalidParam',
    'FailedOperation.NoProjectPermission',
    'FailedOperation.NoRealNameAuth',
    'InvalidParameter',
    'UnauthorizedOperation',
    'FailedOperation.CertificateOrderSubmitProcessing',
    'FailedOperation',
    'InternalErrorX',
    'ResourceUnavailableX'
  ])('%s fails at once', (code) => expect(isRetryableCode(code)).toBe(false))
})

describe('toFailure', () => {
  test('an error answer keeps its code, message and RequestId', () => {
    const failure = toFailure(
      sdkError('You have not completed the identity verification.', {
        code: 'FailedOperation.NoRealNameAuth',
        requestId: 'req-1'
      })
    )
    expect(failure).toMatchObject({
      code: 'FailedOperation.NoRealNameAuth',
      message: 'You have not completed the identity verification.',
      requestId: 'req-1',
      mayHaveTakenEffect: false,
      retryable: false
    })
  })

  test('a rate-limit answer was not applied; an internal error may have been', () => {
    expect(toFailure(sdkError('busy', { code: 'RequestLimitExceeded' }))).toMatchObject({
      retryable: true,
      mayHaveTakenEffect: false
    })
    expect(toFailure(sdkError('oops', { code: 'InternalError.BackendResponseError' }))).toMatchObject({
      retryable: true,
      mayHaveTakenEffect: true
    })
  })

  test('a non-200 answer is an HTTP error of unknown outcome', () => {
    expect(toFailure(sdkError('Bad Gateway', { httpCode: 502 }))).toMatchObject({
      code: ActionErrorCode.HttpError,
      message: 'HTTP 502 Bad Gateway',
      retryable: true,
      mayHaveTakenEffect: true
    })
  })

  test.each([
    [
      'request to http://127.0.0.1:1/ failed, reason: connect ECONNREFUSED 127.0.0.1:1',
      ActionErrorCode.ConnectionFailed,
      false
    ],
    [
      'request to https://ssl.example/ failed, reason: getaddrinfo ENOTFOUND ssl.example',
      ActionErrorCode.ConnectionFailed,
      false
    ],
    ['network timeout at: http://127.0.0.1:5/', ActionErrorCode.Timeout, true],
    ['request to http://127.0.0.1:5/ failed, reason: socket hang up', ActionErrorCode.ConnectionLost, true],
    ['request to http://127.0.0.1:5/ failed, reason: read ECONNRESET', ActionErrorCode.ConnectionLost, true],
    ['something nobody expected', ActionErrorCode.ConnectionLost, true]
  ])('transport failure "%s" → %s (may have taken effect: %s)', (message, code, unknown) => {
    expect(toFailure(sdkError(message))).toMatchObject({ code, mayHaveTakenEffect: unknown, retryable: true })
  })

  test('a broken body (node-fetch FetchError, or a TypeError on a missing Response) is malformed', () => {
    const fetchError = Object.assign(
      new Error('invalid json response body at http://x/ reason: Unexpected end of JSON input'),
      {
        type: 'invalid-json',
        name: 'FetchError'
      }
    )
    expect(toFailure(fetchError)).toMatchObject({
      code: ActionErrorCode.MalformedResponse,
      mayHaveTakenEffect: true,
      retryable: true
    })
    expect(toFailure(new TypeError("Cannot read properties of undefined (reading 'Error')"))).toMatchObject({
      code: ActionErrorCode.MalformedResponse
    })
  })

  test('an Failure passes through unchanged, and a non-error is described', () => {
    const failure = new Failure({ code: 'X', message: 'y', requestId: 'z' })
    expect(toFailure(failure)).toBe(failure)
    expect(toFailure('boom').message).toBe('boom')
  })
})
