// The switch's answers: UpdateCertificateInstance's task, the task records of a pair, and each resource's outcome.
import {
  ID_LENGTH,
  MAX_DOMAINS,
  RECORD_FIELD_LENGTH,
  RESOURCE_ERROR_LENGTH,
  count,
  malformed,
  objects,
  requestIdOf,
  serverText
} from './common.js'

/** UpdateCertificateInstance's answer: the task's ID, 0 while Tencent Cloud is still creating it. */
export interface RebindTask {
  DeployRecordId: number
  /** 1: a task was created; 0: one was already running for this switch, and DeployRecordId is that one. */
  DeployStatus: number
  RequestId: string
}

/** One switch task as DescribeHostUpdateRecord lists it: its ID, and the pair of certificates it switches. */
export interface RebindRecord {
  Id: number
  /** The new certificate. */
  CertId: string
  /** The old certificate. */
  OldCertId: string
}

/** A page of DescribeHostUpdateRecord: the switch tasks for an old and a new certificate. */
interface RebindRecords {
  Records: RebindRecord[]
  TotalCount: number
  RequestId: string
}

/** One resource of a switch task, with DescribeHostUpdateRecordDetail's field names. */
export interface RebindResource {
  /** The resource's record in the task; 0 when the answer gave none. */
  Id: number
  /** The certificate it was switched to, as the record says ('' when it does not). */
  CertId: string
  ResourceType: string
  Region: string
  InstanceId: string
  InstanceName: string
  ListenerId: string
  ListenerName: string
  Domains: string[]
  /** 0 pending, 1 switched, 2 failed, 3 running, 4 rolled back, 5 rollback failed, 6 no resource. */
  Status: number
  ErrorMsg: string
}

/** A page of a switch task's resources, and the task's counts. */
export interface RebindProgress {
  TotalCount: number
  SuccessTotalCount: number
  FailedTotalCount: number
  RunningTotalCount: number
  PendingTotalCount: number
  /** This page's resources. */
  Resources: RebindResource[]
  RequestId: string
}

export function rebindTask(answer: Record<string, unknown>): RebindTask {
  const RequestId = requestIdOf(answer)
  const { DeployRecordId, DeployStatus } = answer
  if (typeof DeployRecordId !== 'number' || !Number.isInteger(DeployRecordId) || DeployRecordId < 0)
    throw malformed('DeployRecordId', RequestId)
  return { DeployRecordId, DeployStatus: count(DeployStatus), RequestId: RequestId }
}

/** A page of task records holds at most this many (the action asks for 100): more is not an answer to the request. */
export const MAX_RECORDS_PAGE = 100

export function rebindRecords(answer: Record<string, unknown>): RebindRecords {
  const RequestId = requestIdOf(answer)
  const { DeployRecordList } = answer
  if (!Array.isArray(DeployRecordList)) throw malformed('DeployRecordList', RequestId)
  const records = objects(DeployRecordList)
    .slice(0, MAX_RECORDS_PAGE)
    .map((record) => ({
      Id: count(record.Id),
      CertId: serverText(record.CertId, ID_LENGTH),
      OldCertId: serverText(record.OldCertId, ID_LENGTH)
    }))
  return {
    Records: records.filter((record) => record.Id > 0),
    TotalCount: count(answer.TotalCount),
    RequestId: RequestId
  }
}

/** A page of a task's resources holds at most 200; a resource names a few domains (a CDN one, a listener's SNI). */
export const MAX_PAGE_RESOURCES = 200

function rebindResource(item: Record<string, unknown>, type: string): RebindResource {
  return {
    Id: count(item.Id),
    CertId: serverText(item.CertId, ID_LENGTH),
    ResourceType: serverText(item.ResourceType, ID_LENGTH) || type,
    Region: serverText(item.Region, ID_LENGTH),
    InstanceId: serverText(item.InstanceId, RECORD_FIELD_LENGTH),
    InstanceName: serverText(item.InstanceName, RECORD_FIELD_LENGTH),
    ListenerId: serverText(item.ListenerId, RECORD_FIELD_LENGTH),
    ListenerName: serverText(item.ListenerName, RECORD_FIELD_LENGTH),
    Domains: (Array.isArray(item.Domains) ? item.Domains : [])
      .slice(0, MAX_DOMAINS)
      .map((domain) => serverText(domain, RECORD_FIELD_LENGTH)),
    Status: count(item.Status),
    ErrorMsg: serverText(item.ErrorMsg, RESOURCE_ERROR_LENGTH)
  }
}

export function rebindProgress(answer: Record<string, unknown>): RebindProgress {
  const RequestId = requestIdOf(answer)
  const { RecordDetailList } = answer
  if (!Array.isArray(RecordDetailList)) throw malformed('RecordDetailList', RequestId)
  const resources = objects(RecordDetailList)
    .flatMap((group) =>
      objects(group.List).map((item) => rebindResource(item, serverText(group.ResourceType, ID_LENGTH)))
    )
    .slice(0, MAX_PAGE_RESOURCES)
  return {
    TotalCount: count(answer.TotalCount),
    SuccessTotalCount: count(answer.SuccessTotalCount),
    FailedTotalCount: count(answer.FailedTotalCount),
    RunningTotalCount: count(answer.RunningTotalCount),
    PendingTotalCount: count(answer.PendingTotalCount),
    Resources: resources,
    RequestId: RequestId
  }
}
