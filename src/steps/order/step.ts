// The order step: the certificate's order submitted (CommitCertificateInformation or CertificateOrderSubmit), or the
// one skip-submitted finds; then the certificate read, for its records and its order ID. In a preview: whether a
// real run would submit, from the certificate as it stands.
import type { CertificateDetail } from '../../api/answers/index.js'
import { Failure } from '../../api/errors.js'
import { readCertificate } from '../../api/read-certificate.js'
import { CONFIRMATION_LETTER_PENDING, PENDING_SUBMISSION, statusName, SUBMITTED_STATUSES } from '../../api/status.js'
import type { SubmitApi, VerifyType } from '../../api/terms.js'
import { isFailure, orderLabel, succeeded, type BaseResult } from '../../flow/result.js'
import { doing, StepFailed, type Job, type Step } from '../../flow/step.js'
import { submitCertificate } from './submit.js'

export interface OrderSettings {
  verifyType?: VerifyType
  submitApi: SubmitApi
  deleteDnsAutoRecord: boolean
  skipSubmitted: boolean
  /** wait-for-issuance: with DNS_AUTO and no wait, nothing after the order needs the certificate read. */
  wait?: { timeoutMs: number; intervalMs: number }
}

export interface OrderSlice {
  /** Present (true) when skip-submitted found the certificate already submitted. */
  Skipped?: true
}

export type OrderResult = BaseResult & OrderSlice

export function orderStep(job: Job): Step<OrderSettings, OrderResult> {
  /** skip-submitted: the certificate's state when it is already submitted (so it is not submitted again). */
  async function alreadySubmitted(id: string): Promise<CertificateDetail | undefined> {
    try {
      // The list tells a pending certificate from a submitted one; only a submitted one needs its detail (the order).
      const listed = await job.statuses.read(id)
      if (listed && !SUBMITTED_STATUSES.has(listed.Status)) return undefined
      const detail = await readCertificate(job.api, id)
      return SUBMITTED_STATUSES.has(detail.Status) ? detail : undefined
    } catch (error) {
      throw new StepFailed(error, {
        describe: doing('skip-submitted could not read the certificate, so it was not submitted')
      })
    }
  }

  return {
    name: 'order',
    async run(flow) {
      const { id, settings } = flow
      const submitted = settings.skipSubmitted ? await alreadySubmitted(id) : undefined
      if (submitted) {
        job.log.info(
          `Certificate ${id}: already submitted (${orderLabel(submitted.OrderId)}, status ${submitted.Status} ${statusName(submitted.Status)}); not submitting again`
        )
        flow.result = { ...flow.result, ...succeeded(id, submitted), Skipped: true }
      } else {
        const { submitApi, deleteDnsAutoRecord, verifyType } = settings
        const result = await submitCertificate(
          job.api,
          { certificateId: id, submitApi, deleteDnsAutoRecord, ...(verifyType ? { verifyType } : {}) },
          job
        )
        if (isFailure(result)) {
          const failure = new Failure({
            code: result.ErrorCode!,
            message: result.ErrorMessage!,
            requestId: result.RequestId
          })
          throw new StepFailed(failure, { known: { OrderId: result.OrderId, Status: result.Status }, call: submitApi })
        }
        flow.result = { ...flow.result, ...result }
      }
      job.onProgress(id, 'submitted')
      // DNS_AUTO adds its own records: without waiting, there is nothing more to read.
      if (!submitted && settings.verifyType === 'DNS_AUTO' && !settings.wait) return
      let detail = submitted
      if (!detail) {
        try {
          detail = await readCertificate(job.api, id)
        } catch (error) {
          const { OrderId, Status } = flow.result
          throw new StepFailed(error, {
            describe: doing(
              `the order went through (${orderLabel(OrderId)}), but reading the certificate afterwards failed`
            ),
            known: { OrderId, Status }
          })
        }
      }
      // A submission may be answered before the CA has given the order an ID; the read after it may know it.
      if (!flow.result.OrderId && detail.OrderId) flow.result = { ...flow.result, OrderId: detail.OrderId }
      flow.detail = { ...detail, CertificateId: id }
    },

    async plan(flow) {
      const { id, settings } = flow
      let detail: CertificateDetail
      try {
        detail = await readCertificate(job.api, id)
      } catch (error) {
        throw new StepFailed(error, { describe: doing('the preview could not read the certificate') })
      }
      const status = `status ${detail.Status} (${statusName(detail.Status)})`
      const step = settings.submitApi
      if (SUBMITTED_STATUSES.has(detail.Status)) {
        const letter = detail.Status === CONFIRMATION_LETTER_PENDING ? ', pending a confirmation letter' : ''
        job.preview?.add(id, { Step: step, Would: 'submit nothing', Why: `already submitted: ${status}${letter}` })
      } else if (PENDING_SUBMISSION.has(detail.Status)) {
        const verify = settings.verifyType ? ` with verify type ${settings.verifyType}` : ''
        job.preview?.add(id, { Step: step, Would: `submit the order${verify}`, Why: `pending submission: ${status}` })
      } else {
        job.preview?.add(id, { Step: step, Would: 'submit nothing', Why: `${status} takes no order` })
      }
      flow.result = { ...flow.result, ...succeeded(id, detail) }
      flow.detail = { ...detail, CertificateId: id }
    }
  }
}
