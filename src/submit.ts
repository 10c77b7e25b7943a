import type { CertificateDetail, SslApi, SubmitAnswer } from './client.js'
import { ApiFailure, toApiFailure } from './errors.js'
import type { VerifyType } from './inputs.js'
import { failed, succeeded, type CertificateResult } from './results.js'
import { retry, type RetryPolicy } from './retry.js'
import { statusName, SUBMITTED_STATUSES } from './status.js'

export interface Logger {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
}

export interface SubmitOptions {
  policy: RetryPolicy
  log: Logger
}

const ALREADY_SUBMITTED = 'FailedOperation.InvalidCertificateStatusCode'

const isRetryable = (error: unknown): boolean => toApiFailure(error).retryable

function retryLogger(log: Logger, what: string) {
  return (error: unknown, attempt: number, delayMs: number): void => {
    const failure = toApiFailure(error)
    log.info(`${what}: attempt ${attempt} failed with ${failure.code} (${failure.message}); retrying in ${delayMs} ms`)
  }
}

/**
 * Submits one certificate's order, retrying transient failures. Submitting changes state, so when an
 * attempt may have gone through unseen (lost answer, timeout, internal error) and the run then ends in
 * "wrong status" or out of attempts, the certificate is read back and the server's state is reported:
 * an order that went through is never reported as failed, and never submitted again.
 */
export async function submitCertificate(
  api: SslApi,
  request: { certificateId: string; verifyType?: VerifyType },
  options: SubmitOptions
): Promise<CertificateResult> {
  const { certificateId, verifyType } = request
  let mayHaveApplied = false
  const commitRequest = { CertificateId: certificateId, ...(verifyType ? { VerifyType: verifyType } : {}) }
  const attemptSubmit = async (attempt: number): Promise<SubmitAnswer> => {
    options.log.debug(`CommitCertificateInformation ${JSON.stringify(commitRequest)}, attempt ${attempt} of ${options.policy.maxAttempts}`)
    try {
      const answer = await api.commitCertificateInformation(commitRequest)
      options.log.debug(`CommitCertificateInformation answered ${JSON.stringify(answer)}`)
      return answer
    } catch (error) {
      const failure = toApiFailure(error)
      mayHaveApplied ||= failure.outcomeUnknown
      options.log.debug(`CommitCertificateInformation failed: ${failure.code} (outcome unknown: ${failure.outcomeUnknown}, RequestId ${failure.requestId || 'none'})`)
      throw failure
    }
  }

  try {
    const answer = await retry(attemptSubmit, options.policy, isRetryable, retryLogger(options.log, `Certificate ${certificateId}`))
    return succeeded(certificateId, answer)
  } catch (error) {
    const failure = toApiFailure(error)
    if (mayHaveApplied && (failure.code === ALREADY_SUBMITTED || failure.retryable)) {
      return reconcile(api, certificateId, failure, options)
    }
    return failed(certificateId, failure)
  }
}

async function reconcile(api: SslApi, certificateId: string, failure: ApiFailure, options: SubmitOptions): Promise<CertificateResult> {
  options.log.info(
    `Certificate ${certificateId}: an earlier attempt may have gone through unseen and the last one ended in ${failure.code}; ` +
      'reading the certificate back with DescribeCertificateDetail'
  )
  let detail: CertificateDetail
  try {
    detail = await retry(
      () => api.describeCertificateDetail({ CertificateId: certificateId }),
      options.policy,
      isRetryable,
      retryLogger(options.log, `Reading certificate ${certificateId} back`)
    )
  } catch (error) {
    const readFailure = toApiFailure(error)
    return failed(certificateId, {
      code: failure.code,
      requestId: failure.requestId,
      message:
        `${failure.message}. Whether the order went through is unknown: reading the certificate back failed too ` +
        `(${readFailure.code}: ${readFailure.message}); check its status in the SSL Certificates console before re-running`
    })
  }

  if (SUBMITTED_STATUSES.has(detail.Status) && detail.OrderId !== '') {
    options.log.warning(
      `Certificate ${certificateId}: the answer to the submission was lost, but the certificate now holds order ` +
        `${detail.OrderId} in status ${detail.Status} (${statusName(detail.Status)}); reporting it as submitted.`
    )
    return succeeded(certificateId, detail)
  }
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
