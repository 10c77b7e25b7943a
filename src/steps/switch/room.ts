// The switch step's room: the step, its codes' advice and its section of the summary, as the list of steps takes them.
import type { Room } from '../../flow/step.js'
import { ADVICE } from './codes.js'
import { readSwitchSettings } from './settings.js'
import { switchStep, type SwitchSettings, type SwitchResult } from './step.js'
import { switchSection } from './summary.js'

export const switching: Room<SwitchSettings, SwitchResult> = {
  title: 'Switching cloud resources',
  settings: ({ readInput, certificateIds, intervalMs, disableOldExpiryNotices }) =>
    readSwitchSettings(readInput, certificateIds, intervalMs, disableOldExpiryNotices),
  create: switchStep,
  advice: ADVICE,
  summary: switchSection
}
