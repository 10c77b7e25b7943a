// The CAA step's room: a warning before the order when a name's CAA records do not let the certificate's CA issue.
// It has no codes of its own: CAA is advice, never a failure.
import type { Room } from '../../flow/step.js'
import type { BaseResult } from '../../flow/result.js'
import { caaStep, type CaaSettings } from './step.js'

export const caa: Room<CaaSettings, BaseResult> = {
  title: 'CAA',
  create: caaStep,
  advice: []
}
