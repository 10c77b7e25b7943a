// Where DNS validation records are written: the user's DNS provider (its API, through records.ts), or the user's own
// command (command.ts), each behind this one interface. The validation step proves the records at the zone's
// nameservers (visibility.ts) before the CA is asked to look.
import type { DvAuth } from '../../../api/validation-records.js'
import { recordLocation } from '../../../api/validation-records.js'

/** One record to write, as the CA asks for it. */
export interface ProviderRecord {
  /** The certificate it validates: the marker that tells this action's records from the user's. */
  certificateId: string
  /** The full name, without the trailing dot. */
  name: string
  /** The domain the CA names for it (DvAuthDomain): the zone a command is given. */
  caZone: string
  type: 'TXT' | 'CNAME'
  value: string
}

/** What writing one record did, and whether the record there is this action's. */
export interface Presented {
  state: 'created' | 'existing'
  ours: boolean
}

export interface RecordWriter {
  /** As the inputs name it: cloudflare, alidns, dnspod, route53, command. */
  readonly name: string
  /** The zone that holds the record's name (the longest the provider has). */
  zoneOf(record: ProviderRecord): Promise<string>
  /** Writes the record, marked as this action's: `existing` when it is there already with the value. */
  present(record: ProviderRecord): Promise<Presented>
  /** Deletes the record if it is this action's; `absent` when it is gone already, `not-ours` when another's. */
  cleanUp(record: ProviderRecord, createdHere: boolean): Promise<'removed' | 'absent' | 'not-ours'>
  /** Reads only: whether the record is at the provider and this action's (a later run's cleanup finds it so). */
  isOurs(record: ProviderRecord): Promise<boolean>
  /** Reads only: what present would do (`create`, `existing`), or why it would refuse (a conflict, in words). */
  planned(record: ProviderRecord): Promise<{ would: 'create' | 'existing' } | { conflict: string }>
  close(): void
}

/** The DNS records among the CA's, with their full name as the CA gives them. */
export function dnsRecordsOf(certificateId: string, records: readonly DvAuth[]): ProviderRecord[] {
  return records
    .filter((record) => record.DvAuthVerifyType === 'TXT' || record.DvAuthVerifyType === 'CNAME')
    .map((record) => {
      const location = recordLocation(record)
      const name = location.name === '@' ? location.zone : `${location.name}.${location.zone}`
      return {
        certificateId,
        name: name.toLowerCase().replace(/\.$/, ''),
        caZone: location.zone.toLowerCase().replace(/\.$/, ''),
        type: record.DvAuthVerifyType as 'TXT' | 'CNAME',
        value: location.value
      }
    })
}

/** The name relative to `zone`: `_dnsauth.www` in `example.com`, `@` for the zone itself. */
export const hostIn = (name: string, zone: string): string =>
  name === zone ? '@' : name.endsWith(`.${zone}`) ? name.slice(0, -(zone.length + 1)) : name
