// The action's own codes for the order, and what to do about each: the README's and troubleshooting's tables are
// generated from this advice with the others (src/report/advice.ts).
import { RE_RUN, type Advice } from '../../api/hints.js'

export const OrderCode = {
  /** A submission may have gone through, and reading the certificate back could not tell. */
  OutcomeUnknown: 'ActionError.OutcomeUnknown'
} as const

export const ADVICE: readonly Advice[] = [
  {
    codes: [OrderCode.OutcomeUnknown],
    outcome: true,
    hint: `an answer was lost and reading the certificate back could not settle it (the read failed, or an attempt that got no answer may still be applied); ${RE_RUN}; or check it in the SSL Certificates console.`
  }
]
