import type { CertificateDetail, SslApi } from './client.js'
import { ActionErrorCode, toApiFailure } from './errors.js'
import type { CallOptions } from './logger.js'
import type { Clock } from './pacing.js'
import { readCertificate } from './read-back.js'
import { CONFIRMATION_LETTER_PENDING, ISSUED, PENDING_SUBMISSION, statusName, TERMINAL_FAILURES } from './status.js'

export interface WaitOptions extends CallOptions {
  timeoutMs: number
  intervalMs: number
  clock: Clock
}

export type WaitOutcome =
  { kind: 'issued'; detail: CertificateDetail } | { kind: 'failed'; detail: CertificateDetail; failure: { code: string; message: string; requestId: string } }

/**
 * States that no amount of waiting changes: a terminal failure; a confirmation letter that only a person can upload;
 * or, after a submission, a certificate pending submission, which means the order did not go through.
 */
function stopWaiting(status: number): { code: string; why: string } | undefined {
  if (TERMINAL_FAILURES.has(status)) return { code: ActionErrorCode.IssuanceFailed, why: 'the certificate ended in' }
  if (status === CONFIRMATION_LETTER_PENDING) {
    return { code: ActionErrorCode.ConfirmationLetterPending, why: 'the order waits for a signed confirmation letter uploaded in the console:' }
  }
  if (PENDING_SUBMISSION.has(status)) return { code: ActionErrorCode.NotSubmitted, why: 'the order did not go through: the certificate is in' }
  return undefined
}

/**
 * Polls DescribeCertificateDetail until the certificate is issued, reaches a terminal failure, or the
 * timeout passes; `latest` (already read) is the first state looked at. Every outcome carries the last
 * state seen, so the outputs can always hold it.
 */
export async function waitForIssuance(api: SslApi, latest: CertificateDetail, options: WaitOptions): Promise<WaitOutcome> {
  const id = latest.CertificateId
  const deadline = options.clock.now() + options.timeoutMs
  let detail = latest
  for (;;) {
    const describe = `status ${detail.Status} (${statusName(detail.Status)})${detail.StatusMsg ? `, StatusMsg ${detail.StatusMsg}` : ''}`
    if (detail.Status === ISSUED) return { kind: 'issued', detail }
    const stop = stopWaiting(detail.Status)
    if (stop) return { kind: 'failed', detail, failure: { code: stop.code, message: `${stop.why} ${describe}`, requestId: detail.RequestId } }
    const remainingMs = deadline - options.clock.now()
    if (remainingMs <= 0) {
      const message = `not issued within ${options.timeoutMs / 1000} s; last seen in ${describe}`
      return { kind: 'failed', detail, failure: { code: ActionErrorCode.WaitTimeout, message, requestId: detail.RequestId } }
    }
    options.log.info(`Certificate ${id}: ${describe}; next check in ${Math.round(Math.min(options.intervalMs, remainingMs) / 1000)} s`)
    try {
      await options.clock.sleep(Math.min(options.intervalMs, remainingMs))
      detail = { ...(await readCertificate(api, id, options)), CertificateId: id }
    } catch (error) {
      const { code, message, requestId } = toApiFailure(error)
      const what =
        code === ActionErrorCode.Cancelled
          ? 'the job was cancelled while waiting for issuance'
          : `waiting for issuance, reading the certificate failed: ${message}`
      return { kind: 'failed', detail, failure: { code, requestId, message: `${what}; last seen in ${describe}` } }
    }
  }
}
