// The served step: with verify-hosts, once the switch has ended, the hosts checked over TLS until each serves this
// step's certificate (served.ts); in a preview, each host once, as it is now. Without verify-hosts it does nothing.
import type { Job, Step } from '../../flow/step.js'
import type { SwitchSettings } from '../switch/step.js'
import { servedChecks } from './served.js'
import type { ServedSettings } from './settings.js'
import type { ServedResult } from './slice.js'

export type { ServedSettings } from './settings.js'
export type { ServedResult, ServedSlice } from './slice.js'

export function servedStep(job: Job): Step<ServedSettings & SwitchSettings, ServedResult> {
  const checks = servedChecks(job)
  return {
    name: 'served',
    async run(flow) {
      if (flow.settings.verify) return checks.run(flow)
    },
    async plan(flow) {
      if (flow.settings.verify) return checks.plan(flow)
    }
  }
}
