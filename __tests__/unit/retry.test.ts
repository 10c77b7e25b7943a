import { backoffDelay, retry, type RetryPolicy } from '../../src/support/retry.js'
import { callFixture } from '../helpers/call-fixture.js'

/** A policy of seconds, and a clock whose sleeps are recorded. */
const policy = (overrides: Partial<RetryPolicy> = {}) =>
  callFixture({ maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 20_000, random: () => 0.5, ...overrides })

describe('backoffDelay', () => {
  test('doubles the ceiling per retry and caps it', () => {
    const top = { baseDelayMs: 1000, maxDelayMs: 20_000, random: () => 0.999999 }
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, top))).toEqual([
      999, 1999, 3999, 7999, 15999, 19999, 19999
    ])
  })

  test('full jitter spans the whole interval from zero', () => {
    expect(backoffDelay(3, { baseDelayMs: 1000, maxDelayMs: 20_000, random: () => 0 })).toBe(0)
    expect(backoffDelay(3, { baseDelayMs: 1000, maxDelayMs: 20_000, random: () => 0.25 })).toBe(1000)
  })
})

describe('retry', () => {
  test('retries what shouldRetry accepts, sleeping the backoff between attempts', async () => {
    const p = policy()
    let calls = 0
    const result = await retry(
      async () => {
        if (++calls < 3) throw new Error('transient')
        return 'done'
      },
      p,
      () => 'retry'
    )
    expect(result).toBe('done')
    expect(calls).toBe(3)
    expect(p.slept).toEqual([500, 1000])
  })

  test('stops at maxAttempts and throws the last error', async () => {
    const p = policy({ maxAttempts: 3 })
    let calls = 0
    await expect(
      retry(
        async () => Promise.reject(new Error(`failure ${++calls}`)),
        p,
        () => 'retry'
      )
    ).rejects.toThrow('failure 3')
    expect(p.slept).toHaveLength(2)
  })

  test('does not retry what shouldRetry refuses', async () => {
    const p = policy()
    let calls = 0
    await expect(
      retry(
        async () => Promise.reject(new Error(`failure ${++calls}`)),
        p,
        () => 'stop'
      )
    ).rejects.toThrow('failure 1')
    expect(p.slept).toEqual([])
  })

  test('max-attempts 1 means exactly one attempt', async () => {
    const p = policy({ maxAttempts: 1 })
    let calls = 0
    await expect(
      retry(
        async () => Promise.reject(new Error(`failure ${++calls}`)),
        p,
        () => 'retry'
      )
    ).rejects.toThrow('failure 1')
  })

  test('throttled tries do not use up attempts, up to maxThrottledRetries', async () => {
    const p = policy({ maxAttempts: 2, maxThrottledRetries: 3 })
    const outcomes = ['throttled', 'throttled', 'failed', 'throttled', 'throttled', 'never reached']
    let calls = 0
    await expect(
      retry(
        async () => Promise.reject(new Error(outcomes[calls++])),
        p,
        (error) => ((error as Error).message === 'throttled' ? 'retry-throttled' : 'retry')
      )
    ).rejects.toThrow('throttled')
    // Throttles 1-3 are free; the failure is attempt 1; throttle 4 is past the free ones, so it is attempt 2, the last.
    expect(calls).toBe(5)
    expect(p.slept).toHaveLength(4)
  })

  test('the backoff keeps growing across throttled and counted tries alike, up to the cap', async () => {
    const p = policy({ maxAttempts: 1, maxThrottledRetries: 40, random: () => 1 - 1e-9 })
    let calls = 0
    await retry(
      async () => {
        if (++calls <= 30) throw new Error('throttled')
      },
      p,
      () => 'retry-throttled'
    )
    expect(p.slept.slice(0, 6)).toEqual([999, 1999, 3999, 7999, 15999, 19999])
    expect(Math.max(...p.slept)).toBe(19999)
  })

  test('tells onRetry about each retry with its delay', async () => {
    const seen: [string, number, number][] = []
    let calls = 0
    await retry(
      async () => {
        if (++calls < 3) throw new Error(`e${calls}`)
      },
      policy(),
      () => 'retry',
      (error, attempt, delay) => seen.push([(error as Error).message, attempt, delay])
    )
    expect(seen).toEqual([
      ['e1', 1, 500],
      ['e2', 2, 1000]
    ])
  })
})
