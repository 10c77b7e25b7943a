// The error table of docs/troubleshooting.md, from the action's own advice (src/report/advice.ts: the API layer's and each
// step's): build-only, used by `npm run error-table` and the test that holds the page to the code.
import type { Advice } from '../src/api/hints.js'
import { ADVICE } from '../src/report/advice.js'
import { isRateLimitCode, isRetryableCode } from '../src/api/errors.js'

function retryColumn(advice: Advice): string {
  if (advice.retryNote) return advice.retryNote
  if (advice.outcome) return '—'
  const [first] = advice.codes
  if (isRateLimitCode(first)) return 'yes, without using up an attempt'
  return isRetryableCode(first) ? 'yes' : 'no'
}

/** One row per entry of ADVICE: the codes, whether the action retries them, and what to do. */
export function errorTableRows(): string[][] {
  return ADVICE.map((advice) => {
    const codes = advice.codes.flatMap((c) => (advice.family ? [`\`${c}\``, `\`${c}.*\``] : [`\`${c}\``])).join(', ')
    const hint = advice.hint.charAt(0).toUpperCase() + advice.hint.slice(1)
    const from = advice.calls
      ? ` (from ${advice.calls.join(', ')})`
      : advice.service
        ? ` (from ${advice.service.toUpperCase()})`
        : ''
    return [`${codes}${from}`, retryColumn(advice), hint.replace(/\|/g, '\\|')]
  })
}

/** The README's error table, as Markdown (Prettier aligns it). */
export function errorTableMarkdown(): string {
  const rows = [['code', 'retried', 'what to do'], ['---', '---', '---'], ...errorTableRows()]
  return rows.map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}
