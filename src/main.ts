import * as core from '@actions/core'
import { processCertificates } from './certificates.js'
import { createSslApi, createStsApi, type CredentialProvider } from './client.js'
import { ActionErrorCode, toApiFailure } from './errors.js'
import { InputError } from './input-error.js'
import { readCertificateIds, readInputs, type ActionInputs } from './inputs.js'
import { pacedApi, RateLimiter, type Clock } from './pacing.js'
import { describeProxy, proxyFor } from './proxy.js'
import { failureMessage, stepOutputs, summaryMarkdown } from './report.js'
import { failed, type CertificateResult } from './results.js'
import { DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS, DEFAULT_MAX_THROTTLED_RETRIES, realSleep, type RetryPolicy } from './retry.js'
import { RoleCredentials } from './sts.js'

const realClock: Clock = { now: Date.now, sleep: realSleep }

function retryPolicy(inputs: ActionInputs): RetryPolicy {
  return {
    maxAttempts: inputs.maxAttempts,
    maxThrottledRetries: DEFAULT_MAX_THROTTLED_RETRIES,
    baseDelayMs: DEFAULT_BASE_DELAY_MS,
    maxDelayMs: DEFAULT_MAX_DELAY_MS,
    sleep: realSleep,
    random: Math.random
  }
}

function connection(inputs: ActionInputs) {
  return { language: inputs.language, requestTimeoutSeconds: inputs.requestTimeoutSeconds, env: process.env }
}

/** The credentials every SSL call is signed with: the key pair as given, or the role's temporary key, signed in now. */
async function signIn(inputs: ActionInputs): Promise<CredentialProvider> {
  const source = inputs.credentialSource
  if (source.kind === 'keys') {
    core.debug(`Credentials: ${source.credentials.token ? 'temporary key with session token' : 'API key pair'}`)
    return () => Promise.resolve(source.credentials)
  }
  const { role } = source
  core.info(
    `Signing in with role ${role.roleArn} through OIDC provider ${role.providerId} at ${role.stsEndpoint.protocol}${role.stsEndpoint.host} (region ${role.stsRegion})`
  )
  const sts = createStsApi({ ...connection(inputs), endpoint: role.stsEndpoint, region: role.stsRegion })
  const credentials = new RoleCredentials(sts, role, {
    policy: retryPolicy(inputs),
    log: core,
    clock: realClock,
    mask: core.setSecret,
    getIdToken: (audience) => core.getIDToken(audience)
  })
  await credentials.getCredentials()
  return credentials.getCredentials
}

async function submitAll(inputs: ActionInputs, credentials: CredentialProvider): Promise<CertificateResult[]> {
  const { endpoint, verifyType, certificateIds } = inputs
  const proxy = proxyFor(endpoint, process.env)
  core.info(
    `Submitting ${certificateIds.length === 1 ? 'certificate' : `${certificateIds.length} certificates:`} ${certificateIds.join(', ')} ` +
      `with ${inputs.submitApi}${verifyType ? ` (verify type ${verifyType})` : ''} to ${endpoint.protocol}${endpoint.host}` +
      `${proxy ? ` through the proxy ${describeProxy(proxy)}` : ''}`
  )
  core.debug(
    `Settings: region ${inputs.region ?? '(none)'}, language ${inputs.language}, max-attempts ${inputs.maxAttempts}, ` +
      `request-timeout ${inputs.requestTimeoutSeconds} s, skip-submitted ${inputs.skipSubmitted}, ` +
      `wait ${inputs.wait ? `${inputs.wait.timeoutSeconds} s, every ${inputs.wait.intervalSeconds} s` : 'no'}`
  )
  const ssl = createSslApi({ ...connection(inputs), endpoint, credentials, ...(inputs.region ? { region: inputs.region } : {}) })
  const api = pacedApi(ssl, new RateLimiter(realClock))
  const settings = {
    submitApi: inputs.submitApi,
    deleteDnsAutoRecord: inputs.deleteDnsAutoRecord,
    skipSubmitted: inputs.skipSubmitted,
    ...(verifyType ? { verifyType } : {}),
    ...(inputs.wait ? { wait: { timeoutMs: inputs.wait.timeoutSeconds * 1000, intervalMs: inputs.wait.intervalSeconds * 1000 } } : {})
  }
  return processCertificates(api, certificateIds, settings, { policy: retryPolicy(inputs), log: core, clock: realClock })
}

/** Every certificate the input names still gets a result when another input is wrong. */
function resultsForInputProblem(problem: InputError): CertificateResult[] {
  let certificateIds: string[]
  try {
    certificateIds = readCertificateIds(core.getInput)
  } catch {
    certificateIds = []
  }
  return certificateIds.map((certificateId) => failed(certificateId, { code: ActionErrorCode.InvalidInput, message: problem.message, requestId: '' }))
}

async function publish(results: CertificateResult[], writeSummary: boolean, inputProblem?: string): Promise<void> {
  const outputs = stepOutputs(results)
  if (inputProblem) outputs.ErrorCode = ActionErrorCode.InvalidInput
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)

  if (writeSummary) {
    try {
      await core.summary.addRaw(summaryMarkdown(results, inputProblem), true).write()
    } catch (error) {
      // Outside a runner there is no summary file; the outputs and the log already say everything.
      core.warning(`The job summary could not be written: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  if (inputProblem) {
    core.setFailed(`${inputProblem}\nNothing was sent to Tencent Cloud.`)
    return
  }
  const message = failureMessage(results)
  if (message) core.setFailed(message)
}

export async function run(): Promise<void> {
  let inputs: ActionInputs
  try {
    inputs = readInputs(core.getInput, process.env, core.setSecret)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    const summaryWanted = core.getInput('summary').trim().toLowerCase() !== 'false'
    await publish(resultsForInputProblem(error), summaryWanted, error.message)
    return
  }
  let credentials: CredentialProvider
  try {
    credentials = await signIn(inputs)
  } catch (error) {
    // Without credentials nothing can be submitted; every certificate still ends with a result that says why.
    const { code, message, requestId } = toApiFailure(error)
    const failure = { code, requestId, message: `signing in failed, so nothing was submitted: ${message}` }
    await publish(
      inputs.certificateIds.map((id) => failed(id, failure)),
      inputs.summary
    )
    return
  }
  await publish(await submitAll(inputs, credentials), inputs.summary)
}
