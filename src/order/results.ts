import type { DvAuth } from '../tencent-cloud/answers.js'
import type { CertificateFiles } from '../files/save.js'
import type { RebindResult } from '../rebind/rebind.js'
import type { FailureReport } from '../tencent-cloud/errors.js'
import { statusName } from '../tencent-cloud/status.js'
import type { InformationOutcome } from './information.js'
import type { DomainVerificationResult } from './verification.js'
import type { RenewalResult } from './renewal.js'
import type { PlanStep } from './preview.js'

/** One certificate's outcome, with the field names the Results output documents. */
export interface CertificateResult {
  CertificateId: string
  OrderId: string
  /** What the server holds, or null when no answer told it. */
  Status: number | null
  StatusName: string
  RequestId: string
  /** With domain: the information sent now, sent again with other names, or found on file already. */
  Information?: InformationOutcome
  /** Present (true) when skip-submitted found the certificate already submitted. */
  Skipped?: true
  /** The records the CA asks for, for DNS and FILE verification. */
  DvAuths?: DvAuth[]
  /** With dry-run: what a real run would do, step by step. */
  Plan?: PlanStep[]
  /** With renew-certificate-id: the line of certificates followed, and where the renewal stands. */
  Renewal?: RenewalResult
  /** With validation-dir: the FILE validation files written. */
  ValidationFiles?: string[]
  /** While waiting: each domain's last check, as Tencent Cloud and the CA see it. */
  Verification?: DomainVerificationResult[]
  ErrorCode?: string
  ErrorMessage?: string
  /** The Tencent Cloud API action whose answer the failure is, where the advice depends on it. */
  FailedCall?: string
  /** With download-dir, for an issued certificate: the leaf's validity (ISO 8601, UTC), SHA-256 fingerprint and names. */
  NotBefore?: string
  NotAfter?: string
  Fingerprint?: string
  SubjectAltNames?: string[]
  /** With download-dir: the files written. */
  Files?: CertificateFiles
  /** With download-dir: what was not written, and why (not issued, no key held, ...). */
  FilesNote?: string
  /** With replace-certificate-id: the switch of the old certificate's resources, each with its outcome. */
  Rebind?: RebindResult
}

export function succeeded(
  certificateId: string,
  answer: { OrderId: string; Status: number; RequestId: string }
): CertificateResult {
  return {
    CertificateId: certificateId,
    OrderId: answer.OrderId,
    Status: answer.Status,
    StatusName: statusName(answer.Status),
    RequestId: answer.RequestId
  }
}

export function failed(
  certificateId: string,
  failure: FailureReport,
  known: { OrderId?: string; Status?: number } = {}
): CertificateResult {
  return {
    CertificateId: certificateId,
    OrderId: known.OrderId ?? '',
    Status: known.Status ?? null,
    StatusName: known.Status === undefined ? '' : statusName(known.Status),
    RequestId: failure.requestId,
    ErrorCode: failure.code,
    ErrorMessage: failure.message
  }
}

export const isFailure = (result: CertificateResult): boolean => result.ErrorCode !== undefined

/** An order for a message: its ID, or that none is known yet (the API may answer a submission without one). */
export const orderLabel = (orderId: string): string => (orderId ? `order ${orderId}` : 'no order ID yet')
