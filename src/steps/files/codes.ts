// The action's own codes for the certificate files (download-dir), and what to do about each: the README's and troubleshooting's tables are
// generated from this advice with the others (src/report/advice.ts).
import { RE_FETCH, type Advice } from '../../api/hints.js'

export const FilesCode = {
  /** download-dir: the issued certificate's answer (and its ZIP) held no certificate, or one that does not parse. */
  CertificateUnreadable: 'ActionError.CertificateUnreadable',
  /** download-dir: the chain is not in order (each certificate issued by the next) or lacks the intermediates. */
  ChainMismatch: 'ActionError.ChainMismatch',
  /** download-dir: the leaf's names do not cover the certificate's domain. */
  NameMismatch: 'ActionError.NameMismatch',
  /** download-dir: the answer holds a lone self-signed certificate, not one a CA issued. */
  SelfSignedCertificate: 'ActionError.SelfSignedCertificate',
  /** download-dir: the leaf has expired, or is not valid yet. */
  CertificateNotValidNow: 'ActionError.CertificateNotValidNow',
  /** download-dir: the leaf covers the domain only with a wildcard over a public suffix (`*.com`). */
  PublicSuffixWildcard: 'ActionError.PublicSuffixWildcard',
  /** download-dir: the private key is not the leaf's. */
  KeyMismatch: 'ActionError.KeyMismatch',
  /** download-dir: an SM2 (国密) dual certificate, which is not written. */
  Sm2NotSupported: 'ActionError.Sm2NotSupported',
  /** download-dir: the files could not be written. */
  WriteFailed: 'ActionError.WriteFailed'
} as const

export const ADVICE: readonly Advice[] = [
  {
    codes: [FilesCode.CertificateUnreadable],
    outcome: true,
    hint: `Tencent Cloud's answer held no certificate (or key) that parses, so nothing was written: ${RE_FETCH}`
  },
  {
    codes: [FilesCode.ChainMismatch],
    outcome: true,
    hint: `the chain Tencent Cloud gave is not in order (each certificate issued by the next) or lacks its intermediates, so nothing was written: ${RE_FETCH}`
  },
  {
    codes: [FilesCode.NameMismatch],
    outcome: true,
    hint: "the issued certificate does not name the certificate's domain, so nothing was written: check certificate-id and the certificate's page in the SSL Certificates console."
  },
  {
    codes: [FilesCode.SelfSignedCertificate],
    outcome: true,
    hint: `Tencent Cloud's answer held a self-signed certificate, which no browser trusts, instead of the one the CA issued, so nothing was written: ${RE_FETCH}`
  },
  {
    codes: [FilesCode.CertificateNotValidNow],
    outcome: true,
    hint: "the certificate in the answer has expired or is not valid yet (the message gives its dates), so nothing was written: check the runner's clock, and that certificate-id names the current certificate (a renewal has an ID of its own)."
  },
  {
    codes: [FilesCode.PublicSuffixWildcard],
    outcome: true,
    hint: `the certificate in the answer covers the domain only with a wildcard over a public suffix (such as *.com), which no CA issues, so nothing was written: ${RE_FETCH}`
  },
  {
    codes: [FilesCode.KeyMismatch],
    outcome: true,
    hint: `the private key Tencent Cloud gave is not the certificate's (a server with it would fail every TLS handshake), so nothing was written: ${RE_FETCH}`
  },
  {
    codes: [FilesCode.Sm2NotSupported],
    outcome: true,
    hint: 'SM2 (国密) dual certificates are not written by this action: download it from the SSL Certificates console, or leave download-dir empty for it.'
  },
  {
    codes: [FilesCode.WriteFailed],
    outcome: true,
    hint: "the files could not be written: check that download-dir is a folder the runner's user can write, on a disk with room, then re-run with skip-submitted: true."
  }
]
