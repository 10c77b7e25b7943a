// One attempt of one call: a fresh SDK client per attempt with an agent that watches the connection, a timer for the
// whole attempt, the job's cancellation, pacing at this single point, and a failure classified by what the
// connection showed, not by the SDK's message.
import { EventEmitter } from 'node:events'
import type { Agent as HttpAgent } from 'node:http'
import { ActionErrorCode, Failure, toFailure } from './errors.js'
import { Transport, type AttemptAgent, type AttemptReport } from './transport.js'
import { untrusted } from '../support/untrusted.js'
import { errorMessage } from '../support/error-message.js'
import { malformed, ID_LENGTH } from './answers/index.js'
import type { Call } from './calls.js'
import type { RateLimiter } from './pacing.js'
import type { Credentials, Endpoint, Env, Language } from './terms.js'
import type { CallOptions } from '../support/call-options.js'

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
  /** Paces every call against its action's rate limit; none in tests that count calls alone. */
  pacing?: RateLimiter
  /** Retries the calls safe to repeat, with this policy, log and clock; none: every call is made once. */
  retry?: CallOptions
}

/** The SDK's clients all share this: one request, with per-call options. */
export interface SdkClient {
  request(action: string, params: object, options: { signal: AbortSignal; skipSign?: boolean }): Promise<unknown>
}

export type SdkProfile = ReturnType<typeof profile>

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
export class Caller {
  private readonly transport: Transport

  constructor(private readonly settings: ConnectionSettings) {
    this.transport = new Transport(settings.endpoint, settings.env, settings.requestTimeoutSeconds * 1000)
  }

  async call<Answer>(
    client: (profile: SdkProfile) => SdkClient,
    call: Call<unknown, Answer>,
    params: object
  ): Promise<Answer> {
    const { cancellation } = this.settings
    if (cancellation?.stopping.aborted) throw cancellation.failure(false)
    const { agent, report } = this.transport.attempt()
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(ABORT_TIMEOUT), this.settings.requestTimeoutSeconds * 1000)
    const onCancel = (): void => controller.abort(ABORT_CANCELLED)
    cancellation?.aborting.addEventListener('abort', onCancel)
    const options = { signal: controller.signal, ...(call.unsigned ? { skipSign: true } : {}) }
    let answer: unknown
    try {
      answer = await client(profile(this.settings, agent)).request(call.action, params, options)
    } catch (error) {
      throw failureOf(call, this.classify(error, report, controller.signal))
    } finally {
      clearTimeout(timer)
      cancellation?.aborting.removeEventListener('abort', onCancel)
      release(answer, controller)
    }
    try {
      if (typeof answer !== 'object' || answer === null) throw malformed('Response object', '')
      return call.parse(answer as Record<string, unknown>)
    } catch (error) {
      throw failureOf(call, error)
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
      return new Failure({
        code: ActionErrorCode.Timeout,
        message: `${where} within request-timeout (${seconds} s)`,
        mayHaveTakenEffect: report.reached
      })
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

/**
 * The failure as the call's declaration has it, naming its action: a call safe to repeat (a read, a sign-in) has
 * taken no effect, whatever the connection showed.
 */
function failureOf(call: Call<unknown, unknown>, error: unknown): Failure {
  const failure = toFailure(error)
  const declared =
    call.safeToRepeat && failure.mayHaveTakenEffect
      ? new Failure({ code: failure.code, message: failure.message, requestId: failure.requestId })
      : failure
  declared.action = call.action
  return declared
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
    return new Failure({
      code: ActionErrorCode.TlsFailed,
      message: `the TLS connection to the endpoint failed (${code || 'handshake'}): ${message}`
    })
  }
  if (!report.handedOver)
    return new Failure({ code: ActionErrorCode.InvalidRequest, message: `the request could not be sent: ${message}` })
  return new Failure({
    code: ActionErrorCode.ConnectionFailed,
    message: code && !message.includes(code) ? `${message} (${code})` : message
  })
}
