import { Agent as HttpAgent, type ClientRequest } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { isIP, type Socket } from 'node:net'
import { connect as tlsConnect, TLSSocket } from 'node:tls'
import { openTunnel, proxyFor } from './proxy.js'
import type { Endpoint, Env } from './terms.js'

/** What one attempt's connection showed, so that a failure can say whether the request can have reached the server. */
export interface AttemptReport {
  /** True once a connection to the server (TLS included, through any proxy) was established for this request. */
  reached: boolean
  /** True once the request was handed to the agent: before that it was not even built (an invalid header, say). */
  handedOver: boolean
  /** The transport's own error (DNS, refused, TLS, proxy), with Node's `code`. */
  error?: NodeJS.ErrnoException
  /** Set when the server answered with a redirect: the host it pointed to. It is never followed. */
  redirectedTo?: string
}

/** The agent node-fetch is given for one attempt: called once for the request, and again for every redirect. */
export type AttemptAgent = (url: { protocol?: string | null; host?: string | null }) => HttpAgent

interface AgentInternals {
  addRequest(request: ClientRequest, options: unknown): void
}

/**
 * The connections to one configured endpoint: a keep-alive agent (direct, or tunnelled through the proxy the
 * environment names), and per attempt an agent that reports what happened and refuses redirects, so that a
 * request signed for this endpoint is never replayed anywhere else.
 */
export class Transport {
  private readonly agent: HttpAgent
  private readonly pendingTunnels = new Set<ClientRequest>()

  constructor(endpoint: Endpoint, env: Env, tunnelTimeoutMs: number) {
    const proxy = proxyFor(endpoint, env)
    const secure = endpoint.protocol === 'https://'
    this.agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true })
    if (proxy) this.tunnelThrough(proxy, secure, tunnelTimeoutMs)
  }

  attempt(): { agent: AttemptAgent; report: AttemptReport } {
    const report: AttemptReport = { reached: false, handedOver: false }
    const base = this.agent
    const tracking = Object.create(base) as HttpAgent & AgentInternals
    tracking.addRequest = (request, options) => {
      report.handedOver = true
      request.once('error', (error: NodeJS.ErrnoException) => (report.error ??= error))
      request.once('socket', (socket: Socket) => {
        // A socket handed over already connected was reused from the pool; one already destroyed never connected.
        if (!socket.connecting && !socket.destroyed) report.reached = true
        else socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => (report.reached = true))
      })
      ;(base as HttpAgent & AgentInternals).addRequest(request, options)
    }
    let calls = 0
    const agent: AttemptAgent = (url) => {
      if (++calls > 1) {
        report.redirectedTo = url.host ?? ''
        throw new Error(`redirect to ${url.protocol ?? ''}//${url.host ?? ''} refused`)
      }
      return tracking
    }
    return { agent, report }
  }

  /**
   * The keep-alive agent itself, for an SDK that takes one agent for all its requests (the AWS SDK's handler): it
   * connects to the endpoint only, through the proxy when one applies.
   */
  shared(): HttpAgent {
    return this.agent
  }

  /** Ends every connection, so that nothing keeps the process alive once the action has decided. */
  close(): void {
    for (const tunnel of this.pendingTunnels) tunnel.destroy()
    this.agent.destroy()
  }

  /** Connections through an HTTP(S) proxy: a CONNECT tunnel to the endpoint, then TLS to the endpoint inside it. */
  private tunnelThrough(proxy: URL, secure: boolean, timeoutMs: number): void {
    type Callback = (error: Error | null, socket?: Socket) => void
    const open = (
      options: { host?: string; port?: number | string; servername?: string },
      answer: Callback
    ): undefined => {
      let done = false
      const callback: Callback = (error, socket) => {
        if (done) return
        done = true
        answer(error, socket)
      }
      const host = options.host ?? ''
      const authority = `${isIP(host) === 6 ? `[${host}]` : host}:${options.port}`
      const connect = openTunnel(proxy, authority, timeoutMs, (error, socket) => {
        this.pendingTunnels.delete(connect)
        if (error || !socket) return callback(error)
        // The tunnel's own timeout was for opening it; the attempt's timer bounds each request from here.
        socket.setTimeout(0)
        if (!secure) return callback(null, socket)
        // The host is given too, so that an endpoint named by its IP address is checked against that address.
        const tls = tlsConnect({ socket, host, servername: isIP(host) ? undefined : (options.servername ?? host) })
        tls.once('secureConnect', () => callback(null, tls))
        tls.once('error', (tlsError: Error) => callback(tlsError))
      })
      this.pendingTunnels.add(connect)
      return undefined
    }
    ;(this.agent as unknown as { createConnection: typeof open }).createConnection = open
  }
}
