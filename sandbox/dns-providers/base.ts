// What every emulated DNS provider API shares: a loopback server (http, or https with the sandbox's throwaway CA),
// its zones, records kept in the sandbox's authoritative DNS (so the nameservers answer what the API wrote), a log of
// requests, a rate limit counted as the provider counts it, and faults: an answer lost after the change was made,
// a refusal with the provider's own error, and hostile text in what it answers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import type { AuthoritativeDns } from '../dns-server.js'
import { sandboxTlsIdentity } from '../tls.js'

export interface ProviderEmulatorOptions {
  /** Serve https with the sandbox's throwaway CA, as the real APIs do. */
  tls?: boolean
  /** Requests allowed per window (default: the provider's documented limit). */
  limit?: { count: number; windowMs: number }
}

export interface ProviderRequest {
  action: string
  at: number
  /** The record name or zone it was about, when it names one. */
  about: string
  outcome: string
}

export type ProviderFault = { kind: 'lose-answer' } | { kind: 'refuse'; code: string; message: string }

export abstract class ProviderEmulator {
  private server!: Server
  private readonly sockets = new Set<Socket>()
  readonly requests: ProviderRequest[] = []
  /** The zones this provider serves, by name, with their provider IDs. */
  readonly zones = new Map<string, string>()
  private readonly faults = new Map<string, ProviderFault[]>()
  private readonly admitted: number[] = []
  /** Text put into every record's comment and value it answers: a hostile provider. */
  hostile = ''
  tls = false
  limit: { count: number; windowMs: number }

  constructor(
    readonly dns: AuthoritativeDns,
    defaultLimit: { count: number; windowMs: number },
    options: ProviderEmulatorOptions
  ) {
    this.limit = options.limit ?? defaultLimit
    this.tls = options.tls ?? false
  }

  async listen(): Promise<this> {
    const listener = (request: IncomingMessage, response: ServerResponse): void => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        try {
          this.serve(request, Buffer.concat(chunks), response)
        } catch (error) {
          response.writeHead(500).end(String(error))
        }
      })
    }
    this.server = this.tls ? createTlsServer(sandboxTlsIdentity(), listener) : createServer(listener)
    this.server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    return this
  }

  /** The value for dns-endpoint. */
  get endpoint(): string {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  /** Adds a zone the credentials can see, served by the sandbox's nameservers. */
  addZone(name: string): this {
    this.dns.addZone(name)
    this.zones.set(name, this.zoneId(name))
    return this
  }

  protected abstract zoneId(name: string): string
  protected abstract serve(request: IncomingMessage, body: Buffer, response: ServerResponse): void

  /** The next `count` requests of `action` meet `fault`. */
  fault(action: string, fault: ProviderFault, count = 1): this {
    this.faults.set(action, [...(this.faults.get(action) ?? []), ...Array<ProviderFault>(count).fill(fault)])
    return this
  }

  protected takeFault(action: string): ProviderFault | undefined {
    return this.faults.get(action)?.shift()
  }

  /** Counts the request against the limit: false when the provider would throttle it. */
  protected admit(): boolean {
    const now = Date.now()
    while (this.admitted.length > 0 && now - this.admitted[0] >= this.limit.windowMs) this.admitted.shift()
    if (this.admitted.length >= this.limit.count) return false
    this.admitted.push(now)
    return true
  }

  get throttled(): number {
    return this.requests.filter((request) => request.outcome === 'throttled').length
  }

  protected log(action: string, about: string, outcome: string): void {
    this.requests.push({ action, at: Date.now(), about, outcome })
  }

  /** The change was made, but the answer never arrives: the connection is cut. */
  protected lose(response: ServerResponse): void {
    response.socket?.destroy()
  }

  /** The zone that holds `name`, by the longest match. */
  protected zoneOf(name: string): string | undefined {
    return [...this.zones.keys()]
      .filter((zone) => name === zone || name.endsWith(`.${zone}`))
      .sort((a, b) => b.length - a.length)[0]
  }

  protected json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body))
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}

export const header = (request: IncomingMessage, name: string): string => {
  const value = request.headers[name.toLowerCase()]
  return Array.isArray(value) ? value.join(',') : (value ?? '')
}
