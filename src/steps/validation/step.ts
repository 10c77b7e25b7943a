// The validation step: the records the CA asks for, said in the log and in the result, published where a publisher
// can place them (FILE records into validation-dir), and checked while the CA waits (CheckCertificateDomainVerification,
// CompleteCertificate), for the wait step. In a preview: what would be published.
import type { CertificateDetail, DvAuth } from '../../api/answers/index.js'
import { describeRecord } from '../../api/validation-records.js'
import { ISSUED, TERMINAL_FAILURES } from '../../api/status.js'
import { errorMessage } from '../../support/error-message.js'
import type { VerifyType } from '../../api/terms.js'
import { orderLabel, type BaseResult } from '../../flow/result.js'
import { doing, StepFailed, type DomainChecks, type Job, type Step } from '../../flow/step.js'
import type { RecordPublisher } from './publisher.js'
import { filePublisher, ValidationClaims } from './publishers/file.js'
import { DomainVerification, type DomainVerificationResult } from './verification.js'

export interface ValidationSettings {
  verifyType?: VerifyType
  /** validation-dir: where FILE validation records are written, for a later step to publish with the site. */
  validationDir?: string
  /** wait-for-issuance: the domains are checked while the CA waits, at most once per interval. */
  wait?: { timeoutMs: number; intervalMs: number }
}

export interface ValidationSlice {
  /** The records the CA asks for, for DNS and FILE verification. */
  DvAuths?: DvAuth[]
  /** With validation-dir: the FILE validation files written. */
  ValidationFiles?: string[]
  /** While waiting: each domain's last check, as Tencent Cloud and the CA see it. */
  Verification?: DomainVerificationResult[]
}

export type ValidationResult = BaseResult & ValidationSlice

// DNS_AUTO creates its own records and EMAIL validates by mail: the others leave records to the user.
const AUTOMATIC_VERIFICATION = new Set(['DNS_AUTO', 'EMAIL'])
const automatic = (detail: CertificateDetail, settings: ValidationSettings): boolean =>
  AUTOMATIC_VERIFICATION.has(detail.VerifyType || settings.verifyType || '')

/**
 * Once the certificate is issued, or has failed for good, in this run: each publisher takes away what it placed (a
 * flow that ends earlier, waiting or cut short, leaves the records for a later run to find). Never in a preview.
 */
export function cleanUpWhenFinal(
  publishers: readonly RecordPublisher[],
  flow: { id: string; detail?: CertificateDetail; result: BaseResult },
  log: Pick<Job['log'], 'warning'>
): void {
  const status = flow.result.Status
  if (!flow.detail || status === null || !(status === ISSUED || TERMINAL_FAILURES.has(status))) return
  for (const publisher of publishers) {
    try {
      publisher.cleanUp(flow.id, flow.detail.DvAuths)
    } catch (error) {
      // A record left behind is said, never a failure of the certificate.
      log.warning(`Certificate ${flow.id}: ${publisher.name} could not clean up its records: ${errorMessage(error)}`)
    }
  }
}

export function validationStep(job: Job): Step<ValidationSettings, ValidationResult> {
  // The files every certificate of the step claimed, so that two never need one file differently.
  const claims = new ValidationClaims()
  const publishers = (settings: ValidationSettings): RecordPublisher[] =>
    settings.validationDir ? [filePublisher(settings.validationDir, claims)] : []

  return {
    name: 'validation',
    run(flow) {
      const detail = flow.detail
      if (!detail) return
      const { id, settings } = flow
      const manual = !automatic(detail, settings)
      const publish = (records: readonly DvAuth[], late: boolean): void => {
        if (manual)
          for (const record of records)
            job.log.info(
              `Certificate ${id}: to validate the domain, ${describeRecord(record)}${late ? ' (the records came after the order)' : ''}`
            )
        for (const publisher of publishers(settings)) {
          try {
            const placed = publisher.present(id, records)
            if (placed.length > 0) job.log.info(`Certificate ${id}: wrote the validation files ${placed.join(', ')}`)
            flow.result = { ...flow.result, ValidationFiles: placed }
          } catch (error) {
            const known = { OrderId: flow.result.OrderId || detail.OrderId, Status: detail.Status }
            throw new StepFailed(error, {
              describe: doing(`it holds ${orderLabel(known.OrderId)}, but its validation files were not written`),
              known
            })
          }
        }
      }
      if (manual) flow.result = { ...flow.result, DvAuths: detail.DvAuths }
      publish(detail.DvAuths, false)
      if (!settings.wait) return
      const verification = new DomainVerification(job.api, id, detail.DvAuths, {
        ...job,
        intervalMs: settings.wait.intervalMs
      })
      let failure: StepFailed | undefined
      const checks: DomainChecks = {
        round: (status) => verification.round(status),
        notValidated: () => verification.notValidated(),
        allPassed: () => verification.allPassed(),
        get failure() {
          return failure
        },
        stop: (last) => {
          verification.stop()
          const checked = verification.results()
          flow.result = {
            ...flow.result,
            ...(manual ? { DvAuths: last.DvAuths } : {}),
            ...(checked.length > 0 ? { Verification: checked } : {})
          }
        }
      }
      // The records can come after the order: read again while waiting, then said, written and checked like the first.
      if (manual && detail.DvAuths.length === 0)
        checks.recordsArrived = (records) => {
          verification.learnRecords(records)
          try {
            publish(records, true)
          } catch (error) {
            if (!(error instanceof StepFailed)) throw error
            failure = error
          }
        }
      flow.checks = checks
    },

    plan(flow) {
      const detail = flow.detail
      if (!detail) return
      const { id, settings } = flow
      for (const publisher of publishers(settings)) {
        try {
          const paths = publisher.planned(id, detail.DvAuths)
          job.preview?.add(id, {
            Step: publisher.name,
            Would: paths.length > 0 ? `write ${paths.join(', ')}` : 'write nothing',
            Why: paths.length > 0 ? 'the FILE records the CA asks for' : 'no FILE record is known yet'
          })
        } catch (error) {
          throw new StepFailed(error, {
            describe: doing('the preview found what a real run would fail on'),
            known: { OrderId: detail.OrderId, Status: detail.Status }
          })
        }
      }
      if (!automatic(detail, settings)) flow.result = { ...flow.result, DvAuths: detail.DvAuths }
    },

    finish(flow) {
      if (!job.preview) cleanUpWhenFinal(publishers(flow.settings), flow, job.log)
      return Promise.resolve()
    }
  }
}
