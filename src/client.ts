import { Client as SslClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ssl/v20191205/ssl_client.js'
import { Client as StsClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/sts/v20180813/sts_client.js'
import type { Credentials, Env } from './credentials.js'
import type { Endpoint } from './endpoint.js'
import { ActionErrorCode, ApiFailure, toApiFailure } from './errors.js'
import type { Language, VerifyType } from './inputs.js'
import { transportFor } from './proxy.js'

export interface SubmitAnswer {
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

/** The calls the action makes, as one narrow interface, so that the logic above it can be tested without a network. */
export interface SslApi {
  commitCertificateInformation(request: { CertificateId: string; VerifyType?: VerifyType }): Promise<SubmitAnswer>
  certificateOrderSubmit(request: { CertId: string; VerifyType?: VerifyType; DeleteDnsAutoRecord: 0 | 1 }): Promise<SubmitAnswer>
  describeCertificateDetail(request: { CertificateId: string }): Promise<CertificateDetail>
}

/** Where the credentials for each call come from: fixed keys, or a role's temporary key that is renewed. */
export type CredentialProvider = () => Promise<Credentials>

export interface ConnectionSettings {
  endpoint: Endpoint
  region?: string
  language: Language
  requestTimeoutSeconds: number
  /** For the proxy variables. */
  env: Env
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
}

function malformed(field: string, requestId: unknown): ApiFailure {
  return new ApiFailure(ActionErrorCode.MalformedResponse, `the answer had no valid ${field}`, typeof requestId === 'string' ? requestId : '', true)
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/** Checks the answer's shape at the boundary, so that nothing past it has to doubt the types. */
function submitAnswer(answer: Record<string, unknown>): SubmitAnswer {
  const { OrderId, Status, RequestId } = answer
  if (typeof RequestId !== 'string') throw malformed('RequestId', RequestId)
  if (typeof OrderId !== 'string') throw malformed('OrderId', RequestId)
  if (typeof Status !== 'number' || !Number.isInteger(Status)) throw malformed('Status', RequestId)
  return { OrderId, Status, RequestId }
}

function dvAuths(detail: unknown): DvAuth[] {
  const records = (detail as { DvAuths?: unknown } | null | undefined)?.DvAuths
  if (!Array.isArray(records)) return []
  return records
    .filter((record): record is Record<string, unknown> => typeof record === 'object' && record !== null)
    .map((record) => ({
      DvAuthKey: text(record.DvAuthKey),
      DvAuthValue: text(record.DvAuthValue),
      DvAuthDomain: text(record.DvAuthDomain),
      DvAuthSubDomain: text(record.DvAuthSubDomain),
      DvAuthPath: text(record.DvAuthPath),
      DvAuthVerifyType: text(record.DvAuthVerifyType)
    }))
}

function temporaryKey(answer: Record<string, unknown>): TemporaryKey {
  const { RequestId, ExpiredTime } = answer
  if (typeof RequestId !== 'string') throw malformed('RequestId', RequestId)
  const credentials = (answer.Credentials ?? {}) as Record<string, unknown>
  const { TmpSecretId, TmpSecretKey, Token } = credentials
  if (typeof TmpSecretId !== 'string' || typeof TmpSecretKey !== 'string' || typeof Token !== 'string') throw malformed('Credentials', RequestId)
  if (typeof ExpiredTime !== 'number') throw malformed('ExpiredTime', RequestId)
  return { TmpSecretId, TmpSecretKey, Token, ExpiredTime, RequestId }
}

function certificateDetail(answer: Record<string, unknown>): CertificateDetail {
  const { RequestId, Status } = answer
  if (typeof RequestId !== 'string') throw malformed('RequestId', RequestId)
  if (typeof Status !== 'number' || !Number.isInteger(Status)) throw malformed('Status', RequestId)
  return {
    CertificateId: text(answer.CertificateId),
    OrderId: text(answer.OrderId),
    Status,
    StatusMsg: text(answer.StatusMsg),
    VerifyType: text(answer.VerifyType),
    DvAuths: dvAuths(answer.DvAuthDetail),
    RequestId
  }
}

async function call<T>(send: () => Promise<unknown>, parse: (answer: Record<string, unknown>) => T): Promise<T> {
  let answer: unknown
  try {
    answer = await send()
  } catch (error) {
    throw toApiFailure(error)
  }
  if (typeof answer !== 'object' || answer === null) throw malformed('Response object', '')
  return parse(answer as Record<string, unknown>)
}

function profile(settings: ConnectionSettings) {
  return {
    language: settings.language,
    httpProfile: {
      endpoint: settings.endpoint.host,
      protocol: settings.endpoint.protocol,
      reqTimeout: settings.requestTimeoutSeconds,
      ...transportFor(settings.endpoint, settings.env)
    }
  }
}

export function createSslApi(settings: ClientSettings): SslApi {
  // One SDK client per credential: a renewed temporary key gets a new client. The credentials are fetched here,
  // outside the SDK, which would turn a failed renewal into a code-less error.
  let current: { credentials: Credentials; client: SslClient } | undefined
  const client = async (): Promise<SslClient> => {
    const credentials = await settings.credentials()
    if (current?.credentials !== credentials) {
      current = {
        credentials,
        client: new SslClient({ credential: credentials, ...(settings.region ? { region: settings.region } : {}), profile: profile(settings) })
      }
    }
    return current.client
  }
  return {
    commitCertificateInformation: (request) => call(async () => (await client()).CommitCertificateInformation(request), submitAnswer),
    certificateOrderSubmit: (request) => call(async () => (await client()).CertificateOrderSubmit(request), submitAnswer),
    describeCertificateDetail: (request) => call(async () => (await client()).DescribeCertificateDetail(request), certificateDetail)
  }
}

/** STS needs a region. AssumeRoleWithWebIdentity is not signed: the OIDC token is the credential. */
export function createStsApi(settings: ConnectionSettings & { region: string }): StsApi {
  const client = new StsClient({ credential: {}, region: settings.region, profile: profile(settings) })
  return {
    assumeRoleWithWebIdentity: (request) => call(() => client.request('AssumeRoleWithWebIdentity', request, { skipSign: true }), temporaryKey)
  }
}
