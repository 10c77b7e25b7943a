// What to do about each code: the API layer's advice, then every step's for its own codes. The README's and
// troubleshooting's tables are generated from this list, and a test holds every documented code to it.
import { adviceFrom, API_ADVICE, matches, type Advice, type Service } from '../api/hints.js'
import { STEP_ADVICE } from '../steps/index.js'

/** The first entry that matches wins: specific codes, calls and services come before families. */
export const ADVICE: readonly Advice[] = [...API_ADVICE, ...STEP_ADVICE]

/** What the user should do about a failure with `code` from `service`, of the API action `call` when known. */
export function hintFor(code: string, service: Service = 'ssl', call?: string): string {
  return adviceFrom(ADVICE, code, service, call)
}

/** Whether a code has advice of its own, rather than the fallback. */
export function hasAdvice(code: string, service: Service = 'ssl', call?: string): boolean {
  return ADVICE.some((advice) => matches(advice, code, service, call))
}
