// The information step: a bought certificate's information (CertificateInfoSubmit) before its order, read first and
// sent only when the certificate waits for it; in a preview, what would be sent.
import { doing, StepFailed, type Job, type Step } from '../../flow/step.js'
import type { BaseResult } from '../../flow/result.js'
import type { InformationRequest } from '../../api/terms.js'
import { carryOut, decideInformation, Directory, type InformationOutcome } from './information.js'

export interface InformationStepSettings {
  /** domain and its companions: each certificate's information, made to hold before its order. */
  information?: {
    requests: ReadonlyMap<string, InformationRequest>
    key?: string
    /** key-algorithm was given (not its default): a key Tencent Cloud makes was asked for in so many words. */
    keyChosen?: boolean
    /** auto-renew: AutoRenewFlag 1, automatic charges (said before anything is sent). */
    autoRenew?: boolean
  }
}

export interface InformationSlice {
  /** With domain: the information sent now, sent again, or found on file already (would-… in a preview). */
  Information?: InformationOutcome
}

export function informationStep(job: Job): Step<InformationStepSettings, BaseResult & InformationSlice> {
  // The companies and managers on file, read once for the whole job.
  const directory = new Directory(job.api)
  // The list's view of a certificate, read with the job's other list reads (the skip check, the waits).
  const listed = (id: string) => job.statuses.listed(id)
  const failed = (error: unknown): StepFailed =>
    new StepFailed(error, { describe: doing('its information was not submitted, and no order was placed') })
  return {
    name: 'information',
    async run(flow) {
      const request = flow.settings.information?.requests.get(flow.id)
      if (!request) return
      try {
        const decision = await decideInformation(job.api, request, directory, listed, flow.settings.information?.key)
        await carryOut(job.api, request, decision, { ...job, directory })
        flow.result = { ...flow.result, Information: decision.outcome }
      } catch (error) {
        throw failed(error)
      }
    },
    async plan(flow) {
      const request = flow.settings.information?.requests.get(flow.id)
      if (!request) return
      try {
        const decision = await decideInformation(job.api, request, directory, listed, flow.settings.information?.key)
        job.preview?.add(flow.id, { Step: 'CertificateInfoSubmit', Would: decision.would, Why: decision.why })
        const Information = decision.send
          ? (`would-${decision.outcome === 'submitted' ? 'submit' : 'resubmit'}` as const)
          : 'unchanged'
        flow.result = { ...flow.result, Information }
      } catch (error) {
        throw failed(error)
      }
    }
  }
}
