// The DNS side of the sandbox in one place, for the tests, the demo and the bench: authoritative nameservers on
// loopback (UDP and TCP), and each provider's API emulated beside them with its own authentication (Cloudflare's
// bearer token, Alibaba Cloud's ACS3 signature, AWS Signature V4; DNSPod's TC3 is the Tencent Cloud emulator's),
// every provider's zone served by the same nameservers, so that what a provider's API writes is what they answer.
import { AuthoritativeDns, type NameserverOptions } from './dns-server.js'
import { AlidnsEmulator } from './dns-providers/alidns.js'
import { CloudflareEmulator } from './dns-providers/cloudflare.js'
import { Route53Emulator } from './dns-providers/route53.js'
import type { ProviderEmulatorOptions } from './dns-providers/base.js'

export const CLOUDFLARE_TOKEN = 'sandbox-cloudflare-token-0001'
export const ALIBABA_KEY = { accessKeyId: 'LTAIsandboxKey0001', accessKeySecret: 'sandbox-alibaba-secret-0001' }
export const AWS_KEY = { accessKeyId: 'AKIASANDBOXKEY000001', secretAccessKey: 'sandbox-aws-secret-0001' }

export type SandboxProvider = 'cloudflare' | 'alidns' | 'route53' | 'dnspod'

export class DnsSandbox {
  private constructor(
    readonly dns: AuthoritativeDns,
    readonly cloudflare: CloudflareEmulator,
    readonly alidns: AlidnsEmulator,
    readonly route53: Route53Emulator
  ) {}

  /** Nameservers and the three provider APIs (http, or https with `tls`), each serving `zones`. */
  static async start(
    options: NameserverOptions & ProviderEmulatorOptions & { zones?: string[] } = {}
  ): Promise<DnsSandbox> {
    const dns = await AuthoritativeDns.start(options)
    const api = { ...(options.tls ? { tls: true } : {}) }
    const cloudflare = await CloudflareEmulator.start(dns, api)
    cloudflare.tokens.add(CLOUDFLARE_TOKEN)
    const alidns = (await AlidnsEmulator.start(dns, api)).addKey(ALIBABA_KEY)
    const route53 = (await Route53Emulator.start(dns, api)).addKey(AWS_KEY)
    for (const zone of options.zones ?? ['example.com']) {
      cloudflare.addZone(zone)
      alidns.addZone(zone)
      route53.addZone(zone)
    }
    return new DnsSandbox(dns, cloudflare, alidns, route53)
  }

  /** The step's environment for a provider: its credentials under the provider's own names. */
  envFor(provider: SandboxProvider): Record<string, string> {
    switch (provider) {
      case 'cloudflare':
        return { CLOUDFLARE_API_TOKEN: CLOUDFLARE_TOKEN }
      case 'alidns':
        return {
          ALIBABA_CLOUD_ACCESS_KEY_ID: ALIBABA_KEY.accessKeyId,
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: ALIBABA_KEY.accessKeySecret
        }
      case 'route53':
        return { AWS_ACCESS_KEY_ID: AWS_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: AWS_KEY.secretAccessKey }
      case 'dnspod':
        return {}
    }
  }

  /** The inputs that point a provider at the sandbox: its API (DNSPod's is the Tencent Cloud emulator) and the nameservers. */
  inputsFor(provider: SandboxProvider, tencentEndpoint: string): Record<string, string> {
    const endpoint = provider === 'dnspod' ? tencentEndpoint : this[provider].endpoint
    return { 'dns-provider': provider, 'dns-endpoint': endpoint, 'dns-nameservers': this.dns.addresses.join('\n') }
  }

  async close(): Promise<void> {
    await Promise.all([this.cloudflare.close(), this.alidns.close(), this.route53.close()])
    await this.dns.close()
  }
}
