// The served check itself, for a step with verify-hosts: once the switch has ended, what each host serves,
// read over TLS, until each serves this step's certificate or verify-timeout has passed (a CDN's edges take minutes).
// `switched` adds the domains of the resources the switch moved. In a preview: each host once, as it is now, reported
// and never failed.
import { createHash, X509Certificate } from 'node:crypto'
import { Failure } from '../../api/errors.js'
import { ISSUED } from '../../api/status.js'
import { doing, StepFailed, type CertificateFlow, type Job, type StepOutcome } from '../../flow/step.js'
import { checkHosts, HandshakePool } from '../../served/check.js'
import { hostLabel, type HostTarget, type ServedHost } from '../../served/host.js'
import type { Expectation } from '../../served/probe.js'
import { maskKey } from '../files/save.js'
import type { SwitchSettings } from '../switch/step.js'
import { notServingHosts, ServedCode } from './codes.js'
import { targetKey, withConnectTo, type ServedSettings, type VerifySettings } from './settings.js'
import type { ServedResult } from './slice.js'

type Settings = ServedSettings & SwitchSettings
type Flow = CertificateFlow<Settings, ServedResult>

/** A PEM text's first certificate: its SHA-256 (lower-case hex) and DNS names; '' and none when it holds none. */
export function leafOf(pem: string): { fingerprint: string; names: string[] } {
  const first = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)
  if (!first) return { fingerprint: '', names: [] }
  const leaf = new X509Certificate(first[0])
  const names = (leaf.subjectAltName ?? '')
    .split(', ')
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4).toLowerCase())
  return { fingerprint: createHash('sha256').update(leaf.raw).digest('hex'), names }
}

/** Whether a domain (perhaps a wildcard) covers a host, one label for `*`. */
const covers = (domain: string, host: string): boolean => {
  const name = domain.toLowerCase()
  if (!name.startsWith('*.')) return name === host
  const rest = host.slice(host.indexOf('.') + 1)
  return host.includes('.') && rest === name.slice(2)
}

/** The resources the switch moved (switched, by the task's own account). */
const switchedResources = (flow: Flow) => (flow.result.Rebind?.Resources ?? []).filter((r) => r.Status === 1)

/**
 * The hosts to check: those named, and with `switched`, the domains of the resources the switch moved. With several
 * certificates in the step, each checks the named hosts its own names cover (`names`, when its leaf is known).
 */
function targetsOf(flow: Flow, verify: VerifySettings, log: (line: string) => void, names?: string[]): HostTarget[] {
  const mine = (host: string): boolean => !verify.shared || !names || names.some((name) => covers(name, host))
  const others = verify.hosts.filter((target) => !mine(target.host))
  if (others.length > 0)
    log(
      `Certificate ${flow.id}: ${others.map(hostLabel).join(', ')} left to the other certificates of the step, as its names do not cover ${others.length === 1 ? 'it' : 'them'}`
    )
  const targets = new Map(
    verify.hosts.filter((target) => mine(target.host)).map((target) => [targetKey(target), target])
  )
  if (verify.switched) {
    const domains = [...new Set(switchedResources(flow).flatMap((r) => r.Domains.map((d) => d.toLowerCase())))]
    const wildcards = domains.filter((domain) => domain.includes('*'))
    if (wildcards.length > 0)
      log(
        `Certificate ${flow.id}: a wildcard names no host to connect to (${wildcards.join(', ')}): name the hosts it covers in verify-hosts to check them`
      )
    for (const host of domains.filter((domain) => !domain.includes('*') && /^[a-z0-9.-]+$/.test(domain)))
      targets.set(targetKey({ host, port: 443 }), { host, port: 443 })
  }
  return withConnectTo([...targets.values()], verify.connectTo)
}

/** The resources the switch reported switched for a host, in words. */
function resourcesFor(flow: Flow, host: string): string {
  const resources = switchedResources(flow).filter((r) => r.Domains.some((domain) => covers(domain, host)))
  return resources
    .map((r) => [r.ResourceType, r.InstanceId, r.ListenerId, r.Region && `(${r.Region})`].filter(Boolean).join(' '))
    .join(', ')
}

/** The failure for the hosts not serving at the end. */
export function notServed(flow: Flow, entries: readonly ServedHost[], after: string): Failure {
  const { count, named } = notServingHosts(entries, (host) => resourcesFor(flow, host))
  return new Failure({ code: ServedCode.NotServed, message: `${count} do not serve ${flow.id} ${after}: ${named}` })
}

/** What the step shell calls, made once per job: one bound on handshakes for every certificate. */
export interface ServedChecks {
  run(flow: Flow): Promise<StepOutcome>
  plan(flow: Flow): Promise<StepOutcome>
}

export function servedChecks(job: Job): ServedChecks {
  // One bound on handshakes for every certificate of the job.
  const pool = new HandshakePool()
  const options = (verify: VerifySettings) => ({
    timeoutMs: verify.handshakeTimeoutMs,
    env: job.services.env,
    pool,
    ...(job.services.trustedCa ? { ca: job.services.trustedCa } : {})
  })

  /** A certificate's leaf, read with DescribeCertificateDetail (its key masked at once). */
  async function leafOfCertificate(id: string): Promise<{ fingerprint: string; names: string[] }> {
    const material = await job.api.describeCertificateMaterial({ CertificateId: id })
    maskKey(material.CertificatePrivateKey, (secret) => job.mask(secret))
    return leafOf(material.CertificatePublicKey)
  }

  /** What this step expects (its certificate's leaf, and the one the switch replaced), and its leaf's names. */
  async function expectationOf(
    flow: Flow,
    verify: VerifySettings
  ): Promise<{ expectation: Expectation; names: string[] }> {
    const leaf = await leafOfCertificate(flow.id)
    const oldId = flow.result.Rebind?.OldCertificateId || flow.settings.rebind?.oldIds.get(flow.id)
    // The old certificate may be gone: a host serving it then shows as `other`.
    const replaced = oldId ? (await leafOfCertificate(oldId).catch(() => undefined))?.fingerprint : undefined
    const expectation = {
      ...(leaf.fingerprint ? { expected: leaf.fingerprint } : {}),
      ...(replaced ? { replaced: [replaced] } : {}),
      minDays: verify.minDays,
      now: job.clock.now()
    }
    return { expectation, names: leaf.names }
  }

  /** Logs each host whose state changed since `before`, with the time since the check started (the switch's end). */
  function sayChanges(flow: Flow, before: Map<string, string>, entries: readonly ServedHost[], since: number): void {
    const after = ((job.clock.now() - since) / 1000).toFixed(1)
    for (const entry of entries) {
      const key = targetKey({ host: entry.Host, port: entry.Port })
      if (before.get(key) === entry.State) continue
      before.set(key, entry.State)
      const why = entry.Reason ? `: ${entry.Reason}` : ''
      job.log.info(
        `Certificate ${flow.id}: ${hostLabel({ host: entry.Host, port: entry.Port })} ${entry.State}${why} (${after} s after the switch)`
      )
    }
  }

  return {
    async run(flow) {
      const verify = flow.settings.verify
      if (!verify) return
      if (flow.result.Status !== ISSUED) {
        job.log.info(
          `Certificate ${flow.id}: the hosts are not checked, as it is not issued yet; a run that waits for issuance checks them`
        )
        return
      }
      let known: { expectation: Expectation; names: string[] }
      try {
        known = await expectationOf(flow, verify)
      } catch (error) {
        throw new StepFailed(error, { describe: doing('reading the certificate to check the hosts against') })
      }
      const { expectation } = known
      if (expectation.expected === undefined)
        job.log.warning(
          `Certificate ${flow.id}: Tencent Cloud's answer holds no certificate text to compare with, so the hosts are checked as a watch is: reachable, named, trusted and not expiring, whatever certificate they serve`
        )
      const targets = targetsOf(flow, verify, (line) => job.log.info(line), known.names)
      if (targets.length === 0) {
        job.log.info(
          `Certificate ${flow.id}: no host to check: no named host is its own, and the switch moved no resource with a domain`
        )
        flow.result = { ...flow.result, Served: [] }
        return
      }
      const since = job.clock.now()
      const deadline = since + verify.timeoutMs
      const states = new Map<string, string>()
      let entries = await checkHosts(targets, expectation, options(verify))
      for (;;) {
        flow.result = { ...flow.result, Served: entries }
        sayChanges(flow, states, entries, since)
        const waiting = entries.filter((entry) => entry.State !== 'serving')
        if (waiting.length === 0) return
        if (job.clock.now() + verify.intervalMs > deadline)
          throw new StepFailed(notServed(flow, entries, `within verify-timeout (${verify.timeoutMs / 1000} s)`))
        await job.clock.sleep(verify.intervalMs)
        const again = targets.filter((_, index) => entries[index].State !== 'serving')
        const fresh = await checkHosts(again, { ...expectation, now: job.clock.now() }, options(verify))
        const byKey = new Map(fresh.map((entry) => [targetKey({ host: entry.Host, port: entry.Port }), entry]))
        entries = entries.map((entry) => byKey.get(targetKey({ host: entry.Host, port: entry.Port })) ?? entry)
      }
    },
    async plan(flow) {
      const verify = flow.settings.verify
      if (!verify) return
      let known: { expectation: Expectation; names?: string[] } = {
        expectation: { minDays: verify.minDays, now: job.clock.now() }
      }
      try {
        if (flow.result.Status === ISSUED) known = await expectationOf(flow, verify)
      } catch (error) {
        throw new StepFailed(error, { describe: doing('the preview could not read the certificate') })
      }
      const { expectation } = known
      const targets = targetsOf(flow, verify, (line) => job.log.info(line), known.names)
      const entries = await checkHosts(targets, expectation, options(verify))
      flow.result = { ...flow.result, Served: entries }
      // The hosts as they are now, each state counted: "1 old, 2 serving".
      const counts = new Map<string, number>()
      for (const entry of entries) counts.set(entry.State, (counts.get(entry.State) ?? 0) + 1)
      const now = [...counts].map(([state, count]) => `${count} ${state}`).join(', ') || 'none named'
      const hosts = `${targets.length} ${verify.switched ? 'named ' : ''}host${targets.length === 1 ? '' : 's'}`
      const names = verify.switched ? `${hosts} and the switched resources' domains` : hosts
      job.preview?.add(flow.id, {
        Step: 'served',
        Would: `check ${names} over TLS until each serves ${flow.id}, for up to ${verify.timeoutMs / 1000} s after the switch`,
        Why: `verify-hosts; the hosts as they are now: ${now}`
      })
    }
  }
}
