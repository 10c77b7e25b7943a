// What is bound to a certificate: the bind-resource task and its detail, every kind in its own shape (TCB's
// environments nested, TEO by Host, TSE by GatewayId, API Gateway by ServiceId), a group's Error kept.
import {
  ID_LENGTH,
  MAX_DOMAINS,
  MAX_RECORDS,
  RECORD_FIELD_LENGTH,
  RESOURCE_ERROR_LENGTH,
  count,
  objects,
  requestIdOf,
  serverText
} from './common.js'
import { MAX_PAGE_RESOURCES } from './switch.js'

/** A cloud resource bound to a certificate, as DescribeCertificateBindResourceTaskDetail lists it, in one line. */
export interface BoundResource {
  /** The kind, lower case (the answer groups them by CLB, CDN, ...). */
  ResourceType: string
  Region: string
  /** Its ID and name, and a listener's, as far as the answer gives them: "lb-xxx shop-lb listener https". */
  Name: string
}

export function bindTasks(answer: Record<string, unknown>): {
  Tasks: { CertId: string; TaskId: string }[]
  RequestId: string
} {
  const RequestId = requestIdOf(answer)
  const tasks = objects(answer.CertTaskIds)
    .slice(0, MAX_RECORDS)
    .map((task) => ({ CertId: serverText(task.CertId, ID_LENGTH), TaskId: serverText(task.TaskId, ID_LENGTH) }))
  return { Tasks: tasks.filter((task) => task.TaskId !== ''), RequestId }
}

export function bindTaskResults(answer: Record<string, unknown>): {
  Results: { TaskId: string; Status: number; Error: string }[]
  RequestId: string
} {
  const RequestId = requestIdOf(answer)
  const results = objects(answer.SyncTaskBindResourceResult)
    .slice(0, MAX_RECORDS)
    .map((result) => {
      const error =
        typeof result.Error === 'object' && result.Error !== null ? (result.Error as Record<string, unknown>) : {}
      return {
        TaskId: serverText(result.TaskId, ID_LENGTH),
        Status: count(result.Status),
        Error: [serverText(error.Code, ID_LENGTH), serverText(error.Message, RESOURCE_ERROR_LENGTH)]
          .filter(Boolean)
          .join(': ')
      }
    })
  return { Results: results, RequestId }
}

// The fields that name a bound resource, in each kind's own terms, and its listeners'.
// TEO names its resources by Host, TSE by GatewayId, API Gateway by ServiceId, TCB's environments by ID.
const RESOURCE_NAMES = [
  'LoadBalancerId',
  'InstanceId',
  'GatewayId',
  'ServiceId',
  'Host',
  'Domain',
  'Bucket',
  'FunctionName',
  'EnvId',
  'ClusterId',
  'ID',
  'Id'
]

const RESOURCE_LABELS = ['LoadBalancerName', 'InstanceName', 'GatewayName', 'ServiceName', 'ClusterName', 'Name']

function boundResource(item: Record<string, unknown>, type: string, region: string): BoundResource {
  const first = (names: readonly string[], from: Record<string, unknown>): string =>
    names.map((name) => serverText(from[name], RECORD_FIELD_LENGTH)).find((value) => value !== '') ?? ''
  const listeners = objects(item.Listeners ?? item.ListenerList)
    .slice(0, MAX_DOMAINS)
    .map((listener) => first(['ListenerName', 'ListenerId'], listener))
    .filter((name) => name !== '')
  const name = [first(RESOURCE_NAMES, item), first(RESOURCE_LABELS, item)].filter(Boolean)
  return {
    ResourceType: type,
    Region: region || serverText(item.Region, ID_LENGTH),
    Name: [...new Set(name)].join(' ') + (listeners.length > 0 ? ` listener ${listeners.join(', ')}` : '')
  }
}

/**
 * A TCB environment in the answer's nesting: the environment itself (Environment.ID, Name), with its access service
 * and static hosting domains (AccessService.InstanceList, HostService.InstanceList), as one resource.
 */
function tcbEnvironment(item: Record<string, unknown>): Record<string, unknown> {
  const object = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  const environment = object(item.Environment)
  const domains = [object(item.AccessService).InstanceList, object(item.HostService).InstanceList]
    .flatMap((list) => objects(list))
    .map((instance) => serverText(instance.Domain, RECORD_FIELD_LENGTH))
    .filter(Boolean)
    .slice(0, MAX_DOMAINS)
  return {
    ID: environment.ID,
    Name: [serverText(environment.Name, RECORD_FIELD_LENGTH), ...domains].filter(Boolean).join(' ')
  }
}

/**
 * A page of the resources bound to a certificate, every kind's groups together; `more` when a group has more. A
 * group's Error and the answer's own Status (2: the query failed) are kept: an unread kind is not an empty one.
 */
export function boundResources(answer: Record<string, unknown>): {
  Resources: BoundResource[]
  More: boolean
  /** 0 querying, 1 done, 2 failed; 1 when the answer does not say. */
  Status: number
  /** Each group that could not be read: "CLB ap-guangzhou: no region". */
  Errors: string[]
  RequestId: string
} {
  const RequestId = requestIdOf(answer)
  const resources: BoundResource[] = []
  const errors: string[] = []
  let more = false
  for (const [key, groups] of Object.entries(answer)) {
    if (!Array.isArray(groups) || !/^[A-Z]+$/.test(key)) continue
    for (const group of objects(groups).slice(0, MAX_RECORDS)) {
      const region = serverText(group.Region, ID_LENGTH)
      const error = serverText(group.Error, RESOURCE_ERROR_LENGTH)
      if (error) errors.push(`${key}${region ? ` ${region}` : ''}: ${error}`)
      const items =
        key === 'TCB'
          ? objects(group.Environments).slice(0, MAX_PAGE_RESOURCES).map(tcbEnvironment)
          : objects(group.InstanceList).slice(0, MAX_PAGE_RESOURCES)
      if (count(group.TotalCount) > items.length) more = true
      for (const item of items) resources.push(boundResource(item, key.toLowerCase(), region))
    }
  }
  return {
    Resources: resources.slice(0, MAX_PAGE_RESOURCES * 10),
    More: more,
    Status: answer.Status === undefined || answer.Status === null ? 1 : count(answer.Status),
    Errors: errors.slice(0, MAX_DOMAINS),
    RequestId
  }
}
