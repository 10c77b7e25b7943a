import type { CertificateDetail, SslApi } from '../tencent-cloud/client.js'
import { logRetry, retryDecision } from '../tencent-cloud/errors.js'
import type { CallOptions } from '../support/logger.js'
import { retry } from '../support/retry.js'

/** DescribeCertificateDetail with retries: reading changes nothing, so it is always safe to repeat. */
export function readCertificate(api: SslApi, certificateId: string, options: CallOptions): Promise<CertificateDetail> {
  return retry(
    () => api.describeCertificateDetail({ CertificateId: certificateId }),
    options,
    retryDecision,
    logRetry(options, `Reading certificate ${certificateId}`)
  )
}
