import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import { Cancellation } from './api/cancellation.js'
import { runFlow } from './flow/flow.js'
import {
  certificateSteps,
  loadInformationParsers,
  type CertificateResult,
  type CertificateSettings
} from './steps/index.js'
import { createSslApi, createStsApi } from './api/client.js'
import type { CredentialProvider } from './api/caller.js'
import type { SslApi } from './api/calls.js'
import { ActionErrorCode, toFailure, type FailureReport } from './api/errors.js'
import { InputError } from './support/input-error.js'
import { readCertificateIds, readInputs, readSummary, type ActionInputs } from './inputs/inputs.js'
import { RateLimiter } from './api/pacing.js'
import type { Clock } from './support/clock.js'
import { describeProxy, proxyFor } from './api/proxy.js'
import { hintFor } from './report/advice.js'
import { failureMessage, stepOutputs, summaryMarkdown, type StepProblem } from './report/report.js'
import { failed } from './flow/result.js'
import {
  DEFAULT_BASE_DELAY_MS,
  DEFAULT_MAX_DELAY_MS,
  DEFAULT_MAX_THROTTLED_RETRIES,
  type RetryPolicy,
  worstCaseCallMs
} from './support/retry.js'
import { Progress, FLEET_SIZE, PROGRESS_INTERVAL_MS } from './flow/progress.js'
import { Statuses } from './flow/statuses.js'
import { Preview } from './flow/preview.js'
import { RoleCredentials } from './api/role-credentials.js'
import { withoutCommands } from './support/untrusted.js'
import { errorMessage } from './support/error-message.js'
import { Secrets } from './support/secrets.js'

/**
 * The runner's log as the action prints to it: every line, whatever inputs, paths or server text it holds, kept from
 * being read as a workflow command (server text has already been made inert at the client's boundary).
 */
const print = {
  debug: (message: string): void => core.debug(withoutCommands(message)),
  info: (message: string): void => core.info(withoutCommands(message)),
  notice: (message: string): void => core.notice(withoutCommands(message)),
  warning: (message: string): void => core.warning(withoutCommands(message)),
  setFailed: (message: string): void => core.setFailed(withoutCommands(message))
}

/** After SIGINT or SIGTERM, requests already in flight get this long before they are aborted. */
export const CANCEL_GRACE_MS = 2000
/** And the flow this long after that to hand in its results; whatever has not is reported as unknown. */
const CANCEL_SETTLE_MS = 1500

/** What tests may change about a run, as configure-aws-credentials does: the backoff between retries. */
interface RunSeams {
  backoff?: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>
}

/** The job's own seams: its clock (every sleep ends at once when the job is cancelled), its cancellation, its backoff. */
interface Job {
  /** Every secret learnt, masked in the log by the runner and in the results, outputs and summary by the action. */
  secrets: Secrets
  clock: Clock
  cancellation: Cancellation
  backoff: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>
}

function retryPolicy(inputs: ActionInputs, job: Job): RetryPolicy {
  return {
    maxAttempts: inputs.maxAttempts,
    maxThrottledRetries: DEFAULT_MAX_THROTTLED_RETRIES,
    ...job.backoff,
    random: Math.random
  }
}

function connection(inputs: ActionInputs, job: Job) {
  return {
    language: inputs.language,
    requestTimeoutSeconds: inputs.requestTimeoutSeconds,
    env: process.env,
    cancellation: job.cancellation
  }
}

/** The credentials every SSL call is signed with: the key pair as given, or the role's temporary key, signed in now. */
async function signIn(inputs: ActionInputs, job: Job, closers: (() => void)[]): Promise<CredentialProvider> {
  const source = inputs.credentialSource
  if (source.kind === 'keys') {
    print.debug(`Credentials: ${source.credentials.token ? 'temporary key with session token' : 'API key pair'}`)
    return () => Promise.resolve(source.credentials)
  }
  const { role } = source
  print.info(
    `Signing in with role ${role.roleArn} through OIDC provider ${role.providerId} at ${role.stsEndpoint.protocol}${role.stsEndpoint.host} ` +
      `(region ${role.stsRegion}${role.stsEndpointFollowsSite ? "; sts-endpoint is empty, so STS on endpoint's site" : ''})`
  )
  const sts = createStsApi({
    ...connection(inputs, job),
    endpoint: role.stsEndpoint,
    region: role.stsRegion,
    retry: { policy: retryPolicy(inputs, job), log: print, clock: job.clock }
  })
  closers.push(() => sts.close())
  const credentials = new RoleCredentials(sts, role, {
    policy: retryPolicy(inputs, job),
    log: print,
    clock: job.clock,
    mask: job.secrets.mask,
    getIdToken: (audience) => core.getIDToken(audience)
  })
  await credentials.getCredentials()
  return credentials.getCredentials
}

/**
 * Every certificate's flow at once: the API wrapper paces the requests, so concurrency only hides latency. When
 * the job is cancelled, the flows end on their own (nothing new starts, requests in flight are aborted after the
 * grace); any that has not handed in its result soon after is reported as unknown rather than waited for.
 */
async function submitAll(inputs: ActionInputs, job: Job, api: SslApi): Promise<CertificateResult[]> {
  const { endpoint, verifyType, certificateIds } = inputs
  const proxy = proxyFor(endpoint, process.env)
  print.info(
    `${inputs.dryRun ? 'Preview (dry-run: reading calls only, nothing is changed) of ' : ''}${inputs.renewal ? 'Keeping renewed' : 'Submitting'} ${certificateIds.length === 1 ? 'certificate' : `${certificateIds.length} certificates:`} ${namedIds(certificateIds)} ` +
      `with ${inputs.submitApi}${verifyType ? ` (verify type ${verifyType})` : ''} to ${endpoint.protocol}${endpoint.host}` +
      `${proxy ? ` through the proxy ${describeProxy(proxy)}` : ''}`
  )
  if (inputs.information) {
    print.info(
      `Information first, with CertificateInfoSubmit, where a certificate waits for it: key ${inputs.information.key}` +
        (inputs.information.autoRenew
          ? '; auto-renew is on: Tencent Cloud will charge the account for each renewal'
          : '')
    )
  }
  const worstCallSeconds = worstCaseCallMs(retryPolicy(inputs, job), inputs.requestTimeoutSeconds * 1000) / 1000
  print.debug(
    `Settings: region ${inputs.region ?? '(none)'}, language ${inputs.language}, max-attempts ${inputs.maxAttempts}, ` +
      `request-timeout ${inputs.requestTimeoutSeconds} s (one call at most ${worstCallSeconds} s), skip-submitted ${inputs.skipSubmitted}, ` +
      `wait ${inputs.wait ? `${inputs.wait.timeoutSeconds} s, every ${inputs.intervalSeconds} s` : 'no'}, ` +
      `download-dir ${inputs.files ? `${inputs.files.dir}${inputs.files.pfxPassword ? ' with certificate.pfx' : ''}` : 'none'}`
  )
  const { certificate: settings, intervalMs } = flowSettings(inputs)
  // A large fleet logs a progress line every few seconds; each certificate's own lines go to debug (failures are in
  // the error and the summary either way).
  const fleet = certificateIds.length > FLEET_SIZE
  const log = fleet ? { ...print, info: print.debug } : print
  const progress = new Progress(certificateIds.length)
  const ticker = fleet ? setInterval(() => print.info(progress.line()), PROGRESS_INTERVAL_MS).unref() : undefined
  const policy = retryPolicy(inputs, job)
  const statuses = new Statuses(api, { policy, log, clock: job.clock, intervalMs })
  const preview = inputs.dryRun ? new Preview(print.info) : undefined
  const flowJob = {
    api,
    policy,
    log,
    clock: job.clock,
    statuses,
    ...(preview ? { preview } : {}),
    mask: job.secrets.mask,
    notice: print.notice,
    onProgress: (id: string, stage: 'submitted' | 'waiting') => progress.stage(id, stage)
  }
  const steps = certificateSteps(flowJob)
  const results = new Map<string, CertificateResult>()
  const flows = Promise.all(
    certificateIds.map(async (id) => {
      const result = await runFlow(steps, id, settings, flowJob)
      // A preview's plan, gathered by the flow step by step, goes with the certificate's result: here, in one place.
      results.set(id, preview ? { ...result, Plan: preview.of(result.CertificateId) } : result)
      progress.finished(result)
    })
  )
  await Promise.race([flows, settledAfterCancel(job.cancellation)])
  clearInterval(ticker)
  if (fleet) print.info(progress.line())
  const unknown = {
    code: ActionErrorCode.Cancelled,
    requestId: '',
    message: "the job was cancelled and this certificate's state could not be told in time"
  }
  return certificateIds.map((id) => results.get(id) ?? failed(id, unknown))
}

/**
 * The flow's settings from the inputs, in milliseconds where the inputs give seconds: the one place the unit
 * changes. wait-interval paces the waiting, the status rounds and the following of a switch alike.
 */
function flowSettings(inputs: ActionInputs): { certificate: CertificateSettings; intervalMs: number } {
  const ms = (seconds: number): number => seconds * 1000
  const intervalMs = ms(inputs.intervalSeconds)
  const certificate: CertificateSettings = {
    submitApi: inputs.submitApi,
    deleteDnsAutoRecord: inputs.deleteDnsAutoRecord,
    skipSubmitted: inputs.skipSubmitted
  }
  if (inputs.verifyType) certificate.verifyType = inputs.verifyType
  if (inputs.wait) certificate.wait = { timeoutMs: ms(inputs.wait.timeoutSeconds), intervalMs }
  if (inputs.files) certificate.files = inputs.files
  if (inputs.validationDir) certificate.validationDir = inputs.validationDir
  if (inputs.information)
    certificate.information = {
      requests: inputs.information.requests,
      key: inputs.information.key,
      keyChosen: inputs.information.keyChosen
    }
  if (inputs.rebind) certificate.rebind = { ...inputs.rebind, timeoutMs: ms(inputs.rebind.timeoutSeconds), intervalMs }
  if (inputs.renewal) certificate.renewal = inputs.renewal
  return { certificate, intervalMs }
}

/** The IDs for a log line: all of a short list, the first few of a long one. */
function namedIds(ids: readonly string[]): string {
  return ids.length <= FLEET_SIZE
    ? ids.join(', ')
    : `${ids.slice(0, FLEET_SIZE).join(', ')} … and ${ids.length - FLEET_SIZE} more`
}

/** Resolves a bounded time after the job is cancelled; never before. */
function settledAfterCancel(cancellation: Cancellation): Promise<void> {
  return new Promise((resolve) =>
    cancellation.stopping.addEventListener(
      'abort',
      () => setTimeout(resolve, CANCEL_GRACE_MS + CANCEL_SETTLE_MS).unref(),
      { once: true }
    )
  )
}

/** Every certificate the input names still gets a result when another input is wrong; the problem is stated once, in the error. */
function certificatesDespiteInputProblem(): string[] {
  try {
    return readCertificateIds(core.getInput)
  } catch {
    return []
  }
}

/** Whether to write the summary when the inputs are wrong: as summary says, or yes when summary is what is wrong. */
function readSummaryDespiteInputProblem(): boolean {
  try {
    return readSummary(core.getInput)
  } catch {
    return true
  }
}

/** The same short result for every certificate, when the step as a whole could not go on. */
function notSubmitted(
  certificateIds: readonly string[],
  failure: Omit<FailureReport, 'message'>,
  why: string
): CertificateResult[] {
  return certificateIds.map((certificateId) =>
    failed(certificateId, { ...failure, message: `not submitted: ${why} (see the error)` })
  )
}

/** Every result, whole, in a file: the outputs and the summary have limits and may have to be cut. */
function writeResultsFile(results: readonly CertificateResult[]): string {
  const file = join(process.env.RUNNER_TEMP || tmpdir(), `tencentcloud-ssl-results-${randomUUID()}.json`)
  try {
    writeFileSync(file, JSON.stringify(results))
    return file
  } catch (error) {
    print.warning(`The results file could not be written: ${errorMessage(error)}`)
    return ''
  }
}

interface Verdict {
  /** The first line of the failure, before the certificates' own (a cancelled job says so here). */
  headline?: string
  /** The step as a whole failed, for every certificate alike. */
  problem?: StepProblem & { code: string }
}

async function publish(
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
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)

  if (writeSummary) {
    try {
      await core.summary.addRaw(summaryMarkdown(results, problem, resultsFile), true).write()
    } catch (error) {
      // Outside a runner there is no summary file; the outputs and the log already say everything.
      print.warning(`The job summary could not be written: ${errorMessage(error)}`)
    }
  }

  if (problem) {
    print.setFailed(problem.message)
    return
  }
  const message = failureMessage(results)
  if (message) print.setFailed(headline ? `${headline}\n${message}` : message)
}

/** What a cancelled job did, for the first line of its failure. */
function cancelledHeadline(results: readonly CertificateResult[]): string {
  const submitted = results.filter((r) => r.OrderId !== '').length
  const cancelled = results.filter((r) => r.ErrorCode === ActionErrorCode.Cancelled).length
  return (
    `The job was cancelled: ${submitted} of ${results.length} certificates hold an order, ${cancelled} ended by the cancellation. ` +
    'Re-run with skip-submitted: true to carry on; it never submits a certificate twice.'
  )
}

export async function run(seams: RunSeams = {}): Promise<void> {
  const cancellation = new Cancellation()
  const backoff = seams.backoff ?? { baseDelayMs: DEFAULT_BASE_DELAY_MS, maxDelayMs: DEFAULT_MAX_DELAY_MS }
  const job: Job = {
    cancellation,
    backoff,
    clock: { now: Date.now, sleep: cancellation.sleep },
    secrets: new Secrets(core.setSecret)
  }
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!cancellation.cancelled)
      print.warning(`${signal} received: starting nothing new, then reporting every certificate's state.`)
    cancellation.cancel(CANCEL_GRACE_MS)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const closers: (() => void)[] = []
  try {
    await runJob(job, closers)
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    for (const close of closers) close()
  }
}

async function runJob(job: Job, closers: (() => void)[]): Promise<void> {
  let inputs: ActionInputs
  if (core.getInput('domain') !== '') await loadInformationParsers()
  try {
    inputs = readInputs(core.getInput, process.env, job.secrets.mask)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    const summaryWanted = readSummaryDespiteInputProblem()
    const code = ActionErrorCode.InvalidInput
    const problem = {
      code,
      headline: 'Nothing was sent: the inputs are wrong.',
      message: `${error.message}\nNothing was sent to Tencent Cloud.`
    }
    await publish(
      job.secrets,
      notSubmitted(certificatesDespiteInputProblem(), { code, requestId: '' }, 'the inputs are wrong'),
      summaryWanted,
      { problem }
    )
    return
  }
  for (const warning of inputs.warnings) print.warning(warning)
  let credentials: CredentialProvider
  try {
    credentials = await signIn(inputs, job, closers)
  } catch (error) {
    // Without credentials nothing can be submitted; every certificate still ends with a result that says why.
    const { code, message, requestId } = toFailure(error)
    const role = inputs.credentialSource.kind === 'role' ? ` with role ${inputs.credentialSource.role.roleArn}` : ''
    const problem = {
      code,
      headline: 'Signing in failed, so nothing was submitted.',
      message:
        `Signing in${role} failed, so nothing was submitted: ${code}: ${message} (${requestId ? `RequestId ${requestId}` : 'no RequestId: no answer came'}). ` +
        `What to do: ${hintFor(code, 'sts')}`
    }
    await publish(
      job.secrets,
      notSubmitted(inputs.certificateIds, { code, requestId }, 'signing in failed'),
      inputs.summary,
      {
        problem
      }
    )
    return
  }
  const ssl = createSslApi({
    ...connection(inputs, job),
    endpoint: inputs.endpoint,
    credentials,
    ...(inputs.region ? { region: inputs.region } : {}),
    pacing: new RateLimiter(job.clock),
    // A large fleet's retries go to debug, as its certificates' own lines do.
    retry: {
      policy: retryPolicy(inputs, job),
      log: inputs.certificateIds.length > FLEET_SIZE ? { ...print, info: print.debug } : print,
      clock: job.clock
    }
  })
  closers.push(() => ssl.close())
  const results = await submitAll(inputs, job, ssl)
  await publish(
    job.secrets,
    results,
    inputs.summary,
    job.cancellation.cancelled ? { headline: cancelledHeadline(results) } : {}
  )
}
