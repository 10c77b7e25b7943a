// The DNS provider's settings: dns-provider (only with verify-type DNS), its credentials from the environment under
// the provider's own names (each value masked at once), dns-command, dns-endpoint, dns-nameservers,
// dns-propagation-timeout and dns-cleanup. All read and checked before anything is sent.
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { isIP } from 'node:net'
import type { Credentials, Endpoint, Env, VerifyType } from '../../../api/terms.js'
import type { ProviderName } from '../../../dns/provider-api.js'
import { booleanInput, oneOf, positiveSecondsIn, named, type ReadInput } from '../../../support/formats.js'
import { InputError } from '../../../support/input-error.js'

export const DNS_PROVIDERS = ['cloudflare', 'alidns', 'dnspod', 'route53', 'command'] as const
export type DnsProviderName = ProviderName | 'command'

/** The providers' public API addresses, used unless dns-endpoint names another. */
export const PUBLIC_ENDPOINTS: Readonly<Record<ProviderName, string>> = {
  cloudflare: 'api.cloudflare.com',
  alidns: 'alidns.aliyuncs.com',
  dnspod: 'dnspod.tencentcloudapi.com',
  route53: 'route53.amazonaws.com'
}

/** dns-propagation-timeout: at most a day; 600 s by default. */
const PROPAGATION_LIMIT = 24 * 3600

/** Where the provider's credentials come from, as read from the environment. */
export type ProviderCredentials =
  | { provider: 'cloudflare'; apiToken: string }
  | { provider: 'alidns'; accessKeyId: string; accessKeySecret: string; securityToken?: string }
  | { provider: 'route53'; from: string }
  /** keys: DNSPOD_SECRET_ID / DNSPOD_SECRET_KEY; none: the step's own Tencent Cloud credentials. */
  | { provider: 'dnspod'; keys?: Credentials }
  | { provider: 'command'; command: string }

export interface DnsSettings {
  provider: DnsProviderName
  credentials: ProviderCredentials
  /** The provider API's address (unused by command). */
  endpoint: Endpoint
  /** dns-nameservers: where records are proven instead of the zone's own nameservers. */
  nameservers?: string[]
  propagationTimeoutMs: number
  cleanup: boolean
  /** request-timeout, for one provider request or one run of dns-command. */
  requestTimeoutMs: number
}

export interface DnsContext {
  readInput: ReadInput
  env: Env
  mask: (secret: string) => void
  verifyType: VerifyType | undefined
  requestTimeoutSeconds: number
  parseEndpoint: (input: string, value: string) => Endpoint
}

/** The first variable set among `names`, masked. */
function variable(env: Env, mask: (secret: string) => void, ...names: string[]): string {
  for (const name of names) {
    const value = env[name]?.trim()
    if (value) {
      mask(value)
      return value
    }
  }
  return ''
}

const missing = (provider: string, variables: string): InputError =>
  new InputError(
    'dns-provider',
    `dns-provider ${provider} needs ${variables} in the step's environment (set it with env: from a secret); nothing was sent.`
  )

function credentialsOf(provider: DnsProviderName, context: DnsContext, command: string): ProviderCredentials {
  const { env, mask } = context
  switch (provider) {
    case 'cloudflare': {
      const apiToken = variable(env, mask, 'CLOUDFLARE_API_TOKEN', 'CF_API_TOKEN')
      if (!apiToken) throw missing('cloudflare', 'CLOUDFLARE_API_TOKEN (an API token with Zone:Read and DNS:Edit)')
      return { provider, apiToken }
    }
    case 'alidns': {
      const accessKeyId = variable(env, mask, 'ALIBABA_CLOUD_ACCESS_KEY_ID')
      const accessKeySecret = variable(env, mask, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET')
      const securityToken = variable(env, mask, 'ALIBABA_CLOUD_SECURITY_TOKEN')
      if (!accessKeyId || !accessKeySecret)
        throw missing(
          'alidns',
          'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN with an STS key)'
        )
      return { provider, accessKeyId, accessKeySecret, ...(securityToken ? { securityToken } : {}) }
    }
    case 'route53': {
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) variable(env, mask, name)
      return { provider, from: awsSource(env) }
    }
    case 'dnspod': {
      const secretId = variable(env, mask, 'DNSPOD_SECRET_ID')
      const secretKey = variable(env, mask, 'DNSPOD_SECRET_KEY')
      if (Boolean(secretId) !== Boolean(secretKey))
        throw missing(
          'dnspod',
          "both DNSPOD_SECRET_ID and DNSPOD_SECRET_KEY (or neither, to use the step's own Tencent Cloud credentials)"
        )
      return secretId ? { provider, keys: { secretId, secretKey } } : { provider }
    }
    case 'command':
      return { provider, command }
  }
}

/** Where the AWS SDK's default chain will find credentials, said before anything is sent; none: an input error. */
function awsSource(env: Env): string {
  if (env.AWS_ACCESS_KEY_ID?.trim() && env.AWS_SECRET_ACCESS_KEY?.trim()) return 'AWS_ACCESS_KEY_ID'
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE?.trim() && env.AWS_ROLE_ARN?.trim()) return 'AWS_WEB_IDENTITY_TOKEN_FILE'
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI?.trim() || env.AWS_CONTAINER_CREDENTIALS_FULL_URI?.trim())
    return 'the container credentials'
  if (env.AWS_PROFILE?.trim()) return `the profile ${env.AWS_PROFILE.trim()}`
  const home = env.HOME?.trim() || homedir()
  const files = [
    env.AWS_SHARED_CREDENTIALS_FILE?.trim() || join(home, '.aws', 'credentials'),
    env.AWS_CONFIG_FILE?.trim() || join(home, '.aws', 'config')
  ]
  if (files.some((file) => existsSync(file))) return 'the shared credentials file'
  // An instance role is used only when said: a runner that is not on EC2 would wait for a metadata service.
  if (env.AWS_EC2_METADATA_DISABLED?.trim().toLowerCase() === 'false') return 'the instance role'
  throw missing(
    'route53',
    'AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a role from aws-actions/configure-aws-credentials (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN, or the keys it exports), or AWS_PROFILE; on an EC2 runner with an instance role, AWS_EC2_METADATA_DISABLED=false'
  )
}

/** A nameserver address: `ip`, `ip:port` or `[ipv6]:port`, as `ip:port` (53 by default). */
export function nameserverOf(value: string): string | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value)
  const plain = /^([^:]+):(\d{1,5})$/.exec(value)
  const [host, port]: [string, string | undefined] = bracketed
    ? [bracketed[1], bracketed[2]]
    : isIP(value)
      ? [value, undefined]
      : plain
        ? [plain[1], plain[2]]
        : ['', undefined]
  if (!isIP(host) || (port !== undefined && (Number(port) < 1 || Number(port) > 65535))) return undefined
  const address = isIP(host) === 6 ? `[${host}]` : host
  return `${address}:${port ?? 53}`
}

function readNameservers(value: string): string[] | undefined {
  if (!value) return undefined
  const items = value.split(/[\s,]+/).filter(Boolean)
  const wrong = items.filter((item) => nameserverOf(item) === undefined)
  if (wrong.length > 0)
    throw new InputError(
      'dns-nameservers',
      `dns-nameservers ${named(wrong)} ${wrong.length === 1 ? 'is not an address' : 'are not addresses'}: give IP addresses (ip or ip:port, [ipv6]:port), one per line.`
    )
  return items.map((item) => nameserverOf(item)!)
}

/** The DNS settings, or undefined without dns-provider (then every other dns- input must be left at its default). */
export function readDnsSettings(context: DnsContext): DnsSettings | undefined {
  const text = (name: string): string => context.readInput(name).trim()
  const given = text('dns-provider')
  const command = context.readInput('dns-command')
  const endpointValue = text('dns-endpoint')
  const nameserverValue = text('dns-nameservers')
  // Read and checked whether or not a provider is set: a wrong value is named before anything is sent.
  const propagationTimeoutMs =
    positiveSecondsIn('dns-propagation-timeout', text('dns-propagation-timeout') || '600', PROPAGATION_LIMIT) * 1000
  const cleanup = booleanInput('dns-cleanup', text('dns-cleanup') || 'true')
  if (!given) {
    const stray = [
      ['dns-command', command.trim()],
      ['dns-endpoint', endpointValue],
      ['dns-nameservers', nameserverValue]
    ]
      .filter(([, value]) => value !== '')
      .map(([name]) => name)
    if (stray.length > 0)
      throw new InputError(
        stray[0],
        `${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set, but dns-provider is empty: set dns-provider too (cloudflare, alidns, dnspod, route53 or command), or leave ${stray.length === 1 ? 'it' : 'them'} empty.`
      )
    return undefined
  }
  const provider = oneOf('dns-provider', given, DNS_PROVIDERS)
  if (context.verifyType && context.verifyType !== 'DNS')
    throw new InputError(
      'dns-provider',
      `dns-provider writes DNS validation records, but verify-type is ${context.verifyType}: use verify-type: DNS with it (DNS_AUTO needs no provider; FILE records go to validation-dir), or leave dns-provider empty.`
    )
  if (provider === 'command' && !command.trim())
    throw new InputError(
      'dns-command',
      'dns-provider is command, but dns-command is empty: give the command that writes (DNS_ACTION=present) and deletes (DNS_ACTION=cleanup) one record.'
    )
  if (provider !== 'command' && command.trim())
    throw new InputError(
      'dns-command',
      `dns-command is for dns-provider: command; dns-provider is ${provider}: leave dns-command empty.`
    )
  if (provider === 'command' && endpointValue)
    throw new InputError(
      'dns-endpoint',
      'dns-endpoint names a provider API, but dns-provider is command: leave dns-endpoint empty.'
    )
  const endpoint = context.parseEndpoint(
    'dns-endpoint',
    endpointValue || PUBLIC_ENDPOINTS[provider === 'command' ? 'dnspod' : provider]
  )
  const nameservers = readNameservers(nameserverValue)
  return {
    provider,
    credentials: credentialsOf(provider, context, command),
    endpoint,
    ...(nameservers ? { nameservers } : {}),
    propagationTimeoutMs,
    cleanup,
    requestTimeoutMs: context.requestTimeoutSeconds * 1000
  }
}
