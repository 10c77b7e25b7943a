// The record writer for dns-provider, made once per job on first use: each provider's SDK is loaded only then, so a
// step without DNS never loads one.
import type { CredentialProvider } from '../../../api/caller.js'
import type { Clock } from '../../../support/clock.js'
import type { ProviderConnection } from '../../../dns/http.js'
import type { Services } from '../../../flow/step.js'
import { commandProvider } from './command.js'
import type { RecordWriter } from './provider.js'
import { ProviderRecords, RATE_LIMITS } from './records.js'
import { RateLimiter } from '../../../api/pacing.js'
import type { DnsSettings } from './settings.js'

export async function recordWriter(
  settings: DnsSettings,
  services: Services,
  clock: Clock,
  say: (line: string) => void
): Promise<RecordWriter> {
  // Every request to the provider takes its turn within the provider's documented rate limit.
  const pacing = settings.provider === 'command' ? undefined : new RateLimiter(clock, RATE_LIMITS[settings.provider])
  const connection: ProviderConnection = {
    pace: (request) => (pacing ? pacing.run(settings.provider, request) : request()),
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
    case 'command':
      return commandProvider({
        command: credentials.command,
        timeoutMs: settings.requestTimeoutMs,
        env: services.env,
        say
      })
  }
}
