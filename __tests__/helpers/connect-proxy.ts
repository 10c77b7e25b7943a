// A CONNECT proxy for the end-to-end tests, as corporate ones are: it only tunnels, and remembers where to. Served
// over http, or over https with the sandbox's throwaway CA (an `https://` proxy); with `credentials`, a tunnel
// without them is refused with 407, as an authenticating proxy does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import { connect, type AddressInfo, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { sandboxTlsIdentity } from '../../sandbox/tls.js'

export class ConnectProxy {
  /** The authorities tunnelled to (host:port), one per tunnel. */
  tunnels: string[] = []
  /** The Proxy-Authorization header of each CONNECT. */
  authorizations: (string | undefined)[] = []
  private readonly sockets = new Set<Socket | Duplex>()

  private constructor(
    private readonly server: Server,
    private readonly secure: boolean,
    private readonly credentials?: string,
    /** Names the proxy resolves itself, as a corporate proxy's DNS does for names the runner cannot resolve. */
    private readonly names: Record<string, string> = {}
  ) {
    server.on('connect', (request: IncomingMessage, client: Duplex, head: Buffer) => this.tunnel(request, client, head))
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  static async start(
    options: { secure?: boolean; credentials?: { user: string; password: string }; names?: Record<string, string> } = {}
  ): Promise<ConnectProxy> {
    const refuse = (_: IncomingMessage, response: ServerResponse): void => void response.writeHead(405).end()
    const server = options.secure ? createTlsServer(sandboxTlsIdentity(), refuse) : createServer(refuse)
    const basic =
      options.credentials &&
      `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}`
    const proxy = new ConnectProxy(server, options.secure ?? false, basic, options.names)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return proxy
  }

  /** The URL for HTTPS_PROXY / HTTP_PROXY, with `userinfo` (already percent-encoded) when given. */
  url(userinfo = ''): string {
    const port = (this.server.address() as AddressInfo).port
    return `${this.secure ? 'https' : 'http'}://${userinfo ? `${userinfo}@` : ''}127.0.0.1:${port}`
  }

  reset(): void {
    this.tunnels = []
    this.authorizations = []
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise((resolve) => this.server.close(resolve))
  }

  private tunnel(request: IncomingMessage, client: Duplex, head: Buffer): void {
    this.sockets.add(client)
    client.on('close', () => this.sockets.delete(client))
    client.on('error', () => client.destroy())
    this.authorizations.push(request.headers['proxy-authorization'])
    if (this.credentials && request.headers['proxy-authorization'] !== this.credentials) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="proxy"\r\n\r\n')
      return
    }
    this.tunnels.push(request.url ?? '')
    const [host, port] = (request.url ?? '').split(':')
    const upstream = connect(Number(port), this.names[host] ?? host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    this.sockets.add(upstream)
    upstream.on('close', () => this.sockets.delete(upstream))
    upstream.on('error', () => client.destroy())
  }
}
