// The action's own codes for waiting for issuance, and what to do about each: the README's and troubleshooting's tables are
// generated from this advice with the others (src/report/advice.ts).
import type { Advice } from '../../api/hints.js'

export const WaitCode = {
  /** While waiting: the certificate ended in a state that will never become issued. */
  IssuanceFailed: 'ActionError.IssuanceFailed',
  WaitTimeout: 'ActionError.WaitTimeout',
  /** While waiting: DVAuthDeadline passed with the domains not validated, so Tencent Cloud closes the order. */
  ValidationDeadlinePassed: 'ActionError.ValidationDeadlinePassed',
  /** While waiting: status 8, the order waits for a signed confirmation letter uploaded in the console. */
  ConfirmationLetterPending: 'ActionError.ConfirmationLetterPending',
  /** While waiting after a submission: the certificate is back to (or still) pending submission. */
  NotSubmitted: 'ActionError.NotSubmitted'
} as const

export const ADVICE: readonly Advice[] = [
  {
    codes: [WaitCode.IssuanceFailed],
    outcome: true,
    hint: "the CA will not issue this certificate as it is: read StatusMsg (a closed order says why: a validation that timed out, a review that failed) and the certificate's page in the SSL Certificates console, fix the cause, and re-apply for the same certificate there; re-applying is not a new purchase, and this action never buys one."
  },
  {
    codes: [WaitCode.WaitTimeout],
    outcome: true,
    hint: `the certificate was not issued within wait-timeout: the message names each domain not validated, the record expected and what Tencent Cloud found there; fix those records (DvAuths), then re-run with skip-submitted: true and a longer wait-timeout.`
  },
  {
    codes: [WaitCode.ValidationDeadlinePassed],
    outcome: true,
    hint: "the CA's deadline for domain validation (DVAuthDeadline) passed while this DV certificate's domains were not validated, so Tencent Cloud closes the order (status 2): the message names each domain's record and what was found. Place the records first, then re-apply for the same certificate in the SSL Certificates console (re-applying is not a new purchase; nothing is bought by this action) and wait with wait-for-issuance: true."
  },
  {
    codes: [WaitCode.ConfirmationLetterPending],
    outcome: true,
    hint: `the order waits for a signed confirmation letter: download it from the certificate's page in the SSL Certificates console, sign, stamp and upload it, then re-run with skip-submitted: true and wait-for-issuance: true.`
  },
  {
    codes: [WaitCode.NotSubmitted],
    outcome: true,
    hint: 'the certificate is pending submission again, so the order did not go through: check its page in the SSL Certificates console, then re-run the job to submit it.'
  }
]
