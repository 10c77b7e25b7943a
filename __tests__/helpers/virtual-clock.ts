// A clock for the tests of pacing and waiting: time moves only when every promise has settled and a timer is due,
// so schedules are exact and a test of minutes takes milliseconds.
import type { Clock } from '../../src/support/clock.js'

export class VirtualClock implements Clock {
  time = 0
  private timers: { at: number; resolve: () => void; reject: (error: Error) => void }[] = []
  stopped: Error | undefined

  now = (): number => this.time

  sleep = (ms: number): Promise<void> =>
    new Promise((resolve, reject) => {
      if (this.stopped) return reject(this.stopped)
      this.timers.push({ at: this.time + Math.max(0, ms), resolve, reject })
    })

  /** Ends every sleep, as the job's cancellation does. */
  stop(error: Error): void {
    this.stopped = error
    for (const timer of this.timers.splice(0)) timer.reject(error)
  }

  async runUntil(done: () => boolean): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve))
      if (done() || this.timers.length === 0) return
      this.timers.sort((a, b) => a.at - b.at)
      const next = this.timers.shift()!
      this.time = next.at
      next.resolve()
    }
  }
}

/** Real time, for the tests that run against the emulator's own clock. */
export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
