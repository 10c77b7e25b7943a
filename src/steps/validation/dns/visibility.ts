// Whether a DNS record is visible where the CA will look: each of the zone's authoritative nameservers asked directly
// (node:dns, one resolver per nameserver, no cache in between) until every one answers the value, at most one
// query per nameserver per interval, within a bound. The DNS providers' records are proven here before the CA is
// asked to look, as lego's solver proves its providers' records.
import type { Resolver } from 'node:dns/promises'
import { Failure } from '../../../api/errors.js'
import { sameRecordValue } from '../../../dns/provider-api.js'
import { untrusted } from '../../../support/untrusted.js'
import type { Clock } from '../../../support/clock.js'
import { ValidationCode } from '../codes.js'

/** A resolver of its own (no cache in between), bounded per question; node:dns is loaded only when DNS is asked. */
export async function resolverOf(timeoutMs: number, tries: number): Promise<Resolver> {
  const { Resolver } = await import('node:dns/promises')
  return new Resolver({ timeout: Math.max(1, Math.round(timeoutMs)), tries })
}

/** A validation record as the CA asks for it at the zone. */
export interface DnsRecord {
  /** The full name, without the trailing dot. */
  name: string
  type: 'TXT' | 'CNAME'
  value: string
}

/** What one nameserver answered for a record, the last time it was asked. */
export interface NameserverAnswer {
  nameserver: string
  /** The values it answered; empty when it had none (or did not answer). */
  answered: string[]
  /** Why it gave no values, when it gave none: a timeout, a refusal, no such name. */
  reason: string
  visible: boolean
}

/** At most this many values of a name are kept from one answer: a record set is a few values. */
const MAX_VALUES = 10
/** The fewest milliseconds between two queries of one nameserver for one record. */
export const MIN_QUERY_INTERVAL_MS = 2000

/** One question to one nameserver (`ip` or `ip:port`): the values it answers for the record's name and type. */
export async function askNameserver(
  nameserver: string,
  record: Pick<DnsRecord, 'name' | 'type'>,
  timeoutMs: number
): Promise<{ values: string[]; reason: string }> {
  const resolver = await resolverOf(timeoutMs, 1)
  resolver.setServers([nameserver])
  try {
    const values =
      record.type === 'TXT'
        ? (await resolver.resolveTxt(record.name)).map((chunks) => chunks.join(''))
        : await resolver.resolveCname(record.name)
    // What a nameserver sends is server text like any other: made inert, and kept short.
    return { values: values.slice(0, MAX_VALUES).map((value) => untrusted(value, 255)), reason: '' }
  } catch (error) {
    const code = (error as { code?: unknown }).code
    return { values: [], reason: typeof code === 'string' ? code : 'no answer' }
  } finally {
    resolver.cancel()
  }
}

export interface VisibilityOptions {
  clock: Clock
  /** dns-propagation-timeout, in milliseconds: from the first question. */
  timeoutMs: number
  /** Between two questions to one nameserver; never below MIN_QUERY_INTERVAL_MS. */
  intervalMs?: number
  /** request-timeout, for one question. */
  queryTimeoutMs: number
  /** Told each nameserver's last answers after every round (for the result, failed or not). */
  onRound?: (answers: readonly NameserverAnswer[]) => void
}

/**
 * Asks every nameserver until each answers the record's value; returns their last answers. A nameserver that has
 * shown the value is not asked again. Throws ActionError.DnsNotPropagated, naming each nameserver and what it
 * answered, when the bound passes first.
 */
export async function untilVisible(
  record: DnsRecord,
  nameservers: readonly string[],
  options: VisibilityOptions
): Promise<NameserverAnswer[]> {
  const interval = Math.max(MIN_QUERY_INTERVAL_MS, options.intervalMs ?? MIN_QUERY_INTERVAL_MS)
  const deadline = options.clock.now() + options.timeoutMs
  const answers = new Map<string, NameserverAnswer>(
    nameservers.map((nameserver) => [nameserver, { nameserver, answered: [], reason: 'not asked yet', visible: false }])
  )
  for (;;) {
    const waiting = [...answers.values()].filter((answer) => !answer.visible)
    await Promise.all(
      waiting.map(async (answer) => {
        const { values, reason } = await askNameserver(answer.nameserver, record, options.queryTimeoutMs)
        answers.set(answer.nameserver, {
          nameserver: answer.nameserver,
          answered: values,
          reason,
          visible: values.some((value) => sameRecordValue(record.type, value, record.value))
        })
      })
    )
    const all = [...answers.values()]
    options.onRound?.(all)
    if (all.every((answer) => answer.visible)) return all
    const remainingMs = deadline - options.clock.now()
    if (remainingMs <= 0) {
      const said = all
        .map(
          (answer) =>
            `${answer.nameserver}: ${answer.visible ? 'shows it' : answer.answered.length > 0 ? `answers ${answer.answered.map((v) => JSON.stringify(v)).join(', ')}` : answer.reason || 'no value'}`
        )
        .join('; ')
      throw new Failure({
        code: ValidationCode.DnsNotPropagated,
        message: `the ${record.type} record ${record.name} (${JSON.stringify(record.value)}) was not visible at every authoritative nameserver within dns-propagation-timeout (${options.timeoutMs / 1000} s): ${said}`
      })
    }
    await options.clock.sleep(Math.min(interval, remainingMs))
  }
}

/** The visibility of a record in the Results' form: nameservers that answered the value / nameservers asked. */
export const visibleShare = (answers: readonly NameserverAnswer[]): string =>
  `${answers.filter((answer) => answer.visible).length}/${answers.length}`

/**
 * The zone's authoritative nameservers, as `ip:53`: its NS records, each name's addresses, asked of the runner's
 * resolver. None found: ActionError.DnsNotPropagated, saying to set dns-nameservers.
 */
export async function zoneNameservers(zone: string, timeoutMs: number, servers?: readonly string[]): Promise<string[]> {
  const resolver = await resolverOf(timeoutMs, 2)
  if (servers) resolver.setServers([...servers])
  try {
    const names = await resolver.resolveNs(zone).catch(() => [] as string[])
    const addresses = await Promise.all(
      names
        .slice(0, MAX_VALUES)
        .map(async (name) => [
          ...(await resolver.resolve4(name).catch(() => [] as string[])),
          ...(await resolver.resolve6(name).catch(() => [] as string[]))
        ])
    )
    const found = [...new Set(addresses.flat())].map((address) =>
      address.includes(':') ? `[${address}]:53` : `${address}:53`
    )
    if (found.length === 0)
      throw new Failure({
        code: ValidationCode.DnsNotPropagated,
        message: `the authoritative nameservers of ${untrusted(zone, 253)} could not be found (no NS records, or none with an address, at the runner's resolver): give them in dns-nameservers`
      })
    return found
  } finally {
    resolver.cancel()
  }
}
