import type { SslApi } from '../../api/calls.js'
import type { SubmitAnswer } from '../../api/answers/index.js'
import { ActionErrorCode, type Failure, logRetry, retryDecision, toFailure } from '../../api/errors.js'
import type { CallOptions } from '../../support/call-options.js'
import { readCertificate } from '../../api/read-certificate.js'
import { failed, orderLabel, succeeded, type BaseResult } from '../../flow/result.js'
import { backoffDelay, retry, type RetryDecision } from '../../support/retry.js'
import { PENDING_SUBMISSION, statusName, SUBMITTED_STATUSES } from '../../api/status.js'
import type { SubmitApi, VerifyType } from '../../api/terms.js'
import { OrderCode } from './codes.js'

interface SubmitRequest {
  certificateId: string
  verifyType?: VerifyType
  submitApi: SubmitApi
  deleteDnsAutoRecord: boolean
}

/** The chosen submit API, with its own parameter names. */
function sendSubmit(api: SslApi, request: SubmitRequest): Promise<SubmitAnswer> {
  const verifyType = request.verifyType ? { VerifyType: request.verifyType } : {}
  return request.submitApi === 'CertificateOrderSubmit'
    ? api.certificateOrderSubmit({
        CertId: request.certificateId,
        ...verifyType,
        DeleteDnsAutoRecord: request.deleteDnsAutoRecord ? 1 : 0
      })
    : api.commitCertificateInformation({ CertificateId: request.certificateId, ...verifyType })
}

/**
 * Submits one certificate's order, retrying transient failures. Submitting changes state, so when any
 * attempt may have gone through unseen (lost answer, timeout, internal error) and the run still ends in a
 * failure, the certificate is read back and the server's state decides: an order that went through is
 * never reported as failed, and never submitted again.
 */
export async function submitCertificate(
  api: SslApi,
  request: SubmitRequest,
  options: CallOptions
): Promise<BaseResult> {
  const { certificateId, submitApi } = request
  let mayHaveApplied = false
  // An attempt whose request reached Tencent Cloud but whose answer never came may still be applied after a read.
  let unanswered = false
  // Malformed answers after which the certificate was read back still pending submission: nothing went through.
  const unsent = new WeakSet<Failure>()
  const attempt = async (tryNumber: number): Promise<SubmitAnswer> => {
    options.log.debug(`${submitApi} for certificate ${certificateId}, try ${tryNumber}`)
    try {
      const answer = await sendSubmit(api, request)
      options.log.debug(`${submitApi} for certificate ${certificateId} answered ${JSON.stringify(answer)}`)
      return answer
    } catch (error) {
      const failure = toFailure(error)
      options.log.debug(
        `${submitApi} for certificate ${certificateId} failed: ${failure.code} (may have taken effect: ${failure.mayHaveTakenEffect}, RequestId ${failure.requestId || 'none'})`
      )
      if (failure.code === ActionErrorCode.MalformedResponse) {
        const state = await afterMalformed(api, certificateId, options)
        if (typeof state === 'object') return state
        if (state === 'pending') unsent.add(failure)
        else mayHaveApplied = true
      } else {
        mayHaveApplied ||= failure.mayHaveTakenEffect
        unanswered ||= failure.mayHaveTakenEffect && NO_ANSWER.has(failure.code)
      }
      throw failure
    }
  }
  const decide = (error: unknown): RetryDecision =>
    unsent.has(error as Failure) ? 'retry' : submitRetryDecision(error)

  try {
    return succeeded(
      certificateId,
      await retry(attempt, options, decide, logRetry(options, `Certificate ${certificateId}`))
    )
  } catch (error) {
    const failure = toFailure(error)
    if (failure.code === ActionErrorCode.Cancelled && mayHaveApplied) {
      // No read-back: the job is ending. A re-run with skip-submitted reads the certificate before submitting.
      return failed(certificateId, {
        ...failure,
        message:
          'the job was cancelled while the submission was in flight or being retried: whether it went through is unknown'
      })
    }
    if (failure.code === PROCESSING) return readBack(api, certificateId, failure, options, options.policy.maxAttempts)
    // Read back pending after each malformed answer: nothing went through, unless an earlier attempt got no answer
    // at all and may still be applied (then the read-back below tells, or says it is unknown).
    if (unsent.has(failure) && !unanswered) {
      const message = `${failure.message}; read back after each such answer, the certificate was still pending submission, so no order went through`
      return failed(certificateId, { ...failure, message })
    }
    return mayHaveApplied
      ? readBack(api, certificateId, failure, options, 1, unanswered)
      : failed(certificateId, failure)
  }
}

/**
 * A malformed answer came from something that received the submission: the certificate is read back at once. A
 * submitted state is the order, returned as the answer; 'pending' (still pending submission) means nothing went
 * through, so the submission may be tried again; 'unknown' (the read failed, or another state) stops it, for the
 * read-back at the end to tell.
 */
async function afterMalformed(
  api: SslApi,
  certificateId: string,
  options: CallOptions
): Promise<SubmitAnswer | 'pending' | 'unknown'> {
  let detail
  try {
    detail = await readCertificate(api, certificateId)
  } catch {
    return 'unknown'
  }
  if (SUBMITTED_STATUSES.has(detail.Status)) {
    options.log.warning(
      `Certificate ${certificateId}: the answer to the submission was lost (it came malformed), but the certificate now holds ${orderLabel(detail.OrderId)} in ` +
        `status ${detail.Status} (${statusName(detail.Status)}); reporting it as submitted.`
    )
    return { OrderId: detail.OrderId, Status: detail.Status, RequestId: detail.RequestId }
  }
  if (!PENDING_SUBMISSION.has(detail.Status)) return 'unknown'
  options.log.info(
    `Certificate ${certificateId}: the answer to the submission was malformed, and the certificate is still pending submission ` +
      `(status ${detail.Status}): nothing went through`
  )
  return 'pending'
}

/** The failures where a request reached Tencent Cloud and no answer came back: it may still be being processed. */
const NO_ANSWER = new Set<string>([ActionErrorCode.Timeout, ActionErrorCode.ConnectionLost])

/** An earlier submission of the certificate is still being processed: never submit again, read until it settles. */
const PROCESSING = 'FailedOperation.CertificateOrderSubmitProcessing'

/**
 * A malformed answer to a submission still came from something that received it, and "still processing" means an
 * earlier one did: submitting again could order twice, so the certificate is read back instead.
 */
function submitRetryDecision(error: unknown): RetryDecision {
  const { code } = toFailure(error)
  return code === ActionErrorCode.MalformedResponse || code === PROCESSING ? 'stop' : retryDecision(error)
}

/**
 * The server's state decides what a failed submission did. The certificate is read up to `reads` times (with the
 * retry policy's backoff between reads) while it is still pending submission: a submitted state means the order
 * went through, with or without an order ID yet; anything else is the failure, with the state the server holds.
 */
async function readBack(
  api: SslApi,
  certificateId: string,
  failure: Failure,
  options: CallOptions,
  reads: number,
  /** An attempt got no answer at all: a pending read-back cannot rule out that it is still being applied. */
  unanswered = false
): Promise<BaseResult> {
  options.log.info(
    failure.code === PROCESSING
      ? `Certificate ${certificateId}: Tencent Cloud is still processing an earlier submission; reading the certificate until it settles`
      : `Certificate ${certificateId}: an earlier attempt may have gone through unseen and the last one ended in ${failure.code}; ` +
          'reading the certificate back with DescribeCertificateDetail'
  )
  for (let read = 1; ; read++) {
    let detail
    try {
      detail = await readCertificate(api, certificateId)
    } catch (error) {
      const readFailure = toFailure(error)
      return failed(certificateId, {
        code: OrderCode.OutcomeUnknown,
        requestId: failure.requestId,
        message:
          `the submission ended in ${failure.code} (${failure.message}) ${failure.code === PROCESSING ? 'while an earlier one was being processed' : 'after an attempt whose answer was lost'}, and reading ` +
          `the certificate back failed too (${readFailure.code}: ${readFailure.message})`
      })
    }
    if (SUBMITTED_STATUSES.has(detail.Status)) {
      const what =
        failure.code === PROCESSING
          ? 'an earlier submission went through:'
          : 'the answer to the submission was lost, but'
      options.log.warning(
        `Certificate ${certificateId}: ${what} the certificate now holds ${orderLabel(detail.OrderId)} in status ` +
          `${detail.Status} (${statusName(detail.Status)}); reporting it as submitted.`
      )
      return succeeded(certificateId, detail)
    }
    const pending = PENDING_SUBMISSION.has(detail.Status)
    if (read >= reads && pending && unanswered) {
      return failed(
        certificateId,
        {
          code: OrderCode.OutcomeUnknown,
          requestId: failure.requestId,
          message:
            `the submission ended in ${failure.code} (${failure.message}) after an attempt whose answer never came; read back, ` +
            `the certificate is still in status ${detail.Status} (${statusName(detail.Status)}), but Tencent Cloud may still be ` +
            'applying that attempt, so whether it went through is not known yet'
        },
        { OrderId: detail.OrderId, Status: detail.Status }
      )
    }
    if (read >= reads || !pending) {
      return failed(
        certificateId,
        {
          code: failure.code,
          requestId: failure.requestId,
          message: `${failure.message}. Read back: the certificate is in status ${detail.Status} (${statusName(detail.Status)}), so no order went through`
        },
        { OrderId: detail.OrderId, Status: detail.Status }
      )
    }
    await options.clock.sleep(backoffDelay(read, options.policy))
  }
}
