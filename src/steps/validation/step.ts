// The validation step: the records the CA asks for, said in the log and in the result, published where a publisher
// can place them (FILE records into validation-dir), and checked while the CA waits (CheckCertificateDomainVerification,
// CompleteCertificate), for the wait step. In a preview: what would be published.
import type { CertificateDetail, DvAuth } from '../../api/answers/index.js'
import { describeRecord } from '../../api/validation-records.js'
import { AWAITING_VALIDATION, ISSUED, TERMINAL_FAILURES } from '../../api/status.js'
import { errorMessage } from '../../support/error-message.js'
import type { VerifyType } from '../../api/terms.js'
import { orderLabel, type BaseResult } from '../../flow/result.js'
import { doing, StepFailed, type DomainChecks, type Job, type Step } from '../../flow/step.js'
import { toFailure } from '../../api/errors.js'
import type { PublishedSlice, RecordPublisher } from './publisher.js'
import type { DnsSettings } from './dns/settings.js'
import type { DnsPublisher } from './publishers/dns.js'
import { filePublisher, ValidationClaims } from './publishers/file.js'
import { DomainVerification, type DomainVerificationResult } from './verification.js'

export interface ValidationSettings {
  verifyType?: VerifyType
  /** validation-dir: where FILE validation records are written, for a later step to publish with the site. */
  validationDir?: string
  /** wait-for-issuance: the domains are checked while the CA waits, at most once per interval. */
  wait?: { timeoutMs: number; intervalMs: number }
  /** dns-provider: the DNS records written at the user's DNS provider, proven, and cleaned up. */
  dns?: DnsSettings
}

export interface ValidationSlice extends PublishedSlice {
  /** The records the CA asks for, for DNS and FILE verification. */
  DvAuths?: DvAuth[]
  /** While waiting: each domain's last check, as Tencent Cloud and the CA see it. */
  Verification?: DomainVerificationResult[]
}

export type ValidationResult = BaseResult & ValidationSlice

// DNS_AUTO creates its own records and EMAIL validates by mail: the others leave records to the user.
const AUTOMATIC_VERIFICATION = new Set(['DNS_AUTO', 'EMAIL'])
const automatic = (detail: CertificateDetail, settings: ValidationSettings): boolean =>
  AUTOMATIC_VERIFICATION.has(detail.VerifyType || settings.verifyType || '')

/**
 * The flow has ended: each publisher is told whether the certificate is issued or has failed for good in this run
 * (then it takes away what it placed; a flow that ends earlier, waiting or cut short, leaves the records for a later
 * run to find). Never in a preview.
 */
export async function cleanUpWhenFinal(
  publishers: readonly RecordPublisher[],
  flow: { id: string; detail?: CertificateDetail; result: BaseResult },
  log: Pick<Job['log'], 'warning'>
): Promise<Partial<ValidationSlice>> {
  const status = flow.result.Status
  if (!flow.detail) return {}
  const final = status !== null && (status === ISSUED || TERMINAL_FAILURES.has(status))
  let slice: Partial<ValidationSlice> = {}
  for (const publisher of publishers) {
    try {
      await publisher.finish(flow.id, flow.detail.DvAuths, final)
    } catch (error) {
      // A record left behind is said, never a failure of the certificate.
      log.warning(`Certificate ${flow.id}: ${publisher.name} could not clean up its records: ${errorMessage(error)}`)
    }
    slice = { ...slice, ...publisher.slice(flow.id, undefined) }
  }
  return slice
}

/** CompleteCertificate once the DNS records are proven: the CA looks now rather than in its own time. */
async function askTheCaNow(job: Job, id: string): Promise<void> {
  try {
    await job.api.completeCertificate({ CertificateId: id })
    job.log.info(
      `Certificate ${id}: its DNS records are visible at every nameserver; asked the CA to check now (CompleteCertificate)`
    )
  } catch (error) {
    const { code, message } = toFailure(error)
    // Not for every brand (DNSPod's, WoTrus'), nor once passed: the CA then checks on its own, as it always does.
    job.notice(
      `Certificate ${id}: the CA could not be asked to check now (${code}: ${message}); it checks the domains on its own`
    )
  }
}

export function validationStep(job: Job): Step<ValidationSettings, ValidationResult> {
  // The files every certificate of the step claimed, so that two never need one file differently.
  const claims = new ValidationClaims()
  // One DNS publisher per job: every certificate shares the provider's client, its zones and their nameservers. It is
  // loaded with its first use, so that a step without dns-provider starts without it.
  let dnsPublisher: Promise<DnsPublisher> | undefined
  let dns: DnsPublisher | undefined
  const publishers = async (settings: ValidationSettings): Promise<RecordPublisher[]> => {
    const dnsSettings = settings.dns
    if (dnsSettings)
      dns = await (dnsPublisher ??= import('./publishers/dns.js').then(
        (loaded) => new loaded.DnsPublisher(dnsSettings, job)
      ))
    return [
      ...(settings.validationDir ? [filePublisher(settings.validationDir, claims)] : []),
      ...(dnsSettings && dns ? [dns] : [])
    ]
  }

  return {
    name: 'validation',
    async run(flow) {
      const detail = flow.detail
      if (!detail) return
      const { id, settings } = flow
      const manual = !automatic(detail, settings)
      const publish = async (records: readonly DvAuth[], late: boolean): Promise<void> => {
        // Records dns-provider writes are said as it writes them; the others are the user's to place.
        const written = (record: DvAuth): boolean =>
          settings.dns !== undefined && (record.DvAuthVerifyType === 'TXT' || record.DvAuthVerifyType === 'CNAME')
        if (manual)
          for (const record of records.filter((candidate) => !written(candidate)))
            job.log.info(
              `Certificate ${id}: to validate the domain, ${describeRecord(record)}${late ? ' (the records came after the order)' : ''}`
            )
        for (const publisher of await publishers(settings)) {
          // DNS records are written only while the CA waits for them; once issued, the flow's end removes them.
          if (publisher === dns && !AWAITING_VALIDATION.has(detail.Status)) continue
          let placed: string[] | undefined
          try {
            placed = await publisher.present(id, records)
            if (placed.length > 0) job.log.info(`Certificate ${id}: ${publisher.name} placed ${placed.join(', ')}`)
          } catch (error) {
            const known = { OrderId: flow.result.OrderId || detail.OrderId, Status: detail.Status }
            throw new StepFailed(error, {
              describe: doing(
                `it holds ${orderLabel(known.OrderId)}, but its validation records were not published by ${publisher.name}`
              ),
              known
            })
          } finally {
            flow.result = { ...flow.result, ...publisher.slice(id, placed) }
          }
          // Proven at every nameserver: the CA is asked to look at once.
          if (publisher === dns && placed.length > 0) await askTheCaNow(job, id)
        }
      }
      if (manual) flow.result = { ...flow.result, DvAuths: detail.DvAuths }
      await publish(detail.DvAuths, false)
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
        checks.recordsArrived = async (records) => {
          verification.learnRecords(records)
          try {
            await publish(records, true)
          } catch (error) {
            if (!(error instanceof StepFailed)) throw error
            failure = error
          }
        }
      flow.checks = checks
    },

    async plan(flow) {
      const detail = flow.detail
      if (!detail) return
      const { id, settings } = flow
      for (const publisher of await publishers(settings)) {
        try {
          const plans = await publisher.planned(id, detail.DvAuths)
          const file = publisher.name === 'validation-dir'
          job.preview?.add(id, {
            Step: publisher.name,
            Would: plans.length === 0 ? 'write nothing' : file ? `write ${plans.join(', ')}` : plans.join('; '),
            Why:
              plans.length > 0
                ? `the ${file ? 'FILE' : 'DNS'} records the CA asks for`
                : `no ${file ? 'FILE' : 'DNS'} record is known yet`
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

    async finish(flow) {
      if (job.preview) return
      const slice = await cleanUpWhenFinal(await publishers(flow.settings), flow, job.log)
      flow.result = { ...flow.result, ...slice }
    }
  }
}
