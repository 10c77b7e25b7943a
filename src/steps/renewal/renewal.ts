// renew-certificate-id: the certificate in service, followed through its renewal links to the newest of its line,
// which is carried through as certificate-id would be (its information copied from the one it renews when the inputs
// give none), switched in, and the old one silenced; or, with no renewal, its days left counted, a missing renewal
// within renew-before-days failing the step.
import {
  beijingTimeMs,
  type CertificateDetail,
  type CertificateStatus,
  type SubmittedInformation
} from '../../api/answers/index.js'
import { covers } from '../files/bundle.js'
import { boundResources, describeResources } from '../switch/bound-resources.js'
import type { SslApi } from '../../api/calls.js'
import { Failure, toFailure } from '../../api/errors.js'
import { ISSUED, TERMINAL_FAILURES } from '../../api/status.js'
import { onlineKeyOf, VERIFY_TYPES, type InformationRequest, type VerifyType } from '../../api/terms.js'
import { readCertificate } from '../../api/read-certificate.js'
import { StepFailed, type Job } from '../../flow/step.js'
import type { InformationStepSettings } from '../information/step.js'
import { RenewalCode } from './codes.js'
import { AWAITING_INFORMATION } from '../../api/status.js'

/** What following a line of certificates needs of the job. */
export type RenewalOptions = Pick<Job, 'log' | 'notice' | 'statuses' | 'clock'>

/** The key Tencent Cloud makes when the certificate renewed names none it knows: RSA 2048, as key-algorithm's default. */
const DEFAULT_KEY = { CsrEncryptAlgo: 'RSA', CsrKeyParameter: '2048' } as const

/** A line of certificates is followed this far at most: a renewal a year, for longer than any certificate lives. */
export const MAX_RENEWAL_LINKS = 20
const DAY_MS = 24 * 3600 * 1000

export type RenewalState =
  'not-due' | 'in-progress' | 'renewed' | 'switched-partly' | 'missing' | 'not-issued' | 'would-renew'

export interface RenewalResult {
  /** The certificate the newest renews; '' when the one named has no renewal. */
  RenewsCertificateId: string
  /** The IDs followed, from the one named to the newest. */
  Chain: string[]
  /** Whole days left of the newest when issued, else of the one it renews; null when neither is issued. */
  DaysLeft: number | null
  /** The renew-before-days in force: the input, or a third of the certificate's own lifetime, at most 30. */
  BeforeDays: number
  State: RenewalState
  /** Where a renewal was looked for beyond the links, when the links named none. */
  LookedAt?: string
  /** A subscription's end (GMT+8) and how many unexpired certificates it has issued (CertServiceEndTime, CertServiceValidCertificateCount). */
  ServiceEndTime?: string
  ServiceCertificateCount?: number
  /** What is still bound to the renewed certificate after the switch: its expiry notices are left on. */
  StillBound?: string
  /** Another named certificate whose line leads to the same newest one: that certificate was carried once, with it. */
  SameLineAs?: string
}

export interface RenewalSettings {
  /** renew-before-days; undefined: a third of the certificate's own lifetime, at most 30 days. */
  beforeDays?: number
  /** disable-old-expiry-notices: the renewed certificate's expiry notices silenced once nothing is bound to it. */
  silenceOld: boolean
}

interface Linked {
  detail: CertificateDetail
  listed?: CertificateStatus
}

/** renew-before-days when not given: a third of the certificate's own lifetime, at most 30 days (47 days: 15). */
const MAX_DEFAULT_BEFORE_DAYS = 30
export function defaultBeforeDays(beginTime: string, endTime: string): number {
  const lifetime = (beijingTimeMs(endTime) - beijingTimeMs(beginTime)) / DAY_MS
  return Number.isFinite(lifetime) && lifetime > 0
    ? Math.max(1, Math.min(MAX_DEFAULT_BEFORE_DAYS, Math.floor(lifetime / 3)))
    : MAX_DEFAULT_BEFORE_DAYS
}

/**
 * The line from `id` to its newest renewal, each certificate read. A loop, a line longer than 20, or a link to a
 * certificate that cannot be read is a Failure of its own.
 */
export async function followRenewals(
  api: SslApi,
  id: string,
  options: RenewalOptions,
  before: readonly Linked[] = []
): Promise<Linked[]> {
  const line: Linked[] = [...before]
  let next: string | undefined = id
  while (next) {
    const current: string = next
    if (line.some((linked) => linked.detail.CertificateId === current)) {
      throw new Failure({
        code: RenewalCode.RenewalLoop,
        message: `the renewal links loop: ${[...line.map((linked) => linked.detail.CertificateId), current].join(' → ')}`
      })
    }
    if (line.length > MAX_RENEWAL_LINKS) {
      throw new Failure({
        code: RenewalCode.RenewalLoop,
        message: `the renewal links go on past ${MAX_RENEWAL_LINKS} certificates (${line.map((linked) => linked.detail.CertificateId).join(' → ')} …)`
      })
    }
    let linked: Linked
    try {
      const [detail, status] = await Promise.all([readCertificate(api, current), options.statuses.listed(current)])
      linked = { detail: { ...detail, CertificateId: current }, ...(status ? { listed: status } : {}) }
    } catch (error) {
      if (line.length === 0) throw error
      const { code, message, requestId } = toFailure(error)
      throw new Failure({
        code: RenewalCode.RenewalLinkUnreadable,
        requestId,
        message: `${line[line.length - 1].detail.CertificateId} is renewed by ${current}, which cannot be read (${code}: ${message})`
      })
    }
    line.push(linked)
    next = [...linked.detail.RenewLinks, ...(linked.listed?.RenewLinks ?? [])].find((link) => link !== current)
  }
  return line
}

/** A page of the list searched for a renewal seen from its own side; a few pages at most. */
const SEARCH_PAGE = 100
const SEARCH_PAGES = 5

/**
 * A renewal found from the new side: a certificate whose OriginCertificateId or ServiceOriginCertificateId is the
 * one in service, among those the list gives for its domain (a renewal made in the console before its link shows,
 * or with no link). Says what was looked at, so that "missing" is never said of what could not be seen.
 */
export async function renewalFromNewSide(
  api: SslApi,
  inService: CertificateDetail,
  options: RenewalOptions
): Promise<{ id?: string; looked: string }> {
  const id = inService.CertificateId
  const key = inService.Domain || id
  const found: CertificateStatus[] = []
  let listed = 0
  try {
    for (let page = 0; page < SEARCH_PAGES; page++) {
      const answer = await api.searchCertificates({ SearchKey: key, Limit: SEARCH_PAGE, Offset: page * SEARCH_PAGE })
      listed += answer.Certificates.length
      found.push(
        ...answer.Certificates.filter(
          (c) => c.CertificateId !== id && c.OriginLinks.includes(id) && !TERMINAL_FAILURES.has(c.Status)
        )
      )
      if (answer.Certificates.length < SEARCH_PAGE || listed >= answer.TotalCount) break
    }
  } catch (error) {
    const { code } = toFailure(error)
    return {
      looked: `its renewal links, none; listing the account's certificates for ${key} to find one from its side was refused or failed (${code}), so a renewal made elsewhere may exist unseen: allow ssl:DescribeCertificates`
    }
  }
  const renewal = found.sort((a, b) => Number(b.Status === ISSUED) - Number(a.Status === ISSUED))[0]
  if (renewal) {
    options.log.info(
      `Certificate ${id}: no renewal link, but ${renewal.CertificateId} names it as the certificate it renews (OriginCertificateId); following that one`
    )
    return {
      id: renewal.CertificateId,
      looked: `the certificates listed for ${key}: ${renewal.CertificateId} renews it`
    }
  }
  return {
    looked: `its renewal links (RenewOrder, ServiceRenewCertificateId, HasRenewOrder, HostingRenewCertId), none; and the ${listed} certificate${listed === 1 ? '' : 's'} listed for ${key}, none of which names it as the one it renews`
  }
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
      : { GenCsrType: 'online' as const, ...(onlineKeyOf(renewed.EncryptAlgorithm) ?? DEFAULT_KEY) })
  }
}

export const isVerifyType = (value: string): value is VerifyType => (VERIFY_TYPES as readonly string[]).includes(value)

/** The names of `renewed` that `names` do not cover (a wildcard covers one label). */
export function uncovered(renewed: readonly string[], names: readonly string[]): string[] {
  return renewed.filter((name) => !names.some((candidate) => covers(candidate, name)))
}

/** The certificate renewed was made from the user's own CSR: Tencent Cloud holds no key for it. */
export const fromOwnCsr = (renewed: CertificateDetail): boolean =>
  renewed.KeyHeld === false || renewed.SubmittedData?.CsrType === 'parse'

/** What a certificate in a state waits for, in words. */
export function waitsFor(detail: CertificateDetail): string {
  switch (detail.Status) {
    case AWAITING_INFORMATION:
      return 'its information (CertificateInfoSubmit) and its order'
    case 13:
      return 'its order'
    case 0:
    case 4:
      return detail.DvAuths.length > 0
        ? `domain validation (${detail.DvAuths.map((record) => record.DvAuthKey || record.DvAuthPath).join(', ')}) and the CA`
        : 'the CA'
    case 8:
      return 'a signed confirmation letter uploaded in the console'
    default:
      return 'nothing that waiting changes'
  }
}

/** The information to send a renewal that waits for it, or the Failure that says which inputs to add. */
export function renewalInformation(
  namedId: string,
  id: string,
  renewed: CertificateDetail,
  information: InformationStepSettings['information'],
  options: RenewalOptions
): InformationRequest {
  const given = information?.requests.get(namedId)
  const ownCsr = fromOwnCsr(renewed)
  const csrNeeded = (why: string): Failure =>
    new Failure({
      code: RenewalCode.RenewalCsrRequired,
      requestId: renewed.RequestId,
      message: `it renews ${renewed.CertificateId}, which was made from your own CSR (Tencent Cloud holds no key for it), and ${why}: give csr (the same CSR or a new one for the new key), or key-algorithm to have Tencent Cloud make a key instead; nothing was sent`
    })
  if (given) {
    if (ownCsr && given.GenCsrType !== 'parse' && !information?.keyChosen) throw csrNeeded('the inputs give no csr')
    return { ...given, CertId: id }
  }
  const submitted = renewed.SubmittedData
  const copied = submitted?.CertificateDomain ? copiedInformation(id, renewed, submitted) : undefined
  if (!copied) {
    throw new Failure({
      code: RenewalCode.RenewalInformationUnknown,
      requestId: renewed.RequestId,
      message:
        `it waits for its information, and ${renewed.CertificateId}, which it renews, has none on file to copy (Tencent Cloud keeps none for issued certificates): ` +
        `give domain with contact-email (a personal certificate) or company-id (a company one), and csr or key-algorithm; nothing was sent`
    })
  }
  if (ownCsr && copied.GenCsrType !== 'parse') throw csrNeeded('its CSR is not on file')
  if (copied.GenCsrType === 'parse')
    options.notice(
      `Certificate ${id}: its CSR is the one ${renewed.CertificateId} was issued for: the same key is used again`
    )
  return copied
}

/** Whole days left of a certificate, and the renew-before-days in force for it. */
export function dueOf(
  detail: Pick<CertificateDetail, 'CertBeginTime' | 'CertEndTime'>,
  renewal: RenewalSettings,
  now: number
): { days: number | null; before: number } {
  return {
    days: daysLeft(detail.CertEndTime, now),
    before: renewal.beforeDays ?? defaultBeforeDays(detail.CertBeginTime, detail.CertEndTime)
  }
}

export const subscription = (listed: CertificateStatus | undefined): Partial<RenewalResult> => ({
  ...(listed?.CertServiceEndTime ? { ServiceEndTime: listed.CertServiceEndTime } : {}),
  ...(listed && listed.CertServiceValidCertificateCount !== null
    ? { ServiceCertificateCount: listed.CertServiceValidCertificateCount }
    : {})
})

/** The validity of a certificate issued in this run, read again when the line's read predates its issue. */
export async function issuedTimes(
  api: SslApi,
  id: string,
  known: CertificateDetail
): Promise<Pick<CertificateDetail, 'CertBeginTime' | 'CertEndTime'>> {
  try {
    const detail = await readCertificate(api, id)
    return { CertBeginTime: detail.CertBeginTime, CertEndTime: detail.CertEndTime }
  } catch {
    return { CertBeginTime: known.CertBeginTime, CertEndTime: known.CertEndTime }
  }
}

/** How long listing what is bound to the old certificate may take, when resource-types sets no rebind-timeout. */
const BOUND_CHECK_TIMEOUT_MS = 300_000
const BOUND_CHECK_INTERVAL_MS = 5_000

/**
 * disable-old-expiry-notices: the renewed certificate's notices off only when nothing is bound to it any more (read
 * with the bind-resource task); anything left (another region, a kind outside resource-types) keeps them on, and is
 * named in a warning. A failure to silence is the certificate's failure.
 */
export async function silenceWhenUnbound(
  api: SslApi,
  oldId: string,
  timing: { timeoutMs: number; intervalMs: number } | undefined,
  options: RenewalOptions
): Promise<{ failure?: StepFailed; stillBound?: string }> {
  let left
  try {
    const { switched, left: others } = await boundResources(
      api,
      oldId,
      {
        resourceTypes: [],
        regions: new Map(),
        timeoutMs: timing?.timeoutMs ?? BOUND_CHECK_TIMEOUT_MS,
        intervalMs: timing?.intervalMs ?? BOUND_CHECK_INTERVAL_MS
      },
      options
    )
    left = [...switched, ...others]
  } catch (error) {
    const { code, message } = toFailure(error)
    options.log.warning(
      `Certificate ${oldId}: what is still bound to it could not be read (${code}: ${message}), so its expiry notices are left on`
    )
    return { stillBound: 'unknown: the bind-resource task could not be read' }
  }
  if (left.length > 0) {
    const named = describeResources(left.slice(0, 10)) + (left.length > 10 ? ` and ${left.length - 10} more` : '')
    options.log.warning(
      `Certificate ${oldId}: still bound to ${named}, which the switch did not move (another region, or a kind outside resource-types): its expiry notices are left on. Add them to resource-types (and resource-regions), or move them in the console.`
    )
    return { stillBound: named }
  }
  try {
    await api.modifyCertificatesExpiringNotificationSwitch({ CertificateIds: [oldId], SwitchStatus: 1 })
    options.log.info(`Certificate ${oldId}: its expiry notices are off, now that nothing is bound to it`)
    return {}
  } catch (error) {
    return {
      failure: new StepFailed(error, {
        describe: (message) =>
          `it is in service, but the expiry notices of ${oldId} could not be turned off: ${message}`,
        call: 'ModifyCertificatesExpiringNotificationSwitch'
      })
    }
  }
}
