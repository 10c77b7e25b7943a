import type { CertificateDetail } from '../tencent-cloud/answers.js'
import type { SslApi } from '../tencent-cloud/calls.js'

/** DescribeCertificateDetail: the client retries it, as every call safe to repeat. */
export function readCertificate(api: SslApi, certificateId: string): Promise<CertificateDetail> {
  return api.describeCertificateDetail({ CertificateId: certificateId })
}
