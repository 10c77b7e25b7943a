// A provider's answer is server text like Tencent Cloud's: made inert (no workflow command, no control character)
// and kept short before it reaches the log, a result or the summary.
import { untrusted } from '../support/untrusted.js'

export const providerText = (value: unknown, maxLength = 500): string =>
  untrusted(
    typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '',
    maxLength
  )
