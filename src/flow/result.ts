// What every certificate's result holds, whatever its steps: its ID, order, status and the answer's RequestId, and a
// failure's code, message and call. Each step adds its own slice (src/steps/result.ts puts them together).
import type { FailureReport } from '../api/errors.js'
import { statusName } from '../api/status.js'
import type { PlanStep } from './preview.js'

/** The fields every certificate's result has, with the names the Results output documents. */
export interface BaseResult {
  CertificateId: string
  OrderId: string
  /** What the server holds, or null when no answer told it. */
  Status: number | null
  StatusName: string
  RequestId: string
  ErrorCode?: string
  ErrorMessage?: string
  /** The Tencent Cloud API action whose answer the failure is, where the advice depends on it. */
  FailedCall?: string
  /** With dry-run: what a real run would do, step by step. */
  Plan?: PlanStep[]
}

export function succeeded(
  certificateId: string,
  answer: { OrderId: string; Status: number; RequestId: string }
): BaseResult {
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
): BaseResult {
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

export const isFailure = (result: BaseResult): boolean => result.ErrorCode !== undefined

/** An order for a message: its ID, or that none is known yet (the API may answer a submission without one). */
export const orderLabel = (orderId: string): string => (orderId ? `order ${orderId}` : 'no order ID yet')
