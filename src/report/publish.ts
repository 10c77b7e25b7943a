// The job's end: every result in a file, the outputs, the summary, and the failure, each with secrets masked first.
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import { ActionErrorCode, type FailureReport } from '../api/errors.js'
import { failed } from '../flow/result.js'
import type { CertificateResult } from '../steps/index.js'
import { errorMessage } from '../support/error-message.js'
import { print } from '../support/log.js'
import type { Secrets } from '../support/secrets.js'
import type { ServedHost } from '../served/check.js'
import { hintFor } from './advice.js'
import { failureMessage, stepOutputs, summaryMarkdown, watchSummary, type StepProblem } from './report.js'

/** The same short result for every certificate, when the step as a whole could not go on. */
export function notSubmitted(
  certificateIds: readonly string[],
  failure: Omit<FailureReport, 'message'>,
  why: string
): CertificateResult[] {
  return certificateIds.map((certificateId) =>
    failed(certificateId, { ...failure, message: `not submitted: ${why} (see the error)` })
  )
}

/** Every result, whole, in a file: the outputs and the summary have limits and may have to be cut. */
function writeResultsFile(results: readonly unknown[]): string {
  const file = join(process.env.RUNNER_TEMP || tmpdir(), `tencentcloud-ssl-results-${randomUUID()}.json`)
  try {
    writeFileSync(file, JSON.stringify(results))
    return file
  } catch (error) {
    print.warning(`The results file could not be written: ${errorMessage(error)}`)
    return ''
  }
}

/** The job summary; outside a runner there is no summary file, and the outputs and the log already say everything. */
async function addSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown, true).write()
  } catch (error) {
    print.warning(`The job summary could not be written: ${errorMessage(error)}`)
  }
}

/** Every output, in one place. */
function setOutputs(outputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
}

export interface Verdict {
  /** The first line of the failure, before the certificates' own (a cancelled job says so here). */
  headline?: string
  /** The step as a whole failed, for every certificate alike. */
  problem?: StepProblem & { code: string }
}

/** What a cancelled job did, for the first line of its failure. */
export function cancelledHeadline(results: readonly CertificateResult[]): string {
  const submitted = results.filter((r) => r.OrderId !== '').length
  const cancelled = results.filter((r) => r.ErrorCode === ActionErrorCode.Cancelled).length
  return (
    `The job was cancelled: ${submitted} of ${results.length} certificates hold an order, ${cancelled} ended by the cancellation. ` +
    'Re-run with skip-submitted: true to carry on; it never submits a certificate twice.'
  )
}

export async function publish(
  secrets: Secrets,
  raw: CertificateResult[],
  writeSummary: boolean,
  verdict: Verdict = {}
): Promise<void> {
  // Secrets masked in the raw text, before JSON or Markdown escaping could hide them from the runner's masker.
  const results = secrets.hideIn(raw)
  const { headline, problem } = secrets.hideIn(verdict)
  const resultsFile = writeResultsFile(results)
  const outputs = stepOutputs(results, resultsFile)
  if (problem) outputs.ErrorCode = problem.code
  setOutputs(outputs)

  if (writeSummary) {
    await addSummary(summaryMarkdown(results, problem, resultsFile))
  }

  if (problem) {
    print.setFailed(problem.message)
    return
  }
  const message = failureMessage(results)
  if (message) print.setFailed(headline ? `${headline}\n${message}` : message)
}

/**
 * A watch's end: ServedHosts and ErrorCode, the summary's table of hosts, and the failure when a host is not serving
 * (a preview reports it and does not fail). ResultsFile holds every host's entry.
 */
export async function publishWatch(
  secrets: Secrets,
  raw: ServedHost[],
  writeSummary: boolean,
  verdict: { problem?: StepProblem & { code: string }; failure?: { code: string; message: string }; preview?: boolean }
): Promise<void> {
  const entries = secrets.hideIn(raw)
  const { problem, failure } = secrets.hideIn(verdict)
  const resultsFile = writeResultsFile(entries)
  const failed = problem ?? (verdict.preview ? undefined : failure)
  const outputs = stepOutputs(
    [],
    resultsFile,
    entries.map((entry) => ({ CertificateId: '', ...entry }))
  )
  if (failed) outputs.ErrorCode = failed.code
  setOutputs(outputs)
  if (writeSummary) {
    await addSummary(watchSummary(entries, { problem, failure, preview: verdict.preview === true }))
  }
  if (problem) print.setFailed(problem.message)
  else if (failed) print.setFailed(`${failed.message}\nWhat to do: ${hintFor(failed.code)}`)
}
