import { backoffDelay, retry, type RetryPolicy } from '../src/retry.js'

function policy(overrides: Partial<RetryPolicy> = {}): RetryPolicy & { slept: number[] } {
  const slept: number[] = []
  return {
    maxAttempts: 5,
    baseDelayMs: 1000,
    maxDelayMs: 20_000,
    random: () => 0.5,
    sleep: async (ms) => void slept.push(ms),
    ...overrides,
    slept
  }
}

describe('backoffDelay', () => {
  test('doubles the ceiling per retry and caps it', () => {
    const top = { baseDelayMs: 1000, maxDelayMs: 20_000, random: () => 0.999999 }
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, top))).toEqual([999, 1999, 3999, 7999, 15999, 19999, 19999])
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
      () => true
    )
    expect(result).toBe('done')
    expect(calls).toBe(3)
    expect(p.slept).toEqual([500, 1000])
  })

  test('stops at maxAttempts and throws the last error', async () => {
    const p = policy({ maxAttempts: 3 })
    let calls = 0
    await expect(retry(async () => Promise.reject(new Error(`failure ${++calls}`)), p, () => true)).rejects.toThrow('failure 3')
    expect(p.slept).toHaveLength(2)
  })

  test('does not retry what shouldRetry refuses', async () => {
    const p = policy()
    let calls = 0
    await expect(retry(async () => Promise.reject(new Error(`failure ${++calls}`)), p, () => false)).rejects.toThrow('failure 1')
    expect(p.slept).toEqual([])
  })

  test('max-attempts 1 means exactly one attempt', async () => {
    const p = policy({ maxAttempts: 1 })
    let calls = 0
    await expect(retry(async () => Promise.reject(new Error(`failure ${++calls}`)), p, () => true)).rejects.toThrow('failure 1')
  })

  test('tells onRetry about each retry with its delay', async () => {
    const seen: [string, number, number][] = []
    let calls = 0
    await retry(
      async () => {
        if (++calls < 3) throw new Error(`e${calls}`)
      },
      policy(),
      () => true,
      (error, attempt, delay) => seen.push([(error as Error).message, attempt, delay])
    )
    expect(seen).toEqual([
      ['e1', 1, 500],
      ['e2', 2, 1000]
    ])
  })
})
