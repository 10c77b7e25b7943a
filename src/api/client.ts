// The clients, built from the call declarations (calls.ts): each call is fetched with the credentials of the
// moment, paced at this single point against its action's rate limit, and made by the caller (caller.ts).
import { Client as SslClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ssl/v20191205/ssl_client.js'
import { Client as StsClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/sts/v20180813/sts_client.js'
import { Caller, type ClientSettings, type ConnectionSettings, type SdkClient, type SdkProfile } from './caller.js'
import { SSL_CALLS, STS_CALLS, type Api, type Call, type SslApi, type StsApi } from './calls.js'
import { logRetry, retryDecision } from './errors.js'
import { retry } from '../support/retry.js'
import type { CallOptions } from '../support/call-options.js'

/** What a retry's log line names: the action and the certificate (or task) it is about. */
function describeCall(call: Call<unknown, unknown>, request: object): string {
  const fields = request as Record<string, unknown>
  const about = [fields.CertificateId, fields.CertId, fields.TaskId, fields.DeployRecordId].find(
    (value) => typeof value === 'string' && value !== ''
  )
  return `${call.action}${typeof about === 'string' ? ` ${about}` : ''}`
}

/**
 * Retry of the calls safe to repeat, at the one call point, as octokit's retry plugin wraps `request`: the flow
 * calls `api.describeCertificateDetail(...)` and never wraps it. A call that may take effect, or whose caller reads
 * back before repeating it, is made once here.
 */
function withRetry(
  make: (call: Call<unknown, unknown>, request: object) => Promise<unknown>,
  options: CallOptions | undefined
): (call: Call<unknown, unknown>, request: object) => Promise<unknown> {
  if (!options) return make
  return (call, request) =>
    call.safeToRepeat && !call.decidedByCaller
      ? retry(() => make(call, request), options, retryDecision, logRetry(options, describeCall(call, request)))
      : make(call, request)
}

/** Each declared call as a method, made by `make`. */
function apiOf<Calls extends Record<string, Call<unknown, unknown>>>(
  calls: Calls,
  make: (call: Call<unknown, unknown>, request: object) => Promise<unknown>,
  close: () => void
): Api<Calls> {
  const methods = Object.fromEntries(
    Object.entries(calls).map(([name, call]) => [name, (request: object) => make(call, request)])
  )
  return { ...methods, close } as Api<Calls>
}

export function createSslApi(settings: ClientSettings): SslApi {
  const caller = new Caller(settings)
  // The credentials are fetched here, outside the SDK, which would turn a failed renewal into a code-less error.
  const make = async (call: Call<unknown, unknown>, request: object): Promise<unknown> => {
    const credential = await settings.credentials()
    const client = (profile: SdkProfile) =>
      new SslClient({
        credential,
        ...(settings.region ? { region: settings.region } : {}),
        profile
      }) as unknown as SdkClient
    return caller.call(client, call, request)
  }
  const paced = settings.pacing
  const once = paced
    ? (call: Call<unknown, unknown>, request: object) => paced.run(call.action, () => make(call, request))
    : make
  return apiOf(SSL_CALLS, withRetry(once, settings.retry), () => caller.close())
}

/** STS needs a region. */
export function createStsApi(settings: ConnectionSettings & { region: string; retry?: CallOptions }): StsApi {
  const caller = new Caller(settings)
  const client = (profile: SdkProfile) =>
    new StsClient({ credential: {}, region: settings.region, profile }) as unknown as SdkClient
  return apiOf(
    STS_CALLS,
    withRetry((call, request) => caller.call(client, call, request), settings.retry),
    () => caller.close()
  )
}
