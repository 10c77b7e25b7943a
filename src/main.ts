import * as core from '@actions/core'
import { createSslApi } from './client.js'
import { ActionErrorCode } from './errors.js'
import { InputError } from './input-error.js'
import { readCertificateIds, readInputs, type ActionInputs } from './inputs.js'
import { failureMessage, stepOutputs, summaryMarkdown } from './report.js'
import { failed, type CertificateResult } from './results.js'
import { DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS, realSleep } from './retry.js'
import { submitCertificate } from './submit.js'

async function submitAll(inputs: ActionInputs): Promise<CertificateResult[]> {
  const api = createSslApi(inputs)
  const policy = {
    maxAttempts: inputs.maxAttempts,
    baseDelayMs: DEFAULT_BASE_DELAY_MS,
    maxDelayMs: DEFAULT_MAX_DELAY_MS,
    sleep: realSleep,
    random: Math.random
  }
  core.debug(
    `Settings: endpoint ${inputs.endpoint.protocol}${inputs.endpoint.host}, region ${inputs.region ?? '(none)'}, language ${inputs.language}, ` +
      `max-attempts ${inputs.maxAttempts}, request-timeout ${inputs.requestTimeoutSeconds} s, ` +
      `credentials: ${inputs.credentials.token ? 'temporary key with session token' : 'API key pair'}`
  )
  const results: CertificateResult[] = []
  for (const certificateId of inputs.certificateIds) {
    core.info(
      `Submitting certificate ${certificateId}` +
        `${inputs.verifyType ? ` with verify type ${inputs.verifyType}` : ''} to ${inputs.endpoint.protocol}${inputs.endpoint.host}`
    )
    const result = await submitCertificate(api, { certificateId, ...(inputs.verifyType ? { verifyType: inputs.verifyType } : {}) }, { policy, log: core })
    if (result.ErrorCode === undefined) {
      core.info(`Certificate ${certificateId}: order ${result.OrderId}, status ${result.Status} (${result.StatusName}), RequestId ${result.RequestId}`)
    }
    results.push(result)
  }
  return results
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
  await publish(await submitAll(inputs), inputs.summary)
}
