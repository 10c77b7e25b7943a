// renew-certificate-id: the certificate in service, followed through its renewal links to the newest of its line,
// which is carried through as certificate-id would be (its information copied from the one it renews when the inputs
// give none), switched in, and the old one silenced; or, with no renewal, its days left counted, a missing renewal
// within renew-before-days failing the step.
import {
  beijingTimeMs,
  type CertificateDetail,
  type CertificateStatus,
  type SubmittedInformation
} from '../tencent-cloud/answers.js'
import type { SslApi } from '../tencent-cloud/calls.js'
import { ActionErrorCode, Failure, retried, toFailure } from '../tencent-cloud/errors.js'
import { ISSUED } from '../tencent-cloud/status.js'
import { VERIFY_TYPES, type InformationRequest, type VerifyType } from '../tencent-cloud/terms.js'
import { readCertificate } from './read-certificate.js'
import { failed, isFailure, type CertificateResult } from './results.js'
import { processCertificate, type CertificateSettings, type FlowOptions } from './certificates.js'

/** A line of certificates is followed this far at most: a renewal a year, for longer than any certificate lives. */
export const MAX_RENEWAL_LINKS = 20
const DAY_MS = 24 * 3600 * 1000
/** Awaiting information: a renewal made by auto-renewal, the console or package points starts here. */
const AWAITING_INFORMATION = 5

export interface RenewalResult {
  /** The certificate the newest renews; '' when the one named has no renewal. */
  RenewsCertificateId: string
  /** The IDs followed, from the one named to the newest. */
  Chain: string[]
  /** Whole days left of the newest when issued, else of the one it renews; null when neither is issued. */
  DaysLeft: number | null
  State: 'not-due' | 'in-progress' | 'renewed' | 'missing'
}

export interface RenewalSettings {
  beforeDays: number
  /** disable-old-expiry-notices: the renewed certificate's expiry notices silenced once the newest is in service. */
  silenceOld: boolean
}

interface Linked {
  detail: CertificateDetail
  listed?: CertificateStatus
}

/** The list's view of a certificate, for the links only it gives (HasRenewOrder, HostingRenewCertId). */
async function listed(id: string, options: FlowOptions): Promise<CertificateStatus | undefined> {
  const update = await options.statuses.read(id)
  return update && 'listed' in update ? update : undefined
}

/**
 * The line from `id` to its newest renewal, each certificate read. A loop, a line longer than 20, or a link to a
 * certificate that cannot be read is a Failure of its own.
 */
export async function followRenewals(api: SslApi, id: string, options: FlowOptions): Promise<Linked[]> {
  const line: Linked[] = []
  let next: string | undefined = id
  while (next) {
    const current: string = next
    if (line.some((linked) => linked.detail.CertificateId === current)) {
      throw new Failure({
        code: ActionErrorCode.RenewalLoop,
        message: `the renewal links loop: ${[...line.map((linked) => linked.detail.CertificateId), current].join(' → ')}`
      })
    }
    if (line.length > MAX_RENEWAL_LINKS) {
      throw new Failure({
        code: ActionErrorCode.RenewalLoop,
        message: `the renewal links go on past ${MAX_RENEWAL_LINKS} certificates (${line.map((linked) => linked.detail.CertificateId).join(' → ')} …)`
      })
    }
    let linked: Linked
    try {
      const [detail, status] = await Promise.all([readCertificate(api, current, options), listed(current, options)])
      linked = { detail: { ...detail, CertificateId: current }, ...(status ? { listed: status } : {}) }
    } catch (error) {
      if (line.length === 0) throw error
      const { code, message, requestId } = toFailure(error)
      throw new Failure({
        code: ActionErrorCode.RenewalLinkUnreadable,
        requestId,
        message: `${line[line.length - 1].detail.CertificateId} is renewed by ${current}, which cannot be read (${code}: ${message})`
      })
    }
    line.push(linked)
    next = [...linked.detail.RenewLinks, ...(linked.listed?.RenewLinks ?? [])].find((link) => link !== current)
  }
  return line
}

/** Whole days from now to a Beijing-time datetime; null when there is none. */
function daysLeft(endTime: string, now: number): number | null {
  const end = beijingTimeMs(endTime)
  return Number.isNaN(end) ? null : Math.floor((end - now) / DAY_MS)
}

// SubmittedData's legacy names → CertificateInfoSubmit's (the facts sheet's list).
const NEW_NAMES: Readonly<Record<string, string>> = {
  OrganizationName: 'OrgOrganization',
  OrganizationDivision: 'OrgDivision',
  OrganizationAddress: 'OrgAddress',
  OrganizationCountry: 'OrgCountry',
  OrganizationCity: 'OrgCity',
  OrganizationRegion: 'OrgRegion',
  PhoneAreaCode: 'OrgPhoneArea',
  PhoneNumber: 'OrgPhoneNumber',
  AdminFirstName: 'AdminFirstName',
  AdminLastName: 'AdminLastName',
  AdminPhoneNum: 'AdminPhone',
  AdminEmail: 'AdminEmail',
  AdminPosition: 'AdminTitle',
  ContactFirstName: 'TechFirstName',
  ContactLastName: 'TechLastName',
  ContactNumber: 'TechPhone',
  ContactEmail: 'TechEmail',
  ContactPosition: 'TechTitle'
}

/** The key Tencent Cloud made for the certificate renewed ("RSA 2048", "ECC 256"), to make the same again. */
function sameKey(algorithm: string): Pick<InformationRequest, 'CsrEncryptAlgo' | 'CsrKeyParameter'> {
  if (/^(ECC|EC)\b/i.test(algorithm)) return { CsrEncryptAlgo: 'ECC', CsrKeyParameter: 'prime256v1' }
  return { CsrEncryptAlgo: 'RSA', CsrKeyParameter: /4096/.test(algorithm) ? '4096' : '2048' }
}

/**
 * The renewal's information, copied from the certificate it renews: its names, its key algorithm (or its own CSR
 * again), its company fields; undefined when the information on file cannot make a request (no e-mail for a
 * personal certificate).
 */
export function copiedInformation(
  renewalId: string,
  renewed: CertificateDetail,
  submitted: SubmittedInformation
): InformationRequest | undefined {
  const commonName = (submitted.CertificateDomain || renewed.Domain).toLowerCase()
  if (!commonName) return undefined
  const fields = Object.fromEntries(
    Object.entries(submitted.fields)
      .filter(([name, value]) => NEW_NAMES[name] && value !== '')
      .map(([name, value]) => [NEW_NAMES[name], value])
  )
  const company = fields.OrgOrganization !== undefined
  const email = submitted.fields.ContactEmail || submitted.fields.AdminEmail || ''
  if (!company && !email) return undefined
  const others = submitted.DomainList.map((name) => name.toLowerCase()).filter((name) => name !== commonName)
  const ownCsr = submitted.CsrType === 'parse' && submitted.CsrContent !== ''
  return {
    ...(company ? fields : {}),
    CertId: renewalId,
    CertCommonName: commonName,
    ...(others.length > 0 ? { DnsNames: others } : {}),
    CompanyType: company ? 2 : 1,
    CompanyId: '0',
    ...(email ? { ContactEmail: email } : {}),
    ...(ownCsr
      ? { GenCsrType: 'parse' as const, Csr: submitted.CsrContent }
      : { GenCsrType: 'online' as const, ...sameKey(renewed.EncryptAlgorithm) })
  }
}

const isVerifyType = (value: string): value is VerifyType => (VERIFY_TYPES as readonly string[]).includes(value)

/** One certificate named by renew-certificate-id: always a result, never an exception. */
export async function renewCertificate(
  api: SslApi,
  namedId: string,
  settings: CertificateSettings,
  renewal: RenewalSettings,
  options: FlowOptions
): Promise<CertificateResult> {
  let line: Linked[]
  try {
    line = await followRenewals(api, namedId, options)
  } catch (error) {
    const failure = toFailure(error)
    return {
      ...failed(namedId, failure),
      Renewal: { RenewsCertificateId: '', Chain: [namedId], DaysLeft: null, State: 'missing' }
    }
  }
  const chain = line.map((linked) => linked.detail.CertificateId)
  const newest = line[line.length - 1].detail
  const previous = line.length > 1 ? line[line.length - 2].detail : undefined
  const id = newest.CertificateId
  if (previous)
    options.log.info(`Certificate ${namedId}: renewed by ${chain.slice(1).join(' → ')}; carrying ${id} through`)
  options.preview?.add(id, {
    Step: 'renewal',
    Would: previous ? `carry ${id} through, renewing ${previous.CertificateId}` : `keep ${id} in service`,
    Why: `the line followed: ${chain.join(' → ')}`
  })

  const given = settings.information?.requests.get(namedId)
  let information: InformationRequest | undefined = given && { ...given, CertId: id }
  if (!information && newest.Status === AWAITING_INFORMATION && previous?.SubmittedData) {
    information = copiedInformation(id, previous, previous.SubmittedData)
    if (information?.GenCsrType === 'parse')
      options.notice(
        `Certificate ${id}: its CSR is the one ${previous.CertificateId} was issued for: the same key is used again`
      )
    if (!information) {
      return {
        ...failed(id, {
          code: ActionErrorCode.RenewalInformationUnknown,
          requestId: previous.RequestId,
          message: `it renews ${previous.CertificateId}, whose information on file gives no domain or contact e-mail to copy, so nothing was sent`
        }),
        Renewal: {
          RenewsCertificateId: previous.CertificateId,
          Chain: chain,
          DaysLeft: daysLeft(previous.CertEndTime, options.clock.now()),
          State: 'in-progress'
        }
      }
    }
  }
  const verifyType =
    settings.verifyType ?? (previous && isVerifyType(previous.VerifyType) ? previous.VerifyType : undefined)
  const carried: CertificateSettings = {
    ...settings,
    skipSubmitted: true,
    ...(verifyType ? { verifyType } : {}),
    information: information ? { requests: new Map([[id, information]]) } : undefined,
    rebind:
      settings.rebind && previous
        ? { ...settings.rebind, disableOldExpiryNotices: false, oldIds: new Map([[id, previous.CertificateId]]) }
        : undefined
  }
  if (!carried.information) delete carried.information
  if (!carried.rebind) delete carried.rebind
  const result = await processCertificate(api, id, carried, options)
  const now = options.clock.now()
  const lineOf = { RenewsCertificateId: previous?.CertificateId ?? '', Chain: chain }
  if (result.Status !== ISSUED) {
    const days = previous ? daysLeft(previous.CertEndTime, now) : null
    if (previous && renewal.silenceOld && options.preview)
      options.preview.add(id, {
        Step: 'ModifyCertificatesExpiringNotificationSwitch',
        Would: `turn off the expiry notices of ${previous.CertificateId}`,
        Why: 'disable-old-expiry-notices: true, once the renewal is issued and switched in'
      })
    return { ...result, Renewal: { ...lineOf, DaysLeft: days, State: 'in-progress' } }
  }
  const days = await issuedDays(api, id, newest, result, options)
  // The one in service now: the switch to it asked again and the old one silenced on every run (both idempotent).
  const silenceOld = previous && !isFailure(result) && renewal.silenceOld
  if (silenceOld && options.preview)
    options.preview.add(id, {
      Step: 'ModifyCertificatesExpiringNotificationSwitch',
      Would: `turn off the expiry notices of ${previous.CertificateId}`,
      Why: 'disable-old-expiry-notices: true, and its renewal is in service'
    })
  const done = silenceOld && !options.preview ? await silence(api, previous.CertificateId, result, options) : result
  const until = newest.CertEndTime || result.NotAfter || 'an unknown date'
  // Whether it renewed another or not, a certificate in service without a renewal close to its expiry is the alarm.
  if (days !== null && days <= renewal.beforeDays) {
    const failure = {
      code: ActionErrorCode.RenewalMissing,
      requestId: newest.RequestId,
      message: `it expires on ${until} (GMT+8), in ${days} days, within renew-before-days (${renewal.beforeDays}), and has no renewal`
    }
    return {
      ...done,
      // failed() carries only the base fields: the files and records stay as `done` has them.
      ...failed(id, failure, { OrderId: done.OrderId, Status: ISSUED }),
      Renewal: { ...lineOf, DaysLeft: days, State: 'missing' }
    }
  }
  options.notice(
    `Certificate ${id}: in service until ${until} (GMT+8), ${days ?? 'unknown'} days; no renewal is due before ${renewal.beforeDays} days are left`
  )
  return { ...done, Renewal: { ...lineOf, DaysLeft: days, State: previous ? 'renewed' : 'not-due' } }
}

/** Days left of a certificate issued in this run or before: the detail read again when the line's read predates it. */
async function issuedDays(
  api: SslApi,
  id: string,
  known: CertificateDetail,
  result: CertificateResult,
  options: FlowOptions
): Promise<number | null> {
  const now = options.clock.now()
  if (known.CertEndTime) return daysLeft(known.CertEndTime, now)
  if (result.NotAfter) return Math.floor((Date.parse(result.NotAfter) - now) / DAY_MS)
  try {
    return daysLeft((await readCertificate(api, id, options)).CertEndTime, now)
  } catch {
    return null
  }
}

/** disable-old-expiry-notices: the renewed certificate's notices off; its failure is the certificate's failure. */
async function silence(
  api: SslApi,
  oldId: string,
  result: CertificateResult,
  options: FlowOptions
): Promise<CertificateResult> {
  try {
    await retried(
      () => api.modifyCertificatesExpiringNotificationSwitch({ CertificateIds: [oldId], SwitchStatus: 1 }),
      options,
      `Silencing the expiry notices of certificate ${oldId}`
    )
    options.log.info(`Certificate ${oldId}: its expiry notices are off, now that its renewal is in service`)
    return result
  } catch (error) {
    const { code, message, requestId } = toFailure(error)
    return {
      ...result,
      RequestId: requestId || result.RequestId,
      ErrorCode: code,
      ErrorMessage: `it is in service, but the expiry notices of ${oldId} could not be turned off: ${message}`,
      FailedCall: 'ModifyCertificatesExpiringNotificationSwitch'
    }
  }
}
