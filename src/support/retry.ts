import type { Clock } from './clock.js'

export interface RetryPolicy {
  /** Attempts in all, 1 = no retry. */
  maxAttempts: number
  /**
   * Throttled answers (RequestLimitExceeded) were refused before processing, so up to this many do not use up
   * an attempt: jobs sharing one account keep their attempts for real failures.
   */
  maxThrottledRetries: number
  baseDelayMs: number
  maxDelayMs: number
  /** Uniform in [0, 1); injectable so tests can pin the jitter. */
  random: () => number
}

export const DEFAULT_BASE_DELAY_MS = 1000
export const DEFAULT_MAX_DELAY_MS = 20_000
export const DEFAULT_MAX_THROTTLED_RETRIES = 20

/**
 * Capped exponential backoff with full jitter: many jobs throttled by the same account spread out
 * instead of retrying in lock-step.
 */
export function backoffDelay(
  retryNumber: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(retryNumber - 1, 30))
  return Math.floor(policy.random() * ceiling)
}

/**
 * The longest one call can take, throttling aside: every attempt running to its timeout, and every backoff at its
 * ceiling. (Up to maxThrottledRetries throttled answers add at most maxDelayMs each.)
 */
export function worstCaseCallMs(
  policy: Pick<RetryPolicy, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs'>,
  requestTimeoutMs: number
): number {
  let backoff = 0
  for (let retryNumber = 1; retryNumber < policy.maxAttempts; retryNumber++)
    backoff += Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retryNumber - 1))
  return policy.maxAttempts * requestTimeoutMs + backoff
}

/** What to do after a failed try. */
export type RetryDecision = 'stop' | 'retry' | 'retry-throttled'

/**
 * Runs `operation` until it succeeds, `decide` says stop, or the attempts run out; then throws the last error.
 */
export async function retry<T>(
  operation: (tryNumber: number) => Promise<T>,
  { policy, clock }: { policy: RetryPolicy; clock: Clock },
  decide: (error: unknown) => RetryDecision,
  onRetry: (error: unknown, tryNumber: number, delayMs: number) => void = () => {}
): Promise<T> {
  let attemptsUsed = 0
  let throttledRetries = 0
  for (let tryNumber = 1; ; tryNumber++) {
    try {
      return await operation(tryNumber)
    } catch (error) {
      const decision = decide(error)
      if (decision === 'retry-throttled' && throttledRetries < policy.maxThrottledRetries) throttledRetries++
      else attemptsUsed++
      if (decision === 'stop' || attemptsUsed >= policy.maxAttempts) throw error
      const delayMs = backoffDelay(tryNumber, policy)
      onRetry(error, tryNumber, delayMs)
      await clock.sleep(delayMs)
    }
  }
}
