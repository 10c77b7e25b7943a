// The wait's settings: wait-for-issuance and wait-timeout, in milliseconds from here on; and wait-interval, which also
// paces the status rounds and the following of a switch, so the inputs read it once for every step (readWaitInterval).
import { booleanInput, numberIn, positiveSecondsIn, WAIT_TIMEOUT_LIMIT, type ReadInput } from '../../support/formats.js'
import type { WaitSettings } from './step.js'

const WAIT_INTERVAL_LIMIT = 600

/** wait-interval, in milliseconds. */
export const readWaitInterval = (readInput: ReadInput): number =>
  positiveSecondsIn('wait-interval', readInput('wait-interval').trim(), WAIT_INTERVAL_LIMIT) * 1000

export function readWaitSettings(readInput: ReadInput, intervalMs: number): WaitSettings {
  const text = (name: string): string => readInput(name).trim()
  const waiting = booleanInput('wait-for-issuance', text('wait-for-issuance'))
  const timeoutSeconds = numberIn('wait-timeout', text('wait-timeout'), 1, WAIT_TIMEOUT_LIMIT, true)
  return waiting ? { wait: { timeoutMs: timeoutSeconds * 1000, intervalMs } } : {}
}
