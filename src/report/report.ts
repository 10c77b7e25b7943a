import { hintFor } from './advice.js'
import { isFailure } from '../flow/result.js'
import type { CertificateResult } from '../steps/index.js'
import { INFORMATION_WORDS } from '../steps/information/summary.js'
import { BoundedLines, cell, code, heading, row } from '../support/markdown.js'
import { addStepSections } from '../steps/index.js'
import type { ServedHost } from '../served/check.js'
import { servedTable } from '../steps/served/summary.js'

/**
 * GitHub allows 1 MB of outputs per job and drops a job summary over 1 MiB per step. The step keeps to half the
 * job's outputs (counted as UTF-16, two bytes a character, the conservative reading), leaving the rest to the
 * job's other steps, and to a summary comfortably under the limit; ResultsFile always holds every result.
 */
export const OUTPUTS_BUDGET_BYTES = 500_000
export const SUMMARY_BUDGET_BYTES = 900 * 1024
/** The job's failure message names this many certificates in full; the summary and ResultsFile have the rest. */
export const FAILURES_IN_MESSAGE = 10

const utf16Bytes = (text: string): number => text.length * 2

/** A problem of the whole step, stated once rather than per certificate: wrong inputs, or a failed sign-in. */
export interface StepProblem {
  /** One line for the summary: what happened to the certificates. */
  headline: string
  /** The whole explanation, with what to do: the job fails with it. */
  message: string
}

/** ServedHosts keeps to this much of the outputs: each host's full entry is in Results[].Served and ResultsFile. */
export const SERVED_BUDGET_BYTES = 150_000

/** A ServedHosts entry: a host's state, and the certificate it was checked for ('' in a watch). */
export type ServedHostsEntry = { CertificateId: string } & ServedHost

/** Every certificate's hosts, in one list. */
export const servedHostsOf = (results: readonly CertificateResult[]): ServedHostsEntry[] =>
  results.flatMap((r) => (r.Served ?? []).map((entry) => ({ CertificateId: r.CertificateId, ...entry })))

/** The marker that ends a Results array that had to be cut to fit. */
interface TruncationMarker {
  Truncated: true
  Omitted: number
  ResultsFile: string
}

/**
 * Results as compact JSON within `budgetBytes`: every result when they fit, else as many as fit followed by a
 * marker saying how many were left out and where all of them are.
 */
function compactResults(results: readonly unknown[], budgetBytes: number, resultsFile: string): string {
  const marker = (omitted: number): string =>
    JSON.stringify({ Truncated: true, Omitted: omitted, ResultsFile: resultsFile } satisfies TruncationMarker)
  // Room for the marker is kept back only once it is needed; each result is serialised only while it can still fit.
  const reserve = utf16Bytes(`,${marker(results.length)}`)
  const kept: string[] = []
  let used = utf16Bytes('[]')
  for (const result of results) {
    const item = JSON.stringify(result)
    const cost = utf16Bytes(item) + (kept.length > 0 ? 2 : 0)
    if (used + cost > budgetBytes) break
    kept.push(item)
    used += cost
  }
  if (kept.length === results.length) return `[${kept.join(',')}]`
  while (kept.length > 0 && used + reserve > budgetBytes) used -= utf16Bytes(kept.pop()!) + 2
  return `[${[...kept, marker(results.length - kept.length)].join(',')}]`
}

/**
 * The step outputs. The single-certificate outputs describe the certificate when exactly one was given;
 * every output is set on failure too, so that continue-on-error pipelines can read them.
 */
export function stepOutputs(
  results: readonly CertificateResult[],
  resultsFile = '',
  served: readonly ServedHostsEntry[] = servedHostsOf(results)
): Record<string, string> {
  const only = results.length === 1 ? results[0] : undefined
  const daysLeft = only?.Renewal?.DaysLeft
  const outputs: Record<string, string> = {
    CertificateId: only?.CertificateId ?? '',
    DaysLeft: daysLeft === undefined || daysLeft === null ? '' : String(daysLeft),
    OrderId: only?.OrderId ?? '',
    Status: only?.Status == null ? '' : String(only.Status),
    StatusName: only?.StatusName ?? '',
    RequestId: only?.RequestId ?? '',
    DvAuths: only ? JSON.stringify(only.DvAuths ?? []) : '',
    ErrorCode: results.find(isFailure)?.ErrorCode ?? '',
    ResultsFile: resultsFile,
    FullchainPath: only?.Files?.FullchainPath ?? '',
    PrivateKeyPath: only?.Files?.PrivateKeyPath ?? '',
    PfxPath: only?.Files?.PfxPath ?? '',
    NotAfter: only?.NotAfter ?? '',
    DeployRecordId: only?.Rebind?.DeployRecordId ? String(only.Rebind.DeployRecordId) : '',
    SuccessTotalCount: only?.Rebind ? String(only.Rebind.SuccessTotalCount) : '',
    FailedTotalCount: only?.Rebind ? String(only.Rebind.FailedTotalCount) : '',
    ValidationFiles: JSON.stringify(results.flatMap((r) => r.ValidationFiles ?? [])),
    ServedHosts: compactResults(served, SERVED_BUDGET_BYTES, resultsFile)
  }
  const fixedBytes = Object.entries(outputs).reduce(
    (sum, [name, value]) => sum + utf16Bytes(name) + utf16Bytes(value),
    utf16Bytes('Results')
  )
  return { ...outputs, Results: compactResults(results, OUTPUTS_BUDGET_BYTES - fixedBytes, resultsFile) }
}

function describeFailure(result: CertificateResult): string {
  const requestId = result.RequestId ? `RequestId ${result.RequestId}` : 'no RequestId: no answer came'
  return (
    `Certificate ${result.CertificateId}: ${result.ErrorCode}: ${result.ErrorMessage} (${requestId}). ` +
    `What to do: ${hintFor(result.ErrorCode ?? '', 'ssl', result.FailedCall)}`
  )
}

const andMore = (count: number): string => (count > 0 ? ` … and ${count} more` : '')

/**
 * The one message the job fails with: every failed certificate by name and code in its first line (up to a
 * point), then the first ones in full; undefined when all succeeded.
 */
export function failureMessage(results: readonly CertificateResult[]): string | undefined {
  const failures = results.filter(isFailure)
  if (failures.length === 0) return undefined
  const shown = failures.slice(0, FAILURES_IN_MESSAGE)
  const lines = shown.map(describeFailure)
  if (results.length > 1) {
    const named = shown.map((f) => `${f.CertificateId} (${f.ErrorCode})`).join(', ')
    lines.unshift(
      `${failures.length} of ${results.length} certificates failed: ${named}${andMore(failures.length - shown.length)}`
    )
  }
  if (failures.length > shown.length)
    lines.push(`The job summary and the file named by the ResultsFile output list all ${failures.length}.`)
  return lines.join('\n')
}

function counts(results: readonly CertificateResult[]): string {
  const failures = results.filter(isFailure).length
  if (results.some((r) => r.Plan !== undefined)) {
    const noun = results.length === 1 ? 'certificate' : 'certificates'
    return `**${results.length} ${noun} previewed with reading calls only; ${failures} would fail.**`
  }
  const skipped = results.filter((r) => r.Skipped && !isFailure(r)).length
  const submitted = results.length - failures - skipped
  const issued = results.filter((r) => r.Status === 1 && !isFailure(r)).length
  const parts = [
    `${submitted} submitted`,
    ...(skipped ? [`${skipped} already submitted (skipped)`] : []),
    `${failures} failed`
  ]
  const noun = results.length === 1 ? 'certificate' : 'certificates'
  return `**${results.length} ${noun}: ${parts.join(', ')}${issued ? `; ${issued} issued` : ''}.**`
}

/** dry-run: each certificate's plan, step by step. */
function addPlan(out: BoundedLines, results: readonly CertificateResult[]): void {
  const steps = results.flatMap((r) => (r.Plan ?? []).map((step) => ({ id: r.CertificateId, step })))
  if (steps.length === 0) return
  out.add('### What a real run would do', '', ...heading('Certificate', 'Step', 'Would', 'Why'))
  out.addRows(steps, ({ id, step }) => row(code(id), code(step.Step), cell(step.Would), cell(step.Why)))
  out.add('')
}

/**
 * The job summary: the counts, then the failures with what to do (each code's advice once), then every
 * certificate and the validation records; within the budget at any number of certificates.
 */
export function summaryMarkdown(
  results: readonly CertificateResult[],
  problem?: StepProblem,
  resultsFile = '',
  budgetBytes = SUMMARY_BUDGET_BYTES
): string {
  // Room for the closing note, which is always written.
  const out = new BoundedLines(budgetBytes - 1024)
  const preview = results.some((r) => r.Plan !== undefined)
  out.add(preview ? '## Preview: nothing was changed' : '## Tencent Cloud SSL certificate order', '')
  if (problem) {
    // Stated once: a table of certificates that all failed for the same reason would only repeat it.
    out.add(`**${cell(problem.headline)}**`, '', cell(problem.message), '')
    if (results.length > 0)
      out.add(
        results.length === 1
          ? 'The certificate was not submitted.'
          : `None of the ${results.length} certificates was submitted.`,
        ''
      )
    return out.lines.join('\n')
  }
  if (results.length > 0) out.add(counts(results), '')

  const failures = results.filter(isFailure)
  if (failures.length > 0) {
    // The advice first, once per code: it is short, and must not be what a long table pushes out.
    out.add('### Failed', '', '**What to do:**', '')
    const advice = new Map(failures.map((r) => [`${r.ErrorCode ?? ''} ${r.FailedCall ?? ''}`, r]))
    for (const r of advice.values()) {
      const from = r.FailedCall ? ` (${cell(r.FailedCall)})` : ''
      out.add(`- ${code(r.ErrorCode ?? '')}${from}: ${cell(hintFor(r.ErrorCode ?? '', 'ssl', r.FailedCall))}`)
    }
    out.add('', ...heading('Certificate', 'Error', 'Message', 'Request ID'))
    out.addRows(failures, (r) =>
      row(code(r.CertificateId), code(r.ErrorCode ?? ''), cell(r.ErrorMessage ?? ''), code(r.RequestId))
    )
    out.add('')
  }
  if (results.length > 0) {
    // With domain, what became of each certificate's information, between its ID and its order.
    const informed = results.some((r) => r.Information !== undefined)
    const columns = ['Certificate', ...(informed ? ['Information'] : []), 'Order', 'Status', 'Request ID']
    out.add('### Certificates', '', ...heading(...columns))
    out.addRows(results, (r) => {
      const unknown = isFailure(r) ? `❌ ${cell(r.ErrorCode ?? '')}` : '—'
      const status = r.Status === null ? unknown : `${r.Status} ${cell(r.StatusName)}`
      const skipped = r.Skipped ? ' (already submitted, skipped)' : ''
      const information = informed ? [r.Information ? INFORMATION_WORDS[r.Information] : '—'] : []
      return row(code(r.CertificateId), ...information, code(r.OrderId), `${status}${skipped}`, code(r.RequestId))
    })
    out.add('')
  }
  addPlan(out, results)
  // Each step's own section, in the order its steps run.
  addStepSections(out, results)
  const lines = out.lines
  if (out.omitted > 0) {
    const where = resultsFile ? `the file named by the ResultsFile output (${code(resultsFile)})` : 'the Results output'
    lines.push(`_${out.omitted} more lines did not fit in the job summary; ${where} holds every result._`, '')
  }
  return lines.join('\n')
}

/** A watch's summary: the counts, what to do when a host is not serving, and every host, failing first. */
export function watchSummary(
  entries: readonly ServedHost[],
  verdict: { problem?: StepProblem; failure?: { code: string }; preview: boolean },
  budgetBytes = SUMMARY_BUDGET_BYTES
): string {
  const out = new BoundedLines(budgetBytes - 1024)
  out.add(verdict.preview ? '## Preview of a watch: no issue was opened or changed' : '## Certificates served', '')
  if (verdict.problem) {
    out.add(`**${cell(verdict.problem.headline)}**`, '', cell(verdict.problem.message), '')
    return out.lines.join('\n')
  }
  const serving = entries.filter((entry) => entry.State === 'serving').length
  out.add(
    `**${entries.length} host${entries.length === 1 ? '' : 's'} checked over TLS: ${serving} serving, ${entries.length - serving} not.**`,
    ''
  )
  if (verdict.failure)
    out.add(
      '### Not serving',
      '',
      `**What to do:** ${code(verdict.failure.code)}: ${cell(hintFor(verdict.failure.code))}`,
      ''
    )
  out.add('### Hosts', '')
  servedTable(
    out,
    entries.map((entry) => ({ entry }))
  )
  const lines = out.lines
  if (out.omitted > 0)
    lines.push(
      `_${out.omitted} more lines did not fit in the job summary; the ServedHosts output and ResultsFile hold every host._`,
      ''
    )
  return lines.join('\n')
}
