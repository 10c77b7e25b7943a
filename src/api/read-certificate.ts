import type { CertificateDetail } from './answers/index.js'
import type { SslApi } from './calls.js'

/** DescribeCertificateDetail: the client retries it, as every call safe to repeat. */
export function readCertificate(api: SslApi, certificateId: string): Promise<CertificateDetail> {
  return api.describeCertificateDetail({ CertificateId: certificateId })
}
