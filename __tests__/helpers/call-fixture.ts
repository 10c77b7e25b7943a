// One fixture for what every call below main takes (CallOptions): a retry policy of milliseconds with pinned
// jitter, a logger that keeps what it was told, and a clock that only counts the time slept. And the tests' one
// seeded random generator.
import type { RetryPolicy } from '../../src/support/retry.js'

export interface CallFixture {
  policy: RetryPolicy
  log: { debug: (message: string) => void; info: (message: string) => void; warning: (message: string) => void }
  clock: { now: () => number; sleep: (ms: number) => Promise<void> }
  /** Info lines as they are, warnings as `warning: …`; debug lines are dropped. */
  logged: string[]
  /** Every sleep, in order. */
  slept: number[]
  /** The time now: what was slept, and what the test moved on. */
  elapsed: () => number
  /** Moves the clock on without a sleep. */
  advance: (ms: number) => number
}

export function callFixture(policy: Partial<RetryPolicy> = {}): CallFixture {
  const logged: string[] = []
  const slept: number[] = []
  let time = 0
  return {
    policy: { maxAttempts: 3, maxThrottledRetries: 0, baseDelayMs: 1, maxDelayMs: 1, random: () => 0, ...policy },
    log: { debug: () => {}, info: (m) => void logged.push(m), warning: (m) => void logged.push(`warning: ${m}`) },
    clock: {
      now: () => time,
      sleep: async (ms) => {
        slept.push(ms)
        time += ms
      }
    },
    logged,
    slept,
    elapsed: () => time,
    advance: (ms) => (time += ms)
  }
}

/** mulberry32, seeded with a number or a string (hashed with FNV-1a): the same seed draws the same numbers. */
export function seededRandom(seed: number | string): () => number {
  let state = typeof seed === 'number' ? seed >>> 0 : 0
  if (typeof seed === 'string') {
    let hash = 2166136261
    for (const c of seed) hash = Math.imul(hash ^ c.charCodeAt(0), 16777619)
    state = hash >>> 0
  }
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = Math.imul(state ^ (state >>> 15), state | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
