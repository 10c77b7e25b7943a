import { isFailure, type BaseResult } from './result.js'

/** Above this many certificates, per-certificate lines go to debug and a progress line stands for them. */
export const FLEET_SIZE = 20
/** A progress line at most this often. */
export const PROGRESS_INTERVAL_MS = 5000

/** Where a fleet stands: how many certificates hold an order, have failed, are waiting, are done. */
export class Progress {
  private readonly submitted = new Set<string>()
  private readonly waiting = new Set<string>()
  private failed = 0
  private done = 0

  constructor(private readonly total: number) {}

  stage(id: string, stage: 'submitted' | 'waiting'): void {
    ;(stage === 'submitted' ? this.submitted : this.waiting).add(id)
  }

  finished(result: BaseResult): void {
    this.waiting.delete(result.CertificateId)
    this.done++
    if (isFailure(result)) this.failed++
  }

  line(): string {
    return `Progress: ${this.submitted.size} of ${this.total} submitted, ${this.failed} failed, ${this.waiting.size} waiting, ${this.done} done`
  }
}
