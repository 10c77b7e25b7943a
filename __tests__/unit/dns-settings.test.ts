// dns-provider's inputs and credentials, read before anything is sent: each provider's variables under its own names
// (masked at once), what is missing named, the inputs that only make sense with a provider refused without one.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEndpoint } from '../../src/inputs/endpoint.js'
import { nameserverOf, readDnsSettings } from '../../src/steps/validation/dns/settings.js'
import { InputError } from '../../src/support/input-error.js'
import { thrownBy } from '../helpers/thrown.js'

const EMPTY_HOME = mkdtempSync(join(tmpdir(), 'home-'))

function read(inputs: Record<string, string>, env: Record<string, string> = {}, verifyType?: 'DNS' | 'FILE') {
  const masked: string[] = []
  const settings = readDnsSettings({
    readInput: (name) => inputs[name] ?? '',
    env: { HOME: EMPTY_HOME, ...env },
    mask: (secret) => masked.push(secret),
    verifyType,
    requestTimeoutSeconds: 7,
    parseEndpoint
  })
  return { settings, masked }
}

test('without dns-provider: nothing, and the provider-only inputs are refused', () => {
  expect(read({}).settings).toBeUndefined()
  const error = thrownBy(InputError, () => read({ 'dns-endpoint': 'api.example', 'dns-nameservers': '192.0.2.1' }))
  expect(error.message).toBe(
    'dns-endpoint, dns-nameservers are set, but dns-provider is empty: set dns-provider too (cloudflare, alidns, dnspod, route53 or command), or leave them empty.'
  )
  expect(thrownBy(InputError, () => read({ 'dns-cleanup': 'maybe' })).message).toContain('dns-cleanup "maybe"')
})

test('cloudflare: the token masked, the public endpoint, the defaults', () => {
  const { settings, masked } = read({ 'dns-provider': 'Cloudflare' }, { CLOUDFLARE_API_TOKEN: ' cf-token ' }, 'DNS')
  expect(settings).toEqual({
    provider: 'cloudflare',
    credentials: { provider: 'cloudflare', apiToken: 'cf-token' },
    endpoint: { protocol: 'https://', host: 'api.cloudflare.com' },
    propagationTimeoutMs: 600_000,
    cleanup: true,
    requestTimeoutMs: 7000
  })
  expect(masked).toEqual(['cf-token'])
})

test('alidns: the key pair and its token masked; a missing secret named', () => {
  const { settings, masked } = read(
    { 'dns-provider': 'alidns', 'dns-cleanup': 'false', 'dns-propagation-timeout': '30' },
    {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI1',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret',
      ALIBABA_CLOUD_SECURITY_TOKEN: 'sts'
    }
  )
  expect(settings).toMatchObject({
    credentials: { provider: 'alidns', accessKeyId: 'LTAI1', accessKeySecret: 'secret', securityToken: 'sts' },
    endpoint: { host: 'alidns.aliyuncs.com' },
    cleanup: false,
    propagationTimeoutMs: 30_000
  })
  expect(masked).toEqual(['LTAI1', 'secret', 'sts'])
  expect(
    thrownBy(InputError, () => read({ 'dns-provider': 'alidns' }, { ALIBABA_CLOUD_ACCESS_KEY_ID: 'x' })).message
  ).toContain('needs ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET')
})

test('route53: the AWS SDK’s sources, each named; none is an input error naming them', () => {
  const source = (env: Record<string, string>) => read({ 'dns-provider': 'route53' }, env).settings?.credentials
  expect(source({ AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's' })).toEqual({
    provider: 'route53',
    from: 'AWS_ACCESS_KEY_ID'
  })
  expect(source({ AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn' })).toMatchObject({
    from: 'AWS_WEB_IDENTITY_TOKEN_FILE'
  })
  expect(source({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/c' })).toMatchObject({ from: 'the container credentials' })
  expect(source({ AWS_PROFILE: 'dns' })).toMatchObject({ from: 'the profile dns' })
  expect(source({ AWS_EC2_METADATA_DISABLED: 'false' })).toMatchObject({ from: 'the instance role' })
  const home = mkdtempSync(join(tmpdir(), 'aws-home-'))
  mkdirSync(join(home, '.aws'))
  writeFileSync(join(home, '.aws', 'credentials'), '[default]\n')
  expect(source({ HOME: home })).toMatchObject({ from: 'the shared credentials file' })
  expect(thrownBy(InputError, () => source({})).message).toContain(
    'needs AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY'
  )
  expect(
    read(
      { 'dns-provider': 'route53' },
      { AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't' }
    ).masked
  ).toEqual(['AKIA', 's', 't'])
})

test('dnspod: the step’s own credentials, or both of DNSPOD_SECRET_ID and DNSPOD_SECRET_KEY', () => {
  expect(read({ 'dns-provider': 'dnspod' }).settings?.credentials).toEqual({ provider: 'dnspod' })
  expect(
    read({ 'dns-provider': 'dnspod' }, { DNSPOD_SECRET_ID: 'id', DNSPOD_SECRET_KEY: 'key' }).settings?.credentials
  ).toEqual({
    provider: 'dnspod',
    keys: { secretId: 'id', secretKey: 'key' }
  })
  expect(thrownBy(InputError, () => read({ 'dns-provider': 'dnspod' }, { DNSPOD_SECRET_ID: 'id' })).message).toContain(
    'both DNSPOD_SECRET_ID and DNSPOD_SECRET_KEY'
  )
})

test('command: needs dns-command, takes no endpoint; dns-command is for command only', () => {
  expect(read({ 'dns-provider': 'command', 'dns-command': 'echo' }).settings?.credentials).toEqual({
    provider: 'command',
    command: 'echo'
  })
  expect(thrownBy(InputError, () => read({ 'dns-provider': 'command' })).input).toBe('dns-command')
  expect(
    thrownBy(InputError, () => read({ 'dns-provider': 'command', 'dns-command': 'x', 'dns-endpoint': 'a.example' }))
      .input
  ).toBe('dns-endpoint')
  expect(
    thrownBy(InputError, () =>
      read({ 'dns-provider': 'cloudflare', 'dns-command': 'x' }, { CLOUDFLARE_API_TOKEN: 't' })
    ).input
  ).toBe('dns-command')
})

test('only with verify-type DNS; an unknown provider names the allowed ones; dns-endpoint by the endpoint rules', () => {
  expect(
    thrownBy(InputError, () => read({ 'dns-provider': 'cloudflare' }, { CLOUDFLARE_API_TOKEN: 't' }, 'FILE')).message
  ).toContain('but verify-type is FILE')
  expect(thrownBy(InputError, () => read({ 'dns-provider': 'gandi' })).message).toContain(
    'use one of cloudflare, alidns, dnspod, route53, command'
  )
  expect(
    read({ 'dns-provider': 'cloudflare', 'dns-endpoint': 'http://127.0.0.1:8080' }, { CLOUDFLARE_API_TOKEN: 't' })
      .settings?.endpoint
  ).toEqual({ protocol: 'http://', host: '127.0.0.1:8080' })
  expect(
    thrownBy(InputError, () =>
      read({ 'dns-provider': 'cloudflare', 'dns-endpoint': 'http://api.example' }, { CLOUDFLARE_API_TOKEN: 't' })
    ).input
  ).toBe('dns-endpoint')
})

test('dns-nameservers: ip, ip:port, [v6]:port, bare v6; anything else named', () => {
  expect(nameserverOf('192.0.2.1')).toBe('192.0.2.1:53')
  expect(nameserverOf('192.0.2.1:5353')).toBe('192.0.2.1:5353')
  expect(nameserverOf('[2001:db8::1]:53')).toBe('[2001:db8::1]:53')
  expect(nameserverOf('2001:db8::1')).toBe('[2001:db8::1]:53')
  expect(nameserverOf('192.0.2.1:70000')).toBeUndefined()
  expect(nameserverOf('ns1.example.com')).toBeUndefined()
  const { settings } = read({ 'dns-provider': 'dnspod', 'dns-nameservers': '192.0.2.1\n192.0.2.2:5353' })
  expect(settings?.nameservers).toEqual(['192.0.2.1:53', '192.0.2.2:5353'])
  expect(thrownBy(InputError, () => read({ 'dns-provider': 'dnspod', 'dns-nameservers': 'ns1, ns2' })).message).toBe(
    'dns-nameservers "ns1", "ns2" are not addresses: give IP addresses (ip or ip:port, [ipv6]:port), one per line.'
  )
})
