import type { SwitchSettings } from './step.js'
import { InputError } from '../../support/input-error.js'
import { CERTIFICATE_ID, REGION, WAIT_TIMEOUT_LIMIT, listItems, named, numberIn } from '../../support/formats.js'
import type { ReadInput } from '../../support/formats.js'
import { quoted } from '../../support/untrusted.js'
import { REGIONAL_RESOURCE_TYPES, RESOURCE_TYPES, type ResourceType } from '../../api/terms.js'

/** replace-certificate-id, resource-types and resource-regions: what to switch, and from which old certificate. */
export interface RebindTarget {
  /** The old certificate ID of each new one. */
  oldIds: ReadonlyMap<string, string>
  resourceTypes: ResourceType[]
  regions: ReadonlyMap<ResourceType, readonly string[]>
}

function readOldIds(value: string, certificateIds: readonly string[]): Map<string, string> {
  const oldIds = listItems(value)
  const malformed = oldIds.filter((id) => !CERTIFICATE_ID.test(id))
  if (malformed.length > 0) {
    throw new InputError(
      'replace-certificate-id',
      `replace-certificate-id ${named(malformed)} is not a certificate ID: expected letters, digits, "-" or "_".`
    )
  }
  if (oldIds.length !== certificateIds.length) {
    throw new InputError(
      'replace-certificate-id',
      `replace-certificate-id names ${oldIds.length} certificate${oldIds.length === 1 ? '' : 's'} and certificate-id ${certificateIds.length}: ` +
        'give the old certificate of each new one, in the same order.'
    )
  }
  const same = certificateIds.filter((id, index) => oldIds[index] === id)
  if (same.length > 0)
    throw new InputError(
      'replace-certificate-id',
      `replace-certificate-id ${quoted(same[0])} is the new certificate itself: give the one it replaces.`
    )
  return new Map(certificateIds.map((id, index) => [id, oldIds[index]]))
}

function readResourceTypes(value: string): ResourceType[] {
  const types = [...new Set(listItems(value).map((type) => type.toLowerCase()))]
  if (types.length === 0) {
    throw new InputError(
      'resource-types',
      `resource-types is empty: name the kinds of resources to switch, from ${RESOURCE_TYPES.join(', ')}.`
    )
  }
  const unknown = types.filter((type) => !(RESOURCE_TYPES as readonly string[]).includes(type))
  if (unknown.length > 0) {
    throw new InputError(
      'resource-types',
      `resource-types ${named(unknown)} is not allowed: use any of ${RESOURCE_TYPES.join(', ')}.`
    )
  }
  return types as ResourceType[]
}

/** One line per kind, `kind=region1,region2`; every regional kind chosen needs its regions. */
function readRegions(value: string, types: readonly ResourceType[]): Map<ResourceType, string[]> {
  const regions = new Map<ResourceType, string[]>()
  for (const line of value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')) {
    const match = /^([a-z]+)\s*=\s*(.+)$/i.exec(line)
    const type = match?.[1].toLowerCase() as ResourceType | undefined
    if (!match || !type || !types.includes(type) || !REGIONAL_RESOURCE_TYPES.has(type)) {
      throw new InputError(
        'resource-regions',
        `resource-regions line ${quoted(line)} is not allowed: write kind=region1,region2, one line per kind, for the regional kinds in resource-types (${[...REGIONAL_RESOURCE_TYPES].join(', ')}).`
      )
    }
    const regionsNamed = listItems(match[2])
    const wrong = regionsNamed.filter((region) => !REGION.test(region))
    if (wrong.length > 0 || regionsNamed.length === 0) {
      throw new InputError(
        'resource-regions',
        `resource-regions for ${type}: ${quoted(wrong[0] ?? match[2])} is not a Tencent Cloud region such as ap-guangzhou.`
      )
    }
    regions.set(type, [...new Set([...(regions.get(type) ?? []), ...regionsNamed])])
  }
  const missing = types.filter((type) => REGIONAL_RESOURCE_TYPES.has(type) && !regions.has(type))
  if (missing.length > 0) {
    throw new InputError(
      'resource-regions',
      `resource-types ${missing.join(', ')} ${missing.length === 1 ? 'needs' : 'need'} regions: add a line such as "${missing[0]}=ap-guangzhou,ap-shanghai" to resource-regions.`
    )
  }
  return regions
}

/**
 * The switch's target; undefined when replace-certificate-id is empty (then resource-types and resource-regions must
 * be too). When `renewing`, each renewal's old certificate is the one it renews: replace-certificate-id is refused,
 * and resource-types alone says what to switch.
 */
export function readRebindTarget(
  readInput: ReadInput,
  certificateIds: readonly string[] | undefined,
  renewing = false
): RebindTarget | undefined {
  const replace = readInput('replace-certificate-id').trim()
  const types = readInput('resource-types').trim()
  if (renewing) {
    if (replace)
      throw new InputError(
        'replace-certificate-id',
        'replace-certificate-id is set with renew-certificate-id: a renewal switches the resources of the certificate it renews, so drop replace-certificate-id and keep resource-types.'
      )
    if (!types) {
      if (readInput('resource-regions').trim())
        throw new InputError(
          'resource-regions',
          'resource-regions is set, but resource-types is empty: name the kinds to switch, or drop resource-regions.'
        )
      return undefined
    }
    const resourceTypes = readResourceTypes(types)
    return { oldIds: new Map(), resourceTypes, regions: readRegions(readInput('resource-regions'), resourceTypes) }
  }
  if (!replace) {
    const orphan = types ? 'resource-types' : readInput('resource-regions').trim() ? 'resource-regions' : undefined
    if (orphan)
      throw new InputError(
        orphan,
        `${orphan} is set, but replace-certificate-id is empty: give the certificate each new one replaces, or drop ${orphan}.`
      )
    return undefined
  }
  const resourceTypes = readResourceTypes(types)
  return {
    // Without valid certificate IDs there is nothing to pair them with: that problem is reported on its own.
    oldIds: certificateIds ? readOldIds(replace, certificateIds) : new Map(),
    resourceTypes,
    regions: readRegions(readInput('resource-regions'), resourceTypes)
  }
}

/**
 * The switch's settings, in milliseconds: replace-certificate-id (or a renewal's old certificate) with resource-types,
 * resource-regions and rebind-timeout; undefined when nothing is to be switched. disable-old-expiry-notices
 * (`silenceOld`) is read once by the inputs, as the renewal takes it too; the switch is followed every wait-interval
 * (`intervalMs`).
 */
export function readSwitchSettings(
  readInput: ReadInput,
  certificateIds: readonly string[] | undefined,
  intervalMs: number,
  silenceOld: boolean
): SwitchSettings {
  // Checked whether or not anything is switched: a wrong value is an error before anything is sent.
  const timeoutSeconds = numberIn('rebind-timeout', readInput('rebind-timeout').trim(), 1, WAIT_TIMEOUT_LIMIT, true)
  const target = readRebindTarget(readInput, certificateIds, readInput('renew-certificate-id').trim() !== '')
  if (!target) return {}
  return {
    rebind: {
      ...target,
      disableOldExpiryNotices: silenceOld,
      timeoutMs: timeoutSeconds * 1000,
      intervalMs
    }
  }
}
