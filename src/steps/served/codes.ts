// The served check's own code, and what to do about it: the README's and troubleshooting's tables are generated from
// this advice with the others (src/report/advice.ts).
import type { Advice } from '../../api/hints.js'
import { hostLabel, type ServedHost } from '../../served/host.js'

export const ServedCode = {
  /** verify-hosts: a host does not serve what it should (its state and what to do are in the message). */
  NotServed: 'ActionError.NotServed'
} as const

/** What to do about a host in each state that is not `serving`. */
export const STATE_ADVICE: Readonly<Record<string, string>> = {
  unreachable:
    'no TLS handshake: check the name, the port and the firewall from a runner, or send the connection elsewhere with verify-connect-to',
  old: 'the resource the switch reported switched still serves the old certificate: check it in its product console (a CDN edge can take minutes; raise verify-timeout), then re-run with skip-submitted: true',
  other:
    "the host serves a certificate that is neither this step's nor the one it replaced: something else serves the host (another resource, a proxy in front); switch that one",
  'name-mismatch':
    "the certificate's names do not cover the host: serve a certificate that names it, or remove the host from verify-hosts",
  untrusted:
    'the chain does not verify: serve the intermediates with the leaf (the fullchain), or a certificate from a trusted CA',
  expiring: 'the certificate ends soon: renew it (renew-certificate-id), or lower verify-min-days if this is expected'
}

export const ADVICE: readonly Advice[] = [
  {
    codes: [ServedCode.NotServed],
    outcome: true,
    hint: 'a host checked over TLS does not serve what it should: the message names each host, its state (unreachable, old, other, name-mismatch, untrusted, expiring) and what it serves; for old, the resources the switch reported switched, one of which did not take it. Fix that host, then re-run (skip-submitted: true never submits twice).'
  }
]

/**
 * A host not serving, for a failure message: its state, why, what it serves and what to do; for `old`, the resources
 * the switch reported switched for it (`resources`), one of which did not take the certificate.
 */
export function hostProblem(entry: ServedHost, resources = ''): string {
  const serves = entry.Fingerprint
    ? `serves ${entry.Fingerprint.slice(0, 16)}… for ${entry.Names.slice(0, 3).join(' ') || 'no name'}, issued by ${entry.Issuer}`
    : 'serves nothing'
  const switched = resources ? `; the switch reported ${resources} switched` : ''
  return `${hostLabel({ host: entry.Host, port: entry.Port })} ${entry.State} (${entry.Reason}; ${serves}${switched}): ${STATE_ADVICE[entry.State]}`
}

/** A failure names this many hosts in full; the summary and ServedHosts have the rest. */
const NAMED_HOSTS = 10

/**
 * The hosts not serving, for a failure message: how many of how many, then each of the first few as `hostProblem`
 * says it (`resourcesOf` gives an `old` host's switched resources).
 */
export function notServingHosts(
  entries: readonly ServedHost[],
  resourcesOf: (host: string) => string = () => ''
): { count: string; named: string } {
  const failing = entries.filter((entry) => entry.State !== 'serving')
  const named = failing
    .slice(0, NAMED_HOSTS)
    .map((entry) => hostProblem(entry, entry.State === 'old' ? resourcesOf(entry.Host) : ''))
  const more = failing.length > NAMED_HOSTS ? `; … and ${failing.length - NAMED_HOSTS} more (see ServedHosts)` : ''
  return { count: `${failing.length} of ${entries.length} hosts`, named: `${named.join('; ')}${more}` }
}
