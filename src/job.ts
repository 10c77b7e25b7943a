// The job's own seams: its clock (every sleep ends at once when the job is cancelled), its cancellation on SIGINT or
// SIGTERM, its backoff, the secrets it learns, and what every client is made with.
import * as core from '@actions/core'
import { Cancellation } from './api/cancellation.js'
import type { ConnectionSettings } from './api/caller.js'
import type { ActionInputs } from './inputs/inputs.js'
import type { Clock } from './support/clock.js'
import { print } from './support/log.js'
import {
  DEFAULT_BASE_DELAY_MS,
  DEFAULT_MAX_DELAY_MS,
  DEFAULT_MAX_THROTTLED_RETRIES,
  type RetryPolicy
} from './support/retry.js'
import { Secrets } from './support/secrets.js'

/** After SIGINT or SIGTERM, requests already in flight get this long before they are aborted. */
export const CANCEL_GRACE_MS = 2000
/** And the flows this long after that to hand in their results; whatever has not is reported as unknown. */
const CANCEL_SETTLE_MS = 1500

/** What tests may change about a run, as configure-aws-credentials does: the backoff between retries. */
export interface RunSeams {
  backoff?: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>
  /** Trust added to Node's default for the TLS check of hosts: the sandbox's CA, in-process (a child gets NODE_EXTRA_CA_CERTS). */
  trustedCa?: string
}

export interface Job {
  /** Every secret learnt, masked in the log by the runner and in the results, outputs and summary by the action. */
  secrets: Secrets
  clock: Clock
  cancellation: Cancellation
  backoff: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>
  /** Called when the run ends: the clients' connections closed. */
  closers: (() => void)[]
  /** RunSeams.trustedCa. */
  trustedCa?: string
}

/** Starts the job: its clock and cancellation, listening for SIGINT and SIGTERM until `end`. */
export function startJob(seams: RunSeams): Job & { end(): void } {
  const cancellation = new Cancellation()
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!cancellation.cancelled)
      print.warning(`${signal} received: starting nothing new, then reporting every certificate's state.`)
    cancellation.cancel(CANCEL_GRACE_MS)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const closers: (() => void)[] = []
  return {
    cancellation,
    backoff: seams.backoff ?? { baseDelayMs: DEFAULT_BASE_DELAY_MS, maxDelayMs: DEFAULT_MAX_DELAY_MS },
    clock: { now: Date.now, sleep: cancellation.sleep },
    secrets: new Secrets(core.setSecret),
    closers,
    ...(seams.trustedCa ? { trustedCa: seams.trustedCa } : {}),
    end: () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      for (const close of closers) close()
    }
  }
}

export function retryPolicy(inputs: ActionInputs, job: Job): RetryPolicy {
  return {
    maxAttempts: inputs.maxAttempts,
    maxThrottledRetries: DEFAULT_MAX_THROTTLED_RETRIES,
    ...job.backoff,
    random: Math.random
  }
}

/** What every client connects with, less its endpoint. */
export function connection(inputs: ActionInputs, job: Job): Omit<ConnectionSettings, 'endpoint'> {
  return {
    language: inputs.language,
    requestTimeoutSeconds: inputs.requestTimeoutSeconds,
    env: process.env,
    cancellation: job.cancellation
  }
}

/** Resolves a bounded time after the job is cancelled; never before. */
export function settledAfterCancel(cancellation: Cancellation): Promise<void> {
  return new Promise((resolve) =>
    cancellation.stopping.addEventListener(
      'abort',
      () => setTimeout(resolve, CANCEL_GRACE_MS + CANCEL_SETTLE_MS).unref(),
      { once: true }
    )
  )
}
