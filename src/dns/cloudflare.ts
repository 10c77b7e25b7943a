// Cloudflare, through its official SDK (`cloudflare`): zones listed once, records at a name read with name.exact, a
// record created with its comment (the marker) and TTL 60 (the lowest a zone below Enterprise takes), and removed by
// its ID. Authentication: CLOUDFLARE_API_TOKEN, a bearer token (Zone:Read and DNS:Edit on the zones).
import Cloudflare, { APIConnectionError, APIError } from 'cloudflare'
import { ProviderHttp, type ProviderConnection } from './http.js'
import {
  ProviderError,
  sayingFailuresAs,
  type FoundRecord,
  type ProviderApi,
  type Zone,
  type ZoneRecord
} from './provider-api.js'
import { providerText } from './text.js'

/** Cloudflare's lowest TTL outside Enterprise zones. */
const TTL = 60
const PAGE = 50
const RECORDS_PAGE = 100

function failure(error: unknown): ProviderError {
  if (error instanceof APIConnectionError || !(error instanceof APIError))
    return new ProviderError(
      'cloudflare',
      '',
      providerText(error instanceof Error ? error.message : String(error)),
      true
    )
  const first = error.errors?.[0] as { code?: unknown; message?: unknown } | undefined
  const status = `HTTP ${error.status ?? ''}`
  const code = typeof first?.code === 'number' || typeof first?.code === 'string' ? String(first.code) : status
  const message = typeof first?.message === 'string' ? first.message : status
  const headers = error.headers as Headers | undefined
  return new ProviderError(
    'cloudflare',
    providerText(code, 40),
    providerText(message),
    false,
    providerText(headers?.get('cf-ray') ?? '', 64)
  )
}

const calling = sayingFailuresAs(failure)

export function cloudflareApi(connection: ProviderConnection, apiToken: string): ProviderApi {
  const http = new ProviderHttp(connection)
  const client = new Cloudflare({
    apiToken,
    baseURL: `${http.origin}/client/v4`,
    fetch: http.fetch,
    // Every request is made once: a create whose answer is lost is read back by the caller, never sent again blind.
    maxRetries: 0,
    timeout: connection.timeoutMs
  })
  return {
    name: 'cloudflare',
    marks: true,
    zones: () =>
      calling(async () => {
        // Page by page as result_info counts them (the SDK's iterator asks once more for an empty page).
        const zones: Zone[] = []
        for (let number = 1; ; number++) {
          const page = await client.zones.list({ per_page: PAGE, page: number })
          for (const zone of page.result)
            zones.push({ name: providerText(zone.name, 253).toLowerCase(), id: providerText(zone.id, 64) })
          if (
            page.result.length < PAGE ||
            number >= Number((page.result_info as { total_pages?: number } | undefined)?.total_pages ?? 1)
          )
            return zones
        }
      }),
    recordsAt: (zone, name) =>
      calling(async () => {
        // A name holds a few records: one page of a hundred.
        const page = await client.dns.records.list({ zone_id: zone.id, name: { exact: name }, per_page: RECORDS_PAGE })
        const found: FoundRecord[] = []
        for (const record of page.result)
          found.push({
            id: providerText(record.id, 64),
            type: providerText(record.type, 16),
            value: unquoted(typeof record.content === 'string' ? record.content : ''),
            ...(record.comment ? { marker: providerText(record.comment, 200) } : {})
          })
        return found
      }),
    create: (zone, record: ZoneRecord) =>
      calling(async () => {
        await client.dns.records.create({
          zone_id: zone.id,
          type: record.type,
          name: record.name,
          content: record.value,
          ttl: TTL,
          comment: record.marker
        })
      }),
    remove: (zone, _record, found) =>
      calling(async () => {
        await client.dns.records.delete(found.id, { zone_id: zone.id })
      }),
    close: () => http.close()
  }
}

/** Cloudflare may show a TXT record's content in quotes. */
const unquoted = (content: string): string => (/^".*"$/s.test(content) ? content.slice(1, -1) : content)
