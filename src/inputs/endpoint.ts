import { isIP } from 'node:net'
import { InputError } from '../support/input-error.js'
import { untrusted, withoutUserinfo } from '../support/untrusted.js'
import type { Endpoint } from '../api/terms.js'

const LOOPBACK_RULE = 'http:// is allowed only to a loopback host (127.0.0.0/8, localhost or [::1])'

function isLoopbackHost(hostname: string): boolean {
  const name = hostname.toLowerCase()
  if (name === 'localhost' || name === '[::1]') return true
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name)
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255)
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i

/** A DNS name or an IP address: a name no resolver can look up is refused here rather than failing once sent. */
function isValidHost(hostname: string): boolean {
  if (hostname.startsWith('[') || isIP(hostname)) return true
  const name = hostname.replace(/\.$/, '')
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => LABEL.test(label))
}

/**
 * Accepts a host, host:port or URL. Secrets are signed into every request, so plain http is refused
 * unless the traffic cannot leave the machine.
 */
export function parseEndpoint(input: string, raw: string): Endpoint {
  const value = raw.trim()
  const refuse = (why: string): never => {
    throw new InputError(input, `${input} "${untrusted(withoutUserinfo(value), 200)}" ${why}`)
  }
  if (value === '') refuse('is empty: give a host such as ssl.tencentcloudapi.com')

  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(value)
  const scheme = schemeMatch ? schemeMatch[1].toLowerCase() : 'https'
  if (scheme !== 'https' && scheme !== 'http') {
    refuse(`uses the scheme ${scheme}://; use https:// (or a bare host such as ssl.tencentcloudapi.com)`)
  }

  let url: URL
  try {
    url = new URL(schemeMatch ? value : `https://${value}`)
  } catch {
    return refuse('is not a host name, host:port or URL (for example ssl.tencentcloudapi.com)')
  }
  if (url.username || url.password) refuse('must not contain user information')
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    refuse('must be a host without a path, query or fragment (the API is always served at /)')
  }
  if (!isValidHost(url.hostname)) {
    refuse(
      'is not a valid host name: use labels of letters, digits and "-" separated by dots (for example ssl.tencentcloudapi.com), or an IP address'
    )
  }
  if (scheme === 'http' && !isLoopbackHost(url.hostname)) {
    refuse(`uses http://, but ${LOOPBACK_RULE}; use https:// for anything else`)
  }
  return { protocol: scheme === 'http' ? 'http://' : 'https://', host: url.host }
}
