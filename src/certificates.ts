// Every certificate's flow at once: the step list run for each, the API client pacing the requests, so concurrency
// only hides latency. When the job is cancelled, the flows end on their own (nothing new starts, requests in flight
// are aborted after the grace); any that has not handed in its result soon after is reported as unknown.
import type { SslApi } from './api/calls.js'
import type { CredentialProvider } from './api/caller.js'
import { ActionErrorCode } from './api/errors.js'
import { describeProxy, proxyFor } from './api/proxy.js'
import { runFlow } from './flow/flow.js'
import { Preview } from './flow/preview.js'
import { FLEET_SIZE, Progress, PROGRESS_INTERVAL_MS } from './flow/progress.js'
import { failed } from './flow/result.js'
import { Statuses } from './flow/statuses.js'
import type { ActionInputs } from './inputs/inputs.js'
import { retryPolicy, settledAfterCancel, type Job } from './job.js'
import { certificateSteps, type CertificateResult } from './steps/index.js'
import { phase, print } from './support/log.js'
import { worstCaseCallMs } from './support/retry.js'

/** The IDs for a log line: all of a short list, the first few of a long one. */
function namedIds(ids: readonly string[]): string {
  return ids.length <= FLEET_SIZE
    ? ids.join(', ')
    : `${ids.slice(0, FLEET_SIZE).join(', ')} … and ${ids.length - FLEET_SIZE} more`
}

/** What the run is about to do, in the log: the certificates, the API, the endpoint and the proxy, the settings. */
function announce(inputs: ActionInputs, job: Job): void {
  const { endpoint, certificateIds, certificate } = inputs
  const proxy = proxyFor(endpoint, process.env)
  const doing = certificate.renewal ? 'Keeping renewed' : 'Submitting'
  const preview = inputs.dryRun ? 'Preview (dry-run: reading calls only, nothing is changed) of ' : ''
  const which = certificateIds.length === 1 ? 'certificate' : `${certificateIds.length} certificates:`
  const verify = certificate.verifyType ? ` (verify type ${certificate.verifyType})` : ''
  const through = proxy ? ` through the proxy ${describeProxy(proxy)}` : ''
  print.info(
    `${preview}${doing} ${which} ${namedIds(certificateIds)} with ${certificate.submitApi}${verify} to ${endpoint.protocol}${endpoint.host}${through}`
  )
  const information = certificate.information
  if (information) {
    const charges = information.autoRenew
      ? '; auto-renew is on: Tencent Cloud will charge the account for each renewal'
      : ''
    print.info(
      `Information first, with CertificateInfoSubmit, where a certificate waits for it: key ${information.key}${charges}`
    )
  }
  const worstCallSeconds = worstCaseCallMs(retryPolicy(inputs, job), inputs.requestTimeoutSeconds * 1000) / 1000
  const wait = certificate.wait ? `${certificate.wait.timeoutMs / 1000} s, every ${inputs.intervalMs / 1000} s` : 'no'
  const files = certificate.files
  const dir = files ? `${files.dir}${files.pfxPassword ? ' with certificate.pfx' : ''}` : 'none'
  print.debug(
    `Settings: region ${inputs.region ?? '(none)'}, language ${inputs.language}, max-attempts ${inputs.maxAttempts}, ` +
      `request-timeout ${inputs.requestTimeoutSeconds} s (one call at most ${worstCallSeconds} s), skip-submitted ${certificate.skipSubmitted}, ` +
      `wait ${wait}, download-dir ${dir}`
  )
}

export async function runCertificates(
  inputs: ActionInputs,
  job: Job,
  api: SslApi,
  credentials?: CredentialProvider
): Promise<CertificateResult[]> {
  announce(inputs, job)
  const { certificateIds } = inputs
  // A large fleet logs a progress line every few seconds; each certificate's own lines go to debug (failures are in
  // the error and the summary either way). A single certificate's steps each fold in the log.
  const fleet = certificateIds.length > FLEET_SIZE
  const log = fleet ? { ...print, info: print.debug } : print
  const progress = new Progress(certificateIds.length)
  const ticker = fleet ? setInterval(() => print.info(progress.line()), PROGRESS_INTERVAL_MS).unref() : undefined
  const policy = retryPolicy(inputs, job)
  const preview = inputs.dryRun ? new Preview(print.info) : undefined
  const flowJob = {
    api,
    policy,
    log,
    clock: job.clock,
    statuses: new Statuses(api, { policy, log, clock: job.clock, intervalMs: inputs.intervalMs }),
    ...(preview ? { preview } : {}),
    ...(certificateIds.length === 1 ? { phase } : {}),
    mask: job.secrets.mask,
    notice: print.notice,
    services: {
      env: process.env,
      cancellation: job.cancellation,
      ...(credentials ? { tencentCredentials: credentials } : {}),
      onClose: (close: () => void) => job.closers.push(close),
      ...(job.trustedCa ? { trustedCa: job.trustedCa } : {})
    },
    onProgress: (id: string, stage: 'submitted' | 'waiting') => progress.stage(id, stage)
  }
  const steps = certificateSteps(flowJob)
  const results = new Map<string, CertificateResult>()
  const flows = Promise.all(
    certificateIds.map(async (id) => {
      const result = await runFlow(steps, id, inputs.certificate, flowJob)
      // A preview's plan, gathered by the steps, goes with the certificate's result: here, in one place.
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
