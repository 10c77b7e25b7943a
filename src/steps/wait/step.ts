// The wait step: wait-for-issuance, the certificate's status followed until it is issued, reaches a state no waiting
// changes, or wait-timeout passes; the domain checks of the validation step run beside it.
import { Failure } from '../../api/errors.js'
import { ISSUED } from '../../api/status.js'
import { succeeded, type BaseResult } from '../../flow/result.js'
import { StepFailed, type Job, type Step } from '../../flow/step.js'
import { waitForIssuance } from './wait.js'

export interface WaitSettings {
  /** wait-for-issuance, in milliseconds: undefined when the step does not wait. */
  wait?: { timeoutMs: number; intervalMs: number }
}

export function waitStep(job: Job): Step<WaitSettings, BaseResult> {
  return {
    name: 'wait',
    async run(flow) {
      const { id, settings, detail } = flow
      if (!settings.wait || !detail) return
      job.onProgress(id, 'waiting')
      const checks = flow.checks
      const outcome = await waitForIssuance(job.api, detail, {
        ...job,
        ...settings.wait,
        poll: (certificateId, maxWaitMs) => job.statuses.next(certificateId, maxWaitMs),
        ...(checks ? { verification: checks } : {}),
        ...(checks?.recordsArrived ? { onRecords: async (records) => checks.recordsArrived?.(records) } : {})
      })
      const last = outcome.detail
      checks?.stop(last)
      flow.detail = last
      if (checks?.failure) throw checks.failure
      if (outcome.kind === 'issued') {
        flow.result = { ...flow.result, ...succeeded(id, last) }
        return
      }
      throw new StepFailed(new Failure(outcome.failure), { known: { OrderId: last.OrderId, Status: last.Status } })
    },

    plan(flow) {
      const { id, settings, detail } = flow
      if (!settings.wait || !detail || detail.Status === ISSUED) return
      job.preview?.add(id, {
        Step: 'wait-for-issuance',
        Would: `wait up to ${settings.wait.timeoutMs / 1000} s for issuance, checking the domains and asking the CA to look`,
        Why: 'wait-for-issuance: true'
      })
    }
  }
}
