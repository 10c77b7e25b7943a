// The files step: download-dir, the certificate issued by the end of its flow written as PEM (and PFX), checked
// first; for any other, the reason it has none.
import { basename, dirname, join } from 'node:path'
import { ISSUED } from '../../api/status.js'
import { isFailure, type BaseResult } from '../../flow/result.js'
import { doing, StepFailed, type Job, type Step } from '../../flow/step.js'
import { saveCertificate, type CertificateFiles, type FileSettings } from './save.js'

export interface FilesSettings {
  /** download-dir: write each certificate that is issued when its flow ends. */
  files?: FileSettings
}

export interface FilesSlice {
  /** For an issued certificate: the leaf's validity (ISO 8601, UTC), SHA-256 fingerprint and names. */
  NotBefore?: string
  NotAfter?: string
  Fingerprint?: string
  SubjectAltNames?: string[]
  /** The files written. */
  Files?: CertificateFiles
  /** What was not written, and why (not issued, no key held, ...). */
  FilesNote?: string
}

/** Why a certificate's files are not written (or its resources not switched); undefined when it is issued and well. */
export function notIssued(result: BaseResult): string | undefined {
  if (isFailure(result)) return result.Status === ISSUED ? 'an earlier step failed' : 'the certificate is not issued'
  return result.Status === ISSUED
    ? undefined
    : `the certificate is not issued (it is in status ${result.Status} (${result.StatusName}))`
}

export type FilesResult = BaseResult & FilesSlice

export function filesStep(job: Job): Step<FilesSettings, FilesResult> {
  const why = (flow: { settings: FilesSettings; result: FilesResult }): void => {
    const reason = notIssued(flow.result)
    if (flow.settings.files && reason) flow.result = { ...flow.result, FilesNote: `no files: ${reason}` }
  }
  return {
    name: 'files',
    async run(flow) {
      const { id, settings } = flow
      if (!settings.files) return
      if (notIssued(flow.result)) return why(flow)
      try {
        const saved = await saveCertificate(job.api, id, settings.files, job)
        const names = (Object.values(saved.files) as string[]).map((path) => basename(path))
        job.log.info(
          `Certificate ${id}: wrote ${names.join(', ')} to ${dirname(saved.files.CertificatePath)} ` +
            `(valid until ${saved.facts.NotAfter}, SHA-256 ${saved.facts.Fingerprint})`
        )
        if (saved.note) job.log.info(`Certificate ${id}: ${saved.note}`)
        flow.result = {
          ...flow.result,
          ...saved.facts,
          Files: saved.files,
          ...(saved.note ? { FilesNote: saved.note } : {})
        }
      } catch (error) {
        throw new StepFailed(error, { describe: doing('it is issued, but no file was written') })
      }
    },
    plan(flow) {
      const { id, settings } = flow
      if (!settings.files) return
      const issued = flow.result.Status === ISSUED
      job.preview?.add(id, {
        Step: 'download-dir',
        Would: issued
          ? `write cert.pem, chain.pem, fullchain.pem (and privkey.pem when Tencent Cloud holds the key) to ${join(settings.files.dir, id)}`
          : 'write nothing',
        Why: issued
          ? 'the certificate is issued'
          : `the certificate is not issued (status ${flow.result.Status} (${flow.result.StatusName}))`
      })
    },
    skipped: why
  }
}
