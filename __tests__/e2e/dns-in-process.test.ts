// dns-provider in this process (the action's run() with the runner's environment), so that what each provider's
// client, the record writer and the DNS publisher do is measured for coverage: every provider's happy path against
// its emulated API and the sandbox's nameservers, a run that keeps its records, and the preview's reads.
import type { SandboxProvider } from '../../sandbox/dns-sandbox.js'
import { resultsOf, useDnsSandbox } from '../helpers/e2e-helpers.js'

const dns = useDnsSandbox('dnsi')
const { e2e } = dns

const WAIT = { 'verify-type': 'DNS', 'wait-for-issuance': 'true', 'wait-interval': '0.05', 'wait-timeout': '30' }

// Route 53's client is measured by the refused deletion and the shared set below, Cloudflare's by the 429 test
// (dns-http.test.ts): their SDKs cost seconds to load in this process, once each is enough.
test.each<SandboxProvider>(['alidns', 'dnspod'])(
  '%s: written, proven, issued and removed, in this process',
  async (provider) => {
    const id = e2e.certificate({
      validation: { records: 'at-dns' },
      altNames: [`a-${provider}.example.com`, `b-${provider}.example.com`]
    })
    const result = await e2e.runInProcess(
      { 'certificate-id': id, ...WAIT, ...dns.sandbox.inputsFor(provider, e2e.emulator.endpoint) },
      dns.sandbox.envFor(provider)
    )
    expect(result.exitCode).toBe(0)
    const [only] = resultsOf(result.outputs)
    expect(only.Status).toBe(1)
    expect(only.DnsRecords?.map((record) => [record.Name, record.State, record.Visible])).toEqual([
      [`_dnsauth.a-${provider}.example.com`, 'removed', '2/2'],
      [`_dnsauth.b-${provider}.example.com`, 'removed', '2/2']
    ])
  }
)

test('a preview with dns-provider reads the zone and the records, and plans the writes', async () => {
  const id = e2e.certificate({ validation: { records: 'at-dns' } })
  expect((await e2e.runInProcess({ 'certificate-id': id, 'verify-type': 'DNS' })).exitCode).toBe(0)
  const preview = await e2e.runInProcess(
    { 'certificate-id': id, 'dry-run': 'true', ...WAIT, ...dns.sandbox.inputsFor('alidns', e2e.emulator.endpoint) },
    dns.sandbox.envFor('alidns')
  )
  expect(preview.exitCode).toBe(0)
  expect(resultsOf(preview.outputs)[0].Plan).toContainEqual(
    expect.objectContaining({ Step: 'dns-provider alidns', Would: expect.stringMatching(/^create TXT _dnsauth\./) })
  )
})

test('a conflict, in this process: the record’s state says so and nothing is written', async () => {
  const id = e2e.certificate({ validation: { records: 'at-dns' } })
  dns.sandbox.dns.write(`_dnsauth.${id.toLowerCase()}.example.com`, 'CNAME', 'elsewhere.example.net')
  const result = await e2e.runInProcess(
    { 'certificate-id': id, ...WAIT, ...dns.sandbox.inputsFor('dnspod', e2e.emulator.endpoint) },
    dns.sandbox.envFor('dnspod')
  )
  expect(result.exitCode).toBe(1)
  const [only] = resultsOf(result.outputs)
  expect(only.ErrorCode).toBe('ActionError.DnsRecordConflict')
  expect(only.DnsRecords).toEqual([expect.objectContaining({ State: 'conflict' })])
})

test('dns-cleanup: false keeps the records of an issued certificate', async () => {
  const id = e2e.certificate({ validation: { records: 'at-dns' } })
  const result = await e2e.runInProcess(
    {
      'certificate-id': id,
      ...WAIT,
      ...dns.sandbox.inputsFor('alidns', e2e.emulator.endpoint),
      'dns-cleanup': 'false'
    },
    dns.sandbox.envFor('alidns')
  )
  expect(result.exitCode).toBe(0)
  expect(resultsOf(result.outputs)[0].DnsRecords).toEqual([expect.objectContaining({ State: 'kept' })])
  expect(result.log).toContain('kept (dns-cleanup: false)')
  expect(dns.sandbox.dns.live(`_dnsauth.${id.toLowerCase()}.example.com`)).toHaveLength(1)
})

// A refused deletion takes the same path for every provider (the publisher's warning); Cloudflare's SDK, which costs a
// second to load here, is measured in-process by the 429 test (dns-http.test.ts) instead.
test.each<[SandboxProvider, string]>([
  ['alidns', 'DeleteDomainRecord'],
  ['route53', 'ChangeResourceRecordSets']
])(
  '%s: a deletion the provider refuses is a warning naming the record, and the record is kept',
  async (provider, action) => {
    const id = e2e.certificate({ validation: { records: 'at-dns' } })
    const inputs = { 'certificate-id': id, ...WAIT, ...dns.sandbox.inputsFor(provider, e2e.emulator.endpoint) }
    // A first run writes the record and keeps it (no waiting); the second's deletion is refused.
    expect(
      (await e2e.runInProcess({ ...inputs, 'wait-for-issuance': 'false' }, dns.sandbox.envFor(provider))).exitCode
    ).toBe(0)
    dns.sandbox[provider as 'alidns' | 'route53'].fault(action, {
      kind: 'refuse',
      code: '9109',
      message: 'not allowed'
    })
    const result = await e2e.runInProcess({ ...inputs, 'skip-submitted': 'true' }, dns.sandbox.envFor(provider))
    expect(result.exitCode).toBe(0)
    expect(resultsOf(result.outputs)[0].DnsRecords).toEqual([expect.objectContaining({ State: 'kept' })])
    const warning = result.log
      .split('\n')
      .find((line) => line.startsWith('::warning::') && line.includes('could not be removed'))
    expect(warning).toContain(`the TXT record _dnsauth.${id.toLowerCase()}.example.com`)
    expect(warning).toContain(`${provider}, deleting the TXT record`)
    expect(warning).toContain('9109: not allowed')
    expect(dns.sandbox.dns.live(`_dnsauth.${id.toLowerCase()}.example.com`)).toHaveLength(1)
  }
)

test('Route 53: another value in the set is written back exactly, "::" and all (it is printed inert, never altered)', async () => {
  const id = e2e.certificate({ validation: { records: 'at-dns' } })
  const name = `_dnsauth.${id.toLowerCase()}.example.com`
  const theirs = 'v=spf1 ip6:2001:db8::1 -all ##[ kept'
  dns.sandbox.dns.write(name, 'TXT', theirs, { ttl: 300 })
  const result = await e2e.runInProcess(
    { 'certificate-id': id, ...WAIT, ...dns.sandbox.inputsFor('route53', e2e.emulator.endpoint) },
    dns.sandbox.envFor('route53')
  )
  expect(result.exitCode).toBe(0)
  expect(resultsOf(result.outputs)[0].DnsRecords).toEqual([expect.objectContaining({ State: 'removed' })])
  expect(dns.sandbox.dns.live(name).map((record) => [record.value, record.ttl])).toEqual([[theirs, 300]])
})
