// The record writer for dns-provider, made once per job on first use: each provider's SDK (and the command's
// child_process) is loaded only then, so a step without DNS never loads one.
import type { CredentialProvider } from '../../../api/caller.js'
import type { Clock } from '../../../support/clock.js'
import type { ProviderConnection } from '../../../dns/http.js'
import type { Services } from '../../../flow/step.js'
import type { RecordWriter } from './provider.js'
import { ProviderRecords, RATE_LIMITS } from './records.js'
import { RateLimiter } from '../../../api/pacing.js'
import type { DnsSettings } from './settings.js'

/** A request the provider throttled is sent at most this many times in all, pausing a second more each time. */
const THROTTLED_ATTEMPTS = 5
const THROTTLED_PAUSE_MS = 1000

export async function recordWriter(
  settings: DnsSettings,
  services: Services,
  clock: Clock,
  say: (line: string) => void
): Promise<RecordWriter> {
  // Every request to the provider takes its turn within the provider's documented rate limit; one the provider
  // throttled anyway (another job on the same account) is sent again after a pause, a few times at most.
  const limit = settings.provider === 'command' ? { requests: 1, windowMs: 1000 } : RATE_LIMITS[settings.provider]
  const pacing = new RateLimiter(clock, limit.requests, limit.windowMs)
  const connection: ProviderConnection = {
    pace: async (request, throttled, first = false) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await pacing.run(settings.provider, request, first)
        } catch (error) {
          if (!throttled(error) || attempt >= THROTTLED_ATTEMPTS) throw error
          say(
            `${settings.provider} throttled a request; sending it again in ${(THROTTLED_PAUSE_MS * attempt) / 1000} s`
          )
          await clock.sleep(THROTTLED_PAUSE_MS * attempt)
        }
      }
    },
    endpoint: settings.endpoint,
    env: services.env,
    timeoutMs: settings.requestTimeoutMs,
    ...(services.cancellation ? { cancellation: services.cancellation } : {})
  }
  const credentials = settings.credentials
  switch (credentials.provider) {
    case 'cloudflare': {
      const { cloudflareApi } = await import('../../../dns/cloudflare.js')
      return new ProviderRecords(cloudflareApi(connection, credentials.apiToken))
    }
    case 'alidns': {
      const { alidnsApi } = await import('../../../dns/alidns.js')
      const { accessKeyId, accessKeySecret, securityToken } = credentials
      const keys = { accessKeyId, accessKeySecret, ...(securityToken ? { securityToken } : {}) }
      return new ProviderRecords(alidnsApi(connection, keys))
    }
    case 'route53': {
      const { route53Api } = await import('../../../dns/route53.js')
      return new ProviderRecords(route53Api(connection))
    }
    case 'dnspod': {
      const { dnspodApi } = await import('../../../dns/dnspod.js')
      const keys = credentials.keys
      const signed: CredentialProvider | undefined = keys ? () => Promise.resolve(keys) : services.tencentCredentials
      if (!signed) throw new Error('dns-provider dnspod: no Tencent Cloud credentials to sign with')
      return new ProviderRecords(dnspodApi(connection, signed))
    }
    case 'command': {
      const { commandProvider } = await import('./command.js')
      return commandProvider({
        command: credentials.command,
        timeoutMs: settings.requestTimeoutMs,
        env: services.env,
        say
      })
    }
  }
}
