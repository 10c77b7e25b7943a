// renew-certificate-id's settings: renew-before-days, and disable-old-expiry-notices (read once by the inputs, as the
// switch takes it too) for the certificate renewed.
import { numberIn, type ReadInput } from '../../support/formats.js'
import type { RenewalSettings } from './renewal.js'

/** The renewal's settings; undefined when the step orders certificates (certificate-id). */
export function readRenewalSettings(readInput: ReadInput, silenceOld: boolean): { renewal?: RenewalSettings } {
  // Checked whether or not a renewal is followed: a wrong value is an error before anything is sent.
  const given = readInput('renew-before-days').trim()
  const beforeDays = given ? numberIn('renew-before-days', given, 1, 365, true) : undefined
  if (!readInput('renew-certificate-id').trim()) return {}
  return { renewal: { ...(beforeDays === undefined ? {} : { beforeDays }), silenceOld } }
}
