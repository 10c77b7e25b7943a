import type { CertificateDetail, CertificateStatus } from '../api/answers/index.js'
import type { SslApi } from '../api/calls.js'
import { ActionErrorCode, toFailure } from '../api/errors.js'
import type { CallOptions } from '../support/call-options.js'
import type { Clock } from '../support/clock.js'
import { readCertificate } from '../api/read-certificate.js'

/** DescribeCertificates answers at most this many certificates per call. */
export const LIST_LIMIT = 1000

/** A status from the list API: no order ID, no records. */
type ListedStatus = CertificateStatus & { RequestId: string; listed: true }

/** What a status read gives: the list's status, or the whole detail when the certificate had to be read alone. */
export type StatusUpdate = ListedStatus | CertificateDetail

export const isListed = (update: StatusUpdate): update is ListedStatus => 'listed' in update

interface Waiter {
  resolve: (update: StatusUpdate) => void
  reject: (error: unknown) => void
}

/**
 * Certificates' statuses, many at a time: one DescribeCertificates call per 1000 certificates instead of a
 * DescribeCertificateDetail each, so a large fleet does not keep the account's detail limit busy. A certificate the
 * list does not hold is read alone. When the key may not list (ssl:DescribeCertificates is a permission of its own),
 * the step says so once and reads each certificate alone from then on.
 *
 * - `read(id)`: this certificate's status, read together with every other read asked for in the same turn (the
 *   skip-submitted check of a whole fleet is one call).
 * - `next(id, maxWaitMs)`: while waiting for issuance, its status at the next round: every `intervalMs`, one read
 *   for every certificate waiting then; or, when the next round comes after `maxWaitMs`, a read of its own then.
 */
export class Statuses {
  private listing = true
  private batch: Map<string, Waiter[]> | undefined
  private origin: number | undefined
  private readonly rounds = new Map<number, Map<string, Waiter[]>>()

  constructor(
    private readonly api: SslApi,
    private readonly options: CallOptions & { clock: Clock; intervalMs: number }
  ) {}

  read(id: string): Promise<StatusUpdate | undefined> {
    return new Promise((resolve, reject) => {
      if (!this.batch) {
        const batch = (this.batch = new Map<string, Waiter[]>())
        queueMicrotask(() => {
          this.batch = undefined
          void this.settle(batch, { fallBack: false })
        })
      }
      waitFor(this.batch, id, { resolve, reject })
    })
  }

  /** The list's view of a certificate (what only the list gives: links, AutoRenewFlag); undefined when not listed. */
  async listed(id: string): Promise<CertificateStatus | undefined> {
    const update = await this.read(id)
    return update && isListed(update) ? update : undefined
  }

  next(id: string, maxWaitMs: number): Promise<StatusUpdate> {
    const now = this.options.clock.now()
    this.origin ??= now
    const round = Math.floor((now - this.origin) / this.options.intervalMs) + 1
    const at = this.origin + round * this.options.intervalMs
    if (at - now > maxWaitMs) return this.options.clock.sleep(maxWaitMs).then(() => readCertificate(this.api, id))
    return new Promise((resolve, reject) => {
      let waiting = this.rounds.get(round)
      if (!waiting) {
        this.rounds.set(round, (waiting = new Map<string, Waiter[]>()))
        void this.runRound(round, at, waiting)
      }
      waitFor(waiting, id, { resolve, reject })
    })
  }

  private async runRound(round: number, at: number, waiting: Map<string, Waiter[]>): Promise<void> {
    try {
      await this.options.clock.sleep(at - this.options.clock.now())
    } catch (error) {
      // Cancelled: no round, and nobody waits for one.
      this.rounds.delete(round)
      for (const waiter of [...waiting.values()].flat()) waiter.reject(error)
      return
    }
    this.rounds.delete(round)
    await this.settle(waiting, { fallBack: true })
  }

  /** Lists the certificates waiting; those the list did not give are read alone when `fallBack`, or get undefined. */
  private async settle(waiting: Map<string, Waiter[]>, { fallBack }: { fallBack: boolean }): Promise<void> {
    let listed: Map<string, ListedStatus>
    try {
      listed = await this.list([...waiting.keys()])
    } catch (error) {
      for (const waiter of [...waiting.values()].flat()) waiter.reject(error)
      return
    }
    for (const [id, waiters] of waiting) {
      const status = listed.get(id)
      if (status || !fallBack) {
        for (const waiter of waiters) waiter.resolve(status as StatusUpdate)
        continue
      }
      readCertificate(this.api, id).then(
        (detail) => waiters.forEach((waiter) => waiter.resolve(detail)),
        (error: unknown) => waiters.forEach((waiter) => waiter.reject(error))
      )
    }
  }

  /** The statuses the list gives for `ids`, up to 1000 a call; none when listing is not allowed or fails. */
  private async list(ids: readonly string[]): Promise<Map<string, ListedStatus>> {
    const statuses = new Map<string, ListedStatus>()
    for (let start = 0; start < ids.length && this.listing; start += LIST_LIMIT) {
      const chunk = ids.slice(start, start + LIST_LIMIT)
      try {
        const answer = await this.api.describeCertificates({ CertIds: chunk, Limit: LIST_LIMIT, Offset: 0 })
        for (const certificate of answer.Certificates)
          statuses.set(certificate.CertificateId, { ...certificate, RequestId: answer.RequestId, listed: true })
      } catch (error) {
        const { code, message } = toFailure(error)
        if (code === ActionErrorCode.Cancelled) throw error
        if (isPermissionRefusal(code)) {
          this.listing = false
          this.options.log.warning(
            `DescribeCertificates was refused (${code}): reading each certificate with DescribeCertificateDetail instead, which uses the ` +
              "account's DescribeCertificateDetail rate limit for every certificate. Allow ssl:DescribeCertificates in the key's (or role's) CAM policy."
          )
        } else {
          this.options.log.info(`Listing certificates failed (${code}: ${message}); reading them one by one this time`)
        }
      }
    }
    return statuses
  }
}

/** CAM refused the call: the gateway's codes, and the SSL API's own for a policy that lacks the action. */
const isPermissionRefusal = (code: string): boolean =>
  /^(AuthFailure\.)?UnauthorizedOperation/.test(code) ||
  code === 'FailedOperation.AuthError' ||
  code === 'FailedOperation.CAMAuthorizedFail'

function waitFor(waiting: Map<string, Waiter[]>, id: string, waiter: Waiter): void {
  const waiters = waiting.get(id)
  if (waiters) waiters.push(waiter)
  else waiting.set(id, [waiter])
}
