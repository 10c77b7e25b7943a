// The switch step: replace-certificate-id (or a renewal's old certificate), the old certificate's resources switched to
// this one once it is issued (UpdateCertificateInstance) and followed to their end; for any other, the reason they
// were not. In a preview: what is bound to the old certificate now, and what would switch.
import { Failure } from '../../api/errors.js'
import { ISSUED } from '../../api/status.js'
import type { BaseResult } from '../../flow/result.js'
import { doing, StepFailed, type Job, type Step } from '../../flow/step.js'
import { notIssued } from '../files/step.js'
import { boundResources, describeResources } from './bound-resources.js'
import { rebindCertificate, type RebindResult, type RebindSettings } from './switch.js'

export interface SwitchSettings {
  /** replace-certificate-id: switch the old certificate's resources to each certificate issued. */
  rebind?: RebindSettings & { oldIds: ReadonlyMap<string, string> }
}

export interface SwitchSlice {
  /** The switch of the old certificate's resources, each with its outcome. */
  Rebind?: RebindResult
}

export type SwitchResult = BaseResult & SwitchSlice

export function switchStep(job: Job): Step<SwitchSettings, SwitchResult> {
  const why = (flow: { id: string; settings: SwitchSettings; result: SwitchResult }): void => {
    const rebind = flow.settings.rebind
    const reason = notIssued(flow.result)
    if (!rebind || !reason) return
    flow.result = {
      ...flow.result,
      Rebind: {
        OldCertificateId: rebind.oldIds.get(flow.id) ?? '',
        DeployRecordId: 0,
        SuccessTotalCount: 0,
        FailedTotalCount: 0,
        Resources: [],
        Note: `not switched: ${reason}`
      }
    }
  }
  return {
    name: 'switch',
    async run(flow) {
      const { id, settings } = flow
      if (!settings.rebind) return
      if (notIssued(flow.result)) return why(flow)
      const oldId = settings.rebind.oldIds.get(id) ?? ''
      const outcome = await rebindCertificate(job.api, id, oldId, settings.rebind, job)
      flow.result = { ...flow.result, Rebind: outcome.rebind }
      const failure = outcome.failure
      if (failure)
        throw new StepFailed(new Failure(failure), {
          describe: (message) => `it is issued, but ${message}`,
          ...(failure.call ? { call: failure.call } : {})
        })
    },
    async plan(flow) {
      const { id, settings } = flow
      const oldId = settings.rebind?.oldIds.get(id)
      if (!settings.rebind || !oldId) return
      const issued = flow.result.Status === ISSUED
      try {
        const { switched, left } = await boundResources(job.api, oldId, settings.rebind, job)
        job.preview?.add(id, {
          Step: 'UpdateCertificateInstance',
          Would:
            switched.length > 0
              ? `switch ${switched.length} resource${switched.length === 1 ? '' : 's'} from ${oldId}: ${describeResources(switched)}`
              : `switch nothing from ${oldId}: none of resource-types is bound to it`,
          Why: issued ? 'the certificate is issued' : 'once the certificate is issued'
        })
        if (left.length > 0)
          job.preview?.add(id, {
            Step: 'UpdateCertificateInstance',
            Would: `leave ${describeResources(left)} on ${oldId}`,
            Why: 'their kind (or region) is not in resource-types (resource-regions)'
          })
      } catch (error) {
        throw new StepFailed(error, {
          describe: doing('the preview found what a real run would fail on'),
          known: { OrderId: flow.result.OrderId, Status: flow.result.Status }
        })
      }
    },
    skipped: why
  }
}
