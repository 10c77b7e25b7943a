// The answers of the calls the action makes, and their parsers: the trust boundary. Each parser checks an answer's
// shape and passes every string the server sends through `untrusted`, so that nothing past it doubts a type or
// prints raw server text. Pure functions, tested without a network.
import { ActionErrorCode, Failure } from './errors.js'
import { untrusted } from '../support/untrusted.js'
import { recordLocation } from './validation-records.js'

export interface SubmitAnswer {
  /** '' when the answer has none yet: the API marks it optional, and that is still a success. */
  OrderId: string
  Status: number
  RequestId: string
}

/** One record the CA asks for to validate a domain, with the field names of the API's DvAuths. */
export interface DvAuth {
  DvAuthKey: string
  DvAuthValue: string
  DvAuthDomain: string
  DvAuthSubDomain: string
  DvAuthPath: string
  /** TXT, CNAME or FILE. */
  DvAuthVerifyType: string
}

/** The part of DescribeCertificateDetail the action uses (the full answer also holds the private key). */
export interface CertificateDetail {
  CertificateId: string
  OrderId: string
  Status: number
  StatusMsg: string
  VerifyType: string
  DvAuths: DvAuth[]
  /** The certificate's common name; '' when the answer has none (a bought certificate before its information). */
  Domain: string
  /** The information submitted, in the legacy names the detail uses; null until it is submitted. */
  SubmittedData: SubmittedInformation | null
  /** When it expires (GMT+8, "YYYY-MM-DD HH:mm:ss"); '' before it is issued. */
  CertEndTime: string
  /** Its key, as "RSA 2048" or "ECC 256"; '' when the answer has none. */
  EncryptAlgorithm: string
  /** The certificates that renew it (CertificateExtra.RenewOrder, ServiceRenewCertificateId): IDs only. */
  RenewLinks: string[]
  /** The certificates it renews (CertificateExtra.OriginCertificateId, ServiceOriginCertificateId): IDs only. */
  OriginLinks: string[]
  /** Every name it covers: Domain, then SubjectAltName, lower case, each once. */
  Names: string[]
  /** When it became valid (GMT+8); '' before it is issued. */
  CertBeginTime: string
  /** IsDv: a domain-validated certificate (only those have a DVAuthDeadline that closes the order). */
  IsDv: boolean
  /**
   * Of an issued certificate: whether Tencent Cloud holds its key (false: it was made from the user's own CSR);
   * null before it is issued, when the answer cannot tell.
   */
  KeyHeld: boolean | null
  RequestId: string
}

/**
 * DescribeCertificateDetail's SubmittedData: the information as submitted, with the legacy field names
 * (CertificateDomain, DomainList, CsrType, CsrContent, OrganizationName, ...). KeyPassword is a secret and is not
 * kept.
 */
export interface SubmittedInformation {
  CertificateDomain: string
  DomainList: string[]
  /** online or parse. */
  CsrType: string
  /** The user's own CSR, with parse. */
  CsrContent: string
  /** Every other text field, by its legacy name. */
  fields: Record<string, string>
}

/** A company on file (DescribeCompanies). */
export interface Company {
  /** int64 in the API, kept as the text the inputs give. */
  CompanyId: string
  CompanyName: string
}

/** A manager of a company on file (DescribeManagers). */
export interface Manager {
  ManagerId: string
  /** none, audit, CAaudit, ok, invalid, expiring, expired: ok and expiring are verified. */
  Status: string
  ManagerFirstName: string
  ManagerLastName: string
  ManagerMail: string
}

/** A certificate's status as the list API (DescribeCertificates) gives it: no order ID, no records. */
export interface CertificateStatus {
  CertificateId: string
  Status: number
  StatusMsg: string
  VerifyType: string
  /** When the CA closes the order if its domains are not validated (GMT+8, "YYYY-MM-DD HH:mm:ss"); '' when none. */
  DVAuthDeadline: string
  /** The certificates that renew it (HasRenewOrder, HostingRenewCertId, CertificateExtra's links): IDs only. */
  RenewLinks: string[]
  /** The certificates it renews (CertificateExtra.OriginCertificateId, ServiceOriginCertificateId): IDs only. */
  OriginLinks: string[]
  /** Its common name ('' when none yet) and every name it covers. */
  Domain: string
  Names: string[]
  /** When validation passed (GMT+8); '' when it has not (the list gives "--"). */
  ValidationPassedTime: string
  /** IsDv; true when the answer does not say. */
  IsDv: boolean
  /** Validity (GMT+8); '' when none. */
  CertBeginTime: string
  CertEndTime: string
  /** A subscription's end (GMT+8) and how many unexpired certificates it has issued; '' and null when none. */
  CertServiceEndTime: string
  CertServiceValidCertificateCount: number | null
  /** AutoRenewFlag: 1 when automatic renewal (with its charges) is on; null when the answer does not say. */
  AutoRenewFlag: number | null
}

/** What Tencent Cloud's own check and the CA see of one domain's validation (CheckCertificateDomainVerification). */
export interface DomainCheck {
  Domain: string
  VerifyType: string
  /** 1 passed; -1 rate-limited or TXT not found; -2 TXT differs; -3/-8 NS; -4/-9 file not found; -5/-10 file differs; -6 CNAME not found; -7 CNAME differs. */
  LocalCheck: number
  /** 2 passed, -1 not yet. */
  CaCheck: number
  LocalCheckFailReason: string
  /** What was found where the record should be. */
  CheckValue: string[]
  /** The check itself was rate-limited. */
  Frequently: boolean
  Issued: boolean
}

/**
 * An issued certificate's own text from DescribeCertificateDetail, read only to write it out. It holds the private
 * key: the caller masks it at once, and nothing logs it.
 */
interface CertificateMaterial {
  Domain: string
  Status: number
  /** PEM: the leaf, perhaps followed by its intermediates; '' when the answer has none. */
  CertificatePublicKey: string
  /** PEM; '' when Tencent Cloud holds no key (the CSR was the user's own). */
  CertificatePrivateKey: string
  /** An SM2 (国密) dual certificate: a signing and an encryption certificate, each with its key. */
  Sm2: boolean
  RequestId: string
}

/** DownloadCertificate's answer: a ZIP of the certificate's files for each server type. */
interface CertificateArchive {
  Content: Uint8Array
  RequestId: string
}

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

interface CertificateList {
  Certificates: CertificateStatus[]
  TotalCount: number
  RequestId: string
}

/** The temporary key STS hands out; ExpiredTime is in Unix seconds. */
export interface TemporaryKey {
  TmpSecretId: string
  TmpSecretKey: string
  Token: string
  ExpiredTime: number
  RequestId: string
}

export interface WebIdentityRequest {
  ProviderId: string
  WebIdentityToken: string
  RoleArn: string
  RoleSessionName: string
  DurationSeconds: number
}

export function malformed(field: string, requestId: unknown): Failure {
  return new Failure({
    code: ActionErrorCode.MalformedResponse,
    message: `the answer had no valid ${field}`,
    requestId: serverText(requestId),
    mayHaveTakenEffect: true
  })
}

/** The answer's RequestId, made safe to print: every real answer has one, so an answer without it is malformed. */
function requestIdOf(answer: Record<string, unknown>): string {
  const { RequestId } = answer
  if (typeof RequestId !== 'string') throw malformed('RequestId', RequestId)
  return serverText(RequestId, ID_LENGTH)
}

// Every string the server sends passes through `untrusted` here, at the boundary: nothing past it prints raw server text.
const serverText = (value: unknown, maxLength?: number): string =>
  typeof value === 'string' ? untrusted(value, maxLength) : ''
/** A hostile answer could list any number of records; no real certificate validates anywhere near this many domains. */
const MAX_RECORDS = 100
// Identifiers are short; anything longer is not one.
export const ID_LENGTH = 128
// A DNS name is at most 253 characters and a TXT string 255: a longer record field is not a real one.
const RECORD_FIELD_LENGTH = 255

/** Checks the answer's shape at the boundary, so that nothing past it has to doubt the types. */
export function submitAnswer(answer: Record<string, unknown>): SubmitAnswer {
  const RequestId = requestIdOf(answer)
  const { OrderId, Status } = answer
  if (OrderId !== undefined && OrderId !== null && typeof OrderId !== 'string') throw malformed('OrderId', RequestId)
  if (typeof Status !== 'number' || !Number.isInteger(Status)) throw malformed('Status', RequestId)
  return { OrderId: serverText(OrderId, ID_LENGTH), Status, RequestId: RequestId }
}

/** A host name (a CNAME target) rather than a token (a TXT value). */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$/i

/**
 * The records the CA asks for. Several domains come in DvAuths; a single-domain validation comes in the top-level
 * fields with DvAuths null, and names no record type: a file path means FILE, a host name as the value CNAME,
 * anything else TXT.
 */
function dvAuths(detail: unknown): DvAuth[] {
  // The host record is always filled, from the full name where the answer left it out, so that a later step can
  // hand DvAuthDomain and DvAuthSubDomain to a DNS API as they are.
  return recordsOf(detail).map((record) =>
    record.DvAuthSubDomain || record.DvAuthVerifyType === 'FILE'
      ? record
      : { ...record, DvAuthSubDomain: recordLocation(record).name }
  )
}

function recordsOf(detail: unknown): DvAuth[] {
  if (typeof detail !== 'object' || detail === null) return []
  const {
    DvAuths: records,
    DvAuthKey,
    DvAuthValue,
    DvAuthDomain,
    DvAuthPath,
    DvAuthKeySubDomain
  } = detail as Record<string, unknown>
  if (Array.isArray(records) && records.length > 0) {
    return records
      .slice(0, MAX_RECORDS)
      .filter((record): record is Record<string, unknown> => typeof record === 'object' && record !== null)
      .map((record) => ({
        DvAuthKey: serverText(record.DvAuthKey, RECORD_FIELD_LENGTH),
        DvAuthValue: serverText(record.DvAuthValue, RECORD_FIELD_LENGTH),
        DvAuthDomain: serverText(record.DvAuthDomain, RECORD_FIELD_LENGTH),
        DvAuthSubDomain: serverText(record.DvAuthSubDomain, RECORD_FIELD_LENGTH),
        DvAuthPath: serverText(record.DvAuthPath, RECORD_FIELD_LENGTH),
        DvAuthVerifyType: serverText(record.DvAuthVerifyType, ID_LENGTH)
      }))
  }
  const value = serverText(DvAuthValue, RECORD_FIELD_LENGTH)
  if (value === '') return []
  const path = serverText(DvAuthPath, RECORD_FIELD_LENGTH)
  return [
    {
      DvAuthKey: serverText(DvAuthKey, RECORD_FIELD_LENGTH),
      DvAuthValue: value,
      DvAuthDomain: serverText(DvAuthDomain, RECORD_FIELD_LENGTH),
      DvAuthSubDomain: serverText(DvAuthKeySubDomain, RECORD_FIELD_LENGTH),
      DvAuthPath: path,
      DvAuthVerifyType: path ? 'FILE' : HOST_NAME.test(value) ? 'CNAME' : 'TXT'
    }
  ]
}

export function temporaryKey(answer: Record<string, unknown>): TemporaryKey {
  const RequestId = requestIdOf(answer)
  const { ExpiredTime } = answer
  const credentials = (answer.Credentials ?? {}) as Record<string, unknown>
  const { TmpSecretId, TmpSecretKey, Token } = credentials
  if (typeof TmpSecretId !== 'string' || typeof TmpSecretKey !== 'string' || typeof Token !== 'string')
    throw malformed('Credentials', RequestId)
  if (typeof ExpiredTime !== 'number') throw malformed('ExpiredTime', RequestId)
  // The key itself is not text for people: it is masked and sent as it is, and a header check refuses it if it cannot be sent.
  return { TmpSecretId, TmpSecretKey, Token, ExpiredTime, RequestId: RequestId }
}

export function certificateDetail(answer: Record<string, unknown>): CertificateDetail {
  const RequestId = requestIdOf(answer)
  const { Status } = answer
  if (typeof Status !== 'number' || !Number.isInteger(Status)) throw malformed('Status', RequestId)
  return {
    CertificateId: serverText(answer.CertificateId, ID_LENGTH),
    OrderId: serverText(answer.OrderId, ID_LENGTH),
    Status,
    StatusMsg: serverText(answer.StatusMsg),
    VerifyType: serverText(answer.VerifyType, ID_LENGTH),
    DvAuths: dvAuths(answer.DvAuthDetail),
    Domain: serverText(answer.Domain, RECORD_FIELD_LENGTH),
    SubmittedData: submittedData(answer.SubmittedData),
    CertEndTime: beijingTimeOf(answer.CertEndTime),
    EncryptAlgorithm: serverText(answer.EncryptAlgorithm, ID_LENGTH),
    RenewLinks: renewLinks(extraOf(answer), ['RenewOrder', 'ServiceRenewCertificateId']),
    OriginLinks: renewLinks(extraOf(answer), ['OriginCertificateId', 'ServiceOriginCertificateId']),
    Names: namesOf(answer.Domain, answer.SubjectAltName),
    CertBeginTime: beijingTimeOf(answer.CertBeginTime),
    IsDv: answer.IsDv !== false,
    KeyHeld:
      Status !== ISSUED_STATUS
        ? null
        : typeof answer.CertificatePrivateKey === 'string' && answer.CertificatePrivateKey.trim() !== '',
    RequestId: RequestId
  }
}

const ISSUED_STATUS = 1
/** A certificate names a few hundred domains at most (a multi-domain one); more is not a real answer. */
const MAX_NAMES = 250

/** Domain and the SubjectAltName list, lower case, each once (the detail's list leaves Domain out, the list's has it). */
function namesOf(domain: unknown, alternatives: unknown): string[] {
  const listed: unknown[] = Array.isArray(alternatives) ? alternatives.slice(0, MAX_NAMES) : []
  const names = [domain, ...listed]
    .map((name) => serverText(name, RECORD_FIELD_LENGTH).toLowerCase())
    .filter((name) => name !== '')
  return [...new Set(names)]
}

const MAX_SUBMITTED_NAMES = 100
// Fields SubmittedInformation holds apart, and KeyPassword, a secret that is never kept.
const SUBMITTED_APART = new Set(['CertificateDomain', 'DomainList', 'CsrType', 'CsrContent', 'KeyPassword'])

function submittedData(value: unknown): SubmittedInformation | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const data = value as Record<string, unknown>
  const fields: Record<string, string> = {}
  for (const [name, field] of Object.entries(data).slice(0, MAX_SUBMITTED_NAMES)) {
    if (typeof field !== 'string' || SUBMITTED_APART.has(name)) continue
    fields[untrusted(name, ID_LENGTH)] = serverText(field, RECORD_FIELD_LENGTH)
  }
  const { CsrContent } = data
  // A CSR is PEM text, sent back as it is when a renewal reuses it: anything else is not one.
  const csr =
    typeof CsrContent === 'string' && CsrContent.length <= MAX_PEM_LENGTH && PEM_TEXT.test(CsrContent) ? CsrContent : ''
  return {
    CertificateDomain: serverText(data.CertificateDomain, RECORD_FIELD_LENGTH),
    DomainList: (Array.isArray(data.DomainList) ? data.DomainList : [])
      .slice(0, MAX_SUBMITTED_NAMES)
      .map((name) => serverText(name, RECORD_FIELD_LENGTH))
      .filter((name) => name !== ''),
    CsrType: serverText(data.CsrType, ID_LENGTH),
    CsrContent: csr,
    fields
  }
}

/** The API's datetimes: Beijing time, to the second, without a zone. */
const BEIJING_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/
/** A datetime as the API gives it (Beijing time), in ms since the epoch; NaN for '' or anything else. */
export const beijingTimeMs = (time: string): number =>
  BEIJING_TIME.test(time) ? Date.parse(`${time.replace(' ', 'T')}+08:00`) : NaN
const beijingTimeOf = (value: unknown): string => (typeof value === 'string' && BEIJING_TIME.test(value) ? value : '')
// A renewal link is a certificate ID: the fields also carry "yes", "" and null, and have been seen to carry a date.
const LINKED_ID = /^[A-Za-z0-9_-]{6,64}$/
const extraOf = (answer: Record<string, unknown>): Record<string, unknown> =>
  typeof answer.CertificateExtra === 'object' && answer.CertificateExtra !== null
    ? (answer.CertificateExtra as Record<string, unknown>)
    : {}
function renewLinks(from: Record<string, unknown>, fields: readonly string[]): string[] {
  return fields
    .map((field) => from[field])
    .filter((value): value is string => typeof value === 'string' && LINKED_ID.test(value))
}
// A domain's check names a few values found (TXT records, a file's first line); a reason is a sentence.
const MAX_CHECK_VALUES = 10
const CHECK_REASON_LENGTH = 300
const integer = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) ? value : 0)

export function domainChecks(answer: Record<string, unknown>): { Results: DomainCheck[]; RequestId: string } {
  const RequestId = requestIdOf(answer)
  const { VerificationResults } = answer
  if (VerificationResults !== null && VerificationResults !== undefined && !Array.isArray(VerificationResults))
    throw malformed('VerificationResults', RequestId)
  const results = objects(VerificationResults)
    .slice(0, MAX_RECORDS)
    .map((result) => ({
      Domain: serverText(result.Domain, RECORD_FIELD_LENGTH),
      VerifyType: serverText(result.VerifyType, ID_LENGTH),
      LocalCheck: integer(result.LocalCheck),
      CaCheck: integer(result.CaCheck),
      LocalCheckFailReason: serverText(result.LocalCheckFailReason, CHECK_REASON_LENGTH),
      CheckValue: (Array.isArray(result.CheckValue) ? result.CheckValue : [])
        .slice(0, MAX_CHECK_VALUES)
        .map((value) => serverText(value, RECORD_FIELD_LENGTH)),
      Frequently: result.Frequently === true,
      Issued: result.Issued === true
    }))
  return { Results: results.filter((result) => result.Domain !== ''), RequestId }
}

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

/** ModifyCertificatesExpiringNotificationSwitch: the certificates whose notices were switched. */
export function switchedNotices(answer: Record<string, unknown>): { CertificateIds: string[]; RequestId: string } {
  const RequestId = requestIdOf(answer)
  const ids = Array.isArray(answer.CertificateIds) ? answer.CertificateIds : []
  return { CertificateIds: ids.slice(0, MAX_RECORDS).map((id) => serverText(id, ID_LENGTH)), RequestId }
}

/** CertificateInfoSubmit answers with its RequestId alone. */
export function requestOnly(answer: Record<string, unknown>): { RequestId: string } {
  return { RequestId: requestIdOf(answer) }
}

/** An int64 ID as text; '' when it is not one. */
const idText = (value: unknown): string =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
    ? String(value)
    : typeof value === 'string' && /^\d{1,19}$/.test(value)
      ? value
      : ''

/** A page of DescribeCompanies or DescribeManagers; at most this many entries are read from one. */
export const MAX_DIRECTORY_PAGE = 100

function directoryPage<Item>(
  answer: Record<string, unknown>,
  field: string,
  item: (entry: Record<string, unknown>) => Item
): { items: Item[]; TotalCount: number; RequestId: string } {
  const RequestId = requestIdOf(answer)
  const list = answer[field]
  if (list !== null && list !== undefined && !Array.isArray(list)) throw malformed(field, RequestId)
  return {
    items: objects(list).slice(0, MAX_DIRECTORY_PAGE).map(item),
    TotalCount: count(answer.TotalCount),
    RequestId
  }
}

export function companies(answer: Record<string, unknown>): {
  items: Company[]
  TotalCount: number
  RequestId: string
} {
  return directoryPage(answer, 'Companies', (entry) => ({
    CompanyId: idText(entry.CompanyId),
    CompanyName: serverText(entry.CompanyName, RECORD_FIELD_LENGTH)
  }))
}

export function managers(answer: Record<string, unknown>): { items: Manager[]; TotalCount: number; RequestId: string } {
  return directoryPage(answer, 'Managers', (entry) => ({
    ManagerId: idText(entry.ManagerId),
    Status: serverText(entry.Status, ID_LENGTH),
    ManagerFirstName: serverText(entry.ManagerFirstName, ID_LENGTH),
    ManagerLastName: serverText(entry.ManagerLastName, ID_LENGTH),
    ManagerMail: serverText(entry.ManagerMail, RECORD_FIELD_LENGTH)
  }))
}

// A chain of a few certificates is some kilobytes, and a certificate's ZIP some tens: far more is not one.
const MAX_PEM_LENGTH = 64 * 1024
const MAX_ARCHIVE_BASE64_LENGTH = 1024 * 1024
// PEM is ASCII text; anything else in it is not PEM (and must not reach a file or a log).
const PEM_TEXT = /^[\x20-\x7e\r\n]*$/

/** PEM text as given, '' when absent; refused when it is not PEM-like text or far too long. */
function pemField(value: unknown, field: string, requestId: string): string {
  if (value === undefined || value === null) return ''
  if (typeof value !== 'string' || value.length > MAX_PEM_LENGTH || !PEM_TEXT.test(value))
    throw malformed(field, requestId)
  return value
}

export function certificateMaterial(answer: Record<string, unknown>): CertificateMaterial {
  const RequestId = requestIdOf(answer)
  const { Status } = answer
  if (typeof Status !== 'number' || !Number.isInteger(Status)) throw malformed('Status', RequestId)
  const extra = (
    typeof answer.CertificateExtra === 'object' && answer.CertificateExtra !== null ? answer.CertificateExtra : {}
  ) as Record<string, unknown>
  const algorithm = serverText(answer.EncryptAlgorithm, ID_LENGTH)
  return {
    Domain: serverText(answer.Domain, RECORD_FIELD_LENGTH),
    Status,
    CertificatePublicKey: pemField(answer.CertificatePublicKey, 'CertificatePublicKey', RequestId),
    CertificatePrivateKey: pemField(answer.CertificatePrivateKey, 'CertificatePrivateKey', RequestId),
    Sm2:
      extra.SMCert === 1 ||
      (typeof answer.EncryptCert === 'string' && answer.EncryptCert !== '') ||
      /SM2/i.test(algorithm),
    RequestId: RequestId
  }
}

export function certificateArchive(answer: Record<string, unknown>): CertificateArchive {
  const RequestId = requestIdOf(answer)
  const { Content } = answer
  // What is not base64 is dropped by the decoder, and what is not a ZIP is refused when it is read.
  if (typeof Content !== 'string' || Content.length > MAX_ARCHIVE_BASE64_LENGTH) throw malformed('Content', RequestId)
  return { Content: Buffer.from(Content, 'base64'), RequestId: RequestId }
}

const count = (value: unknown): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0

export function rebindTask(answer: Record<string, unknown>): RebindTask {
  const RequestId = requestIdOf(answer)
  const { DeployRecordId, DeployStatus } = answer
  if (typeof DeployRecordId !== 'number' || !Number.isInteger(DeployRecordId) || DeployRecordId < 0)
    throw malformed('DeployRecordId', RequestId)
  return { DeployRecordId, DeployStatus: count(DeployStatus), RequestId: RequestId }
}

/** A page of task records holds at most this many (the action asks for 100): more is not an answer to the request. */
export const MAX_RECORDS_PAGE = 100

const objects = (list: unknown): Record<string, unknown>[] =>
  (Array.isArray(list) ? list : []).filter(
    (item): item is Record<string, unknown> => typeof item === 'object' && item !== null
  )

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
const MAX_DOMAINS = 10
// A product's reason for one resource is a sentence; a page of them each at the general cap would be megabytes.
const RESOURCE_ERROR_LENGTH = 300

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

export function certificateList(answer: Record<string, unknown>): CertificateList {
  const RequestId = requestIdOf(answer)
  const { TotalCount, Certificates } = answer
  if (!Array.isArray(Certificates)) throw malformed('Certificates', RequestId)
  return {
    Certificates: Certificates.filter(
      (c): c is Record<string, unknown> =>
        typeof c === 'object' && c !== null && typeof (c as Record<string, unknown>).Status === 'number'
    ).map((c) => ({
      CertificateId: serverText(c.CertificateId, ID_LENGTH),
      Status: c.Status as number,
      StatusMsg: serverText(c.StatusMsg),
      VerifyType: serverText(c.VerifyType, ID_LENGTH),
      DVAuthDeadline: beijingTimeOf(c.DVAuthDeadline),
      RenewLinks: [
        ...renewLinks(c, ['HasRenewOrder', 'HostingRenewCertId']),
        ...renewLinks(extraOf(c), ['RenewOrder', 'ServiceRenewCertificateId'])
      ],
      OriginLinks: renewLinks(extraOf(c), ['OriginCertificateId', 'ServiceOriginCertificateId']),
      Domain: serverText(c.Domain, RECORD_FIELD_LENGTH).toLowerCase(),
      Names: namesOf(c.Domain, c.SubjectAltName),
      ValidationPassedTime: beijingTimeOf(c.ValidationPassedTime),
      IsDv: c.IsDv !== false,
      CertBeginTime: beijingTimeOf(c.CertBeginTime),
      CertEndTime: beijingTimeOf(c.CertEndTime),
      CertServiceEndTime: beijingTimeOf(c.CertServiceEndTime),
      CertServiceValidCertificateCount:
        typeof c.CertServiceValidCertificateCount === 'number' && Number.isInteger(c.CertServiceValidCertificateCount)
          ? c.CertServiceValidCertificateCount
          : null,
      AutoRenewFlag: c.AutoRenewFlag === 0 || c.AutoRenewFlag === 1 ? c.AutoRenewFlag : null
    })),
    TotalCount: typeof TotalCount === 'number' ? TotalCount : Certificates.length,
    RequestId: RequestId
  }
}
