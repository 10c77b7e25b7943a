// Cloudflare's API v4 on loopback: bearer tokens (the token must be one of `tokens`, and may be limited to zones),
// zones listed page by page, DNS records listed by exact name, created with a comment and deleted by ID, in the
// API's envelope ({success, errors, messages, result, result_info}); 1,200 requests per 5 minutes, then 429.
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AuthoritativeDns, ZoneRecord } from '../dns-server.js'
import { header, ProviderEmulator, type ProviderEmulatorOptions } from './base.js'

export class CloudflareEmulator extends ProviderEmulator {
  /** Valid API tokens. */
  readonly tokens = new Set<string>()

  constructor(dns: AuthoritativeDns, options: ProviderEmulatorOptions = {}) {
    super(dns, { count: 1200, windowMs: 300_000 }, options)
  }

  static start(dns: AuthoritativeDns, options: ProviderEmulatorOptions = {}): Promise<CloudflareEmulator> {
    return new CloudflareEmulator(dns, options).listen()
  }

  protected zoneId(): string {
    return randomBytes(16).toString('hex')
  }

  private shape(record: ZoneRecord, zoneId: string) {
    return {
      id: record.id.padStart(32, '0'),
      zone_id: zoneId,
      name: record.name,
      type: record.type,
      content: `${record.value}${this.hostile}`,
      ttl: record.ttl,
      proxied: false,
      comment: record.comment === undefined ? null : `${record.comment}${this.hostile}`
    }
  }

  protected serve(request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://sandbox')
    const path = url.pathname.replace(/^\/client\/v4/, '')
    const fail = (status: number, code: number, message: string) =>
      this.json(response, status, { success: false, errors: [{ code, message }], messages: [], result: null })
    const token = /^Bearer (.+)$/.exec(header(request, 'authorization'))?.[1]
    const action = `${request.method} ${path.replace(/[0-9a-f]{32}/g, ':id')}`
    if (!this.admit()) {
      this.log(action, '', 'throttled')
      return fail(429, 971, 'Please wait and consider throttling your request speed')
    }
    if (!token || !this.tokens.has(token)) {
      this.log(action, '', 'unauthenticated')
      return fail(403, 10000, 'Authentication error')
    }
    const fault = this.takeFault(action)
    if (fault?.kind === 'refuse') {
      this.log(action, '', fault.code)
      return fail(403, Number(fault.code), fault.message)
    }
    const zonesById = new Map([...this.zones].map(([name, id]) => [id, name]))
    if (request.method === 'GET' && path === '/zones') {
      const page = Number(url.searchParams.get('page') ?? 1)
      const perPage = Number(url.searchParams.get('per_page') ?? 20)
      const all = [...this.zones].map(([name, id]) => ({ id, name: `${name}${this.hostile}`, status: 'active' }))
      this.log(action, '', 'ok')
      return this.json(response, 200, {
        success: true,
        errors: [],
        messages: [],
        result: all.slice((page - 1) * perPage, page * perPage),
        result_info: {
          page,
          per_page: perPage,
          count: Math.min(perPage, all.length),
          total_count: all.length,
          total_pages: Math.max(1, Math.ceil(all.length / perPage))
        }
      })
    }
    const match = /^\/zones\/([^/]+)\/dns_records(?:\/([^/]+))?$/.exec(path)
    const zone = match ? zonesById.get(match[1]) : undefined
    if (!match || !zone) {
      this.log(action, '', 'not found')
      return fail(404, 7003, 'Could not route to /zones, perhaps your object identifier is invalid?')
    }
    if (request.method === 'GET' && !match[2]) {
      const name = (url.searchParams.get('name.exact') ?? '').toLowerCase()
      const found = this.dns.live(name).filter((record) => this.zoneOf(record.name) === zone)
      this.log(action, name, 'ok')
      return this.json(response, 200, {
        success: true,
        errors: [],
        messages: [],
        result: found.map((record) => this.shape(record, match[1])),
        result_info: { page: 1, per_page: 100, count: found.length, total_count: found.length, total_pages: 1 }
      })
    }
    if (request.method === 'POST' && !match[2]) {
      const given = JSON.parse(body.toString('utf8')) as {
        type: string
        name: string
        content: string
        ttl?: number
        comment?: string
      }
      const name = given.name.toLowerCase()
      if (
        given.type === 'CNAME' ? this.dns.live(name).length > 0 : this.dns.live(name).some((r) => r.type === 'CNAME')
      ) {
        this.log(action, name, '81053')
        return fail(400, 81053, 'An A, AAAA, or CNAME record with that host already exists.')
      }
      if (this.dns.live(name).some((r) => r.type === given.type && r.value === given.content)) {
        this.log(action, name, '81058')
        return fail(400, 81058, 'An identical record already exists.')
      }
      const record = this.dns.add(name, given.type, given.content, {
        ttl: given.ttl ?? 1,
        ...(given.comment ? { comment: given.comment } : {})
      })
      this.log(action, name, fault?.kind === 'lose-answer' ? 'lost' : 'ok')
      if (fault?.kind === 'lose-answer') return this.lose(response)
      return this.json(response, 200, { success: true, errors: [], messages: [], result: this.shape(record, match[1]) })
    }
    if (request.method === 'DELETE' && match[2]) {
      const id = String(Number.parseInt(match[2], 10))
      const record = this.dns.live().find((candidate) => candidate.id === id)
      if (!record) {
        this.log(action, '', 'not found')
        return fail(404, 81044, 'Record does not exist.')
      }
      this.dns.removeId(id)
      this.log(action, record.name, 'ok')
      return this.json(response, 200, { success: true, errors: [], messages: [], result: { id: match[2] } })
    }
    this.log(action, '', 'not found')
    return fail(404, 7000, 'No route for that URI')
  }
}
