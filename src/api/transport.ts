import { Agent as HttpAgent, type ClientRequest, request as httpRequest } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { isIP, type Socket } from 'node:net'
import { connect as tlsConnect, TLSSocket } from 'node:tls'
import { proxyFor } from './proxy.js'
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
      callback: Callback
    ): undefined => {
      const host = options.host ?? ''
      const authority = `${isIP(host) === 6 ? `[${host}]` : host}:${options.port}`
      const credentials = proxy.username ? { 'Proxy-Authorization': `Basic ${proxyCredentials(proxy)}` } : {}
      const send = proxy.protocol === 'https:' ? httpsRequest : httpRequest
      const connect = send({
        host: proxy.hostname.replace(/^\[|\]$/g, ''),
        port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
        method: 'CONNECT',
        path: authority,
        headers: { Host: authority, ...credentials },
        agent: false,
        timeout: timeoutMs
      })
      this.pendingTunnels.add(connect)
      let done = false
      const finish = (error: Error | null, socket?: Socket): void => {
        this.pendingTunnels.delete(connect)
        if (done) return
        done = true
        callback(error, socket)
      }
      // Once the proxy has answered, the CONNECT request is over and closes, while TLS to the endpoint may still be
      // shaking hands inside the tunnel: only a close before that answer is the proxy's.
      let answered = false
      connect.once('timeout', () =>
        connect.destroy(Object.assign(new Error('the proxy did not open a tunnel in time'), { code: 'ETIMEDOUT' }))
      )
      connect.once('error', (error) => finish(error))
      connect.once('close', () => {
        if (!answered) finish(Object.assign(new Error('the proxy closed the connection'), { code: 'ECONNRESET' }))
      })
      connect.once('connect', (response, socket: Socket) => {
        answered = true
        if (response.statusCode !== 200) {
          socket.destroy()
          return finish(
            Object.assign(new Error(`the proxy refused the tunnel with HTTP ${response.statusCode}`), {
              code: 'EPROXYREFUSED'
            })
          )
        }
        // The tunnel's own timeout was for opening it; the attempt's timer bounds each request from here.
        socket.setTimeout(0)
        if (!secure) return finish(null, socket)
        // The host is given too, so that an endpoint named by its IP address is checked against that address.
        const tls = tlsConnect({ socket, host, servername: isIP(host) ? undefined : (options.servername ?? host) })
        tls.once('secureConnect', () => finish(null, tls))
        tls.once('error', (error: Error) => finish(error))
      })
      connect.end()
      return undefined
    }
    ;(this.agent as unknown as { createConnection: typeof open }).createConnection = open
  }
}

function proxyCredentials(proxy: URL): string {
  return Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')
}
