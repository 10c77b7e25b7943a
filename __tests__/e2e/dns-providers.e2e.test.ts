// dns-provider end to end: the built action writes the CA's record at each provider's emulated API through the
// provider's official SDK (with its real authentication), proves it at the sandbox's authoritative nameservers over
// UDP, asks the CA to look (which passes only what those nameservers answer), waits for issuance and deletes the
// record it wrote. Re-runs, conflicts, lost answers and cleanup after a failure, on every provider.
import type { SandboxProvider } from '../../sandbox/dns-sandbox.js'
import { resultsOf, useDnsSandbox } from '../helpers/e2e-helpers.js'

const dns = useDnsSandbox('dnsp')
const { e2e } = dns
const { certificate, run, callsFor } = e2e

const PROVIDERS: SandboxProvider[] = ['cloudflare', 'alidns', 'route53', 'dnspod']
const WAIT = { 'verify-type': 'DNS', 'wait-for-issuance': 'true', 'wait-interval': '0.05', 'wait-timeout': '60' }

const dnsInputs = (provider: SandboxProvider) => dns.sandbox.inputsFor(provider, e2e.emulator.endpoint)
const live = (id: string) => dns.sandbox.dns.live(`_dnsauth.${id.toLowerCase()}.example.com`)

describe.each(PROVIDERS)('%s', (provider) => {
  test('writes the record, proves it at every nameserver, the CA passes it, issued, the record deleted', async () => {
    const id = certificate({ validation: { records: 'at-dns' } })
    const result = await run({ 'certificate-id': id, ...WAIT, ...dnsInputs(provider) }, dns.sandbox.envFor(provider))
    expect(result.exitCode).toBe(0)
    const [only] = resultsOf(result.outputs)
    expect(only.Status).toBe(1)
    expect(only.DnsRecords).toEqual([
      {
        Provider: provider,
        Zone: 'example.com',
        Name: `_dnsauth.${id.toLowerCase()}.example.com`,
        Type: 'TXT',
        Value: expect.any(String),
        State: 'removed',
        Visible: '2/2'
      }
    ])
    // Written once, then removed: nothing of it is left at the provider.
    const written = dns.sandbox.dns.records.filter((record) => record.name === only.DnsRecords![0].Name)
    expect(written).toHaveLength(1)
    expect(written[0].removedAt).toBeDefined()
    expect(written[0].value).toBe(only.DnsRecords![0].Value)
    if (provider !== 'route53') expect(written[0].comment).toBe(`tencentcloud-ssl-action ${id}`)
    // The CA was asked once the nameservers showed it.
    expect(callsFor(id, 'CompleteCertificate').length).toBeGreaterThanOrEqual(1)
    expect(live(id)).toEqual([])
    expect(result.summary).toContain('### DNS records at the provider')
    expect(result.summary).toContain(
      `| \`${provider}\` | \`example.com\` | \`TXT _dnsauth.${id.toLowerCase()}.example.com\` | 🧹 removed | \`2/2\` |`
    )
  })
})

/** The provider's requests of one kind, by the emulator's log. */
function writes(provider: SandboxProvider): number {
  if (provider === 'dnspod') return e2e.emulator.requests.filter((r) => r.action === 'CreateRecord').length
  const log = dns.sandbox[provider].requests
  const kind = {
    cloudflare: 'POST /zones/:id/dns_records',
    alidns: 'AddDomainRecord',
    route53: 'ChangeResourceRecordSets'
  }[provider]
  return log.filter((r) => r.action === kind && r.outcome !== 'throttled').length
}

test.each(PROVIDERS)(
  '%s: a create whose answer was lost is found, not created twice; the record kept without waiting, and removed by a later run once issued',
  async (provider) => {
    const id = certificate({ validation: { records: 'at-dns' } })
    const before = writes(provider)
    if (provider === 'dnspod')
      e2e.emulator.injectFault({ action: 'CreateRecord', fault: { type: 'reset', applied: true } })
    else
      dns.sandbox[provider].fault(
        { cloudflare: 'POST /zones/:id/dns_records', alidns: 'AddDomainRecord', route53: 'ChangeResourceRecordSets' }[
          provider
        ],
        { kind: 'lose-answer' }
      )
    const first = await run(
      { 'certificate-id': id, 'verify-type': 'DNS', ...dnsInputs(provider) },
      dns.sandbox.envFor(provider)
    )
    expect(first.exitCode).toBe(0)
    expect(resultsOf(first.outputs)[0].DnsRecords).toEqual([expect.objectContaining({ State: 'kept', Visible: '2/2' })])
    // Written once, its answer lost: read back, not written again.
    expect(live(id)).toHaveLength(1)
    expect(
      dns.sandbox.dns.records.filter((record) => record.name === `_dnsauth.${id.toLowerCase()}.example.com`)
    ).toHaveLength(1)
    const second = await run(
      { 'certificate-id': id, 'skip-submitted': 'true', ...WAIT, ...dnsInputs(provider) },
      dns.sandbox.envFor(provider)
    )
    expect(second.exitCode).toBe(0)
    const [again] = resultsOf(second.outputs)
    expect(again.Status).toBe(1)
    expect(again.DnsRecords).toEqual([expect.objectContaining({ State: 'removed' })])
    // One create (Route 53: one change to write, one to delete), and nothing of it left.
    expect(writes(provider) - before).toBe(provider === 'route53' ? 2 : 1)
    expect(live(id)).toEqual([])
  }
)
