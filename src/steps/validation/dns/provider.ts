// Where DNS validation records are written: the user's DNS provider, as lego's providers are, each behind this one
// interface. The validation step (not the provider) proves the records at the zone's nameservers (visibility.ts).
import type { DvAuth } from '../../../api/validation-records.js'
import { recordLocation } from '../../../api/validation-records.js'

/** One record to write at the provider, in the provider's terms. */
export interface ProviderRecord {
  /** The certificate it validates: the marker that tells this action's records from the user's. */
  certificateId: string
  /** The zone at the provider that holds the name. */
  zone: string
  /** The full name, without the trailing dot. */
  name: string
  /** The name relative to the zone ('@' for the zone itself). */
  host: string
  type: 'TXT' | 'CNAME'
  value: string
}

export interface DnsProvider {
  /** As the inputs name it: cloudflare, alidns, dnspod, route53, command. */
  readonly name: string
  /** The provider's zone that holds `name`: the longest one; asked once per zone per job. */
  zoneOf(name: string): Promise<string>
  /** Writes the record, marked as this action's: `existing` when it is there already with the value. */
  present(record: ProviderRecord): Promise<'created' | 'existing'>
  /** Deletes exactly the record this action wrote (name, type, value, marker); `absent` when it is gone already. */
  cleanUp(record: ProviderRecord): Promise<'removed' | 'absent'>
}

/** The DNS records among the CA's, with their full name, zone and host as the CA gives them. */
export function dnsRecordsOf(
  certificateId: string,
  records: readonly DvAuth[]
): Omit<ProviderRecord, 'zone' | 'host'>[] {
  return records
    .filter((record) => record.DvAuthVerifyType === 'TXT' || record.DvAuthVerifyType === 'CNAME')
    .map((record) => {
      const location = recordLocation(record)
      const name = location.name === '@' ? location.zone : `${location.name}.${location.zone}`
      return {
        certificateId,
        name: name.toLowerCase().replace(/\.$/, ''),
        type: record.DvAuthVerifyType as 'TXT' | 'CNAME',
        value: location.value
      }
    })
}

/** The name relative to `zone`: `_dnsauth.www` in `example.com`, `@` for the zone itself. */
export const hostIn = (name: string, zone: string): string =>
  name === zone ? '@' : name.endsWith(`.${zone}`) ? name.slice(0, -(zone.length + 1)) : name
