// Route 53, through the official AWS SDK (@aws-sdk/client-route-53): hosted zones listed once, the record sets at a
// name read, and one value added to (or taken from) its set with UPSERT, never replacing the values others put there;
// a set left empty is deleted with its exact last state. Route 53 keeps no comment on a record, so a record is known
// by its name and value (the CA's value is this certificate's own). Credentials: the AWS SDK's default chain
// (AWS_ACCESS_KEY_ID…, a web identity token from configure-aws-credentials, a profile). TTL 60.
import {
  ChangeResourceRecordSetsCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
  Route53ServiceException,
  type ResourceRecordSet
} from '@aws-sdk/client-route-53'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { ProviderHttp, type ProviderConnection } from './http.js'
import {
  ProviderError,
  sameRecordValue,
  sayingFailuresAs,
  type FoundRecord,
  type ProviderApi,
  type Zone,
  type ZoneRecord
} from './provider-api.js'
import { providerText } from './text.js'

const TTL = 60
/** Route 53 answers at most 300 record sets a page; a name holds a few. */
const MAX_SETS = 10

function failure(error: unknown): ProviderError {
  if (error instanceof Route53ServiceException)
    return new ProviderError(
      'route53',
      providerText(error.name, 60),
      providerText(error.message),
      false,
      providerText(error.$metadata.requestId ?? '', 64)
    )
  return new ProviderError('route53', '', providerText(error instanceof Error ? error.message : String(error)), true)
}

/** Route 53 says Throttling (or PriorRequestNotComplete for a change made too soon after another). */
const throttled = (error: unknown): boolean =>
  error instanceof Route53ServiceException &&
  (error.name === 'Throttling' || error.name === 'PriorRequestNotComplete' || error.$metadata.httpStatusCode === 429)

const calling = sayingFailuresAs(failure)

const fqdn = (name: string): string => `${name}.`
const bare = (name: string): string => name.toLowerCase().replace(/\.$/, '').replace(/\\052/g, '*')
/** TXT values are strings in quotes; long ones are split into several. */
const txtValue = (value: string): string => `"${value.replace(/(["\\])/g, '\\$1')}"`
/** A record set in Route 53's terms: TXT values in quotes. */
const setOf = (record: ZoneRecord, values: readonly string[], ttl: number): ResourceRecordSet => ({
  Name: fqdn(record.name),
  Type: record.type,
  TTL: ttl,
  ResourceRecords: values.map((value) => ({ Value: record.type === 'TXT' ? txtValue(value) : value }))
})
const fromTxt = (value: string): string =>
  [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(([, part]) => part.replace(/\\(.)/g, '$1')).join('') || value

export function route53Api(connection: ProviderConnection): ProviderApi {
  const http = new ProviderHttp(connection)
  const client = new Route53Client({
    region: 'us-east-1',
    endpoint: http.origin,
    // Every request is made once: a change whose answer is lost is read back by the caller, never sent again blind.
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      httpAgent: http.agent(),
      httpsAgent: http.agent(),
      requestTimeout: connection.timeoutMs,
      connectionTimeout: connection.timeoutMs
    })
  })
  // One request, one turn within Route 53's rate limit.
  const send = ((command: never) =>
    connection.pace(() => client.send(command, { abortSignal: http.signal() }), throttled)) as typeof client.send

  const change = (zone: Zone, action: 'UPSERT' | 'DELETE', set: ResourceRecordSet, why: string) =>
    send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zone.id,
        ChangeBatch: { Comment: why, Changes: [{ Action: action, ResourceRecordSet: set }] }
      })
    )

  return {
    name: 'route53',
    marks: false,
    zones: () =>
      calling(async () => {
        const zones: Zone[] = []
        let marker: string | undefined
        do {
          const page = await send(new ListHostedZonesCommand({ ...(marker ? { Marker: marker } : {}) }))
          for (const zone of page.HostedZones ?? [])
            // A private zone is not what the CA sees.
            if (!zone.Config?.PrivateZone)
              zones.push({
                name: bare(providerText(zone.Name, 253)),
                id: providerText(zone.Id, 64).replace(/^\/hostedzone\//, '')
              })
          marker = page.IsTruncated ? page.NextMarker : undefined
        } while (marker)
        return zones
      }),
    recordsAt: (zone, name) =>
      calling(async () => {
        const answer = await send(
          new ListResourceRecordSetsCommand({ HostedZoneId: zone.id, StartRecordName: fqdn(name), MaxItems: MAX_SETS })
        )
        const found: FoundRecord[] = []
        for (const set of answer.ResourceRecordSets ?? []) {
          if (bare(set.Name ?? '') !== name) continue
          const type = providerText(set.Type, 16)
          for (const record of set.ResourceRecords ?? [])
            found.push({
              id: '',
              type,
              ...(set.TTL !== undefined ? { ttl: set.TTL } : {}),
              value: type === 'TXT' ? fromTxt(record.Value ?? '') : bare(record.Value ?? '')
            })
          if (set.AliasTarget)
            found.push({ id: '', type, value: `alias ${providerText(set.AliasTarget.DNSName, 253)}` })
        }
        return found
      }),
    // The set is written whole, from the values read at the name just before (the writer reads and writes one
    // name at a time): this action's value added to the others, or taken out of them.
    create: (zone, record: ZoneRecord, present) =>
      calling(async () => {
        const set = present.filter((found) => found.type === record.type)
        const values = [...set.map((found) => found.value), record.value]
        await change(zone, 'UPSERT', setOf(record, values, set[0]?.ttl ?? TTL), record.marker)
      }),
    remove: (zone, record: ZoneRecord, _found, present) =>
      calling(async () => {
        const set = present.filter((found) => found.type === record.type)
        const others = set
          .filter((found) => !sameRecordValue(record.type, found.value, record.value))
          .map((found) => found.value)
        if (others.length === set.length) return
        const ttl = set[0]?.ttl ?? TTL
        if (others.length > 0) await change(zone, 'UPSERT', setOf(record, others, ttl), record.marker)
        else
          await change(
            zone,
            'DELETE',
            setOf(
              record,
              set.map((found) => found.value),
              ttl
            ),
            `${record.marker}: no longer needed`
          )
      }),
    close: () => {
      client.destroy()
      http.close()
    }
  }
}
