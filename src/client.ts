import { Client as SslClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ssl/v20191205/ssl_client.js'
import type { Credentials } from './credentials.js'
import type { Endpoint } from './endpoint.js'
import { ActionErrorCode, ApiFailure, toApiFailure } from './errors.js'
import type { Language, VerifyType } from './inputs.js'

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

export interface ClientSettings {
  endpoint: Endpoint
  credentials: Credentials
  region?: string
  language: Language
  requestTimeoutSeconds: number
}

function malformed(field: string, requestId: unknown): ApiFailure {
  return new ApiFailure(
    ActionErrorCode.MalformedResponse,
    `the answer had no valid ${field}`,
    typeof requestId === 'string' ? requestId : '',
    true
  )
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

export function createSslApi(settings: ClientSettings): SslApi {
  const client = new SslClient({
    credential: settings.credentials,
    ...(settings.region ? { region: settings.region } : {}),
    profile: {
      language: settings.language,
      httpProfile: {
        endpoint: settings.endpoint.host,
        protocol: settings.endpoint.protocol,
        reqTimeout: settings.requestTimeoutSeconds
      }
    }
  })
  return {
    commitCertificateInformation: (request) => call(() => client.CommitCertificateInformation(request), submitAnswer),
    certificateOrderSubmit: (request) => call(() => client.CertificateOrderSubmit(request), submitAnswer),
    describeCertificateDetail: (request) => call(() => client.DescribeCertificateDetail(request), certificateDetail)
  }
}
