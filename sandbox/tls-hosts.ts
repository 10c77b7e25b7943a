// Loopback TLS hosts that stand in for the resources a switch moves (a CDN domain, a load balancer's listener). One
// server answers every name by SNI with that name's certificate: one the sandbox's throwaway CA issues (`tls.ts`),
// expiring or self-signed if asked, or an emulated certificate as Tencent Cloud issued it. `follow` ties the hosts to
// the emulator's switch tasks: once a resource's switch succeeds, its domains serve the new certificate after a
// settable delay (an edge's propagation), unless a domain is set to keep the old one although the task said done.
import type { KeyObject } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSecureContext, type SecureContext } from 'node:tls'
import type { TencentCloudEmulator } from './emulator.js'
import { certificate, rsaKey, sandboxRootCa, type Authority } from './issuer.js'
import { sandboxTlsIdentity } from './tls.js'

let trustFile: string | undefined
let servedKey: KeyObject | undefined

/**
 * Every CA the sandbox signs with (the TLS identity's and the emulated CA's root), in one file: the action trusts them
 * as a runner trusts a company's CA, with NODE_EXTRA_CA_CERTS.
 */
export function sandboxTrust(): { pem: string; file: string } {
  const pem = `${sandboxTlsIdentity().ca}${sandboxRootCa()}`
  trustFile ??= join(mkdtempSync(join(tmpdir(), 'sandbox-trust-')), 'ca.pem')
  writeFileSync(trustFile, pem)
  return { pem, file: trustFile }
}

export interface FollowOptions {
  /** How long after its switch succeeds a domain serves the new certificate. */
  delayMs?: number
  /** Domains that keep serving the old certificate although the switch task said done. */
  keepOld?: readonly string[]
}

const HOUR_MS = 3600 * 1000
const DAY_MS = 24 * HOUR_MS

export interface ServedIdentity {
  key: string
  cert: string
}

/** A certificate for `names`, issued by the sandbox's CA (or self-signed: `untrusted`), valid for `days` from now. */
export function servedIdentity(names: string[], options: { days?: number; untrusted?: boolean } = {}): ServedIdentity {
  const identity = sandboxTlsIdentity()
  // One key for every host of the process: making RSA keys is what costs time, and a leaf is told by its certificate.
  servedKey ??= rsaKey('served')
  const key = servedKey
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

  /** The most handshakes in progress at once (from the name asked to the handshake's end): what a bound keeps. */
  peakHandshakes = 0
  private handshakes = 0

  /** `handshakeDelayMs`: each handshake answered that much later, as a host across the network is. */
  static async start(options: { handshakeDelayMs?: number } = {}): Promise<TlsHosts> {
    const fallback = sandboxTlsIdentity()
    const contexts = new Map<string, SecureContext>()
    const delay = options.handshakeDelayMs ?? 0
    const server = createServer({
      key: fallback.key,
      cert: fallback.cert,
      SNICallback: (name, callback) => {
        hosts.peakHandshakes = Math.max(hosts.peakHandshakes, ++hosts.handshakes)
        const answer = (): void => callback(null, contexts.get(name.toLowerCase()))
        if (delay > 0) setTimeout(answer, delay)
        else answer()
      }
    })
    const hosts = new TlsHosts(server, contexts)
    // A handshake ends in a secure connection, or in an error (a client that hung up at once, say).
    server.on('secureConnection', () => hosts.handshakes--)
    server.on('tlsClientError', () => hosts.handshakes--)
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

  private readonly timers = new Set<NodeJS.Timeout>()

  /** `host` serves `identity` from now on. */
  serve(host: string, identity: ServedIdentity): this {
    this.contexts.set(host.toLowerCase(), createSecureContext(identity))
    return this
  }

  /** `host` serves an emulated certificate, with its intermediates, as a resource bound to it does. */
  serveCertificate(host: string, emulator: TencentCloudEmulator, certificateId: string): this {
    const issued = emulator.issuedCertificate(certificateId)
    return this.serve(host, { key: issued.privateKey, cert: [issued.leaf, ...issued.intermediates].join('') })
  }

  /**
   * Each domain named serves its certificate now, and the new one once a switch moves a resource that holds it
   * (after `delayMs`, unless it is in `keepOld`).
   */
  follow(emulator: TencentCloudEmulator, domains: Record<string, string>, options: FollowOptions = {}): this {
    const followed = new Set<string>()
    for (const [domain, certificateId] of Object.entries(domains)) {
      this.serveCertificate(domain, emulator, certificateId)
      followed.add(domain.toLowerCase())
    }
    const keepOld = new Set((options.keepOld ?? []).map((domain) => domain.toLowerCase()))
    emulator.rebind.onSwitched = (resource, newId) => {
      for (const domain of (resource.domains ?? []).map((d) => d.toLowerCase())) {
        if (keepOld.has(domain) || !followed.has(domain)) continue
        const timer = setTimeout(() => {
          this.timers.delete(timer)
          this.serveCertificate(domain, emulator, newId)
        }, options.delayMs ?? 0)
        this.timers.add(timer)
      }
    }
    return this
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer)
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
