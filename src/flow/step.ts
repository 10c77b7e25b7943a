// A certificate's flow is a list of steps. Each step is one folder (src/steps/<step>/) that gives the flow one object:
// `run` does its part, `plan` says what `run` would do from reads alone (a preview is every step's plan), `skipped`
// says in its slice of the result why it did nothing when an earlier step failed, and `finish` runs at the end of
// every flow, failed or not (a renewal's alarm). A step that fails throws StepFailed; the flow builds the failed
// result from it, in one place (flow.ts).
import type { CertificateDetail, DvAuth } from '../api/answers/index.js'
import type { SslApi } from '../api/calls.js'
import type { Logger } from '../support/call-options.js'
import type { Clock } from '../support/clock.js'
import type { RetryPolicy } from '../support/retry.js'
import type { Preview } from './preview.js'
import type { BaseResult } from './result.js'
import type { Statuses } from './statuses.js'
import type { Advice } from '../api/hints.js'
import type { BoundedLines } from '../support/markdown.js'
import type { ReadInput } from '../support/formats.js'
import type { Endpoint, Env, VerifyType } from '../api/terms.js'
import type { CallCancellation, CredentialProvider } from '../api/caller.js'

/** What a step that talks to another service (a DNS provider) connects with. */
export interface Services {
  /** The job's environment: the proxy variables, a provider's own credentials, a command's PATH. */
  env: Env
  cancellation?: CallCancellation
  /** The step's Tencent Cloud credentials, for another Tencent Cloud API (DNSPod). */
  tencentCredentials?: CredentialProvider
  /** Called when the job ends: a client's connections closed. */
  onClose(close: () => void): void
  /** The tests' seam: trust added to Node's default for the TLS check of the hosts (the sandbox's CA). */
  trustedCa?: string
}

/** What every step of every certificate shares for the whole job. */
export interface Job {
  /** For a step that talks to another service than SSL. */
  services: Services
  api: SslApi
  /** For the calls that may take effect, which their step retries itself (reading back first). */
  policy: RetryPolicy
  log: Logger
  clock: Clock
  /** A notice annotation: something to know that is not a failure. */
  notice(message: string): void
  /** A secret learnt on the way, masked before anything can print it. */
  mask(secret: string): void
  /** Statuses read many at a time: the skip-submitted check, and the rounds while waiting. */
  statuses: Statuses
  /** dry-run: the plan every step adds to; undefined in a real run. */
  preview?: Preview
  /** Told when a certificate holds an order (submitted now or before) and when it starts waiting. */
  onProgress(id: string, stage: 'submitted' | 'waiting'): void
  /** Folds each step in the log under its name (a single certificate's run); none: the steps' lines as they come. */
  phase?<T>(name: string, run: () => Promise<T>): Promise<T>
}

/** Domain validation while the CA waits, as the validation step offers it to the wait. */
export interface DomainChecks {
  /** A round of the wait, with the certificate's status: a check starts when one is due. */
  round(status: number): void
  /** The domains not validated, in words; '' when none is known. */
  notValidated(): string
  /** Whether the CA has passed every domain checked. */
  allPassed(): boolean
  /**
   * Given when no record was known at the order: the records once they arrive (read again while waiting), to be said,
   * published and checked like the first.
   */
  recordsArrived?(records: DvAuth[]): void | Promise<void>
  /** A failure publishing the records that came late: the wait ends with it. */
  readonly failure?: StepFailed
  /** The wait is over, on `last`: no check starts after this, and what was found goes into the result. */
  stop(last: CertificateDetail): void
}

/** One certificate's flow, as its steps see it. */
export interface CertificateFlow<Settings, Result extends BaseResult> {
  /** The certificate the flow is for now (a renewal moves it to the newest of its line). */
  id: string
  /** The certificate the inputs name. */
  readonly namedId: string
  /** This certificate's settings: a copy a step may narrow (a renewal sets skip-submitted and the old certificate). */
  settings: Settings
  /** The result so far: each step fills in its slice. */
  result: Result
  /** The certificate as last read, once a step has read it. */
  detail?: CertificateDetail
  /** Domain validation while the CA waits, when the validation step offers it. */
  checks?: DomainChecks
  /** The result this flow ends with: for another flow that waits on it (one renewal line, one flow). */
  readonly finished: Promise<Result>
  /** Builds the failed result from a failure, as the flow does for a step that throws: for a `finish` that fails. */
  fail(failure: StepFailed): void
}

/** What a step does: the flow goes on, or (`'done'`) this certificate's result is complete as it stands. */
export type StepOutcome = void | 'done'

export interface Step<Settings, Result extends BaseResult> {
  name: string
  run(flow: CertificateFlow<Settings, Result>): Promise<StepOutcome> | StepOutcome
  plan(flow: CertificateFlow<Settings, Result>): Promise<StepOutcome> | StepOutcome
  /** An earlier step failed: this step's slice says why it did nothing. */
  skipped?(flow: CertificateFlow<Settings, Result>): void
  /** At the end of every flow, failed or not, in a real run and in a preview. */
  finish?(flow: CertificateFlow<Settings, Result>): Promise<void>
}

/**
 * A step's failure: what failed (`cause`, any error), how the message reads in this step's words (`describe`), what
 * is known of the certificate, and the API action whose answer it is, when the advice depends on it.
 */
export class StepFailed extends Error {
  constructor(
    readonly cause: unknown,
    readonly context: {
      describe?: (message: string) => string
      known?: { OrderId?: string; Status?: number | null }
      call?: string
    } = {}
  ) {
    super('a step failed')
    this.name = 'StepFailed'
  }
}

/** A failure described as "<doing>: <message>". */
export const doing =
  (what: string) =>
  (message: string): string =>
    `${what}: ${message}`

/** A step's folder, as the list of steps takes it: the step made for a job, and the advice for its own codes. */
/** What a step's settings are read with: the inputs, and what more than one step shares. */
export interface SettingsContext {
  readInput: ReadInput
  /** Registers a secret an input holds (a password, a key pasted by mistake) before anything can print it. */
  mask: (secret: string) => void
  /** certificate-id (or renew-certificate-id); undefined when that input is itself wrong. */
  certificateIds: readonly string[] | undefined
  /** verify-type as given (the order sends it, the information carries it); undefined when empty or wrong. */
  verifyType: VerifyType | undefined
  /** wait-interval, in milliseconds: the pace of the waits, the status rounds and a switch's following. */
  intervalMs: number
  /** disable-old-expiry-notices: the switch's request and the renewal's silencing both take it. */
  disableOldExpiryNotices: boolean
  /** The job's environment, for a step whose credentials live there (a DNS provider's). */
  env: Env
  /** request-timeout, in seconds: each request to any service is bounded by it. */
  requestTimeoutSeconds: number
  /** Reads an address input (dns-endpoint) by the endpoint input's rules. */
  parseEndpoint: (input: string, value: string) => Endpoint
}

export interface Room<Settings, Result extends BaseResult> {
  /** The area of the troubleshooting page its codes are listed under. */
  title: string
  /** Its settings, read from the inputs into the form it uses; a wrong input throws an InputError naming it. */
  settings?(context: SettingsContext): Partial<Settings>
  create(job: Job): Step<Settings, Result>
  advice: readonly Advice[]
  /** Its section of the job summary, within the summary's budget. */
  summary?(out: BoundedLines, results: readonly Result[]): void
}
