// The wait's settings: wait-for-issuance, wait-timeout, and wait-interval, which also paces the status rounds and the
// following of a switch; in milliseconds from here on.
import { booleanInput, numberIn, positiveSecondsIn, WAIT_TIMEOUT_LIMIT, type ReadInput } from '../../support/formats.js'
import type { WaitSettings } from './step.js'

const WAIT_INTERVAL_LIMIT = 600

export function readWaitSettings(readInput: ReadInput): WaitSettings & { intervalMs: number } {
  const text = (name: string): string => readInput(name).trim()
  const waiting = booleanInput('wait-for-issuance', text('wait-for-issuance'))
  const timeoutSeconds = numberIn('wait-timeout', text('wait-timeout'), 1, WAIT_TIMEOUT_LIMIT, true)
  const intervalMs = positiveSecondsIn('wait-interval', text('wait-interval'), WAIT_INTERVAL_LIMIT) * 1000
  return { intervalMs, ...(waiting ? { wait: { timeoutMs: timeoutSeconds * 1000, intervalMs } } : {}) }
}
