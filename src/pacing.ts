import type { SslApi } from './client.js'
import { isRateLimitCode, toApiFailure } from './errors.js'

export interface Clock {
  now: () => number
  sleep: (ms: number) => Promise<void>
}

/** Tencent Cloud allows 10 requests per second per account for each SSL API. */
export const REQUESTS_PER_SECOND = 10
// Requests are spaced evenly a little wider than 1/limit, so that network jitter cannot put an 11th request
// into the server's one-second window: 102 ms gives 98% of the limit.
const SPACING_MARGIN = 1.02
// When other jobs on the same account are throttled too, back off to this slowest spacing at most.
const MAX_SLOWDOWN = 8

/**
 * Hands out start times for one API's requests, evenly spaced so that this step never exceeds the limit.
 * When the server throttles anyway (other jobs share the account), the spacing doubles; each success
 * narrows it again, so jobs sharing an account settle on their share of the limit.
 */
export class Pacer {
  private readonly baseSpacingMs: number
  private spacingMs: number
  private nextSlot = -Infinity
  private lastSlowdown = -Infinity

  constructor(
    private readonly clock: Clock,
    perSecond: number = REQUESTS_PER_SECOND
  ) {
    this.baseSpacingMs = (1000 / perSecond) * SPACING_MARGIN
    this.spacingMs = this.baseSpacingMs
  }

  get currentSpacingMs(): number {
    return this.spacingMs
  }

  async acquire(): Promise<void> {
    const now = this.clock.now()
    const slot = Math.max(now, this.nextSlot)
    this.nextSlot = slot + this.spacingMs
    if (slot <= now) return
    await this.clock.sleep(slot - now)
    // A busy event loop can wake this request late; the ones after it keep their distance from when it really
    // started, or they would bunch up behind it and put an 11th request into the server's one-second window.
    const lateMs = this.clock.now() - slot
    if (lateMs > 0) this.nextSlot += lateMs
  }

  throttled(): void {
    // One throttled burst slows down once, not once per request in it.
    const now = this.clock.now()
    if (now - this.lastSlowdown < 1000) return
    this.lastSlowdown = now
    this.spacingMs = Math.min(this.spacingMs * 2, this.baseSpacingMs * MAX_SLOWDOWN)
  }

  succeeded(): void {
    this.spacingMs = Math.max(this.baseSpacingMs, this.spacingMs * 0.9)
  }
}

/** One pacer per API, created on first use: each SSL API has its own limit. */
export class RateLimiter {
  private readonly pacers = new Map<string, Pacer>()

  constructor(
    private readonly clock: Clock,
    private readonly perSecond: number = REQUESTS_PER_SECOND
  ) {}

  async run<T>(apiName: string, call: () => Promise<T>): Promise<T> {
    let pacer = this.pacers.get(apiName)
    if (!pacer) this.pacers.set(apiName, (pacer = new Pacer(this.clock, this.perSecond)))
    await pacer.acquire()
    try {
      const answer = await call()
      pacer.succeeded()
      return answer
    } catch (error) {
      if (isRateLimitCode(toApiFailure(error).code)) pacer.throttled()
      else pacer.succeeded()
      throw error
    }
  }
}

/** The same API, with every call paced by `limiter`. */
export function pacedApi(api: SslApi, limiter: RateLimiter): SslApi {
  return {
    commitCertificateInformation: (request) => limiter.run('CommitCertificateInformation', () => api.commitCertificateInformation(request)),
    certificateOrderSubmit: (request) => limiter.run('CertificateOrderSubmit', () => api.certificateOrderSubmit(request)),
    describeCertificateDetail: (request) => limiter.run('DescribeCertificateDetail', () => api.describeCertificateDetail(request)),
    close: () => api.close()
  }
}
