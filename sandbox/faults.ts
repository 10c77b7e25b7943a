// Fault injection for the emulator: rules that claim the next matching requests, or a plan that picks a fault for
// any request (the seeded random tests), and what each fault does to the answer.
import type { ServerResponse } from 'node:http'
import { ApiError, DOCUMENTED_MESSAGES } from './api-errors.js'
import { actionSpec } from './api-spec.js'

/** Picks a fault for a call that no injected rule claimed; `index` counts earlier calls of the action for the certificate. */
export type FaultPlan = (call: { action: string; certificateId: string; index: number }) => Fault | undefined

/** What to do instead of (or after) the normal handling of one matching request. */
export type Fault =
  | { type: 'error'; code: string; message?: string }
  | { type: 'http'; status: number }
  | { type: 'reset'; applied?: boolean }
  | { type: 'hang'; applied?: boolean }
  | { type: 'broken-body'; applied?: boolean }
  /** The spec's example answer for the action, verbatim (its own RequestId included), applying nothing. */
  | { type: 'example'; index?: number }

export interface FaultRule {
  action?: string
  certificateId?: string
  /** How many matching requests get the fault (default 1). */
  times?: number
  fault: Fault
}

export class Faults {
  private readonly rules: (FaultRule & { remaining: number })[] = []
  private readonly callCounts = new Map<string, number>()
  /** Picks a fault for any request that no rule claimed. */
  plan: FaultPlan | undefined

  inject(rule: FaultRule): void {
    this.rules.push({ ...rule, remaining: rule.times ?? 1 })
  }

  clear(): void {
    this.rules.length = 0
  }

  /** The fault for this request: the first injected rule that matches, else the plan's pick. */
  take(action: string, params: Record<string, unknown>): Fault | undefined {
    const id = params.CertificateId ?? params.CertId
    const certificateId = typeof id === 'string' ? id : ''
    const countKey = `${action}/${certificateId}`
    const index = this.callCounts.get(countKey) ?? 0
    this.callCounts.set(countKey, index + 1)
    const rule = this.rules.find(
      (r) =>
        r.remaining > 0 &&
        (r.action === undefined || r.action === action) &&
        (r.certificateId === undefined || r.certificateId === certificateId)
    )
    if (!rule) return this.plan?.({ action, certificateId, index })
    rule.remaining--
    return rule.fault
  }

  /** Answers (or does not) as the fault says; `apply` is the normal handling, for faults after the order is applied. */
  apply(
    fault: Fault,
    apply: () => Record<string, unknown>,
    context: { action: string; requestId: string },
    response: ServerResponse
  ): void {
    if (fault.type === 'example') {
      response.writeHead(200, { 'Content-Type': 'application/json' })
      response.end(JSON.stringify(actionSpec(context.action).examples[fault.index ?? 0].answer))
      return
    }
    if (fault.type === 'error') {
      const message = fault.message ?? DOCUMENTED_MESSAGES[fault.code] ?? `Injected ${fault.code}.`
      response.writeHead(200, { 'Content-Type': 'application/json' })
      response.end(
        JSON.stringify({ Response: { Error: { Code: fault.code, Message: message }, RequestId: context.requestId } })
      )
      return
    }
    if (fault.type === 'http') {
      response.writeHead(fault.status, { 'Content-Type': 'text/html' })
      response.end(`<html><body>${fault.status}</body></html>`)
      return
    }
    let answer: Record<string, unknown> = {}
    if (fault.applied) {
      try {
        answer = apply()
      } catch (error) {
        if (!(error instanceof ApiError)) throw error
        answer = { Error: { Code: error.code, Message: error.en } }
      }
    }
    if (fault.type === 'reset') {
      response.socket?.destroy()
    } else if (fault.type === 'broken-body') {
      const text = JSON.stringify({ Response: { ...answer, RequestId: context.requestId } })
      response.writeHead(200, { 'Content-Type': 'application/json' })
      response.end(text.slice(0, Math.floor(text.length / 2)))
    }
    // 'hang': never answer; close() destroys the socket.
  }
}
