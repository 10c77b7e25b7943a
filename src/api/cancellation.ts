import type { CallCancellation } from './caller.js'
import { ActionErrorCode, Failure } from './errors.js'

/**
 * The job being cancelled, in two stages: `stopping` (start nothing new; sleeps and pacing end at once), then,
 * after a short grace for the requests already in flight, `aborting` (those requests end too). The runner sends
 * SIGINT, then SIGTERM 7.5 s later, then kills: both stages and the report must fit well inside that.
 */
export class Cancellation implements CallCancellation {
  private readonly stop = new AbortController()
  private readonly abort = new AbortController()

  get stopping(): AbortSignal {
    return this.stop.signal
  }

  get aborting(): AbortSignal {
    return this.abort.signal
  }

  get cancelled(): boolean {
    return this.stop.signal.aborted
  }

  /** Stops now and aborts what is in flight after `graceMs`; a second call changes nothing. */
  cancel(graceMs: number): void {
    if (this.cancelled) return
    this.stop.abort()
    setTimeout(() => this.abort.abort(), graceMs).unref()
  }

  /** The failure of a call the cancellation ended; `mayHaveReached` when its request was already on its way. */
  failure(mayHaveReached: boolean): Failure {
    return new Failure({
      code: ActionErrorCode.Cancelled,
      message: mayHaveReached
        ? 'the job was cancelled while the request was in flight'
        : 'the job was cancelled before the request was sent',
      mayHaveTakenEffect: mayHaveReached
    })
  }

  /** A sleep that ends early, with the cancellation's failure, when the job is cancelled. */
  sleep = (ms: number): Promise<void> =>
    new Promise((resolve, reject) => {
      if (this.cancelled) return reject(this.failure(false))
      const onStop = (): void => {
        clearTimeout(timer)
        reject(this.failure(false))
      }
      const timer = setTimeout(() => {
        this.stopping.removeEventListener('abort', onStop)
        resolve()
      }, ms)
      this.stopping.addEventListener('abort', onStop, { once: true })
    })
}
