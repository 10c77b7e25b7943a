import { ActionErrorCode, ApiFailure } from '../src/errors.js'
import { Pacer, RateLimiter, REQUESTS_PER_SECOND, type Clock } from '../src/pacing.js'

/** A clock that only moves when someone sleeps: the schedule is exact and the test takes no time. */
class FakeClock implements Clock {
  time = 0
  now = (): number => this.time
  sleep = async (ms: number): Promise<void> => {
    this.time += ms
  }
}

/** The most start times that fall in any one-second window. */
function busiestSecond(times: number[]): number {
  return Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + 1000).length))
}

describe('Pacer', () => {
  test('100 requests: never more than 10 in any second, and at least 95% of the limit overall', async () => {
    const clock = new FakeClock()
    const pacer = new Pacer(clock)
    const starts: number[] = []
    for (let i = 0; i < 100; i++) {
      await pacer.acquire()
      starts.push(clock.now())
    }
    expect(busiestSecond(starts)).toBeLessThanOrEqual(REQUESTS_PER_SECOND)
    const rate = (starts.length - 1) / ((starts[99] - starts[0]) / 1000)
    expect(rate / REQUESTS_PER_SECOND).toBeGreaterThanOrEqual(0.95)
    expect(rate).toBeLessThan(REQUESTS_PER_SECOND)
  })

  test('concurrent callers queue for evenly spaced slots', async () => {
    const slots: number[] = []
    // All ask at time 0; each sleeps until its own slot (the fake clock just records the sleeps).
    const sleeps: number[] = []
    const recording: Clock = { now: () => 0, sleep: async (ms) => void sleeps.push(ms) }
    const shared = new Pacer(recording)
    await Promise.all(Array.from({ length: 5 }, () => shared.acquire().then(() => slots.push(1))))
    expect(sleeps).toEqual([102, 204, 306, 408])
    expect(slots).toHaveLength(5)
    expect(shared.currentSpacingMs).toBeCloseTo(102)
  })

  test('a request woken late pushes the later slots back, so none come closer than the spacing', async () => {
    let time = 0
    const sleeps: number[] = []
    // The first sleep oversleeps by 50 ms, as a busy event loop would make it.
    const clock: Clock = { now: () => time, sleep: async (ms) => void (sleeps.push(ms), (time += ms + (sleeps.length === 1 ? 50 : 0))) }
    const pacer = new Pacer(clock)
    const starts: number[] = []
    for (let i = 0; i < 12; i++) {
      await pacer.acquire()
      starts.push(time)
    }
    const gaps = starts.slice(1).map((t, i) => t - starts[i])
    expect(gaps[0]).toBeCloseTo(152)
    for (const gap of gaps.slice(1)) expect(gap).toBeCloseTo(102)
    expect(busiestSecond(starts)).toBeLessThanOrEqual(REQUESTS_PER_SECOND)
  })

  test('throttling doubles the spacing once per second, up to 8x; successes bring it back', async () => {
    const clock = new FakeClock()
    const pacer = new Pacer(clock)
    pacer.throttled()
    pacer.throttled() // same burst: no second slowdown
    expect(pacer.currentSpacingMs).toBeCloseTo(204)
    for (let i = 0; i < 5; i++) {
      clock.time += 1000
      pacer.throttled()
    }
    expect(pacer.currentSpacingMs).toBeCloseTo(816)
    for (let i = 0; i < 100; i++) pacer.succeeded()
    expect(pacer.currentSpacingMs).toBeCloseTo(102)
  })
})

describe('RateLimiter', () => {
  test('paces each API on its own and learns from throttled answers', async () => {
    const clock = new FakeClock()
    const limiter = new RateLimiter(clock)
    const log: [string, number][] = []
    const call = (api: string) => limiter.run(api, async () => void log.push([api, clock.now()]))
    await call('A')
    await call('B')
    await call('A')
    expect(log).toEqual([
      ['A', 0],
      ['B', 0],
      ['A', 102]
    ])
    await expect(limiter.run('A', async () => Promise.reject(new ApiFailure('RequestLimitExceeded', 'slow down', 'r', false)))).rejects.toThrow('slow down')
    await expect(limiter.run('A', async () => Promise.reject(new ApiFailure(ActionErrorCode.Timeout, 't', '', true)))).rejects.toThrow('t')
    const before = clock.now()
    await call('A')
    // Slots are reserved a call ahead: the one after the throttle has the doubled spacing (204 ms), the next one the narrowed spacing after a success (x0.9).
    expect(clock.now() - before).toBeCloseTo(204)
    const then = clock.now()
    await call('A')
    expect(clock.now() - then).toBeCloseTo(204 * 0.9, 0)
  })
})
