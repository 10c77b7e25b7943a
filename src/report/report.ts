import { dirname } from 'node:path'
import { hintFor } from './advice.js'
import { isFailure } from '../flow/result.js'
import type { CertificateResult } from '../steps/index.js'
import { recordLocation } from '../api/validation-records.js'

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
function compactResults(results: readonly CertificateResult[], budgetBytes: number, resultsFile: string): string {
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
export function stepOutputs(results: readonly CertificateResult[], resultsFile = ''): Record<string, string> {
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
    ValidationFiles: JSON.stringify(results.flatMap((r) => r.ValidationFiles ?? []))
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

// The summary is Markdown that GitHub renders, and most of what it shows came from the server or an input: each
// such text renders as itself, never as a link, an image, HTML, emphasis or a broken table.
const oneLine = (text: string): string => text.replace(/\r?\n/g, ' ')

/**
 * Prose: each character that can start Markdown backslash-escaped (CommonMark allows it for any ASCII
 * punctuation), so that no link, image, autolink (`:`, `.`, `@`), HTML, entity, emphasis, list or heading can form,
 * and a `|` cannot end the table cell. Commas, quotes and slashes need nothing.
 */
const cell = (text: string): string => oneLine(text).replace(/[\\`*_[\]<>()!|~&#:@.+-]/g, (c) => `\\${c}`)

/**
 * A code span, in which nothing renders but the text: fenced by one backtick more than the longest run inside, so
 * that no backtick of the text can close it. A `|` is escaped for the table: GFM reads `\|` as a pipe even in code,
 * and removes just that backslash.
 */
const code = (text: string): string => {
  if (!text) return '—'
  const piped = oneLine(text).replace(/\|/g, '\\|')
  const fence = '`'.repeat(Math.max(0, ...(piped.match(/`+/g) ?? []).map((run) => run.length)) + 1)
  const pad = piped.startsWith('`') || piped.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${piped}${pad}${fence}`
}

/** A table row of cells already rendered. */
const row = (...cells: string[]): string => `| ${cells.join(' | ')} |`
/** A table's heading and its separator. */
const heading = (...names: string[]): string[] => [row(...names), row(...names.map(() => '---'))]

/** Lines added while they fit; past the budget, lines are counted instead, so the summary can say what it left out. */
class BoundedLines {
  readonly lines: string[] = []
  private bytes = 0
  omitted = 0

  constructor(private readonly budgetBytes: number) {}

  add(...lines: string[]): boolean {
    const cost = this.omitted > 0 ? Infinity : lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0)
    if (this.bytes + cost > this.budgetBytes) {
      this.omitted += lines.length
      return false
    }
    this.lines.push(...lines)
    this.bytes += cost
    return true
  }

  /** One line per item, rendered only while they fit: a long table costs nothing past the budget. */
  addRows<T>(items: readonly T[], render: (item: T) => string): void {
    for (const [index, item] of items.entries()) {
      if (!this.add(render(item))) {
        this.omitted += items.length - index - 1
        return
      }
    }
  }
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

const INFORMATION_WORDS: Readonly<Record<NonNullable<CertificateResult['Information']>, string>> = {
  submitted: 'submitted',
  resubmitted: 'submitted again, with other names',
  unchanged: 'on file already',
  'would-submit': 'would submit',
  'would-resubmit': 'would submit again'
}

/** download-dir: each certificate's validity, fingerprint and folder, or why it has no files. */
function addFiles(out: BoundedLines, results: readonly CertificateResult[]): void {
  const delivered = results.filter((r) => r.Files !== undefined || r.FilesNote !== undefined)
  if (delivered.length === 0) return
  const columns = ['Certificate', 'Valid from (UTC)', 'Valid until (UTC)', 'SHA-256 fingerprint', 'Folder', 'Note']
  out.add('### Certificate files', '', ...heading(...columns))
  out.addRows(delivered, (r) => {
    const folder = r.Files ? dirname(r.Files.FullchainPath) : ''
    const validity = [code(r.NotBefore ?? ''), code(r.NotAfter ?? '')]
    return row(code(r.CertificateId), ...validity, code(r.Fingerprint ?? ''), code(folder), cell(r.FilesNote ?? ''))
  })
  out.add('')
}

/** replace-certificate-id: each switch, then every resource, failures first. */
function addRebinding(out: BoundedLines, results: readonly CertificateResult[]): void {
  const rebound = results.filter((r) => r.Rebind !== undefined)
  if (rebound.length === 0) return
  out.add('### Rebinding', '', ...heading('Certificate', 'Replaces', 'Task', 'Switched', 'Failed', 'Note'))
  out.addRows(rebound, (r) => {
    const { OldCertificateId, DeployRecordId, SuccessTotalCount, FailedTotalCount, Note } = r.Rebind!
    const task = DeployRecordId ? String(DeployRecordId) : '—'
    const counted = [String(SuccessTotalCount), String(FailedTotalCount)]
    return row(code(r.CertificateId), code(OldCertificateId), task, ...counted, cell(Note ?? ''))
  })
  const resources = rebound.flatMap((r) => r.Rebind!.Resources.map((resource) => ({ id: r.CertificateId, resource })))
  if (resources.length > 0) {
    out.add('', ...heading('Certificate', 'Type', 'Region', 'Instance', 'Listener', 'Domains', 'Outcome'))
    // Failures first: a long table must not push them out.
    const ordered = [
      ...resources.filter((r) => r.resource.Outcome !== 'switched'),
      ...resources.filter((r) => r.resource.Outcome === 'switched')
    ]
    out.addRows(ordered, ({ id, resource: s }) => {
      const instance = [s.InstanceId, s.InstanceName].filter(Boolean).join(' ')
      const listener = [s.ListenerId, s.ListenerName].filter(Boolean).join(' ')
      const why = s.ErrorMsg ? `: ${cell(s.ErrorMsg)}` : ''
      const outcome = s.Outcome === 'switched' ? '✅ switched' : `❌ ${cell(s.Outcome)}${why}`
      const where = [code(s.ResourceType), code(s.Region), code(instance), code(listener), code(s.Domains.join(', '))]
      return row(code(id), ...where, outcome)
    })
  }
  out.add('')
}

/** dry-run: each certificate's plan, step by step. */
function addPlan(out: BoundedLines, results: readonly CertificateResult[]): void {
  const steps = results.flatMap((r) => (r.Plan ?? []).map((step) => ({ id: r.CertificateId, step })))
  if (steps.length === 0) return
  out.add('### What a real run would do', '', ...heading('Certificate', 'Step', 'Would', 'Why'))
  out.addRows(steps, ({ id, step }) => row(code(id), code(step.Step), cell(step.Would), cell(step.Why)))
  out.add('')
}

const RENEWAL_WORDS: Readonly<Record<string, string>> = {
  'not-due': 'not due',
  'in-progress': '⏳ in progress',
  renewed: '✅ renewed',
  missing: '❌ missing',
  'switched-partly': '⚠️ switched partly (old one still bound)',
  'not-issued': '❌ renewal not issued',
  'would-renew': 'would renew'
}

/** renew-certificate-id: each line of certificates, and where its renewal stands. */
function addRenewal(out: BoundedLines, results: readonly CertificateResult[]): void {
  const renewed = results.filter((r) => r.Renewal !== undefined)
  if (renewed.length === 0) return
  out.add('### Renewal', '', ...heading('Named', 'Line followed', 'Newest', 'Renews', 'Days left', 'State'))
  out.addRows(renewed, (r) => {
    const { Chain, RenewsCertificateId, DaysLeft, State } = r.Renewal!
    const days = DaysLeft === null ? '—' : String(DaysLeft)
    return row(
      code(Chain[0] ?? ''),
      code(Chain.join(' → ')),
      code(r.CertificateId),
      code(RenewsCertificateId),
      days,
      RENEWAL_WORDS[State]
    )
  })
  out.add('')
}

/** Tencent Cloud's LocalCheck codes, as a cell says them. */
const LOCAL_CHECK_WORDS: Readonly<Record<number, string>> = {
  1: '✅ found',
  [-1]: '❌ TXT record not found (or the check was rate-limited)',
  [-2]: '❌ TXT record holds another value',
  [-3]: '❌ NS record not found',
  [-4]: '❌ file not found',
  [-5]: '❌ file holds other content',
  [-6]: '❌ CNAME record not found',
  [-7]: '❌ CNAME record holds another value',
  [-8]: '❌ NS record not found',
  [-9]: '❌ file not found',
  [-10]: '❌ file holds other content'
}

/** While waiting: each domain's last check, as Tencent Cloud sees it and as the CA says. */
function addVerification(out: BoundedLines, results: readonly CertificateResult[]): void {
  const checks = results.flatMap((r) => (r.Verification ?? []).map((check) => ({ id: r.CertificateId, check })))
  if (checks.length === 0) return
  const columns = ['Certificate', 'Domain', 'Tencent Cloud sees', 'Found', 'Reason', 'The CA']
  out.add('### Domain validation checks', '', ...heading(...columns))
  out.addRows(checks, ({ id, check }) => {
    const seen = LOCAL_CHECK_WORDS[check.LocalCheck] ?? `LocalCheck ${check.LocalCheck}`
    const ca = check.CaCheck === 2 ? '✅ passed' : 'not passed yet'
    return row(code(id), code(check.Domain), seen, code(check.Found.join(', ')), cell(check.Reason), ca)
  })
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
  addFiles(out, results)
  addRebinding(out, results)
  const records = results.flatMap((r) => (r.DvAuths ?? []).map((record) => ({ id: r.CertificateId, record })))
  if (records.length > 0) {
    const columns = ['Certificate', 'Type', 'DNS zone or site', 'Host record or file path', 'Value']
    out.add('### Domain validation records', '', ...heading(...columns))
    out.addRows(records, ({ id, record }) => {
      const { type, zone, name, value } = recordLocation(record)
      return row(code(id), code(type), code(zone), code(name), code(value))
    })
    out.add('')
  }
  addVerification(out, results)
  addRenewal(out, results)
  const lines = out.lines
  if (out.omitted > 0) {
    const where = resultsFile ? `the file named by the ResultsFile output (${code(resultsFile)})` : 'the Results output'
    lines.push(`_${out.omitted} more lines did not fit in the job summary; ${where} holds every result._`, '')
  }
  return lines.join('\n')
}
