// Alibaba Cloud DNS, through its official SDK (@alicloud/alidns20150109, signed ACS3-HMAC-SHA256): domains listed
// once, the records at a name read (DescribeSubDomainRecords), a record added with TTL 600 (the lowest outside the
// paid editions) and then marked with UpdateDomainRecordRemark, the provider's own call for a remark, and deleted by
// its ID. Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and
// ALIBABA_CLOUD_SECURITY_TOKEN), passed to the client explicitly so that the SDK never looks elsewhere.
import * as alidns from '@alicloud/alidns20150109'
import {
  AddDomainRecordRequest,
  DeleteDomainRecordRequest,
  DescribeDomainsRequest,
  DescribeSubDomainRecordsRequest,
  UpdateDomainRecordRemarkRequest,
  type DescribeSubDomainRecordsResponseBodyDomainRecordsRecord
} from '@alicloud/alidns20150109'
import { $OpenApiUtil } from '@alicloud/openapi-core'
import httpx from 'httpx'
import { ProviderHttp, type ProviderConnection } from './http.js'
import { ProviderError, sayingFailuresAs, type FoundRecord, type ProviderApi, type Zone } from './provider-api.js'
import { providerText } from './text.js'

// The SDK is CommonJS with `exports.default`: TypeScript (NodeNext) sees the module as the default, the bundler its
// `default` field; either way, this is the client class.
type AlidnsClient = typeof alidns.default.default
const AlidnsClient: AlidnsClient =
  (alidns.default as unknown as { default?: AlidnsClient }).default ?? (alidns.default as unknown as AlidnsClient)

const TTL = 600
const PAGE = 100

export interface AlibabaCredentials {
  accessKeyId: string
  accessKeySecret: string
  securityToken?: string
}

// The SDK takes proxy settings in its Config but its HTTP core (@darabonba/typescript's doAction) never uses them: it
// hands every request to httpx with no agent. So httpx's request is routed, once, through the agent registered for
// the request's origin (the connection's own, through the proxy), and a request to any other origin is refused.
const routes = new Map<string, ProviderHttp>()
let routed = false
function route(http: ProviderHttp): void {
  routes.set(http.origin, http)
  if (routed) return
  routed = true
  const request = httpx.request.bind(httpx)
  ;(httpx as { request: typeof httpx.request }).request = (url, options) => {
    const target = new URL(String(url))
    const through = routes.get(`${target.protocol}//${target.host}`)
    if (!through)
      throw new Error(`a request to ${target.protocol}//${target.host} was refused: not a configured DNS endpoint`)
    return request(url, { ...options, agent: through.agent() })
  }
}

function failure(error: unknown): ProviderError {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown
    message?: unknown
    statusCode?: unknown
    data?: { RequestId?: unknown; Message?: unknown }
  }
  if (typeof fields.statusCode === 'number' && typeof fields.code === 'string')
    return new ProviderError(
      'alidns',
      providerText(fields.code, 80),
      providerText(fields.data?.Message ?? fields.message),
      false,
      providerText(fields.data?.RequestId ?? '', 64)
    )
  return new ProviderError('alidns', '', providerText(fields.message ?? String(error)), true)
}

/** Alibaba Cloud says Throttling, Throttling.User or Throttling.Api. */
const throttled = (error: unknown): boolean => {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' && code.startsWith('Throttling')
}

const calling = sayingFailuresAs(failure)

export function alidnsApi(connection: ProviderConnection, credentials: AlibabaCredentials): ProviderApi {
  const http = new ProviderHttp(connection)
  route(http)
  const paced = <T>(request: () => Promise<T>, first = false): Promise<T> => connection.pace(request, throttled, first)
  const client = new AlidnsClient(
    new $OpenApiUtil.Config({
      ...credentials,
      endpoint: connection.endpoint.host,
      protocol: connection.endpoint.protocol.replace('://', ''),
      readTimeout: connection.timeoutMs,
      connectTimeout: connection.timeoutMs
    })
  )
  return {
    name: 'alidns',
    marks: true,
    zones: () =>
      calling(async () => {
        const zones: Zone[] = []
        for (let page = 1; ; page++) {
          const answer = await paced(() =>
            client.describeDomains(new DescribeDomainsRequest({ pageNumber: page, pageSize: PAGE }))
          )
          const domains = answer.body?.domains?.domain ?? []
          for (const domain of domains)
            zones.push({
              name: providerText(domain.domainName, 253).toLowerCase(),
              id: providerText(domain.domainId, 64)
            })
          if (domains.length < PAGE || zones.length >= Number(answer.body?.totalCount ?? 0)) return zones
        }
      }),
    recordsAt: (zone, name) =>
      calling(async () => {
        const answer = await paced(() =>
          client.describeSubDomainRecords(
            new DescribeSubDomainRecordsRequest({ subDomain: name, domainName: zone.name, pageSize: PAGE })
          )
        )
        return (answer.body?.domainRecords?.record ?? []).map(
          (record: DescribeSubDomainRecordsResponseBodyDomainRecordsRecord): FoundRecord => ({
            id: providerText(record.recordId, 64),
            type: providerText(record.type, 16),
            value: record.value ?? '',
            ...(record.remark ? { marker: providerText(record.remark, 200) } : {})
          })
        )
      }),
    create: (zone, record) =>
      calling(async () => {
        const answer = await paced(() =>
          client.addDomainRecord(
            new AddDomainRecordRequest({
              domainName: zone.name,
              RR: record.host,
              type: record.type,
              value: record.value,
              TTL
            })
          )
        )
        const recordId = answer.body?.recordId ?? ''
        // The record is made: its remark goes before requests that begin new work.
        await paced(
          () =>
            client.updateDomainRecordRemark(new UpdateDomainRecordRemarkRequest({ recordId, remark: record.marker })),
          true
        )
      }),
    mark: (_zone, record, found) =>
      calling(async () => {
        await paced(
          () =>
            client.updateDomainRecordRemark(
              new UpdateDomainRecordRemarkRequest({ recordId: found.id, remark: record.marker })
            ),
          true
        )
      }),
    remove: (_zone, _record, found) =>
      calling(async () => {
        await paced(() => client.deleteDomainRecord(new DeleteDomainRecordRequest({ recordId: found.id })))
      }),
    close: () => {
      routes.delete(http.origin)
      http.close()
    }
  }
}
