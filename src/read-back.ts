import type { CertificateDetail, SslApi } from './client.js'
import { retryDecision, toApiFailure } from './errors.js'
import type { CallOptions } from './logger.js'
import { retry } from './retry.js'

/** Logs a retry in one line: which call, why, and how long until the next try. */
export function logRetry(options: CallOptions, what: string) {
  return (error: unknown, tryNumber: number, delayMs: number): void => {
    const failure = toApiFailure(error)
    options.log.info(`${what}: try ${tryNumber} failed with ${failure.code} (${failure.message}); retrying in ${delayMs} ms`)
  }
}

/** DescribeCertificateDetail with retries: reading changes nothing, so it is always safe to repeat. */
export function readCertificate(api: SslApi, certificateId: string, options: CallOptions): Promise<CertificateDetail> {
  return retry(
    () => api.describeCertificateDetail({ CertificateId: certificateId }),
    options.policy,
    retryDecision,
    logRetry(options, `Reading certificate ${certificateId}`)
  )
}
