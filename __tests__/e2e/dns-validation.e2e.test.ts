// dns-provider's rules end to end, on the built action against the sandbox: a CNAME in the way is a conflict and is
// never overwritten; a TXT set's other values are kept (Route 53); a certificate that fails for good has its records
// removed; a nameserver that lags past dns-propagation-timeout is named; CAA that leaves the CA out is warned about;
// the preview reads only; wrong inputs and missing credentials are refused before anything is sent; a provider's
// hostile answers stay inert; dns-provider command writes through the user's own script.
import { CLOUDFLARE_TOKEN } from '../../sandbox/dns-sandbox.js'
import { errorLines, resultsOf, useDnsSandbox } from '../helpers/e2e-helpers.js'

const dns = useDnsSandbox('dnsv')
const { e2e } = dns
const { certificate, run } = e2e
// A DNSPod zone in another account's key (DNSPOD_SECRET_ID / DNSPOD_SECRET_KEY): the rules below are every provider's,
// shown on the one whose client needs no SDK of its own.
const DNSPOD_KEY = { secretId: 'AKIDdnspodOtherAccount01', secretKey: 'dnspod-other-account-secret' }
beforeAll(() => {
  e2e.emulator.addKey({ ...DNSPOD_KEY, account: '200000000001' })
  e2e.emulator.dnspod!.addZone('example.com')
})
const dnspodEnv = { DNSPOD_SECRET_ID: DNSPOD_KEY.secretId, DNSPOD_SECRET_KEY: DNSPOD_KEY.secretKey }
const dnspod = () => dns.sandbox.inputsFor('dnspod', e2e.emulator.endpoint)
/** DNSPod's writes, as the gateway logged them. */
const dnspodWrites = () =>
  e2e.emulator.requests.filter((r) => ['CreateRecord', 'ModifyRecordRemark', 'DeleteRecord'].includes(r.action))

const WAIT = { 'verify-type': 'DNS', 'wait-for-issuance': 'true', 'wait-interval': '0.05', 'wait-timeout': '60' }
const nameOf = (id: string) => `_dnsauth.${id.toLowerCase()}.example.com`
const cloudflare = () => dns.sandbox.inputsFor('cloudflare', e2e.emulator.endpoint)

test('a CNAME of someone else’s where the TXT record must go: DnsRecordConflict naming it, nothing written or deleted', async () => {
  const id = certificate({ validation: { records: 'at-dns' } })
  dns.sandbox.dns.write(nameOf(id), 'CNAME', 'elsewhere.example.net')
  const writes = dnspodWrites().length
  const result = await run({ 'certificate-id': id, ...WAIT, ...dnspod(), 'dns-propagation-timeout': '5' }, dnspodEnv)
  expect(result.exitCode).toBe(1)
  const [only] = resultsOf(result.outputs)
  expect(only.ErrorCode).toBe('ActionError.DnsRecordConflict')
  expect(only.ErrorMessage).toContain('already holds CNAME "elsewhere.example.net"')
  expect(only.DnsRecords).toEqual([expect.objectContaining({ State: 'conflict', Visible: '0/0' })])
  expect(dns.sandbox.dns.live(nameOf(id))).toEqual([
    expect.objectContaining({ type: 'CNAME', value: 'elsewhere.example.net' })
  ])
  expect(dnspodWrites().length).toBe(writes)
})

test('Route 53: a TXT set that holds other values keeps them, before and after', async () => {
  const id = certificate({ validation: { records: 'at-dns' } })
  dns.sandbox.dns.write(nameOf(id), 'TXT', 'someone-elses-value', { ttl: 300 })
  const result = await run(
    { 'certificate-id': id, ...WAIT, ...dns.sandbox.inputsFor('route53', e2e.emulator.endpoint) },
    dns.sandbox.envFor('route53')
  )
  expect(result.exitCode).toBe(0)
  expect(resultsOf(result.outputs)[0].DnsRecords).toEqual([expect.objectContaining({ State: 'removed' })])
  expect(dns.sandbox.dns.live(nameOf(id)).map((record) => record.value)).toEqual(['someone-elses-value'])
})

test('a certificate that fails for good has its records removed', async () => {
  const failing = certificate({ validation: { records: 'at-dns' }, finalStatus: 2, finalStatusMsg: 'CA refused' })
  const failed = await run({ 'certificate-id': failing, ...WAIT, ...dnspod() }, dnspodEnv)
  expect(failed.exitCode).toBe(1)
  const [result] = resultsOf(failed.outputs)
  expect(result.Status).toBe(2)
  expect(result.DnsRecords).toEqual([expect.objectContaining({ State: 'removed', Visible: '2/2' })])
  expect(dns.sandbox.dns.live(nameOf(failing))).toEqual([])
})

test('a nameserver that lags past dns-propagation-timeout: DnsNotPropagated naming it; the record is kept', async () => {
  const id = certificate({ validation: { records: 'at-dns' } })
  // The last nameserver sees every write a minute late.
  dns.sandbox.dns.lagMs = 60_000
  const lagging = await run(
    { 'certificate-id': id, ...WAIT, ...dnspod(), 'dns-propagation-timeout': '0.5' },
    dnspodEnv
  ).finally(() => (dns.sandbox.dns.lagMs = 0))
  expect(lagging.exitCode).toBe(1)
  const [result] = resultsOf(lagging.outputs)
  expect(result.ErrorCode).toBe('ActionError.DnsNotPropagated')
  const [shows, lags] = dns.sandbox.dns.addresses
  expect(result.ErrorMessage).toContain(`${shows}: shows it`)
  expect(result.ErrorMessage).toContain(`${lags}: ENODATA`)
  expect(result.DnsRecords).toEqual([expect.objectContaining({ State: 'kept', Visible: '1/2' })])
  expect(dns.sandbox.dns.live(nameOf(id))).toHaveLength(1)
})

test('CAA records that leave the CA out: a warning naming the record to add, before the order', async () => {
  e2e.emulator.dnspod!.addZone('caa.example.org')
  dns.sandbox.dns.write('caa.example.org', 'CAA', '0 issue "letsencrypt.org"')
  const id = certificate({ Domain: 'shop.caa.example.org', validation: { records: 'at-dns' } })
  const result = await run({ 'certificate-id': id, ...WAIT, ...dnspod() }, dnspodEnv)
  expect(result.exitCode).toBe(0)
  const warning = result.log.split('\n').find((line) => line.startsWith('::warning::') && line.includes('CAA'))
  expect(warning).toContain('shop.caa.example.org: the CAA records at caa.example.org do not let sectigo.com issue')
  expect(warning).toContain('add "caa.example.org. CAA 0 issue \\"sectigo.com\\""')
  // Before the order.
  expect(result.log.indexOf(warning!)).toBeLessThan(result.log.indexOf('CommitCertificateInformation for certificate'))
})

test('a preview finds the zone and says what it would write, and writes nothing', async () => {
  const id = certificate({ validation: { records: 'at-dns' } })
  const ordered = await run({ 'certificate-id': id, 'verify-type': 'DNS' }, {})
  expect(ordered.exitCode).toBe(0)
  const before = e2e.emulator.requests.length
  const preview = await run(
    { 'certificate-id': id, 'dry-run': 'true', 'skip-submitted': 'true', ...WAIT, ...dnspod() },
    dnspodEnv
  )
  expect(preview.exitCode).toBe(0)
  const plan = resultsOf(preview.outputs)[0].Plan ?? []
  expect(plan).toContainEqual({
    Step: 'dns-provider dnspod',
    Would: `create TXT ${nameOf(id)} in the zone example.com at dnspod`,
    Why: 'the DNS records the CA asks for'
  })
  // DNSPod's zones and records read, with the other account's key; nothing but reads at all.
  const made = e2e.emulator.requests.slice(before)
  expect(made.filter((r) => r.secretId === DNSPOD_KEY.secretId).map((r) => r.action)).toEqual([
    'DescribeDomainList',
    'DescribeRecordList'
  ])
  expect(made.every((request) => request.action.startsWith('Describe'))).toBe(true)
  expect(dns.sandbox.dns.live(nameOf(id))).toEqual([])
})

test.each([
  [{ 'verify-type': 'FILE' }, {}, 'dns-provider writes DNS validation records, but verify-type is FILE'],
  [{ 'verify-type': 'DNS' }, { CLOUDFLARE_API_TOKEN: '' }, 'dns-provider cloudflare needs CLOUDFLARE_API_TOKEN'],
  [
    { 'verify-type': 'DNS', 'dns-nameservers': 'ns1.example.com' },
    {},
    'dns-nameservers "ns1.example.com" is not an address'
  ],
  [{ 'verify-type': 'DNS', 'dns-propagation-timeout': '0' }, {}, 'dns-propagation-timeout "0" is not allowed']
])('wrong inputs are refused before anything is sent: %j', async (inputs, env, message) => {
  const id = certificate()
  const requests = e2e.emulator.requests.length + dns.sandbox.cloudflare.requests.length
  const result = await run(
    { 'certificate-id': id, ...cloudflare(), ...inputs },
    { ...dns.sandbox.envFor('cloudflare'), ...env }
  )
  expect(result.exitCode).toBe(1)
  expect(resultsOf(result.outputs)[0].ErrorCode).toBe('ActionError.InvalidInput')
  expect(errorLines(result).join('\n')).toContain(message)
  expect(e2e.emulator.requests.length + dns.sandbox.cloudflare.requests.length).toBe(requests)
})

test('the provider’s keys are masked before anything is printed, and sign its calls alone', async () => {
  const id = certificate({ validation: { records: 'at-dns' } })
  const result = await run({ 'certificate-id': id, ...WAIT, ...dnspod() }, dnspodEnv)
  expect(result.exitCode).toBe(0)
  const lines = result.log.split('\n')
  const mask = lines.findIndex((line) => line === `::add-mask::${DNSPOD_KEY.secretKey}`)
  expect(mask).toBeGreaterThanOrEqual(0)
  expect(lines.slice(mask + 1).some((line) => line.includes(DNSPOD_KEY.secretKey))).toBe(false)
  const signed = e2e.emulator.requests.filter((r) => r.secretId === DNSPOD_KEY.secretId).map((r) => r.action)
  expect(new Set(signed)).toEqual(
    new Set(['DescribeDomainList', 'DescribeRecordList', 'CreateRecord', 'ModifyRecordRemark', 'DeleteRecord'])
  )
})

test.each<'cloudflare' | 'alidns' | 'route53'>(['cloudflare', 'alidns', 'route53'])(
  'a hostile %s: its zone names and records cannot become workflow commands',
  async (provider) => {
    dns.sandbox[provider].hostile = '\n::error::forged ##[stop-commands]x'
    try {
      const id = certificate({ validation: { records: 'at-dns' } })
      const result = await run(
        { 'certificate-id': id, ...WAIT, ...dns.sandbox.inputsFor(provider, e2e.emulator.endpoint) },
        dns.sandbox.envFor(provider)
      )
      expect(result.exitCode).toBe(1)
      expect(resultsOf(result.outputs)[0].ErrorCode).toBe('ActionError.DnsZoneNotFound')
      expect(result.log).not.toMatch(/^::error::forged/m)
      expect(result.log).not.toContain('##[stop-commands]')
      expect(result.outputs.Results).not.toContain('::error::')
    } finally {
      dns.sandbox[provider].hostile = ''
    }
  }
)

test('dns-provider command: the user’s script writes and deletes the record, with the record in its environment', async () => {
  const id = certificate({ validation: { records: 'at-dns' } })
  const zoneId = dns.sandbox.cloudflare.zones.get('example.com')!
  // A script of the user's own: here, it calls the (emulated) Cloudflare API with node's fetch.
  const script = `node -e '
    const [action, name, value] = [process.env.DNS_ACTION, process.env.DNS_NAME, process.env.DNS_VALUE]
    const api = process.env.CF + "/client/v4/zones/${zoneId}/dns_records"
    const auth = { authorization: "Bearer " + process.env.TOKEN, "content-type": "application/json" }
    const go = async () => {
      if (action === "present") return fetch(api, { method: "POST", headers: auth, body: JSON.stringify({ type: process.env.DNS_TYPE, name, content: value }) })
      const list = await (await fetch(api + "?name.exact=" + name, { headers: auth })).json()
      for (const r of list.result) await fetch(api + "/" + r.id, { method: "DELETE", headers: auth })
    }
    go().then(() => console.log(action + " " + name + " in " + process.env.DNS_ZONE + " for " + process.env.CERTIFICATE_ID))
  '`
  const result = await run(
    {
      'certificate-id': id,
      ...WAIT,
      'dns-provider': 'command',
      'dns-command': script,
      'dns-nameservers': dns.sandbox.dns.addresses.join('\n')
    },
    { CF: dns.sandbox.cloudflare.endpoint, TOKEN: CLOUDFLARE_TOKEN }
  )
  expect(result.exitCode).toBe(0)
  expect(resultsOf(result.outputs)[0].DnsRecords).toEqual([
    expect.objectContaining({
      Provider: 'command',
      Zone: `${id.toLowerCase()}.example.com`,
      State: 'removed',
      Visible: '2/2'
    })
  ])
  expect(result.log).toContain(
    `dns-command (present ${nameOf(id)}): present ${nameOf(id)} in ${id.toLowerCase()}.example.com for ${id}`
  )
  expect(dns.sandbox.dns.live(nameOf(id))).toEqual([])
}, 30_000)
