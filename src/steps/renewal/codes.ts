// The action's own codes for renewal, and what to do about each: the README's and troubleshooting's tables are
// generated from this advice with the others (src/report/advice.ts).
import type { Advice } from '../../api/hints.js'

export const RenewalCode = {
  /** renew-certificate-id: the certificate in service expires within renew-before-days and has no renewal. */
  RenewalMissing: 'ActionError.RenewalMissing',
  /** renew-certificate-id: the renewal links loop, or go on past 20 certificates. */
  RenewalLoop: 'ActionError.RenewalLoop',
  /** renew-certificate-id: a renewal link names a certificate that cannot be read. */
  RenewalLinkUnreadable: 'ActionError.RenewalLinkUnreadable',
  /** renew-certificate-id: the renewal waits for information the renewed certificate's does not give, and no input does. */
  RenewalInformationUnknown: 'ActionError.RenewalInformationUnknown',
  /** renew-certificate-id: the newest certificate of the line does not cover every name of the one it replaces. */
  RenewalNamesDiffer: 'ActionError.RenewalNamesDiffer',
  /** renew-certificate-id: the certificate renewed was made from the user's own CSR, and neither it nor csr is at hand. */
  RenewalCsrRequired: 'ActionError.RenewalCsrRequired',
  /** renew-certificate-id: the certificate in service is within renew-before-days (or expired) and its renewal is not issued. */
  RenewalNotIssued: 'ActionError.RenewalNotIssued'
} as const

export const ADVICE: readonly Advice[] = [
  {
    codes: [RenewalCode.RenewalMissing],
    outcome: true,
    hint: 'the certificate in service expires within renew-before-days (or has expired) and no renewal was found where the message says it looked (its links, and the certificates listed for its domain): if a renewal exists that this step could not see, allow ssl:DescribeCertificates or name the renewal as renew-certificate-id; otherwise renew it in the SSL Certificates console (or let its subscription or auto-renewal issue the next one), then re-run. Nothing was bought.'
  },
  {
    codes: [RenewalCode.RenewalLoop],
    outcome: true,
    hint: "the certificates' renewal links loop (or run past 20): check the certificates the message names in the SSL Certificates console, and name the one in service as renew-certificate-id."
  },
  {
    codes: [RenewalCode.RenewalLinkUnreadable],
    outcome: true,
    hint: 'a renewal link names a certificate that cannot be read (deleted, in another account, or beyond the CAM policy): check it in the SSL Certificates console, or name the certificate in service as renew-certificate-id.'
  },
  {
    codes: [RenewalCode.RenewalInformationUnknown],
    outcome: true,
    hint: 'the renewal waits for its information, and the certificate it renews has none on file to copy (Tencent Cloud keeps none for issued certificates): give domain with contact-email (a personal certificate) or company-id (a company one), and csr or key-algorithm; nothing was sent, and no order was placed.'
  },
  {
    codes: [RenewalCode.RenewalNamesDiffer],
    outcome: true,
    hint: 'the newest certificate of the line does not cover every name of the certificate it replaces, so it was not switched in and the old one was left as it is (its notices on): check domain and other-domains (or the renewal in the SSL Certificates console) so that the renewal covers the same names, or name the right certificate as renew-certificate-id.'
  },
  {
    codes: [RenewalCode.RenewalCsrRequired],
    outcome: true,
    hint: 'the certificate renewed was made from your own CSR, so its renewal is not given a key Tencent Cloud makes without being asked: give csr (a CSR for the same names, your key kept by you), or key-algorithm to ask for a key Tencent Cloud makes and keeps; nothing was sent.'
  },
  {
    codes: [RenewalCode.RenewalNotIssued],
    outcome: true,
    hint: 'the certificate in service is within renew-before-days (or has expired) and its renewal is not issued yet: the message says what the renewal waits for (its information, domain validation and the records to place, a confirmation letter); do that, then re-run with wait-for-issuance: true.'
  }
]
