// A certificate's flow, step by step: the list below is the whole of it. Adding a step is one folder beside these and
// one line here. Each step's settings and result slice make up a certificate's settings and result.
import type { Job, Room, SettingsContext, Step } from '../flow/step.js'
import type { Problems } from '../support/formats.js'
import type { Advice } from '../api/hints.js'
import type { BoundedLines } from '../support/markdown.js'
import type { BaseResult } from '../flow/result.js'
import { caa } from './caa/room.js'
import { files } from './files/room.js'
import type { FilesSettings, FilesSlice } from './files/step.js'
import { information } from './information/room.js'
import type { InformationSlice, InformationStepSettings } from './information/step.js'
import { order } from './order/room.js'
import type { OrderSettings, OrderSlice } from './order/step.js'
import { renewal } from './renewal/room.js'
import type { RenewalSlice, RenewalStepSettings } from './renewal/step.js'
import { served } from './served/room.js'
import type { ServedSettings, ServedSlice } from './served/step.js'
import { switching } from './switch/room.js'
import type { SwitchSettings, SwitchSlice } from './switch/step.js'
import { validation } from './validation/room.js'
import type { ValidationSettings, ValidationSlice } from './validation/step.js'
import { wait } from './wait/room.js'
import type { WaitSettings } from './wait/step.js'

/** The information's parsers (CSR and YAML), loaded only for a step with domain. */
export { loadInformationParsers } from './information/parsers.js'

/** One certificate's settings: every step's, as the inputs give them. */
export type CertificateSettings = OrderSettings &
  InformationStepSettings &
  ValidationSettings &
  WaitSettings &
  FilesSettings &
  SwitchSettings &
  ServedSettings &
  RenewalStepSettings

/** One certificate's outcome, with the field names the Results output documents: every step's slice. */
export type CertificateResult = BaseResult &
  InformationSlice &
  OrderSlice &
  ValidationSlice &
  FilesSlice &
  SwitchSlice &
  ServedSlice &
  RenewalSlice

/** The rooms of a certificate's flow, in the order its steps run. */
const ROOMS: readonly Room<CertificateSettings, CertificateResult>[] = [
  renewal,
  information,
  caa,
  order,
  validation,
  wait,
  files,
  switching,
  served
]

/** The steps of every certificate's flow, in order, made once for the job (each keeps what it shares across them). */
export function certificateSteps(job: Job): Step<CertificateSettings, CertificateResult>[] {
  return ROOMS.map((room) => room.create(job))
}

/** Every step's advice for its own codes. */
export const STEP_ADVICE: readonly Advice[] = ROOMS.flatMap((room) => room.advice)

/** Every step's codes by the area of the troubleshooting page they belong to. */
export const STEP_AREAS: readonly { title: string; advice: readonly Advice[] }[] = ROOMS.map(({ title, advice }) => ({
  title,
  advice
}))

/** Every step's section of the job summary, in the order its steps run. */
export function addStepSections(out: BoundedLines, results: readonly CertificateResult[]): void {
  for (const room of ROOMS) room.summary?.(out, results)
}

/** Every step's settings, read from the inputs by the step's own reader; every problem kept in `problems`. */
export function readCertificateSettings(context: SettingsContext, problems: Problems): Partial<CertificateSettings> {
  const settings: Partial<CertificateSettings> = {}
  for (const room of ROOMS) Object.assign(settings, problems.read(() => room.settings?.(context)) ?? {})
  return settings
}
