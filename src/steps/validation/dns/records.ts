// The rules of writing validation records at a provider, the same for every provider: the zone that holds a name
// (the longest the credentials see, the zones read once per job); a record already there with the value is used,
// not written again; a CNAME never goes over other records, nor another CNAME unless it is this action's; a create
// whose answer was lost is read back, never sent twice; a record is removed only when it is this action's
// (its marker names the certificate, or, where the provider keeps no marker, its name and the certificate's own
// value say so). Requests to one name go one at a time (each request is paced by the writer, writer.ts).
import { Failure } from '../../../api/errors.js'
import { untrusted } from '../../../support/untrusted.js'
import {
  isActionMarker,
  markerOf,
  ProviderError,
  sameRecordValue,
  type FoundRecord,
  type ProviderApi,
  type ProviderName,
  type Zone
} from '../../../dns/provider-api.js'
import { ValidationCode } from '../codes.js'
import type { Presented, ProviderRecord, RecordWriter } from './provider.js'
import { hostIn } from './provider.js'

/** Each provider's documented rate limit, for all of the action's requests together: requests per window. */
export const RATE_LIMITS: Readonly<Record<ProviderName, { requests: number; windowMs: number }>> = {
  // 1,200 requests per 5 minutes for a user.
  cloudflare: { requests: 1200, windowMs: 300_000 },
  // 5 requests per second for an account.
  route53: { requests: 5, windowMs: 1000 },
  // AddDomainRecord and DeleteDomainRecord 60/s; the remark and the domain list are kept below 20/s.
  alidns: { requests: 20, windowMs: 1000 },
  // ModifyRecordRemark and DescribeDomainList 20/s (CreateRecord and DeleteRecord 500/s).
  dnspod: { requests: 20, windowMs: 1000 }
}

/** The failure of a provider's request, for the record it was about: the provider, its code and message, what to do. */
export function providerFailure(error: unknown, doing: string): Failure {
  if (!(error instanceof ProviderError))
    return error instanceof Failure
      ? error
      : new Failure({ code: ValidationCode.DnsProviderFailed, message: `${doing}: ${String(error)}` })
  const code = error.providerCode ? `${error.providerCode}: ` : 'no answer: '
  const request = error.requestId ? ` (request ${error.requestId})` : ''
  return new Failure({
    code: ValidationCode.DnsProviderFailed,
    message: `${error.provider}, ${doing}, answered ${code}${error.message}${request}`,
    requestId: error.requestId,
    mayHaveTakenEffect: error.noAnswer
  })
}

export class ProviderRecords implements RecordWriter {
  private zones?: Promise<Zone[]>
  private readonly busy = new Map<string, Promise<unknown>>()
  /** How many times the zones were read: once per job. */
  zoneReads = 0

  constructor(readonly api: ProviderApi) {}

  /** One name at a time: a record set's read and write are never interleaved with another's. */
  private async alone<T>(name: string, work: () => Promise<T>): Promise<T> {
    const before = this.busy.get(name) ?? Promise.resolve()
    const mine = before.catch(() => undefined).then(work)
    this.busy.set(name, mine)
    try {
      return await mine
    } finally {
      if (this.busy.get(name) === mine) this.busy.delete(name)
    }
  }

  get name(): string {
    return this.api.name
  }

  async zoneOf(record: ProviderRecord): Promise<string> {
    return (await this.zone(record.name)).name
  }

  /** The zone that holds `name`: the longest the credentials see. */
  private async zone(name: string): Promise<Zone> {
    this.zones ??= Promise.resolve()
      .then(() => {
        this.zoneReads++
        return this.api.zones()
      })
      .catch((error: unknown) => {
        this.zones = undefined
        throw providerFailure(error, 'listing the zones the credentials can see')
      })
    const zones = await this.zones
    const zone = zones
      .filter((candidate) => name === candidate.name || name.endsWith(`.${candidate.name}`))
      .sort((a, b) => b.name.length - a.name.length)[0]
    if (!zone)
      throw new Failure({
        code: ValidationCode.DnsZoneNotFound,
        message: `${this.api.name} has no zone that holds ${name} among the ${zones.length} its credentials can see${zones.length > 0 && zones.length <= 5 ? ` (${zones.map((z) => z.name).join(', ')})` : ''}`
      })
    return zone
  }

  private read(zone: Zone, record: ProviderRecord): Promise<FoundRecord[]> {
    return this.api.recordsAt(zone, record.name).catch((error: unknown) => {
      throw providerFailure(error, `reading the records at ${record.name}`)
    })
  }

  private ours(found: FoundRecord, record: ProviderRecord): boolean {
    return this.api.marks ? found.marker === markerOf(record.certificateId) : sameValue(found, record)
  }

  /** What is at the record's name now, and what present would do there. */
  async inspect(
    record: ProviderRecord
  ): Promise<{ zone: Zone; found: FoundRecord[]; existing?: FoundRecord; conflict?: string }> {
    const zone = await this.zone(record.name)
    const found = await this.read(zone, record)
    const existing = found.find((candidate) => sameValue(candidate, record))
    if (existing) return { zone, found, existing }
    const cnames = found.filter((candidate) => candidate.type === 'CNAME')
    const others = found.filter((candidate) => candidate.type !== 'CNAME')
    const replaceable = (candidate: FoundRecord): boolean => this.api.marks && isActionMarker(candidate.marker)
    const blocking =
      record.type === 'CNAME'
        ? [...cnames.filter((candidate) => !replaceable(candidate)), ...others]
        : cnames.filter((candidate) => !replaceable(candidate))
    if (blocking.length === 0) return { zone, found }
    const what = blocking
      .slice(0, 3)
      // The provider's values are kept exactly as they are; here they are printed, so made inert.
      .map((candidate) => `${candidate.type} ${untrusted(JSON.stringify(candidate.value), 300)}`)
      .join(', ')
    return {
      zone,
      found,
      conflict: `${record.name} already holds ${what}${blocking.length > 3 ? ` and ${blocking.length - 3} more` : ''}, where the ${record.type} record must go; it is not this action's, so it is left as it is`
    }
  }

  async isOurs(record: ProviderRecord): Promise<boolean> {
    const { existing } = await this.inspect(record)
    return existing !== undefined && this.ours(existing, record)
  }

  async planned(record: ProviderRecord): Promise<{ would: 'create' | 'existing' } | { conflict: string }> {
    const { existing, conflict } = await this.inspect(record)
    return conflict ? { conflict } : { would: existing ? 'existing' : 'create' }
  }

  /** Writes the record: `existing` when it is there already with the value. */
  present(record: ProviderRecord): Promise<Presented> {
    return this.alone(record.name, async () => {
      const { zone, found, existing, conflict } = await this.inspect(record)
      if (existing) return { state: 'existing' as const, ours: this.ours(existing, record) }
      if (conflict) throw new Failure({ code: ValidationCode.DnsRecordConflict, message: conflict })
      // An earlier certificate's CNAME of this action's, where this one's must go: replaced.
      for (const old of found.filter((candidate) => candidate.type === 'CNAME' && record.type === 'CNAME'))
        await this.api
          .remove(zone, this.zoneRecord(zone, { ...record, value: old.value }), old, found)
          .catch((error: unknown) => {
            throw providerFailure(error, `removing its earlier CNAME at ${record.name}`)
          })
      try {
        await this.api.create(
          zone,
          this.zoneRecord(zone, record),
          found.filter((candidate) => candidate.type !== 'CNAME' || record.type !== 'CNAME')
        )
      } catch (error) {
        // The answer may be lost with the record made: read back, never sent again blind.
        const after = await this.read(zone, record)
        const made = after.find((candidate) => sameValue(candidate, record))
        if (!made) throw providerFailure(error, `creating the ${record.type} record ${record.name}`)
        // Made before the answer was lost: marked now if its marker was not set yet, so that a later run knows it.
        if (this.api.marks && made.marker !== markerOf(record.certificateId) && this.api.mark)
          await this.api.mark(zone, this.zoneRecord(zone, record), made).catch((failure: unknown) => {
            throw providerFailure(failure, `marking the ${record.type} record ${record.name} as this action's`)
          })
        return { state: 'created' as const, ours: true }
      }
      return { state: 'created' as const, ours: true }
    })
  }

  /** Removes the record if it is this action's: `absent` when it is gone already, `not-ours` when it is another's. */
  cleanUp(record: ProviderRecord, createdHere: boolean): Promise<'removed' | 'absent' | 'not-ours'> {
    return this.alone(record.name, async () => {
      const zone = await this.zone(record.name)
      const found = await this.read(zone, record)
      const mine = found.find((candidate) => sameValue(candidate, record))
      if (!mine) return 'absent' as const
      // Made in this run and read back without its marker (the remark call lost): still this run's own.
      if (!this.ours(mine, record) && !(createdHere && mine.marker === undefined)) return 'not-ours' as const
      await this.api.remove(zone, this.zoneRecord(zone, record), mine, found).catch((error: unknown) => {
        throw providerFailure(error, `deleting the ${record.type} record ${record.name}`)
      })
      return 'removed' as const
    })
  }

  private zoneRecord(zone: Zone, record: ProviderRecord) {
    return {
      name: record.name,
      host: hostIn(record.name, zone.name),
      type: record.type,
      value: record.value,
      marker: markerOf(record.certificateId)
    }
  }

  close(): void {
    this.api.close()
  }
}

/** The same record: its type and value. */
const sameValue = (found: FoundRecord, record: Pick<ProviderRecord, 'type' | 'value'>): boolean =>
  found.type === record.type && sameRecordValue(record.type, found.value, record.value)
