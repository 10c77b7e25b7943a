// The clients, built from the call declarations (calls.ts): each call is fetched with the credentials of the
// moment, paced at this single point against its action's rate limit, and made by the caller (caller.ts).
import { Client as SslClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ssl/v20191205/ssl_client.js'
import { Client as StsClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/sts/v20180813/sts_client.js'
import { Caller, type ClientSettings, type ConnectionSettings, type SdkClient, type SdkProfile } from './caller.js'
import { SSL_CALLS, STS_CALLS, type Api, type Call, type SslApi, type StsApi } from './calls.js'

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
  return apiOf(SSL_CALLS, paced ? (call, request) => paced.run(call.action, () => make(call, request)) : make, () =>
    caller.close()
  )
}

/** STS needs a region. */
export function createStsApi(settings: ConnectionSettings & { region: string }): StsApi {
  const caller = new Caller(settings)
  const client = (profile: SdkProfile) =>
    new StsClient({ credential: {}, region: settings.region, profile }) as unknown as SdkClient
  return apiOf(
    STS_CALLS,
    (call, request) => caller.call(client, call, request),
    () => caller.close()
  )
}
