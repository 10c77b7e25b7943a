// dns-provider over TLS and through a proxy, as the real provider APIs are reached: every provider's emulated API
// serves https with the sandbox's throwaway CA (trusted with NODE_EXTRA_CA_CERTS), HTTPS_PROXY names a CONNECT
// proxy, and each provider's SDK goes through it to its endpoint only.
import type { EmulatorOptions } from '../../sandbox/emulator.js'
import { DnsSandbox, type SandboxProvider } from '../../sandbox/dns-sandbox.js'
import { sandboxTlsIdentity } from '../../sandbox/tls.js'
import { ConnectProxy } from '../helpers/connect-proxy.js'
import { resultsOf, useEmulator } from '../helpers/e2e-helpers.js'

const options: EmulatorOptions = { tls: true }
let sandbox: DnsSandbox
let proxy: ConnectProxy
beforeAll(async () => {
  ;[sandbox, proxy] = await Promise.all([DnsSandbox.start({ tls: true }), ConnectProxy.start()])
  options.dns = sandbox.dns
})
afterAll(() => Promise.all([sandbox.close(), proxy.close()]))
const e2e = useEmulator('dnst', options)
beforeAll(() => e2e.emulator.dnspod!.addZone('example.com'))
beforeEach(() => proxy.reset())

const trusted = () => ({ NODE_EXTRA_CA_CERTS: sandboxTlsIdentity().caFile })
const WAIT = { 'verify-type': 'DNS', 'wait-for-issuance': 'true', 'wait-interval': '0.2', 'wait-timeout': '60' }

test.each<SandboxProvider>(['cloudflare', 'alidns', 'route53', 'dnspod'])(
  '%s: over https through the CONNECT proxy, to its endpoint only',
  async (provider) => {
    const inputs = sandbox.inputsFor(provider, e2e.emulator.endpoint)
    expect(inputs['dns-endpoint']).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const id = e2e.certificate({ validation: { records: 'at-dns' } })
    const result = await e2e.run(
      { 'certificate-id': id, ...WAIT, ...inputs },
      { ...trusted(), ...sandbox.envFor(provider), HTTPS_PROXY: proxy.url() }
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
