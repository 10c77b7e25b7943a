// Many hosts checked at once, with a bound: at most MAX_HANDSHAKES handshakes in flight, so that 200 hosts take a few
// handshake times and the memory stays that of 20 connections. Each host's entry is what the outputs and the summary
// show: its state, the leaf it serves and why it is not `serving`.
import { proxyFor } from '../api/proxy.js'
import type { Env } from '../api/terms.js'
import type { HostPort, HostTarget, ServedHost } from './host.js'
import { classify, probe, type Expectation, type Probe, type ServedState } from './probe.js'

export type { HostPort, HostTarget, ServedHost } from './host.js'

/** Handshakes in flight at most, across every certificate of the job. */
export const MAX_HANDSHAKES = 20

/** A shared bound on handshakes: every certificate's checks take their turn from one pool. */
export class HandshakePool {
  private running = 0
  private readonly queue: (() => void)[] = []

  constructor(private readonly limit = MAX_HANDSHAKES) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve))
    else this.running++
    try {
      return await work()
    } finally {
      const waiting = this.queue.shift()
      if (waiting) waiting()
      else this.running--
    }
  }
}

export interface CheckOptions {
  /** One handshake's bound (request-timeout). */
  timeoutMs: number
  env: Env
  pool: HandshakePool
  /** The tests' seam: trust added to Node's default. */
  ca?: string
}

/** One handshake with `target`, through the proxy that applies to the host (NO_PROXY read for the host itself). */
export function probeTarget(target: HostTarget, options: CheckOptions): Promise<Probe> {
  const proxy = proxyFor({ protocol: 'https://', host: `${target.host}:${target.port}` }, options.env)
  return options.pool.run(() =>
    probe(target.host, target.port, {
      timeoutMs: options.timeoutMs,
      ...(target.connectTo ? { connectTo: target.connectTo } : {}),
      ...(proxy ? { proxy } : {}),
      ...(options.ca ? { ca: options.ca } : {})
    })
  )
}

/** Why a host is in its state, in words; '' for `serving`. */
function reasonOf(state: ServedState, result: Probe, expectation: Expectation, daysLeft?: number): string {
  if (!result.reached) return `no TLS handshake: ${result.reason}`
  const { leaf } = result
  switch (state) {
    case 'old':
      return 'it still serves the certificate this step replaced'
    case 'other':
      return `it serves another certificate (${leaf.fingerprint.slice(0, 16)}…), not this step's`
    case 'name-mismatch':
      return `the certificate's names do not cover the host: ${leaf.nameError}`
    case 'untrusted':
      return `the chain does not verify: ${leaf.trustError}`
    case 'expiring':
      return `${daysLeft} days left, fewer than verify-min-days (${expectation.minDays})`
    default:
      return ''
  }
}

/** The host's entry from one handshake's result. */
export function servedHost(target: HostPort, result: Probe, expectation: Expectation): ServedHost {
  const { state, daysLeft } = classify(result, expectation)
  const leaf = result.reached ? result.leaf : undefined
  return {
    Host: target.host,
    Port: target.port,
    State: state,
    Fingerprint: leaf?.fingerprint ?? '',
    Names: leaf?.names ?? [],
    Issuer: leaf?.issuer ?? '',
    NotAfter: leaf?.notAfter ?? '',
    DaysLeft: daysLeft ?? null,
    Reason: reasonOf(state, result, expectation, daysLeft)
  }
}

/** Every target checked once, at most MAX_HANDSHAKES at a time (across the pool). */
export function checkHosts(
  targets: readonly HostTarget[],
  expectation: Expectation,
  options: CheckOptions
): Promise<ServedHost[]> {
  return Promise.all(targets.map(async (target) => servedHost(target, await probeTarget(target, options), expectation)))
}
