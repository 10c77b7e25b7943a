import { untrusted, userinfoOf, withoutUserinfo } from '../support/untrusted.js'
import type { Env } from '../api/terms.js'
import { firstProxyVariable, PROXY_VARIABLES, proxyUrl } from '../api/proxy.js'
import { InputError } from '../support/input-error.js'

function parseProxy(name: string, value: string): URL {
  const url = proxyUrl(value)
  if (url) return url
  throw new InputError(
    name,
    `${name} "${untrusted(withoutUserinfo(value), 200)}" is not a proxy URL: use http://host:port (or https://), with user:password@ if the proxy needs them ` +
      '(percent-encode "/", "@", ":" and "%" in them).'
  )
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
