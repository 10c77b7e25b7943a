import type { CertificateDetail } from '../tencent-cloud/answers.js'
import type { SslApi } from '../tencent-cloud/calls.js'
import { retried } from '../tencent-cloud/errors.js'
import type { CallOptions } from '../support/call-options.js'

/** DescribeCertificateDetail with retries: reading changes nothing, so it is always safe to repeat. */
export function readCertificate(api: SslApi, certificateId: string, options: CallOptions): Promise<CertificateDetail> {
  return retried(
    () => api.describeCertificateDetail({ CertificateId: certificateId }),
    options,
    `Reading certificate ${certificateId}`
  )
}
