// A loopback emulator of the Tencent Cloud API for the tests, the demo and the benchmark, behind one facade
// (TencentCloudEmulator). This file is the gateway: it checks TC3-HMAC-SHA256 signatures with the account's secret
// key, the parameters against the spec, the per-account rate limit, and dispatches to the services: the SSL service
// (ssl-service.ts), STS and GitHub's token endpoint (identity.ts), with faults injected on request (faults.ts) and
// the error catalogue in api-errors.ts.
import type { IssuedCertificate } from './issuer.js'
import { randomUUID, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { ApiError, errors } from './api-errors.js'
import { actionSpec, jsonType, type Field } from './api-spec.js'
import { Faults, type FaultPlan, type FaultRule } from './faults.js'
import { IdentityEmulator, TOKEN_PATH } from './identity.js'
import { DEFAULT_ACCOUNT, SslService, type CertificateState, type EmulatedCertificate } from './ssl-service.js'
import { RebindService, type EmulatedResource } from './rebind-service.js'
import { InformationService, type EmulatedCompany } from './information-service.js'
import { ValidationService } from './validation-service.js'
import { BindResourceService } from './bind-resource-service.js'
import { canonicalRequest, parseAuthorization, signature, stringToSign, utcDate } from './tc3.js'
import { sandboxTlsIdentity } from './tls.js'
import type { AuthoritativeDns } from './dns-server.js'
import { DNSPOD_VERSION, DnspodService } from './dnspod-service.js'

export { DOCUMENTED_MESSAGES } from './api-errors.js'
export type { Fault, FaultPlan, FaultRule } from './faults.js'
export {
  DEFAULT_ACCOUNT,
  type CertificateState,
  type EmulatedCertificate,
  type EmulatedDvAuth,
  type EmulatedValidation,
  type RecordState,
  type RenewalField
} from './ssl-service.js'
export type { EmulatedResource, SwitchTask } from './rebind-service.js'
export type { EmulatedCompany, EmulatedManager } from './information-service.js'

export interface EmulatorKey {
  secretId: string
  secretKey: string
  /** Temporary keys must come with this token (X-TC-Token). */
  token?: string
  account?: string
  /** Temporary keys stop working at this time (ms since the epoch). */
  expiresAtMs?: number
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
  /** CheckCertificateDomainVerification asked again within this answers Frequently (default 1000, as the real one). */
  checkWindowMs?: number
  /** Serve https, as the real endpoint does, with the sandbox's throwaway CA (sandbox/tls.ts). */
  tls?: boolean
  /**
   * The sandbox's authoritative DNS: the CA looks there for `at-dns` records, and DNSPod's API (dnspod-service.ts)
   * writes its records there.
   */
  dns?: AuthoritativeDns
}

const SSL_VERSION = '2019-12-05'
const STS_VERSION = '2018-08-13'
const MAX_SKEW_SECONDS = 300
/** DNSPod's documented limit for its slowest calls (ModifyRecordRemark, DescribeDomainList): 20 a second. */
const DNSPOD_RATE_LIMIT = 20
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
  private readonly keys = new Map<
    string,
    Required<Pick<EmulatorKey, 'secretId' | 'secretKey' | 'account'>> & Pick<EmulatorKey, 'token' | 'expiresAtMs'>
  >()
  private readonly ssl: SslService
  /** The cloud resources bound to certificates, and the tasks that switch them to another. */
  readonly rebind: RebindService
  /** A bought certificate's information, and the companies and managers on file. */
  private readonly information: InformationService
  /** Domain validation while the CA waits. */
  private readonly validation: ValidationService
  /** What is bound to a certificate, read with the bind-resource task. */
  readonly bindResources: BindResourceService
  /** DNSPod's API, with `dns`. */
  readonly dnspod?: DnspodService
  private readonly faults = new Faults()
  private readonly admitted = new Map<string, number[]>()
  private readonly actions: Record<string, Route>
  /** GitHub's OIDC token endpoint and STS, with CAM's identity providers and roles. */
  readonly identity: IdentityEmulator
  readonly requests: LoggedRequest[] = []
  readonly rateLimit: number
  readonly stsRateLimit: number
  clockOffsetMs: number
  arrivalJitterMs: number
  readonly tls: boolean
  oneWayDelayMs: number

  private constructor(options: EmulatorOptions) {
    this.rateLimit = options.rateLimit ?? 10
    this.stsRateLimit = options.stsRateLimit ?? 20
    this.clockOffsetMs = options.clockOffsetMs ?? 0
    this.arrivalJitterMs = options.arrivalJitterMs ?? 0
    this.oneWayDelayMs = options.oneWayDelayMs ?? 0
    this.identity = new IdentityEmulator(() => this.now())
    this.ssl = new SslService(() => this.now())
    this.rebind = new RebindService(
      (id, account) => this.ssl.owned(id, account),
      () => this.now()
    )
    this.information = new InformationService((id, account) => this.ssl.owned(id, account))
    this.validation = new ValidationService(
      (id, account) => this.ssl.owned(id, account),
      () => this.now(),
      options.checkWindowMs ?? 1000,
      options.dns ? (name, type, value) => options.dns!.visibleEverywhere(name, type, value) : undefined
    )
    if (options.dns) this.dnspod = new DnspodService(options.dns)
    this.bindResources = new BindResourceService(
      (id, account) => this.ssl.owned(id, account),
      (id, account) => this.rebind.boundTo(id, account),
      () => this.now()
    )
    const ssl = (handle: Handler): Route => ({ version: SSL_VERSION, signed: true, handle })
    this.actions = {
      CommitCertificateInformation: ssl((params, context) => this.ssl.commitCertificateInformation(params, context)),
      CertificateOrderSubmit: ssl((params, context) => this.ssl.certificateOrderSubmit(params, context)),
      CertificateInfoSubmit: ssl((params, context) => this.information.certificateInfoSubmit(params, context.account)),
      DescribeCompanies: ssl((params, context) => this.information.describeCompanies(params, context.account)),
      DescribeManagers: ssl((params, context) => this.information.describeManagers(params, context.account)),
      CheckCertificateDomainVerification: ssl((params, context) =>
        this.validation.checkCertificateDomainVerification(params, context.account)
      ),
      CompleteCertificate: ssl((params, context) => this.validation.completeCertificate(params, context.account)),
      CreateCertificateBindResourceSyncTask: ssl((params, context) =>
        this.bindResources.createCertificateBindResourceSyncTask(params, context.account)
      ),
      DescribeCertificateBindResourceTaskResult: ssl((params, context) =>
        this.bindResources.describeCertificateBindResourceTaskResult(params, context.account)
      ),
      DescribeCertificateBindResourceTaskDetail: ssl((params, context) =>
        this.bindResources.describeCertificateBindResourceTaskDetail(params, context.account)
      ),
      ModifyCertificatesExpiringNotificationSwitch: ssl((params, context) =>
        this.ssl.modifyCertificatesExpiringNotificationSwitch(params, context)
      ),
      DescribeCertificateDetail: ssl((params, context) => this.ssl.describeCertificateDetail(params, context)),
      DescribeCertificates: ssl((params, context) => this.ssl.describeCertificates(params, context)),
      DownloadCertificate: ssl((params, context) => this.ssl.downloadCertificate(params, context)),
      UpdateCertificateInstance: ssl((params, context) =>
        this.rebind.updateCertificateInstance(params, context.account)
      ),
      DescribeHostUpdateRecord: ssl((params, context) => this.rebind.describeHostUpdateRecord(params, context.account)),
      DescribeHostUpdateRecordDetail: ssl((params, context) =>
        this.rebind.describeHostUpdateRecordDetail(params, context.account)
      ),
      ...(this.dnspod ? this.dnspodRoutes(this.dnspod) : {}),
      AssumeRoleWithWebIdentity: {
        version: STS_VERSION,
        signed: false,
        handle: (params, context) =>
          this.identity.handleAssumeRoleWithWebIdentity(params, context.region, (key) => this.addKey(key))
      }
    }
    const listener: RequestListener = (request, response) => {
      if (request.method === 'GET' && (request.url ?? '').startsWith(TOKEN_PATH))
        return this.identity.handleTokenRequest(request, response)
      void this.handle(request, response)
    }
    this.tls = options.tls ?? false
    this.server = this.tls ? createTlsServer(sandboxTlsIdentity(), listener) : createServer(listener)
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
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`
  }

  /** What the runner gives a job with `permissions: id-token: write`, pointing at this sandbox's token endpoint. */
  get oidcEnvironment(): Record<string, string> {
    return {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${this.endpoint}${TOKEN_PATH}?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: this.identity.job.requestToken
    }
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
    this.ssl.add(certificate)
    return this
  }

  /** A company on file (DescribeCompanies), with its managers (DescribeManagers). */
  addCompany(company: EmulatedCompany): this {
    this.information.addCompany(company)
    return this
  }

  /** A cloud resource (CDN domain, load balancer listener, ...) that serves `resource.certificateId`. */
  bindResource(resource: EmulatedResource): this {
    this.rebind.bind(resource)
    return this
  }

  certificate(certificateId: string): CertificateState {
    return this.ssl.copy(certificateId)
  }

  /** The certificate's leaf, chain and key: what a resource switched to it serves (sandbox/tls-hosts.ts). */
  issuedCertificate(certificateId: string): IssuedCertificate {
    return this.ssl.issued(certificateId)
  }

  injectFault(rule: FaultRule): this {
    this.faults.inject(rule)
    return this
  }

  /** Drops every injected fault that is left. */
  clearFaults(): this {
    this.faults.clear()
    return this
  }

  /** Picks a fault for any request no injected rule claimed: the seeded random tests' plan. */
  set faultPlan(plan: FaultPlan | undefined) {
    this.faults.plan = plan
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
      void this.requests.push({
        action,
        params,
        outcome,
        requestId,
        region: header(request, 'x-tc-region'),
        secretId,
        at: this.now()
      })

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
      this.admit(
        account,
        action,
        spec.version === STS_VERSION
          ? this.stsRateLimit
          : spec.version === DNSPOD_VERSION
            ? DNSPOD_RATE_LIMIT
            : this.rateLimit
      )
      // The spec documents SSL and STS; DNSPod's handlers check their own parameters.
      if (spec.version !== DNSPOD_VERSION) checkParameters(actionSpec(action).request, params)
      const handler = spec.handle

      const context = { action, requestId, language, account, region: header(request, 'x-tc-region') }
      const fault = this.faults.take(action, params)
      if (fault) {
        log(fault.type === 'error' ? fault.code : fault.type)
        return this.faults.apply(fault, () => handler(params, context), context, response)
      }
      const answer = handler(params, context)
      log('ok')
      payload = { ...answer, RequestId: requestId }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      log(error.code)
      payload = {
        Error: { Code: error.code, Message: language === 'zh-CN' ? error.zh : error.en },
        RequestId: requestId
      }
    }
    // The way back.
    await pause(this.oneWayDelayMs)
    send(response, payload)
  }

  private dnspodRoutes(dnspod: DnspodService): Record<string, Route> {
    const route = (handle: (params: Record<string, unknown>) => Record<string, unknown>): Route => ({
      version: DNSPOD_VERSION,
      signed: true,
      handle: (params) => handle(params)
    })
    return {
      DescribeDomainList: route((params) => dnspod.describeDomainList(params)),
      DescribeRecordList: route((params) => dnspod.describeRecordList(params)),
      CreateRecord: route((params) => dnspod.createRecord(params)),
      ModifyRecordRemark: route((params) => dnspod.modifyRecordRemark(params)),
      DeleteRecord: route((params) => dnspod.deleteRecord(params))
    }
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
    if (authorization.date !== utcDate(timestamp))
      throw errors.signatureFailure('the credential date is not the date of X-TC-Timestamp')
    if (authorization.service !== service)
      throw errors.signatureFailure(`the credential scope names service ${authorization.service}, not ${service}`)
    for (const required of ['content-type', 'host']) {
      if (!authorization.signedHeaders.includes(required))
        throw errors.signatureFailure(`SignedHeaders must include ${required}`)
    }
    const signedHeaders = Object.fromEntries(
      authorization.signedHeaders.map((name) => [name, name === 'host' ? hostname : header(request, name)])
    )
    const [path, query = ''] = (request.url ?? '/').split('?')
    const canonical = canonicalRequest({
      method: request.method ?? 'POST',
      path,
      query,
      headers: signedHeaders,
      payload: body
    })
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
      const numeric =
        expected === 'number' &&
        (typeof item === 'number' ? Number.isInteger(item) : typeof item === 'string' && /^-?\d+$/.test(item))
      const ok =
        expected === 'number'
          ? numeric
          : expected === 'object'
            ? typeof item === 'object' && item !== null && !Array.isArray(item)
            : typeof item === expected
      if (!ok) throw errors.invalidParameter(`The parameter \`${itemName}\` must be of type ${field.type}.`)
      if (expected === 'object') checkParameters(field.children, item as Record<string, unknown>, `${itemName}.`)
    })
  }
}

const pause = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()

function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8') || '{}')
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
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
