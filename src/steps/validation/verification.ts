// While the CA waits for domain validation: what Tencent Cloud's own check finds for each domain
// (CheckCertificateDomainVerification), said when it changes, and the CA asked to look now (CompleteCertificate)
// once every domain passes that check.
import type { DomainCheck, DvAuth } from '../../api/answers/index.js'
import type { SslApi } from '../../api/calls.js'
import { ActionErrorCode, toFailure } from '../../api/errors.js'
import { recordLocation } from '../../api/validation-records.js'
import type { CallOptions } from '../../support/call-options.js'
import { AWAITING_VALIDATION } from '../../api/status.js'

/** The last check of one domain, with the field names the Results output documents. */
export interface DomainVerificationResult {
  Domain: string
  VerifyType: string
  /** Tencent Cloud's own check: 1 passed, negative codes for what is missing or wrong. */
  LocalCheck: number
  Reason: string
  /** What Tencent Cloud found where the record should be. */
  Found: string[]
  /** The CA's: 2 passed. */
  CaCheck: number
}

/** A check that Tencent Cloud rate-limited doubles the certificate's check interval, up to this. */
const MAX_CHECK_INTERVAL_MS = 5 * 60_000
/** "Verify now" again at most this often while every domain passes Tencent Cloud's check but not the CA's. */
export const COMPLETE_INTERVAL_MS = 10 * 60_000
const NOT_ALLOWED = 'FailedOperation.CertificateStatusNotAllowVerify'
const LOCAL_PASSED = 1
const CA_PASSED = 2

export interface VerificationOptions extends CallOptions {
  /** wait-interval: at most one check per certificate per interval. */
  intervalMs: number
  notice: (message: string) => void
}

const codeSpan = (text: string): string => `\`${text.replace(/`/g, "'")}\``

/** The record the CA asks for to validate `domain`: the one whose name or site is the domain, else whose zone holds it. */
function recordFor(domain: string, records: readonly DvAuth[]): DvAuth | undefined {
  const bare = domain.toLowerCase().replace(/^\*\./, '')
  const named = records.find((record) => {
    const key = record.DvAuthKey.toLowerCase()
    return (
      key === bare ||
      key.endsWith(`.${bare}`) ||
      (record.DvAuthVerifyType === 'FILE' && record.DvAuthDomain.toLowerCase() === bare)
    )
  })
  if (named) return named
  const zones = records.filter(
    (record) => bare === record.DvAuthDomain.toLowerCase() || bare.endsWith(`.${record.DvAuthDomain.toLowerCase()}`)
  )
  return (
    zones.sort((a, b) => b.DvAuthDomain.length - a.DvAuthDomain.length)[0] ??
    (records.length === 1 ? records[0] : undefined)
  )
}

/** One domain's state in words: what is expected where, what was found, and Tencent Cloud's reason. */
export function describeCheck(check: DomainCheck, records: readonly DvAuth[]): string {
  if (check.LocalCheck === LOCAL_PASSED)
    return check.CaCheck === CA_PASSED ? 'passed' : 'found, the CA has not checked it yet'
  const record = recordFor(check.Domain, records)
  const location = record && recordLocation(record)
  const where = !location
    ? 'the record'
    : location.type === 'FILE'
      ? `file ${codeSpan(`http(s)://${check.Domain.replace(/^\*\./, '')}${location.name.startsWith('/') ? '' : '/'}${location.name}`)}`
      : `${location.type} record ${codeSpan(location.name)} in ${codeSpan(location.zone)}`
  const expected = location ? `expected ${codeSpan(location.value)}` : 'no record is known for it'
  const found = check.CheckValue.length > 0 ? `found ${check.CheckValue.map(codeSpan).join(', ')}` : 'found nothing'
  const said = check.LocalCheckFailReason ? `; Tencent Cloud says: ${check.LocalCheckFailReason}` : ''
  switch (check.LocalCheck) {
    case -1:
    case -4:
    case -6:
    case -9:
      return `${where} not found yet (${expected}${check.CheckValue.length > 0 ? `; ${found}` : ''})${said}`
    case -2:
    case -5:
    case -7:
    case -10:
      return `${where} holds another value (${found}, ${expected})${said}`
    case -3:
    case -8:
      return `no NS record found for the domain: its DNS is not delegated where the record is (${expected})${said}`
    default:
      return `not validated yet (LocalCheck ${check.LocalCheck}, ${expected})${said}`
  }
}

/**
 * One certificate's domain validation while it is waited for: checked at most once per interval (twice as seldom
 * after each rate-limited check, up to 5 minutes), each domain's state logged when it changes, and the CA asked to
 * check now when Tencent Cloud's own check passes every domain. Nothing here fails or holds up the wait: what it
 * finds is said.
 */
export class DomainVerification {
  private nextCheckAt = 0
  private checkIntervalMs: number
  private stopped = false
  private lastAskedAt: number | undefined
  private askingRefused = false
  private inFlight: Promise<void> | undefined
  private readonly said = new Map<string, string>()
  private last: DomainCheck[] = []

  constructor(
    private readonly api: SslApi,
    private readonly id: string,
    private records: readonly DvAuth[],
    private readonly options: VerificationOptions
  ) {
    this.checkIntervalMs = options.intervalMs
  }

  /**
   * A round of the wait, with the certificate's status: starts a check when one is due and none is in flight. It
   * never holds the wait up: the check is paced against its own rate limit, beside the status rounds.
   */
  round(status: number): void {
    const now = this.options.clock.now()
    if (this.inFlight || this.stopped || !AWAITING_VALIDATION.has(status) || now < this.nextCheckAt) return
    this.nextCheckAt = now + this.checkIntervalMs
    this.inFlight = this.check(now).finally(() => (this.inFlight = undefined))
  }

  /** The records, once they arrive after the order. */
  learnRecords(records: readonly DvAuth[]): void {
    this.records = records
  }

  /** No check starts after this: the wait is over. */
  stop(): void {
    this.stopped = true
  }

  /** The check in flight, if any, settled: for the tests. */
  settled(): Promise<void> {
    return this.inFlight ?? Promise.resolve()
  }

  private async check(now: number): Promise<void> {
    let results: DomainCheck[]
    try {
      const answer = await this.api.checkCertificateDomainVerification({ CertificateId: this.id })
      results = answer.Results
    } catch (error) {
      const { code, message } = toFailure(error)
      if (code === ActionErrorCode.Cancelled) this.stopped = true
      else if (code === NOT_ALLOWED) {
        this.stopped = true
        this.options.log.info(
          `Certificate ${this.id}: Tencent Cloud allows no domain check in its state (${code}); not checking again`
        )
      } else {
        this.options.log.info(
          `Certificate ${this.id}: checking its domains failed (${code}: ${message}); trying again later`
        )
      }
      return
    }
    if (results.some((result) => result.Frequently)) {
      this.checkIntervalMs = Math.min(this.checkIntervalMs * 2, MAX_CHECK_INTERVAL_MS)
      this.nextCheckAt = now + this.checkIntervalMs
      this.options.log.info(
        `Certificate ${this.id}: Tencent Cloud rate-limited the domain check; checking every ${this.checkIntervalMs / 1000} s from now`
      )
    }
    const fresh = results.filter((result) => !result.Frequently)
    if (fresh.length === 0) return
    const byDomain = new Map(this.last.map((check) => [check.Domain, check]))
    for (const check of fresh) byDomain.set(check.Domain, check)
    this.last = [...byDomain.values()]
    for (const check of fresh) {
      const line = describeCheck(check, this.records)
      if (this.said.get(check.Domain) === line) continue
      this.said.set(check.Domain, line)
      this.options.log.info(`Certificate ${this.id}: ${check.Domain}: ${line}`)
    }
    if (
      this.last.every((check) => check.LocalCheck === LOCAL_PASSED) &&
      this.last.some((check) => check.CaCheck !== CA_PASSED)
    )
      await this.askTheCa(now)
  }

  /** CompleteCertificate, as the console's "verify now": once, then at most every 10 minutes while it stays so. */
  private async askTheCa(now: number): Promise<void> {
    if (this.askingRefused || (this.lastAskedAt !== undefined && now - this.lastAskedAt < COMPLETE_INTERVAL_MS)) return
    this.lastAskedAt = now
    try {
      await this.api.completeCertificate({ CertificateId: this.id })
      this.options.log.info(
        `Certificate ${this.id}: every domain passes Tencent Cloud's check; asked the CA to check now (CompleteCertificate)`
      )
    } catch (error) {
      const failure = toFailure(error)
      if (failure.code === ActionErrorCode.Cancelled) return
      if (failure.retryable) {
        this.options.log.info(
          `Certificate ${this.id}: asking the CA to check now failed (${failure.code}: ${failure.message}); asking again in ${COMPLETE_INTERVAL_MS / 60_000} minutes`
        )
        return
      }
      // Not for every brand (DNSPod's, WoTrus'), nor once issued: the CA then checks on its own, as it always does.
      this.askingRefused = true
      this.options.notice(
        `Certificate ${this.id}: the CA cannot be asked to check now (${failure.code}: ${failure.message}); it checks the domains on its own`
      )
    }
  }

  /** Each domain's last check, for Results. */
  results(): DomainVerificationResult[] {
    return this.last.map((check) => ({
      Domain: check.Domain,
      VerifyType: check.VerifyType,
      LocalCheck: check.LocalCheck,
      Reason: check.LocalCheckFailReason,
      Found: check.CheckValue,
      CaCheck: check.CaCheck
    }))
  }

  /** Whether the CA has passed every domain checked (none checked yet: false). */
  allPassed(): boolean {
    return (
      this.last.length > 0 &&
      this.last.every((check) => check.LocalCheck === LOCAL_PASSED && check.CaCheck === CA_PASSED)
    )
  }

  /** The domains not validated, each with what is expected, what was found and why: '' when none is known. */
  notValidated(): string {
    return this.last
      .filter((check) => !(check.LocalCheck === LOCAL_PASSED && check.CaCheck === CA_PASSED))
      .map((check) => `${check.Domain}: ${describeCheck(check, this.records)}`)
      .join('; ')
  }
}
