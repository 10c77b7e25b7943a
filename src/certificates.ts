import type { CertificateDetail, DvAuth, SslApi } from './client.js'
import { toApiFailure } from './errors.js'
import type { SubmitApi, VerifyType } from './inputs.js'
import type { CallOptions } from './logger.js'
import type { Clock } from './pacing.js'
import { readCertificate } from './read-back.js'
import { failed, isFailure, orderLabel, succeeded, type CertificateResult } from './results.js'
import { statusName, SUBMITTED_STATUSES } from './status.js'
import { submitCertificate } from './submit.js'
import type { Statuses } from './statuses.js'
import { describeRecord } from './validation.js'
import { waitForIssuance } from './wait.js'

export interface CertificateSettings {
  verifyType?: VerifyType
  submitApi: SubmitApi
  deleteDnsAutoRecord: boolean
  skipSubmitted: boolean
  wait?: { timeoutMs: number; intervalMs: number }
}

export interface FlowOptions extends CallOptions {
  clock: Clock
  /** Statuses read many at a time: the skip-submitted check, and the rounds while waiting. */
  statuses: Statuses
  /** Told when a certificate holds an order (submitted now or before) and when it starts waiting. */
  onProgress: (id: string, stage: 'submitted' | 'waiting') => void
}

// DNS_AUTO creates its own records and EMAIL validates by mail: the others leave records to the user.
const AUTOMATIC_VERIFICATION = new Set(['DNS_AUTO', 'EMAIL'])

/**
 * One certificate's flow: skip check → submit → validation records → wait, each step only when the settings ask
 * for it. It always ends with a result, never an exception: one certificate's failure does not stop the others.
 */
export async function processCertificate(api: SslApi, id: string, settings: CertificateSettings, options: FlowOptions): Promise<CertificateResult> {
  let detail: CertificateDetail | undefined
  if (settings.skipSubmitted) {
    try {
      // The list tells a pending certificate from a submitted one; only a submitted one needs its detail (the order).
      const listed = await options.statuses.read(id)
      if (!listed || SUBMITTED_STATUSES.has(listed.Status)) detail = await readCertificate(api, id, options)
    } catch (error) {
      const { code, requestId, message } = toApiFailure(error)
      return failed(id, { code, requestId, message: `skip-submitted could not read the certificate, so it was not submitted: ${message}` })
    }
  }

  let result: CertificateResult
  if (detail && SUBMITTED_STATUSES.has(detail.Status)) {
    options.log.info(
      `Certificate ${id}: already submitted (${orderLabel(detail.OrderId)}, status ${detail.Status} ${statusName(detail.Status)}); not submitting again`
    )
    result = { ...succeeded(id, detail), Skipped: true }
  } else {
    result = await submitCertificate(
      api,
      {
        certificateId: id,
        submitApi: settings.submitApi,
        deleteDnsAutoRecord: settings.deleteDnsAutoRecord,
        ...(settings.verifyType ? { verifyType: settings.verifyType } : {})
      },
      options
    )
    if (isFailure(result)) return result
    detail = undefined // the submission changed it
  }
  options.onProgress(id, 'submitted')
  const skipped = result.Skipped ? { Skipped: true as const } : {}

  // DNS_AUTO adds its own records; for DNS, FILE or the certificate's own setting, read what the CA asks for.
  if (!detail && (settings.verifyType !== 'DNS_AUTO' || settings.wait)) {
    try {
      detail = await readCertificate(api, id, options)
    } catch (error) {
      const { code, requestId, message } = toApiFailure(error)
      const failure = {
        code,
        requestId,
        message: `the order went through (${orderLabel(result.OrderId)}), but reading the certificate afterwards failed: ${message}`
      }
      return { ...failed(id, failure, { OrderId: result.OrderId, ...(result.Status === null ? {} : { Status: result.Status }) }), ...skipped }
    }
  }
  if (!detail) return result
  // A submission may be answered before the CA has given the order an ID; the read after it may know it.
  if (!result.OrderId && detail.OrderId) result = { ...result, OrderId: detail.OrderId }

  const verification = detail.VerifyType || settings.verifyType || ''
  const recordsOf = (d: CertificateDetail): { DvAuths?: DvAuth[] } => (AUTOMATIC_VERIFICATION.has(verification) ? {} : { DvAuths: d.DvAuths })
  for (const record of recordsOf(detail).DvAuths ?? []) options.log.info(`Certificate ${id}: to validate the domain, ${describeRecord(record)}`)
  if (!settings.wait) return { ...result, ...recordsOf(detail) }

  options.onProgress(id, 'waiting')
  const poll = (certificateId: string, maxWaitMs: number) => options.statuses.next(certificateId, maxWaitMs)
  const outcome = await waitForIssuance(api, { ...detail, CertificateId: id }, { ...options, ...settings.wait, poll })
  const last = outcome.detail
  return outcome.kind === 'issued'
    ? { ...succeeded(id, last), ...skipped, ...recordsOf(last) }
    : { ...failed(id, outcome.failure, { OrderId: last.OrderId, Status: last.Status }), ...skipped, ...recordsOf(last) }
}
