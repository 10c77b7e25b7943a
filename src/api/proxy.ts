import { type ClientRequest, request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { Socket } from 'node:net'
import type { Endpoint, Env } from './terms.js'

/** Lower case first, as curl and @actions/http-client read them. */
export const PROXY_VARIABLES = {
  'https://': ['https_proxy', 'HTTPS_PROXY'],
  'http://': ['http_proxy', 'HTTP_PROXY']
} as const

export function firstProxyVariable(env: Env, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim()
    if (value) return { name, value }
  }
  return undefined
}

/** A NO_PROXY entry's host and optional port: `name`, `name:port`, `[v6]`, `[v6]:port` or a bare IPv6 address. */
function splitEntry(entry: string): [string, string | undefined] {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
  if (bracketed) return [bracketed[1], bracketed[2]]
  if ((entry.match(/:/g) ?? []).length > 1) return [entry, undefined]
  const [name, port] = entry.split(':')
  return [name, port]
}

/**
 * Whether NO_PROXY / no_proxy exempts a host, as curl and most tools read it: comma- or space-separated entries;
 * `*` for everything; a name matches itself and its subdomains (a leading dot or `*.` is optional); an IP address
 * matches itself; `host:port` limits an entry to that port.
 */
export function bypassesProxy(hostname: string, port: string, noProxy: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true
      const [name, entryPort] = splitEntry(entry.toLowerCase())
      if (entryPort && entryPort !== port) return false
      const domain = name.replace(/^\*?\./, '')
      return domain !== '' && (host === domain || host.endsWith(`.${domain}`))
    })
}

function defaultPort(endpoint: Endpoint): string {
  const port = /:(\d+)$/.exec(endpoint.host)?.[1]
  return port ?? (endpoint.protocol === 'https://' ? '443' : '80')
}

/** The proxy URL for requests to `endpoint`, or undefined for a direct connection. */
export function proxyFor(endpoint: Endpoint, env: Env): URL | undefined {
  const variable = firstProxyVariable(env, PROXY_VARIABLES[endpoint.protocol])
  if (!variable) return undefined
  const hostname = endpoint.host.replace(/:\d+$/, '')
  if (bypassesProxy(hostname, defaultPort(endpoint), env.no_proxy ?? env.NO_PROXY ?? '')) return undefined
  // The input layer has checked every proxy variable before anything is sent.
  return proxyUrl(variable.value)
}

/** A proxy variable's value as a URL (a bare host:port is http); undefined when it is not one. */
export function proxyUrl(value: string): URL | undefined {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined
  } catch {
    return undefined
  }
}

/** The proxy's address for the log, without its credentials. */
export function describeProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`
}

function proxyCredentials(proxy: URL): string {
  return Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')
}

/**
 * A CONNECT tunnel through `proxy` to `authority` (`host:port`): `callback` gets the tunnel's socket once the proxy
 * answered 200, or the error (refused, closed, not opened within `timeoutMs`), exactly once. The CONNECT request is
 * returned, to be destroyed when the connection is no longer wanted.
 */
export function openTunnel(
  proxy: URL,
  authority: string,
  timeoutMs: number,
  callback: (error: Error | null, socket?: Socket) => void
): ClientRequest {
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
  let done = false
  const finish = (error: Error | null, socket?: Socket): void => {
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
    finish(null, socket)
  })
  connect.end()
  return connect
}
