export interface RetryPolicy {
  /** Attempts in all, 1 = no retry. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  sleep: (ms: number) => Promise<void>
  /** Uniform in [0, 1); injectable so tests can pin the jitter. */
  random: () => number
}

export const DEFAULT_BASE_DELAY_MS = 1000
export const DEFAULT_MAX_DELAY_MS = 20_000

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Capped exponential backoff with full jitter: many jobs throttled by the same account spread out
 * instead of retrying in lock-step.
 */
export function backoffDelay(retryNumber: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retryNumber - 1))
  return Math.floor(policy.random() * ceiling)
}

/**
 * Runs `operation` until it succeeds, fails with an error `shouldRetry` refuses, or the attempts run out;
 * then throws the last error.
 */
export async function retry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  shouldRetry: (error: unknown) => boolean,
  onRetry: (error: unknown, attempt: number, delayMs: number) => void = () => {}
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt)
    } catch (error) {
      if (attempt >= policy.maxAttempts || !shouldRetry(error)) throw error
      const delayMs = backoffDelay(attempt, policy)
      onRetry(error, attempt, delayMs)
      await policy.sleep(delayMs)
    }
  }
}
