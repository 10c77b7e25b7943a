// The pacer against a simulated network and gateway, on a virtual clock: every request starts when the pacer grants
// it, arrives after a one-way delay, is counted (or refused) by a gateway that allows `limit` arrivals in any window,
// and is answered after the way back. The assertions are in terms of the limit and the window.
import { ActionErrorCode, Failure } from '../../src/api/errors.js'
import { Pacer, RateLimiter, REQUESTS_PER_SECOND, SAMPLES_TO_LEARN, WINDOW_MS } from '../../src/api/pacing.js'
import { VirtualClock } from '../helpers/virtual-clock.js'
import { seededRandom } from '../helpers/call-fixture.js'

interface Network {
  /** Each way, before jitter. */
  oneWayMs: number
  /** Added at random to the way there. */
  jitterMs: number
  /** Arrivals per second of other jobs on the same account. */
  othersPerSecond?: number
  /** Every this many ms the gateway stalls for `stallMs` (a busy server): what arrives meanwhile is counted after. */
  stallEveryMs?: number
  stallMs?: number
}

/** Runs `count` requests through a RateLimiter on the simulated network; returns what the gateway saw. */
async function simulate(count: number, network: Network, seed = 1, limit = REQUESTS_PER_SECOND) {
  const clock = new VirtualClock()
  const rng = seededRandom(seed)
  const limiter = new RateLimiter(clock, limit)
  const admitted: number[] = []
  const ours: number[] = []
  let throttled = 0
  if (network.othersPerSecond) {
    for (let t = 0; t < 120_000; t += 1000 / network.othersPerSecond) admitted.push(t)
  }
  const arrive = (): boolean => {
    const now = clock.now()
    const inWindow = admitted.filter((at) => at > now - WINDOW_MS && at <= now).length
    if (inWindow >= limit) return false
    admitted.push(now)
    ours.push(now)
    return true
  }
  const request = () =>
    limiter.run('CommitCertificateInformation', async () => {
      await clock.sleep(network.oneWayMs + rng() * network.jitterMs)
      if (network.stallEveryMs && network.stallMs) {
        const intoCycle = clock.now() % network.stallEveryMs
        const stallStart = network.stallEveryMs - network.stallMs
        if (intoCycle >= stallStart) await clock.sleep(network.stallEveryMs - intoCycle)
      }
      const accepted = arrive()
      await clock.sleep(network.oneWayMs)
      if (!accepted) {
        throttled++
        throw new Failure({ code: 'RequestLimitExceeded', message: 'slow down', requestId: 'r' })
      }
    })
  let finished = 0
  // Each request is retried until admitted, as the action's retry does with throttled answers.
  const attempt = async (): Promise<void> => {
    for (;;) {
      try {
        return await request()
      } catch {
        // throttled: try again
      }
    }
  }
  for (let i = 0; i < count; i++) void attempt().then(() => finished++)
  await clock.runUntil(() => finished === count)
  const sorted = ours.sort((a, b) => a - b)
  const throughput = (sorted.length - limit) / ((sorted.at(-1)! - sorted[0]) / 1000) / limit
  return { throttled, throughput, arrivals: sorted, clock }
}

describe('never throttled by itself, whatever the network does', () => {
  test.each<[string, number, Network]>([
    ['no delay', 0.97, { oneWayMs: 0, jitterMs: 0 }],
    ['0–50 ms of jitter', 0.94, { oneWayMs: 0, jitterMs: 50 }],
    ['0–100 ms of jitter', 0.9, { oneWayMs: 0, jitterMs: 100 }],
    ['a 200 ms round trip and 0–50 ms of jitter', 0.92, { oneWayMs: 100, jitterMs: 50 }]
  ])('%s: no arrival over the limit in any window, and at least %d of the limit', async (_, goal, network) => {
    for (const seed of [1, 2, 3]) {
      const { throttled, throughput } = await simulate(150, network, seed)
      expect(throttled).toBe(0)
      expect(throughput).toBeGreaterThanOrEqual(goal)
      expect(throughput).toBeLessThanOrEqual(1)
    }
  })

  test('the fastest round trip seen overstates the network floor now and then: a hundred networks of 0–100 ms jitter, none throttled', async () => {
    // With the floor taken as the fastest seen less range/(n-1), seeds 11, 31, 41, 42, 54, 60, 69, 71, 72, 75 and
    // 81 each had a request throttled: the bench's rare one.
    const throttledSeeds: number[] = []
    for (let seed = 1; seed <= 100; seed++)
      if ((await simulate(150, { oneWayMs: 0, jitterMs: 100 }, seed)).throttled > 0) throttledSeeds.push(seed)
    expect(throttledSeeds).toEqual([])
  })

  test('until it has seen enough round trips, a request waits for the answer to the one `limit` places before it, plus the window', async () => {
    const clock = new VirtualClock()
    const pacer = new Pacer(clock)
    const records: { startedAt: number; endedAt?: number }[] = []
    const requests = Array.from({ length: 2 * REQUESTS_PER_SECOND }, async () => {
      const sent = await pacer.acquire()
      records.push(sent)
      await clock.sleep(300) // a long, steady round trip
      pacer.finished(sent, 'answered')
    })
    let done = false
    void Promise.all(requests).then(() => (done = true))
    await clock.runUntil(() => done)
    for (let k = REQUESTS_PER_SECOND; k < records.length; k++) {
      expect(records[k].startedAt).toBeGreaterThanOrEqual(records[k - REQUESTS_PER_SECOND].endedAt! + WINDOW_MS)
    }
    expect(pacer.assumedSpreadMs).toBeDefined()
  })

  test('a gateway that stalls now and then (everything sent meanwhile counted at once after) never throttles it', async () => {
    for (const seed of [1, 2, 3]) {
      // Stalls longer than the window hold what two windows sent: only counting those in flight until answered keeps it safe.
      const { throttled } = await simulate(150, { oneWayMs: 1, jitterMs: 2, stallEveryMs: 6000, stallMs: 2500 }, seed)
      expect(throttled).toBe(0)
    }
  })

  test('once learned, a constant delay costs nothing: only its spread is paid for', async () => {
    const { arrivals, throttled } = await simulate(200, { oneWayMs: 400, jitterMs: 0 })
    expect(throttled).toBe(0)
    // After the first window (start-up) and the round trips it learns from, the 800 ms round trip slows nothing down.
    const learned = arrivals.slice(REQUESTS_PER_SECOND + SAMPLES_TO_LEARN)
    const throughput =
      (learned.length - REQUESTS_PER_SECOND) / ((learned.at(-1)! - learned[0]) / 1000) / REQUESTS_PER_SECOND
    expect(throughput).toBeGreaterThanOrEqual(0.99)
  })
})

describe('jobs sharing the account (a matrix) back off and share', () => {
  test('throttled by other traffic, the step halves its budget, finishes every request, and comes back as answers succeed', async () => {
    const { throttled } = await simulate(60, { oneWayMs: 5, jitterMs: 5, othersPerSecond: 6 })
    expect(throttled).toBeGreaterThan(0)
    // Backing off: a step that kept its full budget would be refused on most of its windows.
    expect(throttled).toBeLessThan(15)
  })

  test('the budget halves once per throttled window and grows back with successes', () => {
    const clock = new VirtualClock()
    const pacer = new Pacer(clock)
    const sent = { startedAt: 0 }
    pacer.finished(sent, 'throttled')
    pacer.finished(sent, 'throttled') // same window: once
    expect(pacer.currentBudget).toBe(REQUESTS_PER_SECOND / 2)
    clock.time += WINDOW_MS
    pacer.finished(sent, 'throttled')
    expect(pacer.currentBudget).toBe(Math.floor(REQUESTS_PER_SECOND / 4))
    for (let i = 0; i < 100; i++) pacer.finished({ startedAt: clock.time }, 'answered')
    expect(pacer.currentBudget).toBe(REQUESTS_PER_SECOND)
  })

  test('a failure without an answer teaches nothing about round trips', () => {
    const clock = new VirtualClock()
    const pacer = new Pacer(clock)
    // The first window's round trips are the start-up's; the next ones teach.
    for (let i = 0; i < REQUESTS_PER_SECOND + SAMPLES_TO_LEARN; i++)
      pacer.finished({ startedAt: clock.time - 10 - (i % 3) }, 'answered')
    const learned = pacer.assumedSpreadMs
    expect(learned).toBeGreaterThan(2)
    pacer.finished({ startedAt: clock.time - 30_000 }, 'no answer')
    expect(pacer.assumedSpreadMs).toBe(learned)
  })
})

test("the job's cancellation refuses every request still waiting for its turn", async () => {
  const clock = new VirtualClock()
  const pacer = new Pacer(clock)
  const granted = await Promise.all(Array.from({ length: REQUESTS_PER_SECOND }, () => pacer.acquire()))
  for (const sent of granted) pacer.finished(sent, 'answered')
  const waiting = Array.from({ length: 3 }, () =>
    pacer.acquire().then(
      () => 'granted',
      (error: unknown) => error
    )
  )
  await new Promise((resolve) => setImmediate(resolve))
  const cancelled = new Failure({ code: ActionErrorCode.Cancelled, message: 'cancelled' })
  clock.stop(cancelled)
  expect(await Promise.all(waiting)).toEqual([cancelled, cancelled, cancelled])
})

test('each API has its own pacer: one API at its limit does not hold up another', async () => {
  const clock = new VirtualClock()
  const limiter = new RateLimiter(clock)
  const starts: Record<string, number[]> = { A: [], B: [] }
  const call = (api: 'A' | 'B') => limiter.run(api, async () => void starts[api].push(clock.now()))
  let done = false
  void Promise.all([...Array.from({ length: 2 * REQUESTS_PER_SECOND }, () => call('A')), call('B')]).then(
    () => (done = true)
  )
  await clock.runUntil(() => done)
  expect(starts.B).toEqual([0])
  expect(starts.A.filter((t) => t === 0)).toHaveLength(REQUESTS_PER_SECOND)
  expect(Math.min(...starts.A.filter((t) => t > 0))).toBeGreaterThanOrEqual(WINDOW_MS)
})

test("the first window's round trips (starting up) are not learned from: a slow start does not slow what follows", () => {
  const clock = new VirtualClock()
  const pacer = new Pacer(clock)
  for (let i = 0; i < REQUESTS_PER_SECOND; i++) pacer.finished({ startedAt: clock.time - 500 }, 'answered')
  for (let i = 0; i < SAMPLES_TO_LEARN; i++) pacer.finished({ startedAt: clock.time - 5 - (i % 2) }, 'answered')
  expect(pacer.assumedSpreadMs).toBeLessThan(10)
})
