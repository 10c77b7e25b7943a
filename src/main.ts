// The action, composed: inputs → sign-in → client → the steps of each certificate → report. A single certificate's
// steps each fold in the log (core.group); every certificate ends with a result, whatever fails on the way.
import * as core from '@actions/core'
import type { CredentialProvider } from './api/caller.js'
import { createSslApi } from './api/client.js'
import { ActionErrorCode, toFailure } from './api/errors.js'
import { RateLimiter } from './api/pacing.js'
import { runCertificates } from './certificates.js'
import { readCertificateIds, readInputs, readSummary, type ActionInputs } from './inputs/inputs.js'
import { connection, retryPolicy, startJob, type Job, type RunSeams } from './job.js'
import { hintFor } from './report/advice.js'
import { cancelledHeadline, notSubmitted, publish } from './report/publish.js'
import { signIn } from './sign-in.js'
import type { CertificateResult } from './steps/index.js'
import { isWatch } from './steps/served/settings.js'
import { sendAlerts } from './alert/issues.js'
import { certificateSubjects } from './report/alerts.js'
import { runWatch } from './watch.js'
import { FLEET_SIZE } from './flow/progress.js'
import { loadInformationParsers } from './steps/index.js'
import { despite } from './support/formats.js'
import { InputError } from './support/input-error.js'
import { phase, print } from './support/log.js'

export { CANCEL_GRACE_MS } from './job.js'

export async function run(seams: RunSeams = {}): Promise<void> {
  const job = startJob(seams)
  try {
    // verify-hosts alone: a watch of the hosts.
    if (isWatch(core.getInput)) return await runWatch(job)
    const inputs = await readAll(job)
    if (!inputs) return
    for (const warning of inputs.warnings) print.warning(warning)
    const credentials =
      inputs.credentialSource.kind === 'role'
        ? await phase('Sign-in', () => signInOrReport(inputs, job))
        : await signInOrReport(inputs, job)
    if (!credentials) return
    const results = await runCertificates(inputs, job, sslClient(inputs, job, credentials), credentials)
    const verdict = job.cancellation.cancelled ? { headline: cancelledHeadline(results) } : {}
    await publish(job.secrets, results, inputs.summary, verdict)
    await alert(inputs, job, results)
  } finally {
    job.end()
  }
}

/** Every input read and checked, secrets masked first; a wrong one ends the run with every certificate's result. */
async function readAll(job: Job): Promise<ActionInputs | undefined> {
  if (core.getInput('domain') !== '') await loadInformationParsers()
  try {
    return readInputs(core.getInput, process.env, job.secrets.mask)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    const code = ActionErrorCode.InvalidInput
    const problem = {
      code,
      headline: 'Nothing was sent: the inputs are wrong.',
      message: `${error.message}\nNothing was sent to Tencent Cloud.`
    }
    const results = notSubmitted(
      despite(() => readCertificateIds(core.getInput), []),
      { code, requestId: '' },
      'the inputs are wrong'
    )
    // The summary as summary says, or yes when summary is what is wrong.
    await publish(
      job.secrets,
      results,
      despite(() => readSummary(core.getInput), true),
      { problem }
    )
    return undefined
  }
}

/** The credentials, or (having reported why, with every certificate's result) undefined. */
async function signInOrReport(inputs: ActionInputs, job: Job): Promise<CredentialProvider | undefined> {
  try {
    return await signIn(inputs, job)
  } catch (error) {
    // Without credentials nothing can be submitted; every certificate still ends with a result that says why.
    const { code, message, requestId } = toFailure(error)
    const role = inputs.credentialSource.kind === 'role' ? ` with role ${inputs.credentialSource.role.roleArn}` : ''
    const answer = requestId ? `RequestId ${requestId}` : 'no RequestId: no answer came'
    const problem = {
      code,
      headline: 'Signing in failed, so nothing was submitted.',
      message: `Signing in${role} failed, so nothing was submitted: ${code}: ${message} (${answer}). What to do: ${hintFor(code, 'sts')}`
    }
    const results = notSubmitted(inputs.certificateIds, { code, requestId }, 'signing in failed')
    await publish(job.secrets, results, inputs.summary, { problem })
    await alert(inputs, job, results, problem.message)
    return undefined
  }
}

/** alert-issue: each certificate's issue opened, commented on or closed; never in a preview or a cancelled job. */
async function alert(
  inputs: ActionInputs,
  job: Job,
  results: readonly CertificateResult[],
  problem?: string
): Promise<void> {
  if (!inputs.alert || inputs.dryRun || job.cancellation.cancelled) return
  await sendAlerts(inputs.alert, job.secrets.hideIn(certificateSubjects(results, problem)), print, job.clock.sleep)
}

/** The SSL client: signed with `credentials`, paced per action, retrying what is safe to repeat. */
function sslClient(inputs: ActionInputs, job: Job, credentials: CredentialProvider) {
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
  job.closers.push(() => ssl.close())
  return ssl
}
