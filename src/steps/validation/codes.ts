// The action's own codes for domain validation, and what to do about each: the README's and troubleshooting's tables are
// generated from this advice with the others (src/report/advice.ts).
import type { Advice } from '../../api/hints.js'

export const ValidationCode = {
  /** validation-dir: a FILE record's path or name is not a plain path inside validation-dir; nothing was written. */
  ValidationFileRefused: 'ActionError.ValidationFileRefused',
  /** A DNS validation record was not visible at every authoritative nameserver within the propagation bound. */
  DnsNotPropagated: 'ActionError.DnsNotPropagated',
  /** The DNS provider (or the user's command) refused or failed to write or delete a record. */
  DnsProviderFailed: 'ActionError.DnsProviderFailed'
} as const

export const ADVICE: readonly Advice[] = [
  {
    codes: [ValidationCode.ValidationFileRefused],
    outcome: true,
    hint: "a FILE validation record's path from Tencent Cloud is not a plain path inside validation-dir (or two records want one file with different contents), so no validation file was written: serve the records named in DvAuths by hand, or use one validation-dir per site; quote the RequestId in a ticket if the path looks wrong."
  },
  {
    codes: [ValidationCode.DnsNotPropagated],
    outcome: true,
    hint: 'the record was written, but not every authoritative nameserver of the zone answered it in time (the message names each and what it answered): check that the zone is served where the record was written (its NS records), give a slow provider longer to propagate, then re-run with skip-submitted: true; the record is found, not written twice.'
  }
]
