// A host as the served check names it, and its entry in the results: the types and the one label, apart from the
// handshakes themselves (check.ts), so that the inputs, the summary and the advice need not load them.
import type { ServedState } from './probe.js'

export interface HostPort {
  host: string
  port: number
}

/** A host to check, and where its connection goes instead (verify-connect-to). */
export interface HostTarget extends HostPort {
  connectTo?: HostPort
}

/** One host's state, in the fields the ServedHosts output and Results[].Served document. */
export interface ServedHost {
  Host: string
  Port: number
  State: ServedState
  /** SHA-256 of the served leaf, lower-case hex without separators; '' when none was served. */
  Fingerprint: string
  Names: string[]
  Issuer: string
  NotAfter: string
  DaysLeft: number | null
  /** Why it is not `serving`, in words; '' when it is. */
  Reason: string
}

/** `host`, `host:port` when not 443, `[v6]` for an IPv6 address. */
export const hostLabel = ({ host, port }: HostPort): string =>
  `${host.includes(':') ? `[${host}]` : host}${port === 443 ? '' : `:${port}`}`
