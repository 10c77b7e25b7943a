// Certificate status codes as DescribeCertificateDetail and the submit APIs report them. The API's own
// StatusName is free text (often Chinese), so the action names them itself.
const STATUS_NAMES: Readonly<Record<number, string>> = {
  0: 'Reviewing',
  1: 'Issued',
  2: 'Review failed',
  3: 'Expired',
  4: 'DNS record added',
  5: 'Pending submission (enterprise certificate)',
  6: 'Cancelling',
  7: 'Cancelled',
  8: 'Information submitted, confirmation letter pending',
  9: 'Revoking',
  10: 'Revoked',
  11: 'Reissuing',
  12: 'Revocation confirmation letter pending',
  13: 'Information pending (free certificate)',
  14: 'Refunded',
  15: 'Migrating'
}

export function statusName(status: number): string {
  return STATUS_NAMES[status] ?? `Unknown (${status})`
}

/**
 * States a certificate is in once its information has been submitted. A read-back after a lost answer
 * counts the submission as applied only when the certificate is in one of these.
 */
export const SUBMITTED_STATUSES: ReadonlySet<number> = new Set([0, 1, 4, 8, 11])

export const ISSUED = 1
/** Information submitted: the order now waits for a signed confirmation letter uploaded in the console. */
export const CONFIRMATION_LETTER_PENDING = 8
/** A bought certificate waiting for its information (CertificateInfoSubmit): the only state that takes it. */
export const AWAITING_INFORMATION = 5
/** Reviewing (0) and DNS record added (4): the states in which the CA waits for the domains' validation. */
export const AWAITING_VALIDATION: ReadonlySet<number> = new Set([0, 4])
/** States that accept a submission: an enterprise certificate, or a free one, waiting for its information. */
export const PENDING_SUBMISSION: ReadonlySet<number> = new Set([5, 13])
/** States from which a certificate never becomes issued without a new order. */
export const TERMINAL_FAILURES: ReadonlySet<number> = new Set([2, 3, 6, 7, 9, 10, 12, 14])
