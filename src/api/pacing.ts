import type { Clock } from '../support/clock.js'
import { isRateLimitCode, toFailure } from './errors.js'

/** Tencent Cloud allows 10 requests per second per account for each SSL API. */
export const REQUESTS_PER_SECOND = 10
/** The server counts the requests that arrive within any one second. */
export const WINDOW_MS = 1000
/** Round trips measured before the learned spread is trusted; until then the safe rule holds. */
export const SAMPLES_TO_LEARN = 10
// Round trips remembered: enough to see the spread, few enough to follow a network that changes.
const SAMPLE_MEMORY = 50
// Added to the learned spread: the clock's own granularity and a little room.
const SPREAD_MARGIN_MS = 2
// The fastest round trip seen is slower than the network's fastest by some of its jitter: by more than k times
// range/(n-1) only about e^-k of the time. At k = 1 that was a throttled request in one bench run of five at 0–100 ms
// of jitter; at 6 none in thousands of simulated ones, for about 1% of the limit.
const FLOOR_WIDTHS = 6
// After a throttled answer the spread assumed grows by this much, up to the cap, and shrinks back with successes.
const THROTTLE_WIDENING_MS = 25
const MAX_WIDENING_MS = 500

/** One granted request: when it started, when it ended, and its round trip when an answer came. */
interface Sent {
  startedAt: number
  endedAt?: number
  roundTripMs?: number
}

/**
 * Grants one API's requests so that the server never sees more than its limit arrive in any second.
 *
 * The server counts arrivals; the step only knows when it sent a request and when the answer came back, and a
 * request arrives somewhere in between. Each request sent has a latest possible arrival, and a new request may start
 * only while fewer than `budget` of those fall within the last window: then no window of arrivals can hold more.
 * - Until enough round trips have been seen (the safe rule), a request's latest arrival is its answer, and a request
 *   still in flight could arrive at any time.
 * - Then (the learned rule) a round trip is a constant delay plus a part that varies, and only that part can bring
 *   two arrivals closer than their starts: a request's latest arrival counts from its start plus how much slower
 *   than the fastest recent round trip its own was (in flight: the spread of recent round trips, stretched for the
 *   samples not yet seen; in flight past that, as under the safe rule, until its answer). A constant delay costs
 *   nothing; jitter costs only what it was.
 * A throttled answer means the account is shared (a matrix) or the network changed: the budget halves (once per
 * window) and the margin widens; successes bring both back, so jobs sharing an account settle on their share.
 */
export class Pacer {
  private sent: Sent[] = []
  private readonly roundTrips: number[] = []
  private readonly waiting: { grant: (sent: Sent) => void; refuse: (error: unknown) => void }[] = []
  private pumping = false
  private budget: number
  private wideningMs = 0
  private lastThrottle = -Infinity
  private answered: (() => void) | undefined
  /** The first window's round trips pay for starting up (a new connection, code run the first time): not learned from. */
  private warmUpLeft: number

  constructor(
    private readonly clock: Clock,
    private readonly limit: number = REQUESTS_PER_SECOND,
    /** The window the server counts its limit in: a second for Tencent Cloud, five minutes for Cloudflare. */
    private readonly windowMs: number = WINDOW_MS
  ) {
    this.budget = limit
    this.warmUpLeft = limit
  }

  /** Requests per window this step allows itself now: the limit, or less while the account is throttled. */
  get currentBudget(): number {
    return Math.floor(this.budget)
  }

  /**
   * What recent round trips tell, or undefined while the safe rule holds: the fastest; how far n samples tend to fall
   * short of the whole range at the slow end (range/(n-1)); and how much slower than the network's fastest the
   * fastest seen may be (FLOOR_WIDTHS of those).
   */
  private learned(): { fastest: number; range: number; unseen: number; floorError: number } | undefined {
    const n = this.roundTrips.length
    if (n < SAMPLES_TO_LEARN) return undefined
    const fastest = Math.min(...this.roundTrips)
    const range = Math.max(...this.roundTrips) - fastest
    const unseen = range / (n - 1)
    return { fastest, range, unseen, floorError: FLOOR_WIDTHS * unseen }
  }

  /** The spread of recent round trips assumed for a request still in flight, or undefined while the safe rule holds. */
  get assumedSpreadMs(): number | undefined {
    const learned = this.learned()
    return learned && learned.range + learned.unseen + learned.floorError + SPREAD_MARGIN_MS + this.wideningMs
  }

  /**
   * Waits for this request's turn; resolves with its record, to be passed to `finished`. A request that finishes work
   * already begun (`first`: the remark of a record just created) goes before those that begin new work.
   */
  acquire(first = false): Promise<Sent> {
    return new Promise((grant, refuse) => {
      if (first) this.waiting.unshift({ grant, refuse })
      else this.waiting.push({ grant, refuse })
      void this.pump()
    })
  }

  /**
   * Records the end of a granted request: answered (the server's answer, success or error), throttled (refused for
   * the rate), or without an answer (a timeout or a broken connection tells nothing about the round trip).
   */
  finished(sent: Sent, outcome: 'answered' | 'throttled' | 'no answer'): void {
    sent.endedAt = this.clock.now()
    if (outcome === 'throttled') {
      this.throttled()
    } else if (outcome === 'answered') {
      if (this.warmUpLeft > 0) {
        this.warmUpLeft--
      } else {
        sent.roundTripMs = sent.endedAt - sent.startedAt
        this.roundTrips.push(sent.roundTripMs)
        if (this.roundTrips.length > SAMPLE_MEMORY) this.roundTrips.shift()
      }
      this.budget = Math.min(this.limit, this.budget + 1 / this.budget)
      this.wideningMs *= 0.99
    }
    this.answered?.()
  }

  private throttled(): void {
    // One throttled window slows down once, not once per request in it.
    const now = this.clock.now()
    if (now - this.lastThrottle < this.windowMs) return
    this.lastThrottle = now
    this.budget = Math.max(1, this.budget / 2)
    this.wideningMs = Math.min(MAX_WIDENING_MS, this.wideningMs + THROTTLE_WIDENING_MS)
  }

  /** The latest time each request sent can arrive, as far as the step can tell; Infinity when it cannot tell yet. */
  private latestArrivals(now: number): number[] {
    const learned = this.learned()
    const margin = SPREAD_MARGIN_MS + this.wideningMs
    return this.sent.map((sent) => {
      if (!learned) return sent.endedAt ?? Infinity
      // The fastest round trip a new request could have: the fastest seen, less what the samples tend to miss.
      if (sent.roundTripMs !== undefined)
        return sent.startedAt + Math.max(0, sent.roundTripMs - learned.fastest + learned.floorError) + margin
      // Ended without an answer: it arrived, if it did, before the step gave up on it.
      if (sent.endedAt !== undefined) return sent.endedAt
      // In flight within the spread seen so far: it arrives by then. Past it (a server that stalls, a network that
      // holds it) nothing says it has arrived, and it could still arrive with others held alike: its answer will tell.
      const expected = sent.startedAt + learned.range + learned.unseen + learned.floorError + margin
      return now <= expected ? expected : Infinity
    })
  }

  /** When the next request may start: a time, or 'answer' when it must wait for an earlier request's answer. */
  private nextStart(): number | 'answer' {
    const now = this.clock.now()
    const latest = this.latestArrivals(now)
    // Requests that can no longer arrive within a window of now are done with.
    this.sent = this.sent.filter((_, i) => latest[i] > now - this.windowMs)
    const counted = latest.filter((at) => at > now - this.windowMs).sort((a, b) => b - a)
    const places = this.currentBudget
    if (counted.length < places) return now
    const blocking = counted[places - 1]
    return blocking === Infinity ? 'answer' : blocking + this.windowMs
  }

  /** Grants waiting requests in order, each as soon as the window allows it. */
  private async pump(): Promise<void> {
    if (this.pumping) return
    this.pumping = true
    try {
      while (this.waiting.length > 0) {
        const next = this.nextStart()
        if (next === 'answer') {
          await new Promise<void>((resolve) => (this.answered = resolve))
          continue
        }
        const delay = next - this.clock.now()
        if (delay > 0) {
          await this.clock.sleep(delay)
          continue
        }
        const sent: Sent = { startedAt: this.clock.now() }
        this.sent.push(sent)
        this.waiting.shift()!.grant(sent)
      }
    } catch (error) {
      // The clock's sleep ends with the job's cancellation: no waiting request starts.
      for (const { refuse } of this.waiting.splice(0)) refuse(error)
    } finally {
      this.pumping = false
    }
  }
}

/** One pacer per API, created on first use: each SSL API has its own limit (`perWindow` requests in `windowMs`). */
export class RateLimiter {
  private readonly pacers = new Map<string, Pacer>()

  constructor(
    private readonly clock: Clock,
    private readonly perWindow: number = REQUESTS_PER_SECOND,
    private readonly windowMs: number = WINDOW_MS
  ) {}

  async run<T>(apiName: string, call: () => Promise<T>, first = false): Promise<T> {
    let pacer = this.pacers.get(apiName)
    if (!pacer) this.pacers.set(apiName, (pacer = new Pacer(this.clock, this.perWindow, this.windowMs)))
    const sent = await pacer.acquire(first)
    try {
      const answer = await call()
      pacer.finished(sent, 'answered')
      return answer
    } catch (error) {
      const { code } = toFailure(error)
      // The action's own codes mean no answer came from Tencent Cloud.
      pacer.finished(
        sent,
        isRateLimitCode(code) ? 'throttled' : code.startsWith('ActionError.') ? 'no answer' : 'answered'
      )
      throw error
    }
  }
}
