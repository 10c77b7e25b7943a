// dry-run: what is bound to a certificate now, read with the bind-resource task (CreateCertificateBindResourceSyncTask,
// DescribeCertificateBindResourceTaskResult, DescribeCertificateBindResourceTaskDetail), which changes nothing.
import type { BoundResource } from '../../api/answers/index.js'
import type { SslApi } from '../../api/calls.js'
import { ActionErrorCode, Failure } from '../../api/errors.js'
import { REGIONAL_RESOURCE_TYPES, type ResourceType } from '../../api/terms.js'
import type { CallOptions } from '../../support/call-options.js'
import type { RebindSettings } from './switch.js'
import { SwitchCode } from './codes.js'

/** Pages of a task's resources read at most: 1,000 resources, far more than one certificate serves. */
const MAX_PAGES = 10
const PAGE = 100

/** The resources bound to `certificateId`: those a switch of `settings` would move, and those it would leave. */
export async function boundResources(
  api: SslApi,
  certificateId: string,
  settings: Pick<RebindSettings, 'resourceTypes' | 'regions' | 'timeoutMs' | 'intervalMs'>,
  options: Pick<CallOptions, 'clock'>
): Promise<{ switched: BoundResource[]; left: BoundResource[] }> {
  const created = await api.createCertificateBindResourceSyncTask({ CertificateIds: [certificateId], IsCache: 0 })
  const task = created.Tasks.find((t) => t.CertId === certificateId) ?? created.Tasks[0]
  if (!task)
    throw new Failure({
      code: ActionErrorCode.MalformedResponse,
      message: 'the bind-resource task has no ID',
      requestId: created.RequestId
    })
  const deadline = options.clock.now() + settings.timeoutMs
  for (;;) {
    const { Results, RequestId } = await api.describeCertificateBindResourceTaskResult({ TaskIds: [task.TaskId] })
    const result = Results.find((r) => r.TaskId === task.TaskId)
    if (result?.Status === 1) break
    if (result?.Status === 2)
      throw new Failure({
        code: SwitchCode.BoundResourcesUnreadable,
        requestId: RequestId,
        message: `the bind-resource task ${task.TaskId} failed: ${result.Error || 'no reason given'}`
      })
    if (options.clock.now() >= deadline)
      throw new Failure({
        code: SwitchCode.RebindTimeout,
        requestId: RequestId,
        message: `the bind-resource task ${task.TaskId} did not finish within rebind-timeout`
      })
    await options.clock.sleep(settings.intervalMs)
  }
  const resources: BoundResource[] = []
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await api.describeCertificateBindResourceTaskDetail({
      TaskId: task.TaskId,
      Limit: String(PAGE),
      Offset: String(page * PAGE)
    })
    if (answer.Status === 2 || answer.Errors.length > 0) {
      // A kind or region that could not be read is not "nothing bound there": say which, rather than guess.
      throw new Failure({
        code: SwitchCode.BoundResourcesUnreadable,
        requestId: answer.RequestId,
        message: `the bind-resource task ${task.TaskId} could not read every kind: ${answer.Errors.join('; ') || 'its Status is 2 (query failed)'}`
      })
    }
    resources.push(...answer.Resources)
    if (!answer.More || answer.Resources.length === 0) break
  }
  const inScope = (resource: BoundResource): boolean => {
    const type = resource.ResourceType as ResourceType
    if (!settings.resourceTypes.includes(type)) return false
    return !REGIONAL_RESOURCE_TYPES.has(type) || (settings.regions.get(type) ?? []).includes(resource.Region)
  }
  return { switched: resources.filter(inScope), left: resources.filter((r) => !inScope(r)) }
}

/** Resources in a line: "cdn www.example.com, clb lb-xxx (ap-guangzhou) listener 443". */
export const describeResources = (resources: readonly BoundResource[]): string =>
  resources.map((r) => `${r.ResourceType} ${r.Name}${r.Region ? ` (${r.Region})` : ''}`).join(', ')
