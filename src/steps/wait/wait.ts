import { beijingTimeMs, type CertificateDetail, type DvAuth } from '../../api/answers/index.js'
import type { SslApi } from '../../api/calls.js'
import { ActionErrorCode, toFailure, type FailureReport } from '../../api/errors.js'
import type { CallOptions } from '../../support/call-options.js'
import type { Clock } from '../../support/clock.js'
import { readCertificate } from '../../api/read-certificate.js'
import { isListed, type StatusUpdate } from '../../flow/statuses.js'
import type { DomainChecks } from '../../flow/step.js'
import {
  CONFIRMATION_LETTER_PENDING,
  ISSUED,
  PENDING_SUBMISSION,
  statusName,
  TERMINAL_FAILURES
} from '../../api/status.js'
import { WaitCode } from './codes.js'
import { AWAITING_VALIDATION } from '../../api/status.js'

interface WaitOptions extends CallOptions {
  timeoutMs: number
  intervalMs: number
  clock: Clock
  /** The certificate's status after at most `maxWaitMs`: Statuses.next, shared by every certificate waiting. */
  poll: (id: string, maxWaitMs: number) => Promise<StatusUpdate>
  /** The certificate's domain validation, checked each round while the CA waits for it. */
  verification?: Pick<DomainChecks, 'round' | 'notValidated'> & Partial<Pick<DomainChecks, 'allPassed'>>
  /**
   * Records the user places, none known yet: the detail is read again each round while the CA waits, until the
   * records arrive (they can come after the order), and they are handed here.
   */
  onRecords?: (records: DvAuth[]) => void | Promise<void>
}

type WaitOutcome =
  { kind: 'issued'; detail: CertificateDetail } | { kind: 'failed'; detail: CertificateDetail; failure: FailureReport }

/**
 * States that no amount of waiting changes: a terminal failure; a confirmation letter that only a person can upload;
 * or, after a submission, a certificate pending submission, which means the order did not go through.
 */
function stopWaiting(status: number): { code: string; why: string } | undefined {
  if (TERMINAL_FAILURES.has(status)) return { code: WaitCode.IssuanceFailed, why: 'the certificate ended in' }
  if (status === CONFIRMATION_LETTER_PENDING) {
    return {
      code: WaitCode.ConfirmationLetterPending,
      why: 'the order waits for a signed confirmation letter uploaded in the console:'
    }
  }
  if (PENDING_SUBMISSION.has(status))
    return { code: WaitCode.NotSubmitted, why: 'the order did not go through: the certificate is in' }
  return undefined
}

/**
 * Polls the certificate's status until it is issued, reaches a state no waiting changes, or the timeout passes;
 * `latest` (already read) is the first state looked at. The list API's status is enough to decide; the detail is
 * read only for what only it holds: the order ID of an issued certificate when still unknown, and the final
 * StatusMsg of a failure. Every outcome carries the last state seen, so the outputs can always hold it.
 */
export async function waitForIssuance(
  api: SslApi,
  latest: CertificateDetail,
  options: WaitOptions
): Promise<WaitOutcome> {
  const id = latest.CertificateId
  const deadline = options.clock.now() + options.timeoutMs
  let detail = latest
  let fromList = false
  // DVAuthDeadline comes with the list's statuses: said as soon as it is known, when it falls before wait-timeout ends.
  let validationDeadline = ''
  // The deadline stays on the certificate after validation: it closes the order only while validation has not
  // passed (no ValidationPassedTime, the CA has not passed every domain), and only a DV certificate's.
  let validationPassed = false
  let dv = latest.IsDv
  const deadlineApplies = (): boolean => dv && !validationPassed && !(options.verification?.allPassed?.() ?? false)
  const learnDeadline = (listed: string): void => {
    if (!listed || listed === validationDeadline) return
    validationDeadline = listed
    const closesAt = beijingTimeMs(listed)
    if (deadlineApplies() && closesAt > options.clock.now() && closesAt < deadline) {
      options.log.warning(
        `Certificate ${id}: the CA closes the order unless its domains are validated by ${listed} (GMT+8, DVAuthDeadline), ` +
          'before wait-timeout ends: place the validation records now'
      )
    }
  }
  const notValidated = (): string => {
    const domains = options.verification?.notValidated() ?? ''
    return domains ? `; domains not validated: ${domains}` : ''
  }
  const complete = async (current: CertificateDetail): Promise<CertificateDetail> =>
    fromList ? { ...(await readCertificate(api, id)), CertificateId: id } : current
  for (;;) {
    try {
      if ((detail.Status === ISSUED && !detail.OrderId) || stopWaiting(detail.Status)) detail = await complete(detail)
    } catch {
      // The status already decides: the detail would only have added to it.
    }
    const describe = `status ${detail.Status} (${statusName(detail.Status)})${detail.StatusMsg ? `, StatusMsg ${detail.StatusMsg}` : ''}`
    if (detail.Status === ISSUED) return { kind: 'issued', detail }
    const stop = stopWaiting(detail.Status)
    if (stop)
      return {
        kind: 'failed',
        detail,
        failure: { code: stop.code, message: `${stop.why} ${describe}`, requestId: detail.RequestId }
      }
    if (beijingTimeMs(validationDeadline) <= options.clock.now() && deadlineApplies()) {
      const message =
        `the domains were not validated by the deadline ${validationDeadline} (GMT+8, DVAuthDeadline), so Tencent Cloud closes ` +
        `the order (域名验证超时，订单自动关闭); last seen in ${describe}${notValidated()}`
      return {
        kind: 'failed',
        detail,
        failure: { code: WaitCode.ValidationDeadlinePassed, message, requestId: detail.RequestId }
      }
    }
    options.verification?.round(detail.Status)
    const remainingMs = deadline - options.clock.now()
    if (remainingMs <= 0) {
      const message = `not issued within ${options.timeoutMs / 1000} s; last seen in ${describe}${notValidated()}`
      return {
        kind: 'failed',
        detail,
        failure: { code: WaitCode.WaitTimeout, message, requestId: detail.RequestId }
      }
    }
    options.log.info(
      `Certificate ${id}: ${describe}; next check in ${Math.round(Math.min(options.intervalMs, remainingMs) / 1000)} s`
    )
    try {
      const update = await options.poll(id, Math.min(options.intervalMs, remainingMs))
      fromList = isListed(update)
      if (isListed(update)) {
        validationPassed = update.ValidationPassedTime !== ''
        dv = update.IsDv
        learnDeadline(update.DVAuthDeadline)
      }
      detail = {
        ...detail,
        ...(fromList ? { Status: update.Status, StatusMsg: update.StatusMsg, RequestId: update.RequestId } : update),
        CertificateId: id
      }
      if (options.onRecords && detail.DvAuths.length === 0 && AWAITING_VALIDATION.has(detail.Status)) {
        if (fromList) {
          detail = { ...(await readCertificate(api, id)), CertificateId: id }
          fromList = false
        }
        if (detail.DvAuths.length > 0) await options.onRecords(detail.DvAuths)
      }
    } catch (error) {
      const { code, message, requestId } = toFailure(error)
      const what =
        code === ActionErrorCode.Cancelled
          ? 'the job was cancelled while waiting for issuance'
          : `waiting for issuance, reading the certificate failed: ${message}`
      return { kind: 'failed', detail, failure: { code, requestId, message: `${what}; last seen in ${describe}` } }
    }
  }
}
