// Each certificate's result as the alert issue takes it: failed (its code, message and advice, the hosts it was
// checked on) or succeeded. A renewal is known by the certificate the inputs name, whichever of its line is newest.
import { certificateSubject, type AlertSubject } from '../alert/text.js'
import { ActionErrorCode } from '../api/errors.js'
import { isFailure } from '../flow/result.js'
import type { CertificateResult } from '../steps/index.js'
import { hintFor } from './advice.js'

/** Every certificate but those a cancelled job could not finish; `problem` replaces each message (a failed sign-in). */
export function certificateSubjects(results: readonly CertificateResult[], problem?: string): AlertSubject[] {
  return results
    .filter((r) => r.ErrorCode !== ActionErrorCode.Cancelled)
    .map((r) => {
      const subject = certificateSubject(r.Renewal?.Chain[0] ?? r.CertificateId)
      if (!isFailure(r)) return subject
      const code = r.ErrorCode ?? ''
      return {
        ...subject,
        failure: {
          code,
          message: problem ?? r.ErrorMessage ?? '',
          advice: hintFor(code, 'ssl', r.FailedCall),
          ...(r.RequestId ? { requestId: r.RequestId } : {}),
          ...(r.Served?.some((entry) => entry.State !== 'serving') ? { hosts: r.Served } : {})
        }
      }
    })
}
