// The information step: a bought certificate's information (CertificateInfoSubmit) before its order, read first and
// sent only when the certificate waits for it; in a preview, what would be sent.
import { ADVICE } from './codes.js'
import { type Room, doing, StepFailed, type Job, type Step } from '../../flow/step.js'
import type { BaseResult } from '../../flow/result.js'
import type { InformationRequest } from '../../api/terms.js'
import { Directory, submitInformation, type InformationOutcome } from './information.js'

export interface InformationStepSettings {
  /** domain and its companions: each certificate's information, made to hold before its order. */
  information?: {
    requests: ReadonlyMap<string, InformationRequest>
    key?: string
    /** key-algorithm was given (not its default): a key Tencent Cloud makes was asked for in so many words. */
    keyChosen?: boolean
  }
}

export interface InformationSlice {
  /** With domain: the information sent now, sent again, or found on file already (would-… in a preview). */
  Information?: InformationOutcome
}

export function informationStep(job: Job): Step<InformationStepSettings, BaseResult & InformationSlice> {
  // The companies and managers on file, read once for the whole job.
  const directory = new Directory(job.api)
  const submit: Step<InformationStepSettings, BaseResult & InformationSlice>['run'] = async (flow) => {
    const request = flow.settings.information?.requests.get(flow.id)
    if (!request) return
    try {
      const outcome = await submitInformation(job.api, request, { ...job, directory }, flow.settings.information?.key)
      flow.result = { ...flow.result, Information: outcome }
    } catch (error) {
      throw new StepFailed(error, { describe: doing('its information was not submitted, and no order was placed') })
    }
  }
  return { name: 'information', run: submit, plan: submit }
}

/** The information step's room: its step, and its codes' advice. */
export const information: Room<InformationStepSettings, BaseResult & InformationSlice> = {
  create: informationStep,
  advice: ADVICE
}
