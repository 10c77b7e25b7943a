// A loopback emulator of the Tencent Cloud API gateway and the SSL service behind it, for the tests, the demo and
// the benchmark. It checks TC3-HMAC-SHA256 signatures with the account's secret key, answers with the documented
// JSON shapes, keeps certificate state, enforces the per-account rate limit and injects faults on request.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { actionSpec, exampleAnswer, jsonType, type Field } from './api-spec.js'
import { IdentityEmulator, StsError, TOKEN_PATH } from './identity.js'
import { canonicalRequest, parseAuthorization, signature, stringToSign, utcDate } from './tc3.js'

export interface EmulatorKey {
  secretId: string
  secretKey: string
  /** Temporary keys must come with this token (X-TC-Token). */
  token?: string
  account?: string
  /** Temporary keys stop working at this time (ms since the epoch). */
  expiresAtMs?: number
}

export interface EmulatedCertificate {
  CertificateId: string
  account?: string
  Domain?: string
  /** 5 (enterprise, pending submission) or 13 (information pending) accept a submission. */
  Status?: number
  /** The status a submission moves the certificate to. */
  statusAfterSubmit?: number
  OrderId?: string
  /** After a submission, the certificate moves to `finalStatus` on this many-th read (either read API). */
  settleAfterReads?: number
  /** Or this long after the submission, at the first read after that. */
  settleAfterMs?: number
  /** 1 (issued, the default) or a failure such as 2 (review failed). */
  finalStatus?: number
  finalStatusMsg?: string
  /** The domains validated, one record each (default: Domain alone, answered in DvAuthDetail's top-level fields). */
  altNames?: string[]
  /** The DNS record the CA asks for with DNS verification (default TXT). */
  dnsRecordType?: 'TXT' | 'CNAME'
}

/** The records the CA asks for, in the shape of DescribeCertificateDetail's DvAuthDetail.DvAuths. */
export interface EmulatedDvAuth {
  DvAuthKey: string
  DvAuthValue: string
  DvAuthDomain: string
  DvAuthPath: string
  DvAuthSubDomain: string
  DvAuthVerifyType: string
}

export interface CertificateState {
  CertificateId: string
  account: string
  Domain: string
  Status: number
  statusAfterSubmit: number
  OrderId: string
  VerifyType: string
  DeleteDnsAutoRecord: boolean
  DvAuths: EmulatedDvAuth[]
  altNames: string[]
  dnsRecordType: 'TXT' | 'CNAME'
  settleAfterReads?: number
  settleAfterMs?: number
  submittedAt: number
  finalStatus: number
  finalStatusMsg: string
  /** Reads since the submission, counting towards settleAfterReads. */
  readsSinceSubmission: number
  /** True once the certificate reached its final status. */
  settled: boolean
  /** How many submissions the server applied: the tests' proof that nothing was submitted twice. */
  submissions: number
}

/** Picks a fault for a call that no injected rule claimed; `index` counts earlier calls of the action for the certificate. */
export type FaultPlan = (call: { action: string; certificateId: string; index: number }) => Fault | undefined

/** What to do instead of (or after) the normal handling of one matching request. */
export type Fault =
  | { type: 'error'; code: string; message?: string }
  | { type: 'http'; status: number }
  | { type: 'reset'; applied?: boolean }
  | { type: 'hang'; applied?: boolean }
  | { type: 'broken-body'; applied?: boolean }
  /** The spec's example answer for the action, verbatim (its own RequestId included), applying nothing. */
  | { type: 'example'; index?: number }

export interface FaultRule {
  action?: string
  certificateId?: string
  /** How many matching requests get the fault (default 1). */
  times?: number
  fault: Fault
}

export interface LoggedRequest {
  action: string
  params: Record<string, unknown>
  /** 'ok', the error code answered, or the fault's type. */
  outcome: string
  /** The RequestId answered (also for faults that never deliver it). */
  requestId: string
  /** X-TC-Region as sent, '' when absent. */
  region: string
  /** The SecretId in the Authorization header, '' for an unsigned call. */
  secretId: string
  at: number
}

export interface EmulatorOptions {
  /** Requests per second per account and action for the SSL API (it allows 10). */
  rateLimit?: number
  /** The same for STS (it allows 20). */
  stsRateLimit?: number
  /** Added to the emulator's clock, to test clock skew. */
  clockOffsetMs?: number
  /** A network between the client and the gateway: each request arrives after a random delay up to this. */
  arrivalJitterMs?: number
  /** And after this constant delay, each way (so the round trip gains twice it). */
  oneWayDelayMs?: number
  /** The loopback port to listen on; 0 (the default) picks a free one. */
  port?: number
}

export const DEFAULT_ACCOUNT = '100000000001'
const SSL_VERSION = '2019-12-05'
const STS_VERSION = '2018-08-13'
const MAX_SKEW_SECONDS = 300
const PENDING_SUBMISSION = new Set([5, 13])

class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly en: string,
    readonly zh: string = en
  ) {
    super(en)
  }
}

const errors = {
  invalidAuthorization: () =>
    new ApiError('AuthFailure.InvalidAuthorization', 'The Authorization header is malformed.', '请求头部的 Authorization 不符合腾讯云标准。'),
  signatureFailure: (why: string) =>
    new ApiError('AuthFailure.SignatureFailure', `The provided credentials could not be validated: ${why}.`, `签名错误：${why}。`),
  signatureExpire: () =>
    new ApiError('AuthFailure.SignatureExpire', 'Signature expired: the timestamp differs from the server time by more than 5 minutes.', '签名过期。'),
  secretIdNotFound: () => new ApiError('AuthFailure.SecretIdNotFound', 'The SecretId does not exist.', '密钥不存在。'),
  tokenFailure: () => new ApiError('AuthFailure.TokenFailure', 'The token is invalid or expired.', 'Token 错误。'),
  notSigned: () =>
    new ApiError('AuthFailure.SignatureFailure', 'The request is not signed (Authorization: SKIP is only for AssumeRoleWithWebIdentity).', '请求未签名。'),
  rateLimited: () =>
    new ApiError(
      'RequestLimitExceeded',
      'Your current request times equals to 10 in a second, which exceeds the frequency limit.',
      '请求的次数超过了频率限制。'
    ),
  invalidAction: (action: string) => new ApiError('InvalidAction', `The action ${action} does not exist.`, `接口 ${action} 不存在。`),
  noSuchVersion: () => new ApiError('NoSuchVersion', 'The API version does not exist.', '接口版本不存在。'),
  missingParameter: (name: string) => new ApiError('MissingParameter', `The request is missing a required parameter \`${name}\`.`, `缺少参数 ${name}。`),
  unknownParameter: (name: string) => new ApiError('UnknownParameter', `The parameter \`${name}\` is not recognized.`, `参数 ${name} 未定义。`),
  invalidParameter: (why: string) => new ApiError('InvalidParameter', why, why),
  invalidParam: () => new ApiError('FailedOperation.InvalidParam', 'Incorrect parameters.', '参数有误。'),
  certificateNotFound: () => new ApiError('FailedOperation.CertificateNotFound', 'The certificate does not exist.', '证书不存在。'),
  invalidStatus: () => new ApiError('FailedOperation.InvalidCertificateStatusCode', 'The certificate status is incorrect.', '证书状态不正确。')
}

/**
 * Messages for every documented code of the actions the emulator serves (CommitCertificateInformation's are Tencent
 * Cloud's own; the others say what the code means), used when a test injects a code without a message.
 */
export const DOCUMENTED_MESSAGES: Readonly<Record<string, string>> = {
  FailedOperation: 'The operation failed.',
  'FailedOperation.AuthError': 'You do not have permission to perform this operation.',
  'FailedOperation.CannotGetOrder': 'Failed to get the order information. Try again later.',
  'FailedOperation.CertificateCsrParseFailed': 'Failed to parse the CSR.',
  'FailedOperation.CertificateInfoSubmitStatusInvalid': 'The certificate status does not allow submitting information.',
  'FailedOperation.CertificateInvalid': 'The certificate is invalid.',
  'FailedOperation.CertificateNotFound': 'The certificate does not exist.',
  'FailedOperation.CertificateOrderSubmitProcessing': 'The certificate order is being submitted. Try again later.',
  'FailedOperation.CertificatePreVerifyEmailInvalid': 'The pre-verification email address is invalid.',
  'FailedOperation.InvalidCertificateStatusCode': 'The certificate status is incorrect.',
  'FailedOperation.InvalidParam': 'Incorrect parameters.',
  'FailedOperation.NetworkError': 'The CA system is busy. Try again later.',
  'FailedOperation.NoProjectPermission': 'You do not have the permission to operate on this project.',
  'FailedOperation.NoRealNameAuth': 'You have not completed the identity verification.',
  InternalError: 'Internal error.',
  'InternalError.BackendResponseEmpty': 'The backend service response is empty.',
  'InternalError.BackendResponseError': 'An error occurred with the backend service response.',
  'InternalError.GetRoleError': 'Failed to get the role.',
  'InternalError.SystemError': 'System error.',
  'InternalError.UnknownError': 'Unknown error.',
  'InvalidParameter.OverLimit': 'The request frequency is over the limit.',
  'InvalidParameter.ParamError': 'Invalid parameter.',
  'InvalidParameter.WebIdentityTokenError': 'The web identity token is invalid.',
  'LimitExceeded.RateLimitExceeded': 'The API rate limit is exceeded.',
  RequestLimitExceeded: 'Your current request times exceeds the frequency limit.',
  'ResourceNotFound.Manager': 'The manager does not exist.',
  UnauthorizedOperation: 'The operation is not authorized.',
  'AuthFailure.UnauthorizedOperation': 'The request is not authorized by CAM.'
}

// StatusName as the API gives it: free text, in Chinese.
const STATUS_NAMES_ZH: Readonly<Record<number, string>> = {
  0: '审核中',
  1: '已通过',
  2: '审核失败',
  3: '已过期',
  4: '已添加DNS记录',
  5: '企业证书，待提交',
  6: '订单取消中',
  7: '已取消',
  8: '已提交资料，待上传确认函',
  9: '证书吊销中',
  10: '已吊销',
  11: '重颁发中',
  12: '待上传吊销确认函',
  13: '免费证书待提交资料',
  14: '已退款',
  15: '证书迁移中'
}

interface Context {
  action: string
  requestId: string
  language: string
  account: string
  region: string
}

type Handler = (params: Record<string, unknown>, context: Context) => Record<string, unknown>

interface Route {
  version: string
  /** False for STS AssumeRoleWithWebIdentity, which takes `Authorization: SKIP`: the OIDC token is the credential. */
  signed: boolean
  handle: Handler
}

export class TencentCloudEmulator {
  private readonly server: Server
  private readonly sockets = new Set<Socket>()
  private readonly keys = new Map<string, Required<Pick<EmulatorKey, 'secretId' | 'secretKey' | 'account'>> & Pick<EmulatorKey, 'token' | 'expiresAtMs'>>()
  private readonly certificates = new Map<string, CertificateState>()
  private readonly faults: (FaultRule & { remaining: number })[] = []
  private readonly admitted = new Map<string, number[]>()
  private readonly actions: Record<string, Route>
  /** GitHub's OIDC token endpoint and STS, with CAM's identity providers and roles. */
  readonly identity: IdentityEmulator
  private orderCounter = 0
  private readonly callCounts = new Map<string, number>()
  readonly requests: LoggedRequest[] = []
  faultPlan: FaultPlan | undefined
  readonly rateLimit: number
  readonly stsRateLimit: number
  clockOffsetMs: number
  arrivalJitterMs: number
  oneWayDelayMs: number

  private constructor(options: EmulatorOptions) {
    this.rateLimit = options.rateLimit ?? 10
    this.stsRateLimit = options.stsRateLimit ?? 20
    this.clockOffsetMs = options.clockOffsetMs ?? 0
    this.arrivalJitterMs = options.arrivalJitterMs ?? 0
    this.oneWayDelayMs = options.oneWayDelayMs ?? 0
    this.identity = new IdentityEmulator(() => this.now())
    const ssl = (handle: Handler): Route => ({ version: SSL_VERSION, signed: true, handle })
    this.actions = {
      CommitCertificateInformation: ssl((params, context) => this.commitCertificateInformation(params, context)),
      CertificateOrderSubmit: ssl((params, context) => this.certificateOrderSubmit(params, context)),
      DescribeCertificateDetail: ssl((params, context) => this.describeCertificateDetail(params, context)),
      DescribeCertificates: ssl((params, context) => this.describeCertificates(params, context)),
      AssumeRoleWithWebIdentity: { version: STS_VERSION, signed: false, handle: (params, context) => this.assumeRoleWithWebIdentity(params, context) }
    }
    this.server = createServer((request, response) => {
      if (request.method === 'GET' && (request.url ?? '').startsWith(TOKEN_PATH)) return this.identity.handleTokenRequest(request, response)
      void this.handle(request, response)
    })
    this.server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  static async start(options: EmulatorOptions = {}): Promise<TencentCloudEmulator> {
    const emulator = new TencentCloudEmulator(options)
    await new Promise<void>((resolve, reject) => {
      emulator.server.once('error', reject)
      emulator.server.listen(options.port ?? 0, '127.0.0.1', resolve)
    })
    return emulator
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port
  }

  /** The value for the action's `endpoint` input. */
  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** What the runner gives a job with `permissions: id-token: write`, pointing at this sandbox's token endpoint. */
  get oidcEnvironment(): Record<string, string> {
    return { ACTIONS_ID_TOKEN_REQUEST_URL: `${this.endpoint}${TOKEN_PATH}?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: this.identity.job.requestToken }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  addKey(key: EmulatorKey): this {
    this.keys.set(key.secretId, { ...key, account: key.account ?? DEFAULT_ACCOUNT })
    return this
  }

  addCertificate(certificate: EmulatedCertificate): this {
    this.certificates.set(certificate.CertificateId, {
      CertificateId: certificate.CertificateId,
      account: certificate.account ?? DEFAULT_ACCOUNT,
      Domain: certificate.Domain ?? `${certificate.CertificateId.toLowerCase()}.example.com`,
      Status: certificate.Status ?? 5,
      statusAfterSubmit: certificate.statusAfterSubmit ?? 0,
      OrderId: certificate.OrderId ?? '',
      VerifyType: '',
      DeleteDnsAutoRecord: false,
      DvAuths: [],
      altNames: certificate.altNames ?? [certificate.Domain ?? `${certificate.CertificateId.toLowerCase()}.example.com`],
      dnsRecordType: certificate.dnsRecordType ?? 'TXT',
      ...(certificate.settleAfterReads === undefined ? {} : { settleAfterReads: certificate.settleAfterReads }),
      ...(certificate.settleAfterMs === undefined ? {} : { settleAfterMs: certificate.settleAfterMs }),
      submittedAt: 0,
      finalStatus: certificate.finalStatus ?? 1,
      finalStatusMsg: certificate.finalStatusMsg ?? (certificate.finalStatus && certificate.finalStatus !== 1 ? 'REJECTED' : ''),
      readsSinceSubmission: 0,
      settled: false,
      submissions: 0
    })
    return this
  }

  certificate(certificateId: string): CertificateState {
    const state = this.certificates.get(certificateId)
    if (!state) throw new Error(`no emulated certificate ${certificateId}`)
    return { ...state, DvAuths: state.DvAuths.map((record) => ({ ...record })) }
  }

  injectFault(rule: FaultRule): this {
    this.faults.push({ ...rule, remaining: rule.times ?? 1 })
    return this
  }

  /** Drops every injected fault that is left. */
  clearFaults(): this {
    this.faults.length = 0
    return this
  }

  callsOf(action: string): LoggedRequest[] {
    return this.requests.filter((r) => r.action === action)
  }

  private now(): number {
    return Date.now() + this.clockOffsetMs
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request)
    // The way there: the request is counted when it arrives, after its delay.
    await pause(this.oneWayDelayMs + Math.random() * this.arrivalJitterMs)
    const action = header(request, 'x-tc-action')
    const language = header(request, 'x-tc-language') === 'zh-CN' ? 'zh-CN' : 'en-US'
    const requestId = randomUUID()
    const parsed = parseJsonObject(body)
    const params = parsed ?? {}
    const secretId = parseAuthorization(header(request, 'authorization'))?.secretId ?? ''
    const log = (outcome: string): void =>
      void this.requests.push({ action, params, outcome, requestId, region: header(request, 'x-tc-region'), secretId, at: this.now() })

    let payload: Record<string, unknown>
    try {
      const spec = this.actions[action]
      const unsigned = header(request, 'authorization') === 'SKIP'
      if (unsigned && spec?.signed !== false) throw errors.notSigned()
      // An unsigned call has no account until its token is checked; its rate limit is shared.
      const account = unsigned ? 'unsigned' : this.authenticate(request, body)
      if (!parsed) throw errors.invalidParameter('The request body is not a JSON object.')
      if (!spec) throw errors.invalidAction(action)
      if (header(request, 'x-tc-version') !== spec.version) throw errors.noSuchVersion()
      this.admit(account, action, spec.version === STS_VERSION ? this.stsRateLimit : this.rateLimit)
      checkParameters(actionSpec(action).request, params)
      const handler = spec.handle

      const context = { action, requestId, language, account, region: header(request, 'x-tc-region') }
      const fault = this.takeFault(action, params)
      if (fault) {
        log(fault.type === 'error' ? fault.code : fault.type)
        return this.applyFault(fault, () => handler(params, context), context, response)
      }
      const answer = handler(params, context)
      log('ok')
      payload = { ...answer, RequestId: requestId }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      log(error.code)
      payload = { Error: { Code: error.code, Message: language === 'zh-CN' ? error.zh : error.en }, RequestId: requestId }
    }
    // The way back.
    await pause(this.oneWayDelayMs)
    send(response, payload)
  }

  /** The gateway's checks, in its order; returns the account the key belongs to. */
  private authenticate(request: IncomingMessage, body: Buffer): string {
    const authorization = parseAuthorization(header(request, 'authorization'))
    if (!authorization) throw errors.invalidAuthorization()

    const timestamp = Number(header(request, 'x-tc-timestamp'))
    if (!Number.isInteger(timestamp)) throw errors.missingParameter('X-TC-Timestamp')
    if (Math.abs(this.now() / 1000 - timestamp) > MAX_SKEW_SECONDS) throw errors.signatureExpire()

    const key = this.keys.get(authorization.secretId)
    if (!key) throw errors.secretIdNotFound()

    // The gateway is addressed as <service>.tencentcloudapi.com, so the service is the host's first label; the
    // SDK derives it the same way from its endpoint. Host is signed without a port, as the SDK signs it.
    const hostHeader = header(request, 'host')
    const hostname = hostHeader.replace(/:\d+$/, '')
    const service = hostHeader.split('.')[0]
    if (authorization.date !== utcDate(timestamp)) throw errors.signatureFailure('the credential date is not the date of X-TC-Timestamp')
    if (authorization.service !== service) throw errors.signatureFailure(`the credential scope names service ${authorization.service}, not ${service}`)
    for (const required of ['content-type', 'host']) {
      if (!authorization.signedHeaders.includes(required)) throw errors.signatureFailure(`SignedHeaders must include ${required}`)
    }
    const signedHeaders = Object.fromEntries(authorization.signedHeaders.map((name) => [name, name === 'host' ? hostname : header(request, name)]))
    const [path, query = ''] = (request.url ?? '/').split('?')
    const canonical = canonicalRequest({ method: request.method ?? 'POST', path, query, headers: signedHeaders, payload: body })
    const expected = signature(key.secretKey, timestamp, service, stringToSign(timestamp, service, canonical.text))
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(authorization.signature))) {
      throw errors.signatureFailure('the signature does not match the request and the secret key')
    }

    const token = header(request, 'x-tc-token')
    if ((key.token ?? '') !== token) throw errors.tokenFailure()
    if (key.expiresAtMs !== undefined && key.expiresAtMs <= this.now()) throw errors.tokenFailure()
    return key.account
  }

  /** A sliding one-second window per account and action, counting the requests let through. */
  private admit(account: string, action: string, limit: number): void {
    const windowKey = `${account}/${action}`
    const now = this.now()
    const recent = (this.admitted.get(windowKey) ?? []).filter((at) => now - at < 1000)
    if (recent.length >= limit) {
      this.admitted.set(windowKey, recent)
      throw errors.rateLimited()
    }
    recent.push(now)
    this.admitted.set(windowKey, recent)
  }

  private takeFault(action: string, params: Record<string, unknown>): Fault | undefined {
    const id = params.CertificateId ?? params.CertId
    const certificateId = typeof id === 'string' ? id : ''
    const countKey = `${action}/${certificateId}`
    const index = this.callCounts.get(countKey) ?? 0
    this.callCounts.set(countKey, index + 1)
    const rule = this.faults.find(
      (r) => r.remaining > 0 && (r.action === undefined || r.action === action) && (r.certificateId === undefined || r.certificateId === certificateId)
    )
    if (!rule) return this.faultPlan?.({ action, certificateId, index })
    rule.remaining--
    return rule.fault
  }

  private applyFault(fault: Fault, apply: () => Record<string, unknown>, context: Context, response: ServerResponse): void {
    if (fault.type === 'example') {
      response.writeHead(200, { 'Content-Type': 'application/json' })
      response.end(JSON.stringify(actionSpec(context.action).examples[fault.index ?? 0].answer))
      return
    }
    if (fault.type === 'error') {
      const message = fault.message ?? DOCUMENTED_MESSAGES[fault.code] ?? `Injected ${fault.code}.`
      return send(response, { Error: { Code: fault.code, Message: message }, RequestId: context.requestId })
    }
    if (fault.type === 'http') {
      response.writeHead(fault.status, { 'Content-Type': 'text/html' })
      response.end(`<html><body>${fault.status}</body></html>`)
      return
    }
    let answer: Record<string, unknown> = {}
    if (fault.applied) {
      try {
        answer = apply()
      } catch (error) {
        if (!(error instanceof ApiError)) throw error
        answer = { Error: { Code: error.code, Message: error.en } }
      }
    }
    if (fault.type === 'reset') {
      response.socket?.destroy()
    } else if (fault.type === 'broken-body') {
      const text = JSON.stringify({ Response: { ...answer, RequestId: context.requestId } })
      response.writeHead(200, { 'Content-Type': 'application/json' })
      response.end(text.slice(0, Math.floor(text.length / 2)))
    }
    // 'hang': never answer; close() destroys the socket.
  }

  private ownedCertificate(params: Record<string, unknown>, context: Context, name = 'CertificateId'): CertificateState {
    // The parameters were checked against the spec: a required string is there.
    const certificate = this.certificates.get(params[name] as string)
    if (!certificate || certificate.account !== context.account) throw errors.certificateNotFound()
    return certificate
  }

  /** What both submit APIs do: a pending certificate gets an order, validation records and its next status. */
  private submit(certificate: CertificateState, verifyType: unknown): { OrderId: string; Status: number } {
    if (verifyType !== undefined && !['DNS_AUTO', 'DNS', 'FILE'].includes(verifyType as string)) throw errors.invalidParam()
    if (!PENDING_SUBMISSION.has(certificate.Status)) throw errors.invalidStatus()
    certificate.Status = certificate.statusAfterSubmit
    certificate.OrderId ||= `TA${String(++this.orderCounter).padStart(8, '0')}`
    certificate.VerifyType = (verifyType as string | undefined) ?? 'DNS'
    certificate.DvAuths = validationRecords(certificate)
    certificate.readsSinceSubmission = 0
    certificate.submittedAt = this.now()
    certificate.submissions++
    return { OrderId: certificate.OrderId, Status: certificate.Status }
  }

  private commitCertificateInformation(params: Record<string, unknown>, context: Context): Record<string, unknown> {
    return answerLike('CommitCertificateInformation', this.submit(this.ownedCertificate(params, context), params.VerifyType))
  }

  private certificateOrderSubmit(params: Record<string, unknown>, context: Context): Record<string, unknown> {
    const certificate = this.ownedCertificate(params, context, 'CertId')
    const deleteRecord = params.DeleteDnsAutoRecord === undefined ? undefined : Number(params.DeleteDnsAutoRecord)
    if (deleteRecord !== undefined && deleteRecord !== 0 && deleteRecord !== 1) {
      throw new ApiError('InvalidParameterValue', 'DeleteDnsAutoRecord must be 0 or 1.', 'DeleteDnsAutoRecord 取值错误。')
    }
    const answer = this.submit(certificate, params.VerifyType)
    certificate.DeleteDnsAutoRecord = deleteRecord === 1
    return answerLike('CertificateOrderSubmit', { ...answer, IsAudited: false })
  }

  private assumeRoleWithWebIdentity(params: Record<string, unknown>, context: Context): Record<string, unknown> {
    if (!context.region) throw errors.missingParameter('Region')
    try {
      const { answer, key } = this.identity.assumeRoleWithWebIdentity(params)
      this.addKey(key)
      return answerLike('AssumeRoleWithWebIdentity', answer)
    } catch (error) {
      if (error instanceof StsError) throw new ApiError(error.code, error.message)
      throw error
    }
  }

  /** A read by either API: a submitted certificate settles on its configured read, or once its time has come. */
  private observe(certificate: CertificateState): void {
    if (certificate.submissions === 0 || certificate.settled) return
    const byReads = certificate.settleAfterReads !== undefined && ++certificate.readsSinceSubmission >= certificate.settleAfterReads
    const byTime = certificate.settleAfterMs !== undefined && this.now() - certificate.submittedAt >= certificate.settleAfterMs
    if (byReads || byTime) {
      certificate.Status = certificate.finalStatus
      certificate.settled = true
    }
  }

  private statusMsg(certificate: CertificateState): string | null {
    if (certificate.settled) return certificate.finalStatusMsg || null
    if (certificate.submissions > 0) return certificate.VerifyType === 'DNS' || certificate.VerifyType === 'FILE' ? 'PENDING-DCV' : 'CA-REVIEWING'
    return null
  }

  /** The list API: the account's certificates named by CertIds (up to Limit, from Offset), with their status only. */
  private describeCertificates(params: Record<string, unknown>, context: Context): Record<string, unknown> {
    const wanted = Array.isArray(params.CertIds) ? new Set(params.CertIds as string[]) : undefined
    const limit = Number(params.Limit ?? 20)
    const offset = Number(params.Offset ?? 0)
    if (limit > 1000) throw errors.invalidParameter('The parameter `Limit` must be at most 1000.')
    const owned = [...this.certificates.values()].filter((c) => c.account === context.account && (!wanted || wanted.has(c.CertificateId)))
    const page = owned.slice(offset, offset + limit)
    const [template] = exampleAnswer('DescribeCertificates').Certificates as Record<string, unknown>[]
    return answerLike('DescribeCertificates', {
      TotalCount: owned.length,
      Certificates: page.map((certificate) => {
        this.observe(certificate)
        return {
          ...template,
          CertificateId: certificate.CertificateId,
          OwnerUin: certificate.account,
          Domain: certificate.Domain,
          Status: certificate.Status,
          StatusName: STATUS_NAMES_ZH[certificate.Status] ?? '',
          // The list gives an empty string where the detail gives null.
          StatusMsg: this.statusMsg(certificate) ?? '',
          VerifyType: certificate.VerifyType,
          SubjectAltName: certificate.altNames,
          CertSANs: certificate.altNames
        }
      })
    })
  }

  private describeCertificateDetail(params: Record<string, unknown>, context: Context): Record<string, unknown> {
    const certificate = this.ownedCertificate(params, context)
    this.observe(certificate)
    const statusMsg = this.statusMsg(certificate)
    const issued = certificate.Status === 1
    return answerLike('DescribeCertificateDetail', {
      CertificateId: certificate.CertificateId,
      OwnerUin: certificate.account,
      Domain: certificate.Domain,
      Alias: '',
      Status: certificate.Status,
      StatusName: STATUS_NAMES_ZH[certificate.Status] ?? '',
      StatusMsg: statusMsg,
      OrderId: certificate.OrderId || null,
      VerifyType: certificate.VerifyType || null,
      SubjectAltName: certificate.altNames,
      CertificatePrivateKey: null,
      CertificatePublicKey: null,
      RootCert: { Sign: null, Encrypt: null, Standard: null },
      CertBeginTime: issued ? '2026-01-01 08:00:00' : null,
      CertEndTime: issued ? '2027-01-01 07:59:59' : null,
      CertFingerprint: null,
      CertChainInfo: null,
      DvAuthDetail: dvAuthDetail(certificate.DvAuths)
    })
  }
}

/**
 * An answer in the shape of the spec's example for the action: the example's fields, with the emulator's state in
 * place of the ones it keeps. The answers the tests meet are the real API's shapes, field for field.
 */
function answerLike(action: string, fields: Record<string, unknown>): Record<string, unknown> {
  const template = exampleAnswer(action)
  delete template.RequestId
  return { ...template, ...fields }
}

/**
 * DvAuthDetail as the API gives it: every member null when there are no records; a single-domain validation in the
 * top-level fields with DvAuths null; several domains in DvAuths.
 */
function dvAuthDetail(records: EmulatedDvAuth[]): Record<string, unknown> {
  if (records.length === 0) {
    return { DvAuths: null, DvAuthKey: null, DvAuthValue: null, DvAuthDomain: null, DvAuthPath: null, DvAuthKeySubDomain: null }
  }
  if (records.length === 1) {
    const [only] = records
    return {
      DvAuths: null,
      DvAuthKey: only.DvAuthKey,
      DvAuthValue: only.DvAuthValue,
      DvAuthDomain: only.DvAuthDomain,
      DvAuthPath: only.DvAuthPath || null,
      DvAuthKeySubDomain: only.DvAuthSubDomain
    }
  }
  const [first] = records
  return {
    DvAuths: records,
    DvAuthKey: first.DvAuthKey,
    DvAuthValue: first.DvAuthValue,
    DvAuthDomain: first.DvAuthDomain,
    DvAuthPath: first.DvAuthPath || null,
    DvAuthKeySubDomain: first.DvAuthSubDomain
  }
}

/**
 * Deterministic per certificate and domain, so tests can predict them, with the API's field meanings: the zone
 * (DvAuthDomain), the host record (DvAuthSubDomain), the full name (DvAuthKey), the value; for FILE, the file's path.
 */
function validationRecords(certificate: CertificateState): EmulatedDvAuth[] {
  return certificate.altNames.map((domain) => {
    const token = createHash('sha256').update(`${certificate.CertificateId}/${certificate.VerifyType}/${domain}`).digest('hex').slice(0, 32)
    if (certificate.VerifyType === 'FILE') {
      return {
        DvAuthKey: 'fileauth.txt',
        DvAuthValue: token,
        DvAuthDomain: domain,
        DvAuthPath: '/.well-known/pki-validation/fileauth.txt',
        DvAuthSubDomain: '',
        DvAuthVerifyType: 'FILE'
      }
    }
    const zone = domain.replace(/^(\*|www)\./, '')
    const cname = certificate.dnsRecordType === 'CNAME'
    const host = cname ? `_${token}` : '_dnsauth'
    return {
      DvAuthKey: `${host}.${zone}`,
      DvAuthValue: cname ? `${token.slice(0, 16)}.${token.slice(16)}.sandbox-validation.example` : token,
      DvAuthDomain: zone,
      DvAuthPath: '',
      DvAuthSubDomain: host,
      DvAuthVerifyType: cname ? 'CNAME' : 'TXT'
    }
  })
}

/**
 * The gateway's parameter check, against the action's fields in the spec: an undefined parameter is
 * UnknownParameter, a missing required one MissingParameter, a wrong type InvalidParameter. Whole numbers may come
 * as digit strings, as the spec's own examples send them.
 */
function checkParameters(fields: readonly Field[], params: Record<string, unknown>, prefix = ''): void {
  const known = new Map(fields.map((field) => [field.name, field]))
  for (const name of Object.keys(params)) if (!known.has(name)) throw errors.unknownParameter(`${prefix}${name}`)
  for (const field of fields) {
    const value = params[field.name]
    const name = `${prefix}${field.name}`
    if (value === undefined || value === null) {
      if (field.required) throw errors.missingParameter(name)
      continue
    }
    const items = field.array ? value : [value]
    if (!Array.isArray(items)) throw errors.invalidParameter(`The parameter \`${name}\` must be an array.`)
    items.forEach((item: unknown, index) => {
      const itemName = field.array ? `${name}.${index}` : name
      const expected = jsonType({ type: field.type, array: false })
      const numeric = expected === 'number' && (typeof item === 'number' ? Number.isInteger(item) : typeof item === 'string' && /^-?\d+$/.test(item))
      const ok =
        expected === 'number' ? numeric : expected === 'object' ? typeof item === 'object' && item !== null && !Array.isArray(item) : typeof item === expected
      if (!ok) throw errors.invalidParameter(`The parameter \`${itemName}\` must be of type ${field.type}.`)
      if (expected === 'object') checkParameters(field.children, item as Record<string, unknown>, `${itemName}.`)
    })
  }
}

const pause = (ms: number): Promise<void> => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve())

function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8') || '{}')
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

function header(request: IncomingMessage, name: string): string {
  const value = request.headers[name]
  return (Array.isArray(value) ? value.join(',') : value) ?? ''
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

function send(response: ServerResponse, body: Record<string, unknown>): void {
  response.writeHead(200, { 'Content-Type': 'application/json' })
  response.end(JSON.stringify({ Response: body }))
}
