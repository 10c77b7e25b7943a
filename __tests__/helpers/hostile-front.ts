// A hostile front for the end-to-end tests: an HTTP server on loopback that stands where the Tencent Cloud endpoint
// would, forwards each request to the emulator (so the emulator applies it and keeps the record) and then answers as
// an attacker or a broken middlebox would: rewritten JSON, a redirect elsewhere, a body that never ends.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface Upstream {
  status: number
  body: string
}

/** What the front does with one request; `forward` says whether the emulator sees it first. */
export type Hostility =
  | {
      kind: 'rewrite'
      edit: (response: Record<string, unknown>, request: Record<string, unknown>) => Record<string, unknown>
    }
  | { kind: 'redirect'; location: string; status?: number; forward?: boolean }
  | { kind: 'event-stream'; forward?: boolean }
  | { kind: 'drip'; forward?: boolean }

export class HostileFront {
  private readonly server: Server
  private readonly sockets = new Set<Socket>()
  private readonly plans: { action: string; hostility: Hostility; times: number }[] = []
  /** Sockets the front saw closed by the client: proof the action let go of them. */
  closedSockets = 0
  /** Requests that reached the front, by action. */
  readonly seen: string[] = []

  private constructor(private readonly upstream: string) {
    this.server = createServer((req, res) => void this.handle(req, res))
    this.server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => {
        this.sockets.delete(socket)
        this.closedSockets++
      })
    })
  }

  static async start(upstream: string): Promise<HostileFront> {
    const front = new HostileFront(upstream)
    await new Promise<void>((resolve) => front.server.listen(0, '127.0.0.1', resolve))
    return front
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  get openSockets(): number {
    return this.sockets.size
  }

  /** The next `times` requests for `action` meet `hostility`; others pass through. */
  on(action: string, hostility: Hostility, times = 1): this {
    this.plans.push({ action, hostility, times })
    return this
  }

  /** Drops every plan still pending, so that one test's hostility cannot reach the next. */
  clear(): this {
    this.plans.length = 0
    return this
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const action = String(req.headers['x-tc-action'] ?? '')
    this.seen.push(action)
    const plan = this.plans.find((p) => p.times > 0 && p.action === action)
    if (plan) plan.times--
    const hostility = plan?.hostility
    const forwarded =
      !hostility || hostility.kind === 'rewrite' || hostility.forward !== false
        ? await this.forward(req, body)
        : undefined

    if (!hostility) {
      res.writeHead(forwarded!.status, { 'Content-Type': 'application/json' })
      return void res.end(forwarded!.body)
    }
    switch (hostility.kind) {
      case 'rewrite': {
        const parsed = JSON.parse(forwarded!.body) as { Response: Record<string, unknown> }
        res.writeHead(200, { 'Content-Type': 'application/json' })
        return void res.end(
          JSON.stringify({
            Response: hostility.edit(
              parsed.Response,
              JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>
            )
          })
        )
      }
      case 'redirect':
        res.writeHead(hostility.status ?? 307, { Location: hostility.location })
        return void res.end()
      case 'event-stream':
        res.writeHead(200, { 'Content-Type': 'text/event-stream' })
        return void res.write('data: {"Response": {}}\n\n')
      case 'drip': {
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.write('{"Response": {')
        const timer = setInterval(() => res.write(' '), 50)
        res.on('close', () => clearInterval(timer))
        return
      }
    }
  }

  private forward(req: IncomingMessage, body: Buffer): Promise<Upstream> {
    const target = new URL(this.upstream)
    return new Promise((resolve, reject) => {
      const out = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const parts: Buffer[] = []
          answer.on('data', (chunk: Buffer) => parts.push(chunk))
          answer.on('end', () =>
            resolve({ status: answer.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') })
          )
        }
      )
      out.on('error', reject)
      out.end(body)
    })
  }
}

/** A server that records every request it gets and answers like a successful submission: where a redirect points. */
export async function startDecoy(): Promise<{ endpoint: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = []
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url} ${String(req.headers['x-tc-action'] ?? '')}`)
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify({ Response: { OrderId: 'DECOY-ORDER', Status: 0, RequestId: 'decoy-request' } }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
