// How the providers' SDKs reach their API (src/dns/http.ts and alidns.ts's routing): the endpoint only, a 429 waited
// out and asked again through the writer's pacing, Alibaba Cloud's requests routed through the connection's agent.
import httpx from 'httpx'
import { CloudflareEmulator } from '../../sandbox/dns-providers/cloudflare.js'
import { AuthoritativeDns } from '../../sandbox/dns-server.js'
import { CLOUDFLARE_TOKEN } from '../../sandbox/dns-sandbox.js'
import { alidnsApi } from '../../src/dns/alidns.js'
import { OffEndpoint, ProviderHttp } from '../../src/dns/http.js'
import { recordWriter } from '../../src/steps/validation/dns/writer.js'
import { rejectionOf } from '../helpers/thrown.js'

const direct = { env: {}, timeoutMs: 2000, pace: <T>(request: () => Promise<T>) => request() }

test('a request to anywhere but the endpoint is refused before it is made', async () => {
  const http = new ProviderHttp({ ...direct, endpoint: { protocol: 'https://', host: 'api.cloudflare.com' } })
  const refused = await rejectionOf(OffEndpoint, http.fetch('https://evil.example/client/v4/zones'))
  expect(refused.message).toBe(
    'a request to https://evil.example was refused: the provider is reached at https://api.cloudflare.com only'
  )
  http.close()
})

test('Alibaba Cloud’s requests go through the connection’s agent, and to its endpoint only', async () => {
  const api = alidnsApi(
    { ...direct, endpoint: { protocol: 'http://', host: '127.0.0.1:9' } },
    { accessKeyId: 'id', accessKeySecret: 'secret' }
  )
  expect(() => httpx.request('https://elsewhere.example/', {})).toThrow(
    'a request to https://elsewhere.example was refused: not a configured DNS endpoint'
  )
  api.close()
})

test('a 429 is waited out and asked again, within the provider’s pacing', async () => {
  const dns = await AuthoritativeDns.start({ count: 1 })
  // Two requests a second at most, where the action paces Cloudflare at four.
  const cloudflare = await CloudflareEmulator.start(dns, { limit: { count: 2, windowMs: 1000 } })
  cloudflare.tokens.add(CLOUDFLARE_TOKEN)
  cloudflare.addZone('example.com')
  const said: string[] = []
  try {
    const writer = await recordWriter(
      {
        provider: 'cloudflare',
        credentials: { provider: 'cloudflare', apiToken: CLOUDFLARE_TOKEN },
        endpoint: { protocol: 'http://', host: new URL(cloudflare.endpoint).host },
        propagationTimeoutMs: 1000,
        cleanup: true,
        requestTimeoutMs: 2000
      },
      { env: {}, onClose: () => {} },
      { now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
      (line) => said.push(line)
    )
    const record = {
      certificateId: 'c1',
      name: '_dnsauth.example.com',
      caZone: 'example.com',
      type: 'TXT' as const,
      value: 'v'
    }
    expect(await writer.present(record)).toEqual({ state: 'created', ours: true })
    expect(cloudflare.throttled).toBeGreaterThanOrEqual(1)
    expect(said).toContain('cloudflare throttled a request; sending it again in 1 s')
    expect(dns.live('_dnsauth.example.com')).toHaveLength(1)
    writer.close()
  } finally {
    await cloudflare.close()
    await dns.close()
  }
})
