// A DNS provider's API as the validation step uses it: the zones the credentials see, the records at one name, and
// one record created or removed. Each provider (cloudflare.ts, alidns.ts, route53.ts, dnspod.ts) speaks its own API
// through its official SDK behind this interface, and knows no step: the rules (what is a conflict, what is this
// action's, what a lost answer means) are the validation step's (steps/validation/dns/records.ts).

export type ProviderName = 'cloudflare' | 'alidns' | 'dnspod' | 'route53'

/** A zone at the provider: its name (lower case, no trailing dot) and the provider's own ID for it. */
export interface Zone {
  name: string
  id: string
}

/** A record the action writes, in the provider's terms. */
export interface ZoneRecord {
  /** The full name, lower case, without the trailing dot. */
  name: string
  /** The name relative to the zone ('@' for the zone itself). */
  host: string
  type: 'TXT' | 'CNAME'
  value: string
  /** The marker that says the record is this action's, for this certificate (providers that keep a remark). */
  marker: string
}

/** A record found at a name: any type, as the provider holds it (its text is the provider's, made inert). */
export interface FoundRecord {
  /** The provider's ID for it ('' where records have none: Route 53's sets). */
  id: string
  type: string
  /**
   * Its value exactly as the provider holds it: compared, and written back as it is (Route 53's sets hold others'
   * values), so never altered here; made inert wherever it is printed.
   */
  value: string
  /** Its comment or remark; undefined where the provider keeps none (Route 53). */
  marker?: string
  /** Its TTL, where a write must keep it (Route 53's shared sets). */
  ttl?: number
}

export interface ProviderApi {
  readonly name: ProviderName
  /** Whether its records carry a comment or remark: without one, a record is known by its name and value alone. */
  readonly marks: boolean
  /** Every zone the credentials can see. Read once per job. */
  zones(): Promise<Zone[]>
  /** The records at `name`, every type. */
  recordsAt(zone: Zone, name: string): Promise<FoundRecord[]>
  /** Creates the record, marked as the action's where the provider can; `present`: the records at its name now. */
  create(zone: Zone, record: ZoneRecord, present: readonly FoundRecord[]): Promise<void>
  /**
   * Marks a record found without its marker (made by a create whose answer was lost before the remark was set), with
   * the provider's own call for it; absent where the marker is part of the create (Cloudflare) or kept nowhere.
   */
  mark?(zone: Zone, record: ZoneRecord, found: FoundRecord): Promise<void>
  /** Removes the record found (only its own value from a set that holds others, `present` at its name now). */
  remove(zone: Zone, record: ZoneRecord, found: FoundRecord, present: readonly FoundRecord[]): Promise<void>
  /** Ends its connections. */
  close(): void
}

/** Whether two values of a record of `type` are the same: a CNAME's target without case or the final dot. */
export const sameRecordValue = (type: string, a: string, b: string): boolean =>
  type === 'CNAME' ? a.toLowerCase().replace(/\.$/, '') === b.toLowerCase().replace(/\.$/, '') : a === b

/** The remark that marks a record as this action's, naming the certificate it validates. */
export const markerOf = (certificateId: string): string => `tencentcloud-ssl-action ${certificateId}`
/** Whether a remark is this action's (for any certificate). */
export const isActionMarker = (marker: string | undefined): boolean =>
  marker !== undefined && marker.startsWith('tencentcloud-ssl-action ')

/** A provider's refusal or failure, in its own terms: the provider, its code and message (made inert by the caller). */
export class ProviderError extends Error {
  constructor(
    readonly provider: ProviderName,
    /** The provider's error code ('' when none came: no answer). */
    readonly providerCode: string,
    message: string,
    /** True when no answer came, so the request may or may not have been applied. */
    readonly noAnswer = false,
    /** The provider's request ID, when it gave one. */
    readonly requestId = ''
  ) {
    super(message)
    this.name = 'ProviderError'
  }
}

/** A provider's calls with its SDK's errors said in the provider's terms (`failure`): one wrapper for every call. */
export const sayingFailuresAs =
  (failure: (error: unknown) => ProviderError) =>
  async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call()
    } catch (error) {
      throw failure(error)
    }
  }
