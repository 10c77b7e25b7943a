// The CAA step: with dns-provider, before the order, each name's CAA records (RFC 8659, found by climbing the tree) are
// read; where some exist and none lets the certificate's CA issue, a warning names the record to add. The CA decides,
// so it is never a failure. One read of the certificate (its names and its product, which names the CA) per
// certificate, and CAA lookups at dns-nameservers when given, else at the runner's resolver.
import { readCertificate } from '../../api/read-certificate.js'
import type { BaseResult } from '../../flow/result.js'
import type { Job, Step, CertificateFlow } from '../../flow/step.js'
import { errorMessage } from '../../support/error-message.js'
import type { CaaRecord } from './caa.js'
import type { DnsSettings } from '../validation/dns/settings.js'

export interface CaaSettings {
  /** dns-provider's settings, as the validation step reads them: where CAA is looked up, and within what bound. */
  dns?: DnsSettings
}

export function caaStep(job: Job): Step<CaaSettings, BaseResult> {
  const check = async (flow: CertificateFlow<CaaSettings, BaseResult>): Promise<void> => {
    const dns = flow.settings.dns
    if (!dns) return
    try {
      // Loaded with dns-provider only: a step without it starts without them.
      const [{ caaWarnings, caDomainOf }, { resolverOf }] = await Promise.all([
        import('./caa.js'),
        import('../validation/dns/visibility.js')
      ])
      const detail = flow.detail ?? (await readCertificate(job.api, flow.id))
      const ca = caDomainOf(detail.Product)
      if (detail.Names.length === 0 || !ca) {
        job.log.debug(
          `Certificate ${flow.id}: CAA not checked (${ca ? 'no names yet' : `the CA of "${detail.Product}" is not known here`})`
        )
        return
      }
      const resolver = await resolverOf(dns.requestTimeoutMs, 1)
      if (dns.nameservers) resolver.setServers(dns.nameservers)
      const lookup = (name: string): Promise<CaaRecord[]> => resolver.resolveCaa(name)
      for (const warning of await caaWarnings(detail.Names, ca, lookup))
        job.log.warning(`Certificate ${flow.id}: ${warning}`)
    } catch (error) {
      // CAA is advice before the order: a failed lookup or read is said, and the order goes on.
      job.log.debug(`Certificate ${flow.id}: CAA not checked: ${errorMessage(error)}`)
    }
  }
  return { name: 'caa', run: check, plan: check }
}
