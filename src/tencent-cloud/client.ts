import { Client as SslClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ssl/v20191205/ssl_client.js'
import { Client as StsClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/sts/v20180813/sts_client.js'
import { EventEmitter } from 'node:events'
import type { Agent as HttpAgent } from 'node:http'
import { ActionErrorCode, Failure, toFailure } from './errors.js'
import { Transport, type AttemptAgent, type AttemptReport } from './transport.js'
import { untrusted } from '../support/untrusted.js'
import { recordLocation } from './validation.js'
import type { Credentials, Endpoint, Env, Language, RebindRequest, VerifyType } from './api.js'
import { errorMessage } from '../support/error-message.js'

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
  RequestId: string
}

/** A certificate's status as the list API (DescribeCertificates) gives it: no order ID, no records. */
export interface CertificateStatus {
  CertificateId: string
  Status: number
  StatusMsg: string
  VerifyType: string
}

/**
 * An issued certificate's own text from DescribeCertificateDetail, read only to write it out. It holds the private
 * key: the caller masks it at once, and nothing logs it.
 */
export interface CertificateMaterial {
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
export interface CertificateArchive {
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
export interface RebindRecords {
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

export interface CertificateList {
  Certificates: CertificateStatus[]
  TotalCount: number
  RequestId: string
}

/** The calls the action makes, as one narrow interface, so that the logic above it can be tested without a network. */
export interface SslApi {
  commitCertificateInformation(request: { CertificateId: string; VerifyType?: VerifyType }): Promise<SubmitAnswer>
  certificateOrderSubmit(request: { CertId: string; VerifyType?: VerifyType; DeleteDnsAutoRecord: 0 | 1 }): Promise<SubmitAnswer>
  describeCertificateDetail(request: { CertificateId: string }): Promise<CertificateDetail>
  /** Up to 1000 certificates' statuses in one call. */
  describeCertificates(request: { CertIds: string[]; Limit: number; Offset: number }): Promise<CertificateList>
  /** DescribeCertificateDetail again, for the certificate and key themselves. */
  describeCertificateMaterial(request: { CertificateId: string }): Promise<CertificateMaterial>
  downloadCertificate(request: { CertificateId: string }): Promise<CertificateArchive>
  updateCertificateInstance(request: RebindRequest): Promise<RebindTask>
  describeHostUpdateRecord(request: { OldCertificateId: string; CertificateId: string; Limit: number; Offset: number }): Promise<RebindRecords>
  /** The API takes its numbers as strings here. */
  describeHostUpdateRecordDetail(request: { DeployRecordId: string; Limit: string; Offset: string }): Promise<RebindProgress>
  /** Ends the connections once the action has decided. */
  close(): void
}

/** Where the credentials for each call come from: fixed keys, or a role's temporary key that is renewed. */
export type CredentialProvider = () => Promise<Credentials>

/** The job's cancellation, as a call sees it: no attempt starts once it is stopping; one in flight ends when it aborts. */
export interface CallCancellation {
  readonly stopping: AbortSignal
  readonly aborting: AbortSignal
  /** The failure of a call the cancellation ended; `mayHaveReached` when its request was on its way. */
  failure(mayHaveReached: boolean): Failure
}

export interface ConnectionSettings {
  endpoint: Endpoint
  region?: string
  language: Language
  requestTimeoutSeconds: number
  /** For the proxy variables. */
  env: Env
  /** The job's cancellation: no attempt starts once it is stopping, and attempts in flight end when it aborts. */
  cancellation?: CallCancellation
}

export interface ClientSettings extends ConnectionSettings {
  credentials: CredentialProvider
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

export interface StsApi {
  assumeRoleWithWebIdentity(request: WebIdentityRequest): Promise<TemporaryKey>
  close(): void
}

function malformed(field: string, requestId: unknown): Failure {
  return new Failure({
    code: ActionErrorCode.MalformedResponse,
    message: `the answer had no valid ${field}`,
    requestId: text(requestId),
    mayHaveTakenEffect: true
  })
}

// Every string the server sends passes through `untrusted` here, at the boundary: nothing past it prints raw server text.
const text = (value: unknown, maxLength?: number): string => (typeof value === 'string' ? untrusted(value, maxLength) : '')
/** A hostile answer could list any number of records; no real certificate validates anywhere near this many domains. */
const MAX_RECORDS = 100
// Identifiers are short; anything longer is not one.
const ID_LENGTH = 128
// A DNS name is at most 253 characters and a TXT string 255: a longer record field is not a real one.
const RECORD_FIELD_LENGTH = 255

/** Checks the answer's shape at the boundary, so that nothing past it has to doubt the types. */
function submitAnswer(answer: Record<string, unknown>): SubmitAnswer {
  const { OrderId, Status, RequestId } = answer
  if (typeof RequestId !== 'string') throw malformed('RequestId', RequestId)
  if (OrderId !== undefined && OrderId !== null && typeof OrderId !== 'string') throw malformed('OrderId', RequestId)
  if (typeof Status !== 'number' || !Number.isInteger(Status)) throw malformed('Status', RequestId)
  return { OrderId: text(OrderId, ID_LENGTH), Status, RequestId: text(RequestId, ID_LENGTH) }
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
    record.DvAuthSubDomain || record.DvAuthVerifyType === 'FILE' ? record : { ...record, DvAuthSubDomain: recordLocation(record).name }
  )
}

function recordsOf(detail: unknown): DvAuth[] {
  if (typeof detail !== 'object' || detail === null) return []
  const { DvAuths: records, DvAuthKey, DvAuthValue, DvAuthDomain, DvAuthPath, DvAuthKeySubDomain } = detail as Record<string, unknown>
  if (Array.isArray(records) && records.length > 0) {
    return records
      .slice(0, MAX_RECORDS)
      .filter((record): record is Record<string, unknown> => typeof record === 'object' && record !== null)
      .map((record) => ({
        DvAuthKey: text(record.DvAuthKey, RECORD_FIELD_LENGTH),
        DvAuthValue: text(record.DvAuthValue, RECORD_FIELD_LENGTH),
        DvAuthDomain: text(record.DvAuthDomain, RECORD_FIELD_LENGTH),
        DvAuthSubDomain: text(record.DvAuthSubDomain, RECORD_FIELD_LENGTH),
        DvAuthPath: text(record.DvAuthPath, RECORD_FIELD_LENGTH),
        DvAuthVerifyType: text(record.DvAuthVerifyType, ID_LENGTH)
      }))
  }
  const value = text(DvAuthValue, RECORD_FIELD_LENGTH)
  if (value === '') return []
  const path = text(DvAuthPath, RECORD_FIELD_LENGTH)
  return [
    {
      DvAuthKey: text(DvAuthKey, RECORD_FIELD_LENGTH),
      DvAuthValue: value,
      DvAuthDomain: text(DvAuthDomain, RECORD_FIELD_LENGTH),
      DvAuthSubDomain: text(DvAuthKeySubDomain, RECORD_FIELD_LENGTH),
      DvAuthPath: path,
      DvAuthVerifyType: path ? 'FILE' : HOST_NAME.test(value) ? 'CNAME' : 'TXT'
    }
  ]
}

function temporaryKey(answer: Record<string, unknown>): TemporaryKey {
  const { RequestId, ExpiredTime } = answer
  if (typeof RequestId !== 'string') throw malformed('RequestId', RequestId)
  const credentials = (answer.Credentials ?? {}) as Record<string, unknown>
  const { TmpSecretId, TmpSecretKey, Token } = credentials
  if (typeof TmpSecretId !== 'string' || typeof TmpSecretKey !== 'string' || typeof Token !== 'string') throw malformed('Credentials', RequestId)
  if (typeof ExpiredTime !== 'number') throw malformed('ExpiredTime', RequestId)
  // The key itself is not text for people: it is masked and sent as it is, and a header check refuses it if it cannot be sent.
  return { TmpSecretId, TmpSecretKey, Token, ExpiredTime, RequestId: text(RequestId, ID_LENGTH) }
}

function certificateDetail(answer: Record<string, unknown>): CertificateDetail {
  const { RequestId, Status } = answer
  if (typeof RequestId !== 'string') throw malformed('RequestId', RequestId)
  if (typeof Status !== 'number' || !Number.isInteger(Status)) throw malformed('Status', RequestId)
  return {
    CertificateId: text(answer.CertificateId, ID_LENGTH),
    OrderId: text(answer.OrderId, ID_LENGTH),
    Status,
    StatusMsg: text(answer.StatusMsg),
    VerifyType: text(answer.VerifyType, ID_LENGTH),
    DvAuths: dvAuths(answer.DvAuthDetail),
    RequestId: text(RequestId, ID_LENGTH)
  }
}

// A chain of a few certificates is some kilobytes, and a certificate's ZIP some tens: far more is not one.
const MAX_PEM_LENGTH = 64 * 1024
const MAX_ARCHIVE_BASE64_LENGTH = 1024 * 1024
// PEM is ASCII text; anything else in it is not PEM (and must not reach a file or a log).
const PEM_TEXT = /^[\x20-\x7e\r\n]*$/

/** PEM text as given, '' when absent; refused when it is not PEM-like text or far too long. */
function pemField(value: unknown, field: string, requestId: string): string {
  if (value === undefined || value === null) return ''
  if (typeof value !== 'string' || value.length > MAX_PEM_LENGTH || !PEM_TEXT.test(value)) throw malformed(field, requestId)
  return value
}

function certificateMaterial(answer: Record<string, unknown>): CertificateMaterial {
  const { RequestId, Status } = answer
  if (typeof RequestId !== 'string') throw malformed('RequestId', RequestId)
  if (typeof Status !== 'number' || !Number.isInteger(Status)) throw malformed('Status', RequestId)
  const extra = (typeof answer.CertificateExtra === 'object' && answer.CertificateExtra !== null ? answer.CertificateExtra : {}) as Record<string, unknown>
  const algorithm = text(answer.EncryptAlgorithm, ID_LENGTH)
  return {
    Domain: text(answer.Domain, RECORD_FIELD_LENGTH),
    Status,
    CertificatePublicKey: pemField(answer.CertificatePublicKey, 'CertificatePublicKey', RequestId),
    CertificatePrivateKey: pemField(answer.CertificatePrivateKey, 'CertificatePrivateKey', RequestId),
    Sm2: extra.SMCert === 1 || (typeof answer.EncryptCert === 'string' && answer.EncryptCert !== '') || /SM2/i.test(algorithm),
    RequestId: text(RequestId, ID_LENGTH)
  }
}

function certificateArchive(answer: Record<string, unknown>): CertificateArchive {
  const { RequestId, Content } = answer
  if (typeof RequestId !== 'string') throw malformed('RequestId', RequestId)
  // What is not base64 is dropped by the decoder, and what is not a ZIP is refused when it is read.
  if (typeof Content !== 'string' || Content.length > MAX_ARCHIVE_BASE64_LENGTH) throw malformed('Content', RequestId)
  return { Content: Buffer.from(Content, 'base64'), RequestId: text(RequestId, ID_LENGTH) }
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0)

function rebindTask(answer: Record<string, unknown>): RebindTask {
  const { RequestId, DeployRecordId, DeployStatus } = answer
  if (typeof RequestId !== 'string') throw malformed('RequestId', RequestId)
  if (typeof DeployRecordId !== 'number' || !Number.isInteger(DeployRecordId) || DeployRecordId < 0) throw malformed('DeployRecordId', RequestId)
  return { DeployRecordId, DeployStatus: count(DeployStatus), RequestId: text(RequestId, ID_LENGTH) }
}

/** A page of task records holds at most this many (the action asks for 100): more is not an answer to the request. */
export const MAX_RECORDS_PAGE = 100

const objects = (list: unknown): Record<string, unknown>[] =>
  (Array.isArray(list) ? list : []).filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)

function rebindRecords(answer: Record<string, unknown>): RebindRecords {
  const { RequestId, DeployRecordList } = answer
  if (typeof RequestId !== 'string') throw malformed('RequestId', RequestId)
  if (!Array.isArray(DeployRecordList)) throw malformed('DeployRecordList', RequestId)
  const records = objects(DeployRecordList)
    .slice(0, MAX_RECORDS_PAGE)
    .map((record) => ({ Id: count(record.Id), CertId: text(record.CertId, ID_LENGTH), OldCertId: text(record.OldCertId, ID_LENGTH) }))
  return { Records: records.filter((record) => record.Id > 0), TotalCount: count(answer.TotalCount), RequestId: text(RequestId, ID_LENGTH) }
}

/** A page of a task's resources holds at most 200; a resource names a few domains (a CDN one, a listener's SNI). */
export const MAX_PAGE_RESOURCES = 200
const MAX_DOMAINS = 10
// A product's reason for one resource is a sentence; a page of them each at the general cap would be megabytes.
const RESOURCE_ERROR_LENGTH = 300

function rebindResource(item: Record<string, unknown>, type: string): RebindResource {
  return {
    Id: count(item.Id),
    CertId: text(item.CertId, ID_LENGTH),
    ResourceType: text(item.ResourceType, ID_LENGTH) || type,
    Region: text(item.Region, ID_LENGTH),
    InstanceId: text(item.InstanceId, RECORD_FIELD_LENGTH),
    InstanceName: text(item.InstanceName, RECORD_FIELD_LENGTH),
    ListenerId: text(item.ListenerId, RECORD_FIELD_LENGTH),
    ListenerName: text(item.ListenerName, RECORD_FIELD_LENGTH),
    Domains: (Array.isArray(item.Domains) ? item.Domains : []).slice(0, MAX_DOMAINS).map((domain) => text(domain, RECORD_FIELD_LENGTH)),
    Status: count(item.Status),
    ErrorMsg: text(item.ErrorMsg, RESOURCE_ERROR_LENGTH)
  }
}

function rebindProgress(answer: Record<string, unknown>): RebindProgress {
  const { RequestId, RecordDetailList } = answer
  if (typeof RequestId !== 'string') throw malformed('RequestId', RequestId)
  if (!Array.isArray(RecordDetailList)) throw malformed('RecordDetailList', RequestId)
  const resources = objects(RecordDetailList)
    .flatMap((group) => objects(group.List).map((item) => rebindResource(item, text(group.ResourceType, ID_LENGTH))))
    .slice(0, MAX_PAGE_RESOURCES)
  return {
    TotalCount: count(answer.TotalCount),
    SuccessTotalCount: count(answer.SuccessTotalCount),
    FailedTotalCount: count(answer.FailedTotalCount),
    RunningTotalCount: count(answer.RunningTotalCount),
    PendingTotalCount: count(answer.PendingTotalCount),
    Resources: resources,
    RequestId: text(RequestId, ID_LENGTH)
  }
}

function certificateList(answer: Record<string, unknown>): CertificateList {
  const { RequestId, TotalCount, Certificates } = answer
  if (typeof RequestId !== 'string') throw malformed('RequestId', RequestId)
  if (!Array.isArray(Certificates)) throw malformed('Certificates', RequestId)
  return {
    Certificates: Certificates.filter(
      (c): c is Record<string, unknown> => typeof c === 'object' && c !== null && typeof (c as Record<string, unknown>).Status === 'number'
    ).map((c) => ({
      CertificateId: text(c.CertificateId, ID_LENGTH),
      Status: c.Status as number,
      StatusMsg: text(c.StatusMsg),
      VerifyType: text(c.VerifyType, ID_LENGTH)
    })),
    TotalCount: typeof TotalCount === 'number' ? TotalCount : Certificates.length,
    RequestId: text(RequestId, ID_LENGTH)
  }
}

/** The SDK's clients all share this: one request, with per-call options. */
interface SdkClient {
  request(action: string, params: object, options: { signal: AbortSignal; skipSign?: boolean }): Promise<unknown>
}

type SdkProfile = ReturnType<typeof profile>

function profile(settings: ConnectionSettings, agent: AttemptAgent) {
  return {
    language: settings.language,
    httpProfile: {
      endpoint: settings.endpoint.host,
      protocol: settings.endpoint.protocol,
      // The attempt's own timer bounds the whole request; the SDK's (per phase) is only a backstop behind it.
      reqTimeout: settings.requestTimeoutSeconds + 5,
      // node-fetch, under the SDK, takes a function for an agent and calls it again for each redirect: the SDK's
      // typing says Agent only.
      agent: agent as unknown as HttpAgent
    }
  }
}

/**
 * One API's calls: each attempt gets a fresh SDK client with an agent that watches the connection, a timer for the
 * whole attempt (connect, headers and body together), and the job's cancellation; a failure is classified by what
 * the connection showed, not by the SDK's message.
 */
class Caller {
  private readonly transport: Transport

  constructor(private readonly settings: ConnectionSettings) {
    this.transport = new Transport(settings.endpoint, settings.env, settings.requestTimeoutSeconds * 1000)
  }

  async call<T>(
    client: (profile: SdkProfile) => SdkClient,
    action: string,
    params: object,
    parse: (answer: Record<string, unknown>) => T,
    skipSign = false
  ): Promise<T> {
    const { cancellation } = this.settings
    if (cancellation?.stopping.aborted) throw cancellation.failure(false)
    const { agent, report } = this.transport.attempt()
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(ABORT_TIMEOUT), this.settings.requestTimeoutSeconds * 1000)
    const onCancel = (): void => controller.abort(ABORT_CANCELLED)
    cancellation?.aborting.addEventListener('abort', onCancel)
    let answer: unknown
    try {
      answer = await client(profile(this.settings, agent)).request(action, params, { signal: controller.signal, ...(skipSign ? { skipSign } : {}) })
    } catch (error) {
      throw Object.assign(this.classify(error, report, controller.signal), { action })
    } finally {
      clearTimeout(timer)
      cancellation?.aborting.removeEventListener('abort', onCancel)
      release(answer, controller)
    }
    try {
      if (typeof answer !== 'object' || answer === null) throw malformed('Response object', '')
      return parse(answer as Record<string, unknown>)
    } catch (error) {
      throw Object.assign(toFailure(error), { action })
    }
  }

  close(): void {
    this.transport.close()
  }

  private classify(error: unknown, report: AttemptReport, signal: AbortSignal): Failure {
    const seconds = this.settings.requestTimeoutSeconds
    if (signal.reason === ABORT_CANCELLED) return this.settings.cancellation!.failure(report.reached)
    if (signal.reason === ABORT_TIMEOUT) {
      const where = report.reached ? 'no complete answer came' : 'no connection could be made'
      return new Failure({ code: ActionErrorCode.Timeout, message: `${where} within request-timeout (${seconds} s)`, mayHaveTakenEffect: report.reached })
    }
    if (report.redirectedTo !== undefined) {
      const where = untrusted(report.redirectedTo, ID_LENGTH) || 'another address'
      return new Failure({
        code: ActionErrorCode.Redirected,
        message: `the endpoint answered with a redirect to ${where}, which is never followed`,
        mayHaveTakenEffect: true
      })
    }
    if (!report.reached) return notSent(error, report)
    return toFailure(error)
  }
}

const ABORT_TIMEOUT = 'timeout'
const ABORT_CANCELLED = 'cancelled'

/**
 * Ends what an answer may still hold open. An answer the SDK did not read (an event stream, say) keeps its socket
 * until the attempt's signal aborts it; the SDK's stream wrappers rethrow that abort as 'error' events, which
 * must have a listener or they would crash the process.
 */
function release(answer: unknown, controller: AbortController): void {
  if (typeof answer === 'object' && answer !== null) {
    for (const value of Object.values(answer)) if (value instanceof EventEmitter) value.on('error', () => {})
  }
  controller.abort('done')
}

// Node's codes for a certificate the runner does not trust, and for a handshake that failed.
const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS_|ERR_SSL_|EPROTO$|HOSTNAME_MISMATCH)/

/** A failure before any connection to the server was made: nothing can have been received, so nothing applied. */
export function notSent(error: unknown, report: AttemptReport): Failure {
  const cause = report.error
  const message = untrusted(cause?.message ?? errorMessage(error))
  const code = cause?.code ?? ''
  if (TLS_CODES.test(code) || /certificate|handshake|\bssl\b|\btls\b/i.test(cause?.message ?? '')) {
    return new Failure({ code: ActionErrorCode.TlsFailed, message: `the TLS connection to the endpoint failed (${code || 'handshake'}): ${message}` })
  }
  if (!report.handedOver) return new Failure({ code: ActionErrorCode.InvalidRequest, message: `the request could not be sent: ${message}` })
  return new Failure({ code: ActionErrorCode.ConnectionFailed, message: code && !message.includes(code) ? `${message} (${code})` : message })
}

export function createSslApi(settings: ClientSettings): SslApi {
  const caller = new Caller(settings)
  // The credentials are fetched here, outside the SDK, which would turn a failed renewal into a code-less error.
  const client = (credentials: Credentials) => (profile: SdkProfile) =>
    new SslClient({ credential: credentials, ...(settings.region ? { region: settings.region } : {}), profile }) as unknown as SdkClient
  const call = async <T>(action: string, params: object, parse: (answer: Record<string, unknown>) => T): Promise<T> =>
    caller.call(client(await settings.credentials()), action, params, parse)
  return {
    commitCertificateInformation: (request) => call('CommitCertificateInformation', request, submitAnswer),
    certificateOrderSubmit: (request) => call('CertificateOrderSubmit', request, submitAnswer),
    describeCertificateDetail: (request) => call('DescribeCertificateDetail', request, certificateDetail),
    describeCertificates: (request) => call('DescribeCertificates', request, certificateList),
    describeCertificateMaterial: (request) => call('DescribeCertificateDetail', request, certificateMaterial),
    downloadCertificate: (request) => call('DownloadCertificate', request, certificateArchive),
    updateCertificateInstance: (request) => call('UpdateCertificateInstance', request, rebindTask),
    describeHostUpdateRecord: (request) => call('DescribeHostUpdateRecord', request, rebindRecords),
    describeHostUpdateRecordDetail: (request) => call('DescribeHostUpdateRecordDetail', request, rebindProgress),
    close: () => caller.close()
  }
}

/** STS needs a region. AssumeRoleWithWebIdentity is not signed: the OIDC token is the credential. */
export function createStsApi(settings: ConnectionSettings & { region: string }): StsApi {
  const caller = new Caller(settings)
  const client = (profile: SdkProfile) => new StsClient({ credential: {}, region: settings.region, profile }) as unknown as SdkClient
  return {
    assumeRoleWithWebIdentity: (request) => caller.call(client, 'AssumeRoleWithWebIdentity', request, temporaryKey, true),
    close: () => caller.close()
  }
}
