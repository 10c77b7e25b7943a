// Route 53 (API 2013-04-01) on loopback: requests signed AWS Signature V4 (signed again here with the key's secret
// by @smithy/signature-v4 over the headers the request says it signed, and compared), the session token checked;
// ListHostedZones, ListResourceRecordSets and ChangeResourceRecordSets (CREATE, UPSERT, DELETE of whole record sets,
// a DELETE only of the set exactly as it is) in the API's XML; Throttling past 5 requests a second.
import { createHash, createHmac, randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { SignatureV4 } from '@smithy/signature-v4'
import { XMLBuilder, XMLParser } from 'fast-xml-parser'
import type { AuthoritativeDns, ZoneRecord } from '../dns-server.js'
import { header, ProviderEmulator, type ProviderEmulatorOptions } from './base.js'

export interface AwsKey {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

class Sha256 {
  private readonly hash
  constructor(secret?: string | Uint8Array) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret)
  }
  update(data: string | Uint8Array): void {
    this.hash.update(data)
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()))
  }
}

const XMLNS = 'https://route53.amazonaws.com/doc/2013-04-01/'
const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false })
const parser = new XMLParser({ isArray: (name) => ['Change', 'ResourceRecord'].includes(name) })
const unquote = (value: string): string =>
  [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(([, part]) => part.replace(/\\(.)/g, '$1')).join('') || value

interface ChangeSet {
  Name: string
  Type: string
  TTL?: number
  ResourceRecords?: { ResourceRecord: { Value: string }[] }
}

export class Route53Emulator extends ProviderEmulator {
  readonly keys = new Map<string, AwsKey>()
  /** The hosted zones that are private (not what the CA sees). */
  readonly privateZones = new Set<string>()

  constructor(dns: AuthoritativeDns, options: ProviderEmulatorOptions = {}) {
    super(dns, { count: 5, windowMs: 1000 }, options)
  }

  static start(dns: AuthoritativeDns, options: ProviderEmulatorOptions = {}): Promise<Route53Emulator> {
    return new Route53Emulator(dns, options).listen()
  }

  addKey(key: AwsKey): this {
    this.keys.set(key.accessKeyId, key)
    return this
  }

  protected zoneId(): string {
    return `Z${randomUUID().replace(/-/g, '').slice(0, 20).toUpperCase()}`
  }

  private xml(response: ServerResponse, status: number, root: string, body: Record<string, unknown>): void {
    response
      .writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() })
      .end(`<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: { '@_xmlns': XMLNS, ...body } })}`)
  }

  private async authenticated(request: IncomingMessage, url: URL, body: Buffer): Promise<string | undefined> {
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/route53\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
        header(request, 'authorization')
      )
    if (!match) return 'MissingAuthenticationToken'
    const key = this.keys.get(match[1])
    if (!key) return 'InvalidClientTokenId'
    const amzDate = header(request, 'x-amz-date')
    const at = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'))
    if (!Number.isFinite(at) || Math.abs(Date.now() - at) > 5 * 60_000) return 'SignatureDoesNotMatch'
    const signed = match[4].split(';')
    const signer = new SignatureV4({
      credentials: {
        accessKeyId: key.accessKeyId,
        secretAccessKey: key.secretAccessKey,
        ...(key.sessionToken ? { sessionToken: key.sessionToken } : {})
      },
      region: match[3],
      service: 'route53',
      sha256: Sha256 as unknown as ConstructorParameters<typeof SignatureV4>[0]['sha256'],
      applyChecksum: false
    })
    const query: Record<string, string> = {}
    for (const [name, value] of url.searchParams) query[name] = value
    const again = await signer.sign(
      {
        method: request.method ?? 'GET',
        protocol: 'https:',
        hostname: header(request, 'host').replace(/:\d+$/, ''),
        path: url.pathname,
        query,
        headers: Object.fromEntries(signed.map((name) => [name, header(request, name)])),
        body: body.length > 0 ? body.toString('utf8') : undefined
      },
      {
        signingDate: new Date(at),
        signingRegion: match[3],
        signingService: 'route53',
        unsignableHeaders: new Set(),
        signableHeaders: new Set(signed)
      }
    )
    const expected = /Signature=([0-9a-f]{64})/.exec(
      String(again.headers.authorization ?? again.headers.Authorization)
    )?.[1]
    if (expected !== match[5]) return 'SignatureDoesNotMatch'
    if ((key.sessionToken ?? '') !== header(request, 'x-amz-security-token')) return 'InvalidClientTokenId'
    return undefined
  }

  private sets(zone: string, from: string): { Name: string; Type: string; TTL: number; records: ZoneRecord[] }[] {
    const groups = new Map<string, ZoneRecord[]>()
    for (const record of this.dns.live().filter((candidate) => this.zoneOf(candidate.name) === zone))
      groups.set(`${record.name}\u0000${record.type}`, [
        ...(groups.get(`${record.name}\u0000${record.type}`) ?? []),
        record
      ])
    // Route 53 lists sets in the order of their names with the labels reversed; a name's sets by type.
    const key = (name: string) => name.split('.').reverse().join('.')
    return [...groups.values()]
      .map((records) => ({ Name: records[0].name, Type: records[0].type, TTL: records[0].ttl, records }))
      .sort((a, b) => (key(a.Name) === key(b.Name) ? a.Type.localeCompare(b.Type) : key(a.Name) < key(b.Name) ? -1 : 1))
      .filter((set) => key(set.Name) >= key(from))
  }

  protected serve(request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    void this.serveAsync(request, body, response)
  }

  private async serveAsync(request: IncomingMessage, body: Buffer, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://sandbox')
    const path = url.pathname.replace(/^\/2013-04-01/, '')
    const action = /\/rrset\/?$/.test(path)
      ? request.method === 'POST'
        ? 'ChangeResourceRecordSets'
        : 'ListResourceRecordSets'
      : 'ListHostedZones'
    const fail = (status: number, Code: string, Message: string) => {
      this.log(action, '', Code)
      this.xml(response, status, 'ErrorResponse', { Error: { Type: 'Sender', Code, Message }, RequestId: randomUUID() })
    }
    if (!this.admit()) return fail(400, 'Throttling', 'Rate exceeded')
    const refused = await this.authenticated(request, url, body)
    if (refused)
      return fail(403, refused, 'The request signature we calculated does not match the signature you provided.')
    const fault = this.takeFault(action)
    if (fault?.kind === 'refuse') return fail(403, fault.code, fault.message)
    const zoneMatch = /^\/hostedzone\/([^/]+)\/rrset\/?$/.exec(path)
    const zone = zoneMatch ? [...this.zones].find(([, id]) => id === zoneMatch[1])?.[0] : undefined
    if (action === 'ListHostedZones') {
      this.log(action, '', 'ok')
      return this.xml(response, 200, 'ListHostedZonesResponse', {
        HostedZones: {
          HostedZone: [...this.zones].map(([name, id]) => ({
            Id: `/hostedzone/${id}`,
            Name: `${name}.${this.hostile}`,
            CallerReference: id,
            Config: { PrivateZone: this.privateZones.has(name) },
            ResourceRecordSetCount: 2
          }))
        },
        IsTruncated: false,
        MaxItems: 100
      })
    }
    if (!zone) return fail(404, 'NoSuchHostedZone', `No hosted zone found with ID: ${zoneMatch?.[1] ?? ''}`)
    if (action === 'ListResourceRecordSets') {
      const from = (url.searchParams.get('name') ?? zone).toLowerCase().replace(/\.$/, '')
      const max = Number(url.searchParams.get('maxitems') ?? 100)
      const sets = this.sets(zone, from)
      const type = url.searchParams.get('type')
      const start = type ? sets.findIndex((set) => set.Name !== from || set.Type >= type) : 0
      const page = sets.slice(Math.max(0, start), Math.max(0, start) + max)
      this.log(action, from, 'ok')
      return this.xml(response, 200, 'ListResourceRecordSetsResponse', {
        ResourceRecordSets: {
          ResourceRecordSet: page.map((set) => ({
            Name: `${set.Name}.`,
            Type: set.Type,
            TTL: set.TTL,
            ResourceRecords: {
              ResourceRecord: set.records.map((record) => ({
                Value: `${set.Type === 'TXT' ? `"${record.value}"` : record.value}${this.hostile}`
              }))
            }
          }))
        },
        IsTruncated: false,
        MaxItems: max
      })
    }
    const parsed = parser.parse(body.toString('utf8')) as {
      ChangeResourceRecordSetsRequest?: {
        ChangeBatch?: { Changes?: { Change?: { Action: string; ResourceRecordSet: ChangeSet }[] } }
      }
    }
    const changes = parsed.ChangeResourceRecordSetsRequest?.ChangeBatch?.Changes?.Change ?? []
    for (const change of changes) {
      const set = change.ResourceRecordSet
      const name = String(set.Name).toLowerCase().replace(/\.$/, '')
      const values = (set.ResourceRecords?.ResourceRecord ?? []).map((record) =>
        set.Type === 'TXT' ? unquote(String(record.Value)) : String(record.Value).toLowerCase().replace(/\.$/, '')
      )
      const current = this.dns.live(name).filter((record) => record.type === set.Type)
      const others = this.dns.live(name).filter((record) => record.type !== set.Type)
      if (set.Type === 'CNAME' ? others.length > 0 : others.some((record) => record.type === 'CNAME'))
        return fail(
          400,
          'InvalidChangeBatch',
          `RRSet of type ${set.Type} with DNS name ${name}. is not permitted because a conflicting RRSet exists`
        )
      if (change.Action === 'CREATE' && current.length > 0)
        return fail(
          400,
          'InvalidChangeBatch',
          `Tried to create resource record set [name='${name}.', type='${set.Type}'] but it already exists`
        )
      if (change.Action === 'DELETE') {
        const same =
          current.length === values.length &&
          current.every((record) => values.includes(record.value)) &&
          Number(set.TTL) === current[0]?.ttl
        if (!same)
          return fail(
            400,
            'InvalidChangeBatch',
            `Tried to delete resource record set [name='${name}.', type='${set.Type}'] but the values provided do not match the current values`
          )
      }
      for (const record of current) this.dns.removeId(record.id)
      if (change.Action !== 'DELETE')
        for (const value of values) this.dns.add(name, set.Type, value, { ttl: Number(set.TTL ?? 300) })
    }
    const about = changes.map((change) => String(change.ResourceRecordSet.Name)).join(',')
    this.log(action, about, fault?.kind === 'lose-answer' ? 'lost' : 'ok')
    if (fault?.kind === 'lose-answer') return this.lose(response)
    return this.xml(response, 200, 'ChangeResourceRecordSetsResponse', {
      ChangeInfo: {
        Id: `/change/C${randomUUID().slice(0, 12).toUpperCase()}`,
        Status: 'PENDING',
        SubmittedAt: new Date().toISOString()
      }
    })
  }
}
