// Groundwork for #30: loopback TLS hosts that stand in for switched resources. One server answers every name it was
// given by SNI with that name's certificate (issued by the sandbox's throwaway CA, `tls.ts`), which a test can swap
// (the switch reaching the edge), make expiring, or make untrusted (self-signed).
import { createServer, type Server } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { createSecureContext, type SecureContext } from 'node:tls'
import { certificate, rsaKey, type Authority } from './issuer.js'
import { sandboxTlsIdentity } from './tls.js'

const HOUR_MS = 3600 * 1000
const DAY_MS = 24 * HOUR_MS

export interface ServedIdentity {
  key: string
  cert: string
}

/** A certificate for `names`, issued by the sandbox's CA (or self-signed: `untrusted`), valid for `days` from now. */
export function servedIdentity(names: string[], options: { days?: number; untrusted?: boolean } = {}): ServedIdentity {
  const identity = sandboxTlsIdentity()
  const key = rsaKey()
  const ca: Authority | undefined = options.untrusted ? undefined : identity.authority
  // Valid since yesterday, and an hour past `days` from now: `days` whole days left.
  const notBefore = new Date(Date.now() - DAY_MS + HOUR_MS)
  const cert = certificate(names[0], ca, key, { ca: false, names, notBefore, days: (options.days ?? 90) + 1 })
  return { key: key.export({ type: 'pkcs8', format: 'pem' }) as string, cert }
}

export class TlsHosts {
  private readonly sockets = new Set<Socket>()

  private constructor(
    private readonly server: Server,
    private readonly contexts: Map<string, SecureContext>
  ) {}

  static async start(): Promise<TlsHosts> {
    const fallback = sandboxTlsIdentity()
    const contexts = new Map<string, SecureContext>()
    const server = createServer({
      key: fallback.key,
      cert: fallback.cert,
      SNICallback: (name, callback) => callback(null, contexts.get(name.toLowerCase()))
    })
    const hosts = new TlsHosts(server, contexts)
    server.on('connection', (socket: Socket) => {
      hosts.sockets.add(socket)
      socket.on('close', () => hosts.sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return hosts
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port
  }

  /** `host` serves `identity` from now on. */
  serve(host: string, identity: ServedIdentity): this {
    this.contexts.set(host.toLowerCase(), createSecureContext(identity))
    return this
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
