// The renewal step's room: the step, its codes' advice and its section of the summary, as the list of steps takes them.
import type { Room } from '../../flow/step.js'
import { ADVICE } from './codes.js'
import { readRenewalSettings } from './settings.js'
import { renewalStep, type RenewalStepSettings, type RenewalFlowResult } from './step.js'
import { renewalSection } from './summary.js'

export const renewal: Room<RenewalStepSettings, RenewalFlowResult> = {
  title: 'Renewal',
  settings: ({ readInput, disableOldExpiryNotices }) => readRenewalSettings(readInput, disableOldExpiryNotices),
  create: renewalStep,
  advice: ADVICE,
  summary: renewalSection
}
