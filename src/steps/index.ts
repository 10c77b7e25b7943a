// A certificate's flow, step by step: the list below is the whole of it. Adding a step is one folder beside these and
// one line here. Each step's settings and result slice make up a certificate's settings and result.
import type { Job, Step } from '../flow/step.js'
import type { BaseResult } from '../flow/result.js'
import { filesStep, type FilesSettings, type FilesSlice } from './files/step.js'
import { informationStep, type InformationSlice, type InformationStepSettings } from './information/step.js'
import { orderStep, type OrderSettings, type OrderSlice } from './order/step.js'
import { renewalStep, type RenewalSlice, type RenewalStepSettings } from './renewal/step.js'
import { switchStep, type SwitchSettings, type SwitchSlice } from './switch/step.js'
import { validationStep, type ValidationSettings, type ValidationSlice } from './validation/step.js'
import { waitStep, type WaitSettings } from './wait/step.js'

/** The information's parsers (CSR and YAML), loaded only for a step with domain. */
export { loadInformationParsers } from './information/parsers.js'

/** One certificate's settings: every step's, as the inputs give them. */
export type CertificateSettings = OrderSettings &
  InformationStepSettings &
  ValidationSettings &
  WaitSettings &
  FilesSettings &
  SwitchSettings &
  RenewalStepSettings

/** One certificate's outcome, with the field names the Results output documents: every step's slice. */
export type CertificateResult = BaseResult &
  InformationSlice &
  OrderSlice &
  ValidationSlice &
  FilesSlice &
  SwitchSlice &
  RenewalSlice

/** The steps of every certificate's flow, in order, made once for the job (each keeps what it shares across them). */
export function certificateSteps(job: Job): Step<CertificateSettings, CertificateResult>[] {
  return [
    renewalStep(job),
    informationStep(job),
    orderStep(job),
    validationStep(job),
    waitStep(job),
    filesStep(job),
    switchStep(job)
  ]
}
