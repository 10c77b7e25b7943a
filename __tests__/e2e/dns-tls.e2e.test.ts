// dns-provider over TLS and through a proxy, as the real provider APIs are reached: every provider's emulated API
// serves https with the sandbox's throwaway CA (trusted with NODE_EXTRA_CA_CERTS), HTTPS_PROXY names a CONNECT
// proxy, and each provider's SDK goes through it to its endpoint only.
import type { SandboxProvider } from '../../sandbox/dns-sandbox.js'
import { sandboxTlsIdentity } from '../../sandbox/tls.js'
import { ConnectProxy } from '../helpers/connect-proxy.js'
import { resultsOf, useDnsSandbox } from '../helpers/e2e-helpers.js'

const dns = useDnsSandbox('dnst', { tls: true })
const { e2e } = dns
let proxy: ConnectProxy
beforeAll(async () => (proxy = await ConnectProxy.start()))
afterAll(() => proxy.close())
beforeEach(() => proxy.reset())

const trusted = () => ({ NODE_EXTRA_CA_CERTS: sandboxTlsIdentity().caFile })
const WAIT = { 'verify-type': 'DNS', 'wait-for-issuance': 'true', 'wait-interval': '0.05', 'wait-timeout': '60' }

test.each<SandboxProvider>(['cloudflare', 'alidns', 'route53', 'dnspod'])(
  '%s: over https through the CONNECT proxy, to its endpoint only',
  async (provider) => {
    const inputs = dns.sandbox.inputsFor(provider, e2e.emulator.endpoint)
    expect(inputs['dns-endpoint']).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const id = e2e.certificate({ validation: { records: 'at-dns' } })
    const result = await e2e.run(
      { 'certificate-id': id, ...WAIT, ...inputs },
      { ...trusted(), ...dns.sandbox.envFor(provider), HTTPS_PROXY: proxy.url() }
    )
    expect(result.exitCode).toBe(0)
    expect(resultsOf(result.outputs)[0].DnsRecords).toEqual([
      expect.objectContaining({ State: 'removed', Visible: '2/2' })
    ])
    const providerHost = new URL(inputs['dns-endpoint']).host
    const sslHost = new URL(e2e.emulator.endpoint).host
    // Every tunnel went to the provider's endpoint or Tencent Cloud's, and the provider's went through the proxy.
    expect(proxy.tunnels).toContain(providerHost)
    expect(new Set(proxy.tunnels)).toEqual(new Set([providerHost, sslHost]))
  }
)
