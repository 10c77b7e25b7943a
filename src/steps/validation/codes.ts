// The action's own codes for domain validation, and what to do about each: the README's and troubleshooting's tables are
// generated from this advice with the others (src/report/advice.ts).
import type { Advice } from '../../api/hints.js'

export const ValidationCode = {
  /** validation-dir: a FILE record's path or name is not a plain path inside validation-dir; nothing was written. */
  ValidationFileRefused: 'ActionError.ValidationFileRefused',
  /** A DNS validation record was not visible at every authoritative nameserver within the propagation bound. */
  DnsNotPropagated: 'ActionError.DnsNotPropagated',
  /** The DNS provider (or the user's command) refused or failed to write or delete a record. */
  DnsProviderFailed: 'ActionError.DnsProviderFailed',
  /** The provider's credentials see no zone that holds the record's name. */
  DnsZoneNotFound: 'ActionError.DnsZoneNotFound',
  /** Where the record must go, the zone holds records that are not this action's (a CNAME, or others beside one). */
  DnsRecordConflict: 'ActionError.DnsRecordConflict'
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
  },
  {
    codes: [ValidationCode.DnsProviderFailed],
    outcome: true,
    hint: 'the DNS provider refused or failed a request (the message names the provider, its code and message, and the record): a permission error means the token or key lacks the right on the zone (docs/dns-providers.md lists the least each provider needs); for dns-command, its last line says why. Re-run with skip-submitted: true once fixed: a record already written is found, not written twice.'
  },
  {
    codes: [ValidationCode.DnsZoneNotFound],
    outcome: true,
    hint: "the provider's credentials see no zone that holds the record's name: check that the domain's DNS is hosted at that provider (and in that account), and that the token may read the zone; then re-run with skip-submitted: true."
  },
  {
    codes: [ValidationCode.DnsRecordConflict],
    outcome: true,
    hint: "where the validation record must go, the zone already holds records that are not this action's (the message names them): remove or move them yourself (the action never overwrites a record it did not create), then re-run with skip-submitted: true."
  }
]
