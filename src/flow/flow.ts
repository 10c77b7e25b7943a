// One certificate's flow: its steps in order, each run (or, in a preview, planned); the first that fails ends it, and
// its failure becomes the certificate's result here, in one place. Every flow ends with a result, never an exception:
// one certificate's failure does not stop the others.
import { toFailure } from '../api/errors.js'
import { statusName } from '../api/status.js'
import type { BaseResult } from './result.js'
import { StepFailed, type CertificateFlow, type Job, type Step } from './step.js'

/** The failed result of `flow` for `failed`: the slices so far, the failure's code, message, RequestId and call. */
function failedResult<Result extends BaseResult>(flow: CertificateFlow<unknown, Result>, failed: StepFailed): Result {
  const failure = toFailure(failed.cause)
  const known = failed.context.known ?? {}
  const status = known.Status !== undefined ? known.Status : flow.result.Status
  const call = failed.context.call ?? failure.action
  const { FailedCall: _earlier, ...result } = flow.result
  void _earlier
  return {
    ...result,
    CertificateId: flow.id,
    OrderId: known.OrderId ?? flow.result.OrderId,
    Status: status,
    StatusName: status === null ? '' : statusName(status),
    RequestId: failure.requestId || flow.result.RequestId,
    ErrorCode: failure.code,
    ErrorMessage: failed.context.describe ? failed.context.describe(failure.message) : failure.message,
    ...(call ? { FailedCall: call } : {})
  } as Result
}

/** The result a certificate's flow starts from: nothing known yet. */
export const startingResult = (id: string): BaseResult => ({
  CertificateId: id,
  OrderId: '',
  Status: null,
  StatusName: '',
  RequestId: ''
})

/** Runs `steps` for the certificate `namedId`: their plan in a preview, else their run. */
export async function runFlow<Settings, Result extends BaseResult>(
  steps: readonly Step<Settings, Result>[],
  namedId: string,
  settings: Settings,
  job: Job
): Promise<Result> {
  let settle: (result: Result) => void = () => {}
  const finished = new Promise<Result>((resolve) => (settle = resolve))
  const flow: CertificateFlow<Settings, Result> = {
    id: namedId,
    namedId,
    settings,
    result: startingResult(namedId) as Result,
    finished,
    fail: (failed) => {
      flow.result = failedResult(flow, failed)
    }
  }
  let failedAt = -1
  for (const [index, step] of steps.entries()) {
    try {
      const act = async () => (job.preview ? await step.plan(flow) : await step.run(flow))
      const outcome = job.phase ? await job.phase(`Certificate ${flow.id}: ${step.name}`, act) : await act()
      if (outcome === 'done') break
    } catch (error) {
      // A failure a step did not describe is still the certificate's outcome, in the API's own words.
      flow.fail(error instanceof StepFailed ? error : new StepFailed(error))
      failedAt = index
      break
    }
  }
  if (failedAt >= 0 && !job.preview) for (const step of steps.slice(failedAt + 1)) step.skipped?.(flow)
  for (const step of steps) await step.finish?.(flow)
  settle(flow.result)
  return flow.result
}
