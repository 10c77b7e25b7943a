import { basename, dirname, join } from 'node:path'
import type { CertificateDetail, DvAuth } from '../tencent-cloud/answers.js'
import type { SslApi } from '../tencent-cloud/calls.js'
import { toFailure } from '../tencent-cloud/errors.js'
import type { Clock } from '../support/clock.js'
import { readCertificate } from './read-certificate.js'
import { failed, isFailure, orderLabel, succeeded, type CertificateResult } from './results.js'
import {
  CONFIRMATION_LETTER_PENDING,
  ISSUED,
  PENDING_SUBMISSION,
  statusName,
  SUBMITTED_STATUSES
} from '../tencent-cloud/status.js'
import { submitCertificate } from './submit.js'
import type { Statuses } from './statuses.js'
import { describeRecord } from '../tencent-cloud/validation-records.js'
import { waitForIssuance } from './wait.js'
import { DomainVerification } from './verification.js'
import { placeValidationFiles, validationFilePaths, ValidationClaims } from '../files/validation-files.js'

export { ValidationClaims }
import { boundResources, describeResources } from '../rebind/bound-resources.js'
import type { Preview } from './preview.js'
import type { SubmitApi, VerifyType } from '../tencent-cloud/terms.js'
import { saveCertificate, type FileOptions, type FileSettings } from '../files/save.js'
import { rebindCertificate, type RebindOptions, type RebindSettings } from '../rebind/rebind.js'
import { submitInformation, type InformationOptions } from './information.js'
import type { InformationRequest } from '../tencent-cloud/terms.js'

export interface CertificateSettings {
  verifyType?: VerifyType
  submitApi: SubmitApi
  deleteDnsAutoRecord: boolean
  skipSubmitted: boolean
  wait?: { timeoutMs: number; intervalMs: number }
  /** download-dir: write each certificate that is issued when its flow ends. */
  files?: FileSettings
  /** replace-certificate-id: switch the old certificate's resources to each certificate issued. */
  rebind?: RebindSettings & { oldIds: ReadonlyMap<string, string> }
  /** validation-dir: where FILE validation records are written, for a later step to publish with the site. */
  validationDir?: string
  /** domain and its companions: each certificate's information, made to hold before its order. */
  information?: {
    requests: ReadonlyMap<string, InformationRequest>
    key?: string
    /** key-algorithm was given (not its default): a key Tencent Cloud makes was asked for in so many words. */
    keyChosen?: boolean
  }
}

export interface FlowOptions extends FileOptions, RebindOptions, InformationOptions {
  clock: Clock
  /** Statuses read many at a time: the skip-submitted check, and the rounds while waiting. */
  statuses: Statuses
  /** validation-dir: the files every certificate of the step claimed, so that two never need one file differently. */
  validationClaims?: ValidationClaims
  /** Told when a certificate holds an order (submitted now or before) and when it starts waiting. */
  onProgress: (id: string, stage: 'submitted' | 'waiting') => void
}

// DNS_AUTO creates its own records and EMAIL validates by mail: the others leave records to the user.
const AUTOMATIC_VERIFICATION = new Set(['DNS_AUTO', 'EMAIL'])

/** A step that ended the certificate's flow early, with its result: thrown by the step, caught by the flow. */
class Finished extends Error {
  constructor(readonly result: CertificateResult) {
    super(`certificate ${result.CertificateId} finished early`)
  }
}

/** The result of a certificate whose step failed with `error`: the step says what it was doing. */
function failedStep(
  id: string,
  error: unknown,
  doing: string,
  known: { OrderId?: string; Status?: number } = {}
): Finished {
  const { code, requestId, message, action } = toFailure(error)
  const result = failed(id, { code, requestId, message: `${doing}: ${message}` }, known)
  return new Finished(action ? { ...result, FailedCall: action } : result)
}

/** skip-submitted: the certificate's state when it is already submitted (so it is not submitted again), else undefined. */
async function alreadySubmitted(api: SslApi, id: string, options: FlowOptions): Promise<CertificateDetail | undefined> {
  try {
    // The list tells a pending certificate from a submitted one; only a submitted one needs its detail (the order).
    const listed = await options.statuses.read(id)
    if (listed && !SUBMITTED_STATUSES.has(listed.Status)) return undefined
    const detail = await readCertificate(api, id)
    return SUBMITTED_STATUSES.has(detail.Status) ? detail : undefined
  } catch (error) {
    throw failedStep(id, error, 'skip-submitted could not read the certificate, so it was not submitted')
  }
}

/** The order: the one found by skip-submitted, or a submission now. */
async function order(
  api: SslApi,
  id: string,
  settings: CertificateSettings,
  options: FlowOptions,
  submitted?: CertificateDetail
): Promise<CertificateResult> {
  if (submitted) {
    options.log.info(
      `Certificate ${id}: already submitted (${orderLabel(submitted.OrderId)}, status ${submitted.Status} ${statusName(submitted.Status)}); not submitting again`
    )
    return { ...succeeded(id, submitted), Skipped: true }
  }
  const { submitApi, deleteDnsAutoRecord, verifyType } = settings
  const result = await submitCertificate(
    api,
    { certificateId: id, submitApi, deleteDnsAutoRecord, ...(verifyType ? { verifyType } : {}) },
    options
  )
  if (isFailure(result)) throw new Finished(result)
  return result
}

/** The certificate as it stands after its order: for its records, its order ID if still unknown, and the first state waited on. */
async function afterOrder(api: SslApi, id: string, result: CertificateResult): Promise<CertificateDetail> {
  try {
    return await readCertificate(api, id)
  } catch (error) {
    const known = { OrderId: result.OrderId, ...(result.Status === null ? {} : { Status: result.Status }) }
    throw failedStep(
      id,
      error,
      `the order went through (${orderLabel(result.OrderId)}), but reading the certificate afterwards failed`,
      known
    )
  }
}

/**
 * One certificate's flow: information → skip check → order → validation records → wait → files → rebind, each step
 * only when the settings ask for it. It always ends with a result, never an exception: one certificate's failure
 * does not stop the others.
 */
export async function processCertificate(
  api: SslApi,
  id: string,
  settings: CertificateSettings,
  options: FlowOptions
): Promise<CertificateResult> {
  const request = settings.information?.requests.get(id)
  let information
  try {
    information = request
      ? { Information: await submitInformation(api, request, options, settings.information?.key) }
      : {}
  } catch (error) {
    return failedStep(id, error, 'its information was not submitted, and no order was placed').result
  }
  if (options.preview) return { ...(await preview(api, id, settings, options, options.preview)), ...information }
  const ordered = { ...(await orderAndWait(api, id, settings, options)), ...information }
  const written = settings.files ? await withFiles(api, ordered, settings.files, options) : ordered
  return settings.rebind ? withRebind(api, written, settings.rebind, options) : written
}

/** Why a certificate's files are not written and its resources not switched; undefined when it is issued and well. */
const notIssued = (result: CertificateResult): string | undefined => {
  if (isFailure(result)) return result.Status === ISSUED ? 'an earlier step failed' : 'the certificate is not issued'
  return result.Status === ISSUED
    ? undefined
    : `the certificate is not issued (it is in status ${result.Status} (${result.StatusName}))`
}

/** The old certificate's resources switched to this one, once it is issued; for any other, the reason they were not. */
async function withRebind(
  api: SslApi,
  result: CertificateResult,
  settings: NonNullable<CertificateSettings['rebind']>,
  options: FlowOptions
): Promise<CertificateResult> {
  const id = result.CertificateId
  const oldId = settings.oldIds.get(id) ?? ''
  const why = notIssued(result)
  if (why) {
    const Rebind = {
      OldCertificateId: oldId,
      DeployRecordId: 0,
      SuccessTotalCount: 0,
      FailedTotalCount: 0,
      Resources: [],
      Note: `not switched: ${why}`
    }
    return { ...result, Rebind }
  }
  const outcome = await rebindCertificate(api, id, oldId, settings, options)
  const failure = outcome.failure
  return failure
    ? {
        ...result,
        Rebind: outcome.rebind,
        RequestId: failure.requestId || result.RequestId,
        ErrorCode: failure.code,
        ErrorMessage: `it is issued, but ${failure.message}`,
        ...(failure.call ? { FailedCall: failure.call } : {})
      }
    : { ...result, Rebind: outcome.rebind }
}

/** The files of a certificate issued by the end of its flow; for any other, the reason it has none. */
async function withFiles(
  api: SslApi,
  result: CertificateResult,
  settings: FileSettings,
  options: FlowOptions
): Promise<CertificateResult> {
  const id = result.CertificateId
  const why = notIssued(result)
  if (why) return { ...result, FilesNote: `no files: ${why}` }
  try {
    const saved = await saveCertificate(api, id, settings, options)
    const names = (Object.values(saved.files) as string[]).map((path) => basename(path))
    options.log.info(
      `Certificate ${id}: wrote ${names.join(', ')} to ${dirname(saved.files.CertificatePath)} ` +
        `(valid until ${saved.facts.NotAfter}, SHA-256 ${saved.facts.Fingerprint})`
    )
    if (saved.note) options.log.info(`Certificate ${id}: ${saved.note}`)
    return { ...result, ...saved.facts, Files: saved.files, ...(saved.note ? { FilesNote: saved.note } : {}) }
  } catch (error) {
    const { code, requestId, message } = toFailure(error)
    return {
      ...result,
      RequestId: requestId,
      ErrorCode: code,
      ErrorMessage: `it is issued, but no file was written: ${message}`
    }
  }
}

/** validation-dir: the certificate's FILE records written for the site; a record refused fails the certificate. */
function validationFiles(
  id: string,
  dir: string,
  detail: CertificateDetail,
  result: CertificateResult,
  options: FlowOptions
): { ValidationFiles: string[] } {
  try {
    options.validationClaims?.claim(id, dir, detail.DvAuths)
    const paths = placeValidationFiles(dir, detail.DvAuths)
    if (paths.length > 0) options.log.info(`Certificate ${id}: wrote the validation files ${paths.join(', ')}`)
    return { ValidationFiles: paths }
  } catch (error) {
    const known = { OrderId: result.OrderId || detail.OrderId, Status: detail.Status }
    throw failedStep(
      id,
      error,
      `it holds ${orderLabel(known.OrderId)}, but its validation files were not written`,
      known
    )
  }
}

/**
 * dry-run: what a real run would do after the information, from reads alone: the order or why not, the wait, the
 * validation files, the certificate files and the switch (what is bound to the old certificate now). What a real run
 * would fail on that reading tells fails here the same way.
 */
async function preview(
  api: SslApi,
  id: string,
  settings: CertificateSettings,
  options: FlowOptions,
  plan: Preview
): Promise<CertificateResult> {
  let detail: CertificateDetail
  try {
    detail = await readCertificate(api, id)
  } catch (error) {
    return failedStep(id, error, 'the preview could not read the certificate').result
  }
  const status = `status ${detail.Status} (${statusName(detail.Status)})`
  const step = settings.submitApi
  const issued = detail.Status === ISSUED
  if (SUBMITTED_STATUSES.has(detail.Status)) {
    const letter = detail.Status === CONFIRMATION_LETTER_PENDING ? ', pending a confirmation letter' : ''
    plan.add(id, { Step: step, Would: 'submit nothing', Why: `already submitted: ${status}${letter}` })
  } else if (PENDING_SUBMISSION.has(detail.Status)) {
    const verify = settings.verifyType ? ` with verify type ${settings.verifyType}` : ''
    plan.add(id, { Step: step, Would: `submit the order${verify}`, Why: `pending submission: ${status}` })
  } else {
    plan.add(id, { Step: step, Would: 'submit nothing', Why: `${status} takes no order` })
  }
  if (settings.wait && !issued) {
    plan.add(id, {
      Step: 'wait-for-issuance',
      Would: `wait up to ${settings.wait.timeoutMs / 1000} s for issuance, checking the domains and asking the CA to look`,
      Why: 'wait-for-issuance: true'
    })
  }
  try {
    if (settings.validationDir) {
      options.validationClaims?.claim(id, settings.validationDir, detail.DvAuths)
      const paths = validationFilePaths(settings.validationDir, detail.DvAuths)
      plan.add(id, {
        Step: 'validation-dir',
        Would: paths.length > 0 ? `write ${paths.join(', ')}` : 'write nothing',
        Why: paths.length > 0 ? 'the FILE records the CA asks for' : 'no FILE record is known yet'
      })
    }
    if (settings.files) {
      plan.add(id, {
        Step: 'download-dir',
        Would: issued
          ? `write cert.pem, chain.pem, fullchain.pem (and privkey.pem when Tencent Cloud holds the key) to ${join(settings.files.dir, id)}`
          : 'write nothing',
        Why: issued ? 'the certificate is issued' : `the certificate is not issued (${status})`
      })
    }
    const oldId = settings.rebind?.oldIds.get(id)
    if (settings.rebind && oldId) {
      const { switched, left } = await boundResources(api, oldId, settings.rebind, options)
      plan.add(id, {
        Step: 'UpdateCertificateInstance',
        Would:
          switched.length > 0
            ? `switch ${switched.length} resource${switched.length === 1 ? '' : 's'} from ${oldId}: ${describeResources(switched)}`
            : `switch nothing from ${oldId}: none of resource-types is bound to it`,
        Why: issued ? 'the certificate is issued' : 'once the certificate is issued'
      })
      if (left.length > 0)
        plan.add(id, {
          Step: 'UpdateCertificateInstance',
          Would: `leave ${describeResources(left)} on ${oldId}`,
          Why: 'their kind (or region) is not in resource-types (resource-regions)'
        })
    }
  } catch (error) {
    return failedStep(id, error, 'the preview found what a real run would fail on', {
      OrderId: detail.OrderId,
      Status: detail.Status
    }).result
  }
  const automatic = AUTOMATIC_VERIFICATION.has(detail.VerifyType || settings.verifyType || '')
  return { ...succeeded(id, detail), ...(automatic ? {} : { DvAuths: detail.DvAuths }) }
}

async function orderAndWait(
  api: SslApi,
  id: string,
  settings: CertificateSettings,
  options: FlowOptions
): Promise<CertificateResult> {
  try {
    const submitted = settings.skipSubmitted ? await alreadySubmitted(api, id, options) : undefined
    let result = await order(api, id, settings, options, submitted)
    options.onProgress(id, 'submitted')
    const skipped = result.Skipped ? { Skipped: true as const } : {}

    // DNS_AUTO adds its own records: without waiting, there is nothing more to read.
    if (!submitted && settings.verifyType === 'DNS_AUTO' && !settings.wait) return result
    const detail = submitted ?? (await afterOrder(api, id, result))
    // A submission may be answered before the CA has given the order an ID; the read after it may know it.
    if (!result.OrderId && detail.OrderId) result = { ...result, OrderId: detail.OrderId }

    const verifyType = detail.VerifyType || settings.verifyType || ''
    const recordsOf = (d: CertificateDetail): { DvAuths?: DvAuth[] } =>
      AUTOMATIC_VERIFICATION.has(verifyType) ? {} : { DvAuths: d.DvAuths }
    for (const record of recordsOf(detail).DvAuths ?? [])
      options.log.info(`Certificate ${id}: to validate the domain, ${describeRecord(record)}`)
    const placed = settings.validationDir ? validationFiles(id, settings.validationDir, detail, result, options) : {}
    if (!settings.wait) return { ...result, ...recordsOf(detail), ...placed }

    options.onProgress(id, 'waiting')
    const poll = (certificateId: string, maxWaitMs: number) => options.statuses.next(certificateId, maxWaitMs)
    const verification = new DomainVerification(api, id, detail.DvAuths, {
      ...options,
      intervalMs: settings.wait.intervalMs
    })
    // The records can come after the order: read again while waiting, then said, written and checked like the first.
    let late: { ValidationFiles?: string[] } = {}
    let lateFailure: CertificateResult | undefined
    const onRecords = (records: DvAuth[]): void => {
      for (const record of records)
        options.log.info(
          `Certificate ${id}: to validate the domain, ${describeRecord(record)} (the records came after the order)`
        )
      verification.learnRecords(records)
      if (!settings.validationDir) return
      try {
        late = validationFiles(id, settings.validationDir, { ...detail, DvAuths: records }, result, options)
      } catch (error) {
        if (!(error instanceof Finished)) throw error
        lateFailure = error.result
      }
    }
    const manual = !AUTOMATIC_VERIFICATION.has(verifyType) && detail.DvAuths.length === 0
    const outcome = await waitForIssuance(
      api,
      { ...detail, CertificateId: id },
      { ...options, ...settings.wait, poll, verification, ...(manual ? { onRecords } : {}) }
    )
    verification.stop()
    if (lateFailure) return lateFailure
    const last = outcome.detail
    const checked = verification.results()
    const seen = {
      ...skipped,
      ...recordsOf(last),
      ...placed,
      ...late,
      ...(checked.length > 0 ? { Verification: checked } : {})
    }
    return outcome.kind === 'issued'
      ? { ...succeeded(id, last), ...seen }
      : { ...failed(id, outcome.failure, { OrderId: last.OrderId, Status: last.Status }), ...seen }
  } catch (error) {
    if (error instanceof Finished) return error.result
    throw error
  }
}
