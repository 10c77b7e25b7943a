// DNSPod, through Tencent Cloud's official SDK (its dnspod client, signed TC3 like the SSL calls and made by the same
// caller: proxy, timeout, cancellation): domains listed once (DescribeDomainList), the records at a name read
// (DescribeRecordList), a record created with TTL 600 (the lowest outside the paid plans) and marked with
// ModifyRecordRemark, the provider's own call for a remark, and deleted by its ID. Credentials: the step's own
// Tencent Cloud credentials (keys or keyless role), or DNSPOD_SECRET_ID / DNSPOD_SECRET_KEY for another account.
import { Client as DnspodClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/dnspod/v20210323/dnspod_client.js'
import { Caller, type CredentialProvider, type SdkClient, type SdkProfile } from '../api/caller.js'
import type { Call } from '../api/calls.js'
import { isRateLimitCode, toFailure } from '../api/errors.js'
import { objects } from '../api/answers/common.js'
import type { ProviderConnection } from './http.js'
import { ProviderError, type FoundRecord, type ProviderApi, type Zone } from './provider-api.js'
import { providerText } from './text.js'

const TTL = 600
const PAGE = 100
/** The line every record is written on: the default one. */
const DEFAULT_LINE = '默认'

const read = (
  action: string,
  parse: (answer: Record<string, unknown>) => unknown = (answer) => answer
): Call<unknown, unknown> => ({
  action,
  parse,
  safeToRepeat: true
})
const write = (action: string): Call<unknown, unknown> => ({ action, parse: (answer) => answer, safeToRepeat: false })

const CALLS = {
  domains: read('DescribeDomainList'),
  records: read('DescribeRecordList'),
  create: write('CreateRecord'),
  remark: write('ModifyRecordRemark'),
  remove: write('DeleteRecord')
}

/** Tencent Cloud says RequestLimitExceeded (and its subcodes). */
const throttled = (error: unknown): boolean => isRateLimitCode(toFailure(error).code)

export function dnspodApi(connection: ProviderConnection, credentials: CredentialProvider): ProviderApi {
  const caller = new Caller({
    endpoint: connection.endpoint,
    env: connection.env,
    language: 'en-US',
    requestTimeoutSeconds: connection.timeoutMs / 1000,
    ...(connection.cancellation ? { cancellation: connection.cancellation } : {})
  })
  const call = async (
    which: Call<unknown, unknown>,
    params: object,
    first = false
  ): Promise<Record<string, unknown>> => {
    const credential = await credentials()
    const client = (profile: SdkProfile) =>
      new DnspodClient({ credential, region: '', profile }) as unknown as SdkClient
    try {
      return (await connection.pace(() => caller.call(client, which, params), throttled, first)) as Record<
        string,
        unknown
      >
    } catch (error) {
      const failure = toFailure(error)
      const answered = !failure.code.startsWith('ActionError.')
      throw new ProviderError('dnspod', answered ? failure.code : '', failure.message, !answered, failure.requestId)
    }
  }
  return {
    name: 'dnspod',
    marks: true,
    async zones() {
      const zones: Zone[] = []
      for (let offset = 0; ; offset += PAGE) {
        const answer = await call(CALLS.domains, { Offset: offset, Limit: PAGE })
        const domains = objects(answer.DomainList)
        for (const domain of domains)
          zones.push({ name: providerText(domain.Name, 253).toLowerCase(), id: providerText(domain.DomainId, 20) })
        const total = Number((answer.DomainCountInfo as { DomainTotal?: unknown } | undefined)?.DomainTotal ?? 0)
        if (domains.length < PAGE || zones.length >= total) return zones
      }
    },
    async recordsAt(zone, name) {
      const host = name === zone.name ? '@' : name.slice(0, -(zone.name.length + 1))
      try {
        const answer = await call(CALLS.records, {
          Domain: zone.name,
          Subdomain: host,
          Limit: PAGE,
          ErrorOnEmpty: 'no'
        })
        return objects(answer.RecordList).map((record): FoundRecord => ({
          id: providerText(record.RecordId, 20),
          type: providerText(record.Type, 16),
          value: typeof record.Value === 'string' ? record.Value : '',
          ...(record.Remark ? { marker: providerText(record.Remark, 200) } : {})
        }))
      } catch (error) {
        // No record at the name: an empty list, however DNSPod says it.
        if (error instanceof ProviderError && error.providerCode === 'ResourceNotFound.NoDataOfRecord') return []
        throw error
      }
    },
    async create(zone, record) {
      const answer = await call(CALLS.create, {
        Domain: zone.name,
        SubDomain: record.host,
        RecordType: record.type,
        RecordLine: DEFAULT_LINE,
        Value: record.value,
        TTL
      })
      // The record is made: its remark goes before requests that begin new work.
      await call(CALLS.remark, { Domain: zone.name, RecordId: Number(answer.RecordId), Remark: record.marker }, true)
    },
    async mark(zone, record, found) {
      await call(CALLS.remark, { Domain: zone.name, RecordId: Number(found.id), Remark: record.marker }, true)
    },
    async remove(zone, _record, found) {
      await call(CALLS.remove, { Domain: zone.name, RecordId: Number(found.id) })
    },
    close: () => caller.close()
  }
}
