// What a host serves, read with one TLS handshake (SNI for the host, bounded by request-timeout, through the proxy the
// environment names for it), and the state it is in, the first that applies: unreachable, old, other, name-mismatch,
// untrusted, expiring, serving. A leaf is known by its SHA-256 fingerprint; everything read from it (names, issuer) is
// untrusted text.
import { createHash, X509Certificate } from 'node:crypto'
import { isIP } from 'node:net'
import type { Socket } from 'node:net'
import { checkServerIdentity, connect, rootCertificates, type PeerCertificate } from 'node:tls'
import { openTunnel } from '../api/proxy.js'
import { untrusted } from '../support/untrusted.js'

/** A leaf lists at most this many of its names in the results: a certificate may hold hundreds. */
export const MAX_NAMES = 20

/** What one handshake showed of the served leaf. */
export interface ServedLeaf {
  /** SHA-256 of the leaf's DER, lower-case hex without separators. */
  fingerprint: string
  /** Its DNS names (subjectAltName), made inert. */
  names: string[]
  issuer: string
  /** ISO 8601. */
  notAfter: string
  /** Whether the chain verifies against Node's trust (its bundled roots and NODE_EXTRA_CA_CERTS). */
  trusted: boolean
  /** Why not, when it does not. */
  trustError: string
  /** Whether its names cover the host (RFC 6125, as node:tls checks them); '' when they do. */
  nameError: string
}

export type Probe = { reached: true; leaf: ServedLeaf } | { reached: false; reason: string }

export interface ProbeOptions {
  /** The bound of one handshake (request-timeout). */
  timeoutMs: number
  /** Where the connection goes instead (verify-connect-to); SNI and the name check stay the host's. */
  connectTo?: { host: string; port: number }
  /** The proxy the connection goes through (a CONNECT to the target), when one applies to the host. */
  proxy?: URL
  /** Trust added to Node's default (its bundled roots; NODE_EXTRA_CA_CERTS is read at start): the tests' seam. */
  ca?: string
}

const leafOf = (certificate: PeerCertificate, host: string, trusted: boolean, trustError: string): ServedLeaf => {
  const x509 = new X509Certificate(certificate.raw)
  const names = (x509.subjectAltName ?? '')
    .split(', ')
    .filter((entry) => entry.startsWith('DNS:'))
    .slice(0, MAX_NAMES)
    .map((entry) => untrusted(entry.slice(4), 253))
  const identity = checkServerIdentity(host, certificate)
  return {
    fingerprint: createHash('sha256').update(certificate.raw).digest('hex'),
    names,
    issuer: untrusted(x509.issuer.replace(/\n/g, ', '), 300),
    notAfter: new Date(x509.validTo).toISOString(),
    trusted,
    trustError: untrusted(trustError, 200),
    nameError: identity ? untrusted(identity.message, 300) : ''
  }
}

/** One TLS handshake with `host` (SNI), at `port` or where `connectTo` says, through `proxy`; never throws. */
export function probe(host: string, port: number, options: ProbeOptions): Promise<Probe> {
  return new Promise((resolve) => {
    const target = options.connectTo ?? { host, port }
    let socket: Socket | undefined
    let settled = false
    const done = (result: Probe): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket?.destroy()
      tunnel?.destroy()
      resolve(result)
    }
    const timer = setTimeout(
      () => done({ reached: false, reason: `no handshake within ${options.timeoutMs / 1000} s` }),
      options.timeoutMs
    )
    const failed = (error: NodeJS.ErrnoException): void =>
      done({ reached: false, reason: untrusted(error.code ?? error.message, 200) })
    const shake = (through?: Socket): void => {
      const tls = connect({
        ...(through ? { socket: through } : { host: target.host, port: target.port }),
        ...(isIP(host) ? {} : { servername: host }),
        // The chain is judged, not refused: an untrusted host is a state to report.
        rejectUnauthorized: false,
        ...(options.ca ? { ca: [...rootCertificates, options.ca] } : {})
      })
      socket = tls
      tls.once('secureConnect', () => {
        const certificate = tls.getPeerCertificate(false)
        if (!certificate?.raw) return done({ reached: false, reason: 'the host sent no certificate' })
        const error = tls.authorizationError
        done({ reached: true, leaf: leafOf(certificate, host, tls.authorized, error ? String(error) : '') })
      })
      tls.once('error', failed)
    }
    const authority = `${isIP(target.host) === 6 ? `[${target.host}]` : target.host}:${target.port}`
    // Every callback below comes later than this line: `tunnel` is set by then.
    const tunnel = options.proxy
      ? openTunnel(options.proxy, authority, options.timeoutMs, (error, through) => {
          if (error || !through) return failed(error ?? new Error('no tunnel'))
          if (settled) return through.destroy()
          shake(through)
        })
      : undefined
    if (!tunnel) shake()
  })
}

export type ServedState = 'unreachable' | 'old' | 'other' | 'name-mismatch' | 'untrusted' | 'expiring' | 'serving'

/** What the step expects of a host: the certificate it put there, the one it replaced, and the days a leaf needs. */
export interface Expectation {
  /** The SHA-256 fingerprint of the certificate this step has; undefined in a watch. */
  expected?: string
  /** The fingerprints of the certificates it replaced. */
  replaced?: readonly string[]
  minDays: number
  now: number
}

const DAY_MS = 24 * 3600 * 1000

/** The host's state, the first that applies, with the days left on its leaf (when one was served). */
export function classify(result: Probe, expectation: Expectation): { state: ServedState; daysLeft?: number } {
  if (!result.reached) return { state: 'unreachable' }
  const { leaf } = result
  const daysLeft = Math.floor((Date.parse(leaf.notAfter) - expectation.now) / DAY_MS)
  if (expectation.replaced?.includes(leaf.fingerprint)) return { state: 'old', daysLeft }
  if (expectation.expected !== undefined && leaf.fingerprint !== expectation.expected)
    return { state: 'other', daysLeft }
  if (leaf.nameError) return { state: 'name-mismatch', daysLeft }
  if (!leaf.trusted) return { state: 'untrusted', daysLeft }
  if (daysLeft < expectation.minDays) return { state: 'expiring', daysLeft }
  return { state: 'serving', daysLeft }
}

/** A verify-hosts line: `host` or `host:port` (443), `[v6]:port`; undefined when it is neither. */
export function hostOf(line: string): { host: string; port: number } | undefined {
  const value = line.trim().toLowerCase()
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value)
  const plain = /^([a-z0-9.*-]+)(?::(\d{1,5}))?$/.exec(value)
  const match = bracketed ?? plain
  if (!match || (bracketed && isIP(match[1]) !== 6)) return undefined
  const port = match[2] === undefined ? 443 : Number(match[2])
  return port >= 1 && port <= 65535 ? { host: match[1], port } : undefined
}

/** A verify-connect-to line in curl's --connect-to form, HOST1:PORT1:HOST2:PORT2; undefined when it is not one. */
export function connectToOf(
  line: string
): { from: { host: string; port: number }; to: { host: string; port: number } } | undefined {
  const parts = /^([^:]+):(\d{1,5}):([^:]+|\[[^\]]+\]):(\d{1,5})$/.exec(line.trim())
  if (!parts) return undefined
  const from = hostOf(`${parts[1]}:${parts[2]}`)
  const to = hostOf(`${parts[3]}:${parts[4]}`)
  return from && to ? { from, to } : undefined
}
