import type { Env } from './credentials.js'
import type { Endpoint } from './endpoint.js'
import { InputError } from './input-error.js'
import { untrusted, userinfoOf, withoutUserinfo } from './untrusted.js'

/** Lower case first, as curl and @actions/http-client read them. */
const PROXY_VARIABLES = { 'https://': ['https_proxy', 'HTTPS_PROXY'], 'http://': ['http_proxy', 'HTTP_PROXY'] } as const

function firstProxyVariable(env: Env, names: readonly string[]): { name: string; value: string } | undefined {
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
  return parseProxy(variable.name, variable.value)
}

function parseProxy(name: string, value: string): URL {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme')
    return url
  } catch {
    throw new InputError(
      name,
      `${name} "${untrusted(withoutUserinfo(value), 200)}" is not a proxy URL: use http://host:port (or https://), with user:password@ if the proxy needs them ` +
        '(percent-encode "/", "@", ":" and "%" in them).'
    )
  }
}

/**
 * Checks every proxy variable before anything is sent. The user information is masked first, as written and as
 * decoded, so that no message, not even the one refusing the variable, can print the password.
 */
export function checkProxyVariables(env: Env, mask: (secret: string) => void): void {
  for (const names of Object.values(PROXY_VARIABLES)) {
    const variable = firstProxyVariable(env, names)
    if (!variable) continue
    const userinfo = userinfoOf(variable.value)
    const password = userinfo.includes(':') ? userinfo.slice(userinfo.indexOf(':') + 1) : ''
    for (const secret of new Set([userinfo, password])) if (secret) mask(secret)
    const url = parseProxy(variable.name, variable.value)
    for (const part of [url.username, url.password]) {
      let decoded: string
      try {
        decoded = decodeURIComponent(part)
      } catch {
        throw new InputError(
          variable.name,
          `${variable.name} has a user name or password with a "%" that is not percent-encoding (the value is not shown): write a literal % as %25.`
        )
      }
      if (part === url.password && decoded && decoded !== password) mask(decoded)
    }
  }
}

/** The proxy's address for the log, without its credentials. */
export function describeProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`
}
