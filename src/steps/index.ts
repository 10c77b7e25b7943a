// A certificate's flow, step by step: the list below is the whole of it. Adding a step is one folder beside these and
// one line here. Each step's settings and result slice make up a certificate's settings and result.
import type { Job, Room, Step } from '../flow/step.js'
import type { Advice } from '../api/hints.js'
import type { BaseResult } from '../flow/result.js'
import { files, type FilesSettings, type FilesSlice } from './files/step.js'
import { information, type InformationSlice, type InformationStepSettings } from './information/step.js'
import { order, type OrderSettings, type OrderSlice } from './order/step.js'
import { renewal, type RenewalSlice, type RenewalStepSettings } from './renewal/step.js'
import { switching, type SwitchSettings, type SwitchSlice } from './switch/step.js'
import { validation, type ValidationSettings, type ValidationSlice } from './validation/step.js'
import { wait, type WaitSettings } from './wait/step.js'

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

/** The rooms of a certificate's flow, in the order its steps run. */
const ROOMS: readonly Room<CertificateSettings, CertificateResult>[] = [
  renewal,
  information,
  order,
  validation,
  wait,
  files,
  switching
]

/** The steps of every certificate's flow, in order, made once for the job (each keeps what it shares across them). */
export function certificateSteps(job: Job): Step<CertificateSettings, CertificateResult>[] {
  return ROOMS.map((room) => room.create(job))
}

/** Every step's advice for its own codes. */
export const STEP_ADVICE: readonly Advice[] = ROOMS.flatMap((room) => room.advice)
