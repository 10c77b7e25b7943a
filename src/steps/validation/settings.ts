// The validation's settings: validation-dir, where FILE records are written for the site; the DNS provider, where
// DNS records are written (dns/settings.ts).
import type { SettingsContext } from '../../flow/step.js'
import { folderInput, type ReadInput } from '../../support/formats.js'
import { readDnsSettings, type DnsSettings } from './dns/settings.js'

/** validation-dir: a folder (made when missing) for the FILE validation records, which the site then serves. */
function readValidationDir(value: string): string | undefined {
  return value
    ? folderInput('validation-dir', value, 'the folder your site is published from (for example public)')
    : undefined
}

export function readValidationSettings(readInput: ReadInput): { validationDir?: string } {
  const validationDir = readValidationDir(readInput('validation-dir').trim())
  return validationDir ? { validationDir } : {}
}

export function readValidationStepSettings(context: SettingsContext): { validationDir?: string; dns?: DnsSettings } {
  const dns = readDnsSettings(context)
  return { ...readValidationSettings(context.readInput), ...(dns ? { dns } : {}) }
}
