// The served check's settings: verify-hosts (lines of host or host:port, or `switched`), verify-connect-to (curl's
// --connect-to form), verify-timeout and verify-min-days; one handshake is bounded by request-timeout. The same reader
// serves a watch (verify-hosts without certificate inputs), where `switched` has nothing to name.
import type { HostPort, HostTarget } from '../../served/host.js'
import { connectToOf, hostOf } from '../../served/probe.js'
import { InputError } from '../../support/input-error.js'
import { listItems, named, numberIn, WAIT_TIMEOUT_LIMIT, type ReadInput } from '../../support/formats.js'
import { quoted } from '../../support/untrusted.js'

/** Hosts one step checks at most: each is a line of the outputs, the summary and, failing, of an issue. */
export const MAX_HOSTS = 500
const MIN_DAYS_LIMIT = 365
export const SWITCHED = 'switched'

export interface VerifySettings {
  /** The hosts named in verify-hosts. */
  hosts: HostPort[]
  /** verify-hosts says `switched`: the domains of the resources the switch moved are checked too. */
  switched: boolean
  /** verify-connect-to: where the connection for `host:port` goes instead. */
  connectTo: ReadonlyMap<string, HostPort>
  /** verify-timeout, from the switch's end: until then, a host not serving is asked again. */
  timeoutMs: number
  minDays: number
  /** request-timeout: one handshake's bound. */
  handshakeTimeoutMs: number
  /** wait-interval: how often a host not serving is asked again. */
  intervalMs: number
  /** The step has several certificates: each checks the named hosts its own names cover. */
  shared: boolean
}

export interface ServedSettings {
  verify?: VerifySettings
}

export const targetKey = ({ host, port }: HostPort): string => `${host}:${port}`

function readHosts(value: string): { hosts: HostPort[]; switched: boolean } {
  const items = listItems(value)
  const switched = items.some((item) => item.toLowerCase() === SWITCHED)
  const lines = items.filter((item) => item.toLowerCase() !== SWITCHED)
  const wrong = lines.filter((line) => !hostOf(line))
  if (wrong.length > 0)
    throw new InputError(
      'verify-hosts',
      `verify-hosts ${named(wrong)} ${wrong.length === 1 ? 'is' : 'are'} not host or host:port: give one host a line, ` +
        'such as www.example.com or api.example.com:8443, or the word switched.'
    )
  const hosts = lines.map((line) => hostOf(line)!)
  const wildcards = hosts.filter((target) => target.host.includes('*'))
  if (wildcards.length > 0)
    throw new InputError(
      'verify-hosts',
      `verify-hosts ${named(wildcards.map((w) => w.host))}: a wildcard names no host to connect to; give a name it covers, such as www.example.com.`
    )
  const unique = [...new Map(hosts.map((target) => [targetKey(target), target])).values()]
  if (unique.length > MAX_HOSTS)
    throw new InputError(
      'verify-hosts',
      `verify-hosts names ${unique.length} hosts: one step checks at most ${MAX_HOSTS}; split them over several steps.`
    )
  return { hosts: unique, switched }
}

function readConnectTo(value: string): Map<string, HostPort> {
  const lines = listItems(value)
  const wrong = lines.filter((line) => !connectToOf(line))
  if (wrong.length > 0)
    throw new InputError(
      'verify-connect-to',
      `verify-connect-to ${named(wrong)} ${wrong.length === 1 ? 'is' : 'are'} not in curl's --connect-to form ` +
        'HOST1:PORT1:HOST2:PORT2, such as www.example.com:443:origin.example.net:8443.'
    )
  const map = new Map<string, HostPort>()
  for (const line of lines) {
    const { from, to } = connectToOf(line)!
    const key = targetKey(from)
    if (map.has(key))
      throw new InputError('verify-connect-to', `verify-connect-to gives ${quoted(key)} twice: give one target a host.`)
    map.set(key, to)
  }
  return map
}

/**
 * verify-hosts and the rest of the check, or nothing when verify-hosts is empty. `switchable` says whether this step
 * switches resources (replace-certificate-id, or a renewal with resource-types): `switched` needs it.
 */
export function readVerifySettings(
  readInput: ReadInput,
  options: { switchable: boolean; intervalMs: number; handshakeTimeoutMs: number; shared?: boolean }
): ServedSettings {
  const text = (name: string): string => readInput(name).trim()
  // Checked whether or not anything is verified: a wrong value is an error before anything is sent.
  const timeoutSeconds = numberIn('verify-timeout', text('verify-timeout'), 1, WAIT_TIMEOUT_LIMIT, true)
  const minDays = numberIn('verify-min-days', text('verify-min-days'), 0, MIN_DAYS_LIMIT, true)
  const connectTo = readConnectTo(text('verify-connect-to'))
  const { hosts, switched } = readHosts(text('verify-hosts'))
  if (hosts.length === 0 && !switched) {
    if (connectTo.size > 0)
      throw new InputError(
        'verify-connect-to',
        'verify-connect-to is set, but verify-hosts is empty: name the hosts to check, or drop verify-connect-to.'
      )
    return {}
  }
  if (switched && !options.switchable)
    throw new InputError(
      'verify-hosts',
      'verify-hosts says switched, but this step switches no resources: give replace-certificate-id and resource-types ' +
        '(or renew-certificate-id with resource-types), or name the hosts.'
    )
  return {
    verify: {
      hosts,
      switched,
      connectTo,
      timeoutMs: timeoutSeconds * 1000,
      minDays,
      handshakeTimeoutMs: options.handshakeTimeoutMs,
      intervalMs: options.intervalMs,
      shared: options.shared ?? false
    }
  }
}

/** Whether this step switches resources, as the switch's own settings read it: what `switched` names. */
export const switchesResources = (readInput: ReadInput): boolean =>
  readInput('resource-types').trim() !== '' &&
  (readInput('replace-certificate-id').trim() !== '' || readInput('renew-certificate-id').trim() !== '')

/** A watch: verify-hosts with neither certificate-id nor renew-certificate-id (main.ts then loads watch.ts alone). */
export const isWatch = (readInput: ReadInput): boolean =>
  readInput('certificate-id').trim() === '' &&
  readInput('renew-certificate-id').trim() === '' &&
  readInput('verify-hosts').trim() !== ''

/** Each host with where verify-connect-to sends its connection instead, if anywhere. */
export const withConnectTo = (hosts: readonly HostPort[], connectTo: VerifySettings['connectTo']): HostTarget[] =>
  hosts.map((target) => {
    const to = connectTo.get(targetKey(target))
    return to ? { ...target, connectTo: to } : target
  })
