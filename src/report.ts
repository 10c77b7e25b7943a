import { hintFor } from './errors.js'
import { isFailure, type CertificateResult } from './results.js'

/**
 * The step outputs. The single-certificate outputs describe the certificate when exactly one was given;
 * every output is set on failure too, so that continue-on-error pipelines can read them.
 */
export function stepOutputs(results: readonly CertificateResult[]): Record<string, string> {
  const only = results.length === 1 ? results[0] : undefined
  return {
    OrderId: only?.OrderId ?? '',
    Status: only?.Status == null ? '' : String(only.Status),
    StatusName: only?.StatusName ?? '',
    RequestId: only?.RequestId ?? '',
    DvAuths: only ? JSON.stringify(only.DvAuths ?? []) : '',
    Results: JSON.stringify(results),
    ErrorCode: results.find(isFailure)?.ErrorCode ?? ''
  }
}

function describeFailure(result: CertificateResult): string {
  const requestId = result.RequestId ? `RequestId ${result.RequestId}` : 'no RequestId: no answer came'
  return `Certificate ${result.CertificateId}: ${result.ErrorCode}: ${result.ErrorMessage} (${requestId}). ` + `What to do: ${hintFor(result.ErrorCode ?? '')}`
}

/** The one message the job fails with, naming every failed certificate; undefined when all succeeded. */
export function failureMessage(results: readonly CertificateResult[]): string | undefined {
  const failures = results.filter(isFailure)
  if (failures.length === 0) return undefined
  const lines = failures.map(describeFailure)
  if (results.length > 1) {
    lines.unshift(`${failures.length} of ${results.length} certificates failed: ${failures.map((f) => `${f.CertificateId} (${f.ErrorCode})`).join(', ')}`)
  }
  return lines.join('\n')
}

// Messages come from the server: keep them from breaking the table or injecting markup.
const cell = (text: string): string =>
  text
    .replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ')
const code = (text: string): string => (text ? `\`${cell(text)}\`` : '—')

export function summaryMarkdown(results: readonly CertificateResult[], inputProblem?: string): string {
  const lines = ['## Tencent Cloud SSL certificate order', '']
  if (inputProblem) lines.push(`**Nothing was sent: the inputs are wrong.**`, '', cell(inputProblem), '')
  if (results.length > 0) {
    lines.push('| Certificate | Order | Status | Request ID |', '| --- | --- | --- | --- |')
    for (const r of results) {
      const status = r.Status === null ? (isFailure(r) ? `❌ ${cell(r.ErrorCode ?? '')}` : '—') : `${r.Status} ${cell(r.StatusName)}`
      const skipped = r.Skipped ? ' (already submitted, skipped)' : ''
      lines.push(`| ${code(r.CertificateId)} | ${code(r.OrderId)} | ${status}${skipped} | ${code(r.RequestId)} |`)
    }
    lines.push('')
  }
  const withRecords = results.filter((r) => (r.DvAuths ?? []).length > 0)
  if (withRecords.length > 0) {
    lines.push('### Domain validation records', '', '| Certificate | Type | Domain | Name or path | Value |', '| --- | --- | --- | --- | --- |')
    for (const r of withRecords) {
      for (const a of r.DvAuths ?? []) {
        const where = a.DvAuthVerifyType === 'FILE' ? `${a.DvAuthPath}${a.DvAuthKey}` : a.DvAuthSubDomain || a.DvAuthKey
        lines.push(`| ${code(r.CertificateId)} | ${cell(a.DvAuthVerifyType)} | ${code(a.DvAuthDomain)} | ${code(where)} | ${code(a.DvAuthValue)} |`)
      }
    }
    lines.push('')
  }
  const failures = results.filter(isFailure)
  if (failures.length > 0 && !inputProblem) {
    lines.push('### Failed', '')
    for (const r of failures) {
      lines.push(
        `- ${code(r.CertificateId)}: ${code(r.ErrorCode ?? '')} ${cell(r.ErrorMessage ?? '')}` +
          ` (RequestId ${code(r.RequestId)}). **What to do:** ${cell(hintFor(r.ErrorCode ?? ''))}`
      )
    }
    lines.push('')
  }
  return lines.join('\n')
}
