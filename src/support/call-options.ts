import type { Clock } from './clock.js'
import type { RetryPolicy } from './retry.js'

/** The slice of @actions/core the logic logs through, so tests can pass their own. */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
}

/** What every API call below main needs: how to retry, where to log, and the clock. */
export interface CallOptions {
  policy: RetryPolicy
  log: Logger
  clock: Clock
}
