// Alibaba Cloud DNS (Alidns 2015-01-09) on loopback: requests signed ACS3-HMAC-SHA256 (the canonical request built
// again here from what arrived, the payload's hash checked, the signature compared), with the STS token when the key
// has one; DescribeDomains, DescribeSubDomainRecords, AddDomainRecord, UpdateDomainRecordRemark and
// DeleteDomainRecord in the API's JSON; errors as {Code, Message, RequestId}; Throttling.User past the limit.
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AuthoritativeDns, ZoneRecord } from '../dns-server.js'
import { header, ProviderEmulator, type ProviderEmulatorOptions } from './base.js'

export interface AlibabaKey {
  accessKeyId: string
  accessKeySecret: string
  securityToken?: string
}

/** RFC 3986 percent-encoding, as the signature's canonical query uses it. */
const encode = (value: string): string =>
  encodeURIComponent(value)
    .replace(/!/g, '%21')
    .replace(/'/g, '%27')
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/\*/g, '%2A')

export class AlidnsEmulator extends ProviderEmulator {
  readonly keys = new Map<string, AlibabaKey>()
  private nextZone = 1

  constructor(dns: AuthoritativeDns, options: ProviderEmulatorOptions = {}) {
    super(dns, { count: 60, windowMs: 1000 }, options)
  }

  static start(dns: AuthoritativeDns, options: ProviderEmulatorOptions = {}): Promise<AlidnsEmulator> {
    return new AlidnsEmulator(dns, options).listen()
  }

  addKey(key: AlibabaKey): this {
    this.keys.set(key.accessKeyId, key)
    return this
  }

  protected zoneId(): string {
    return `zone-${this.nextZone++}`
  }

  /** The signature check, as the gateway makes it; '' when it holds. */
  private refused(request: IncomingMessage, url: URL, body: Buffer): { code: string; message: string } | undefined {
    const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(
      header(request, 'authorization')
    )
    if (!match)
      return { code: 'IncompleteSignature', message: 'The request signature does not conform to Aliyun standards.' }
    const key = this.keys.get(match[1])
    if (!key) return { code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.' }
    const hashed = createHash('sha256').update(body).digest('hex')
    if (header(request, 'x-acs-content-sha256') !== hashed)
      return { code: 'SignatureDoesNotMatch', message: 'The payload hash does not match.' }
    const date = Date.parse(header(request, 'x-acs-date'))
    if (!Number.isFinite(date) || Math.abs(Date.now() - date) > 15 * 60_000)
      return { code: 'InvalidTimeStamp.Expired', message: 'Specified time stamp or date value is expired.' }
    const signed = match[2].split(';')
    if (!signed.includes('host') || !signed.includes('x-acs-date'))
      return { code: 'IncompleteSignature', message: 'The signed headers are incomplete.' }
    const query = [...url.searchParams.keys()]
      .sort()
      .map((name) => `${encode(name)}=${encode(url.searchParams.get(name) ?? '')}`)
      .join('&')
    const headers = signed.map((name) => `${name}:${header(request, name).trim()}\n`).join('')
    const canonical = [request.method, url.pathname, query, headers, signed.join(';'), hashed].join('\n')
    const toSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`
    const expected = createHmac('sha256', key.accessKeySecret).update(toSign).digest('hex')
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(match[3])))
      return { code: 'SignatureDoesNotMatch', message: 'Specified signature is not matched with our calculation.' }
    if ((key.securityToken ?? '') !== header(request, 'x-acs-security-token'))
      return { code: 'InvalidSecurityToken.Mismatch', message: 'Specified SecurityToken is not matched.' }
    return undefined
  }

  private shape(record: ZoneRecord, zone: string) {
    const rr = record.name === zone ? '@' : record.name.slice(0, -(zone.length + 1))
    return {
      RecordId: record.id,
      DomainName: zone,
      RR: rr,
      Type: record.type,
      Value: `${record.value}${this.hostile}`,
      TTL: record.ttl,
      Line: 'default',
      Status: 'ENABLE',
      Locked: false,
      ...(record.comment !== undefined ? { Remark: `${record.comment}${this.hostile}` } : {})
    }
  }

  protected serve(request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://sandbox')
    const action = header(request, 'x-acs-action')
    const q = (name: string): string => url.searchParams.get(name) ?? ''
    const RequestId = randomUUID().toUpperCase()
    const fail = (status: number, Code: string, Message: string) => {
      this.log(action, '', Code)
      this.json(response, status, { RequestId, Code, Message, HostId: 'alidns.aliyuncs.com' })
    }
    if (!this.admit()) return fail(400, 'Throttling.User', 'Request was denied due to user flow control.')
    const refusal = this.refused(request, url, body)
    if (refusal) return fail(refusal.code.startsWith('InvalidAccessKeyId') ? 404 : 400, refusal.code, refusal.message)
    if (header(request, 'x-acs-version') !== '2015-01-09')
      return fail(400, 'InvalidVersion', 'Specified parameter Version is not valid.')
    const fault = this.takeFault(action)
    if (fault?.kind === 'refuse') return fail(403, fault.code, fault.message)
    const ok = (about: string, answer: Record<string, unknown>) => {
      this.log(action, about, fault?.kind === 'lose-answer' ? 'lost' : 'ok')
      if (fault?.kind === 'lose-answer') return this.lose(response)
      this.json(response, 200, { RequestId, ...answer })
    }
    switch (action) {
      case 'DescribeDomains': {
        const page = Number(q('PageNumber') || 1)
        const size = Number(q('PageSize') || 20)
        const all = [...this.zones].map(([DomainName, DomainId]) => ({
          DomainName: `${DomainName}${this.hostile}`,
          DomainId
        }))
        return ok('', {
          TotalCount: all.length,
          PageNumber: page,
          PageSize: size,
          Domains: { Domain: all.slice((page - 1) * size, page * size) }
        })
      }
      case 'DescribeSubDomainRecords': {
        const name = q('SubDomain').toLowerCase()
        const zone = q('DomainName') || this.zoneOf(name)
        if (!zone || !this.zones.has(zone))
          return fail(400, 'InvalidDomainName.NoExist', 'The specified domain name does not exist.')
        const found = this.dns.live(name).filter((record) => this.zoneOf(record.name) === zone)
        return ok(name, {
          TotalCount: found.length,
          PageNumber: 1,
          PageSize: found.length,
          DomainRecords: { Record: found.map((record) => this.shape(record, zone)) }
        })
      }
      case 'AddDomainRecord': {
        const zone = q('DomainName')
        if (!this.zones.has(zone))
          return fail(400, 'InvalidDomainName.NoExist', 'The specified domain name does not exist.')
        const name = q('RR') === '@' ? zone : `${q('RR')}.${zone}`.toLowerCase()
        const here = this.dns.live(name)
        if (here.some((record) => record.type === q('Type') && record.value === q('Value')))
          return fail(400, 'DomainRecordDuplicate', 'The DNS record already exists.')
        if (q('Type') === 'CNAME' ? here.length > 0 : here.some((record) => record.type === 'CNAME'))
          return fail(400, 'DomainRecordConflict', 'The DNS record is conflicted with other records.')
        const ttl = Number(q('TTL') || 600)
        if (ttl < 600) return fail(400, 'QuotaExceeded.TTL', 'The TTL is below the minimum of the edition.')
        const record = this.dns.add(name, q('Type'), q('Value'), { ttl })
        return ok(name, { RecordId: record.id })
      }
      case 'UpdateDomainRecordRemark': {
        const record = this.dns.live().find((candidate) => candidate.id === q('RecordId'))
        if (!record) return fail(400, 'DomainRecordNotBelongToUser', 'The DNS record does not exist.')
        record.comment = q('Remark')
        return ok(record.name, {})
      }
      case 'DeleteDomainRecord': {
        const record = this.dns.live().find((candidate) => candidate.id === q('RecordId'))
        if (!record) return fail(400, 'DomainRecordNotBelongToUser', 'The DNS record does not exist.')
        this.dns.removeId(record.id)
        return ok(record.name, { RecordId: record.id })
      }
      default:
        return fail(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.')
    }
  }
}
