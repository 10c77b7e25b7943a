// A bought certificate's information (CertificateInfoSubmit), before its order: read first, sent only when the
// certificate waits for it (status 5) and what is on file is not already the same, checked against the company and
// manager on file before anything is written.
import type {
  Company,
  Manager,
  CertificateDetail,
  CertificateStatus,
  SubmittedInformation
} from '../../api/answers/index.js'
import { MAX_DIRECTORY_PAGE } from '../../api/answers/index.js'
import type { SslApi } from '../../api/calls.js'
import { Failure, isRateLimitCode, logRetry, retryDecision, toFailure } from '../../api/errors.js'
import { retry } from '../../support/retry.js'
import { onlineKeyOf, type InformationRequest } from '../../api/terms.js'
import { statusName } from '../../api/status.js'
import type { CallOptions } from '../../support/call-options.js'
import { readCertificate } from '../../api/read-certificate.js'
import { InformationCode } from './codes.js'
import { AWAITING_INFORMATION } from '../../api/status.js'

/** What became of a certificate's information: sent now, sent again with other names, or already on file. */
export type InformationOutcome = 'submitted' | 'resubmitted' | 'unchanged' | 'would-submit' | 'would-resubmit'

/** A directory of companies or managers is read this many pages at most: no account has thousands. */
const MAX_DIRECTORY_PAGES = 10
/** A manager's statuses that DescribeManagers gives once the CA has verified them. */
const VERIFIED_MANAGER = new Set(['ok', 'expiring'])

/**
 * The companies and managers on file, read once for the whole job whatever the number of certificates, and only
 * when some certificate's information is about to be written.
 */
export class Directory {
  private readonly checks = new Map<string, Promise<OnFile>>()

  constructor(private readonly api: SslApi) {}

  /** Resolves when company-id (and manager-id) are on file, the manager verified; a Failure naming what is otherwise. */
  check(companyId: string, managerId: string | undefined): Promise<OnFile> {
    const key = `${companyId}/${managerId ?? ''}`
    let check = this.checks.get(key)
    if (!check) {
      check = this.verify(companyId, managerId)
      this.checks.set(key, check)
    }
    return check
  }

  private async verify(companyId: string, managerId: string | undefined): Promise<OnFile> {
    const companies = await this.all((Offset) => this.api.describeCompanies({ Limit: MAX_DIRECTORY_PAGE, Offset }))
    const company = companies.items.find((c) => c.CompanyId === companyId)
    if (!company) {
      const onFile =
        companies.items.length > 0
          ? `on file: ${list(companies.items.map(companyName))}`
          : 'the account has no company on file'
      throw new Failure({
        code: InformationCode.CompanyNotFound,
        requestId: companies.requestId,
        message: `company-id ${companyId} is not a company on file (${onFile})`
      })
    }
    if (!managerId) return { company }
    const managers = await this.all((Offset) =>
      this.api.describeManagers({ CompanyId: Number(companyId), Limit: MAX_DIRECTORY_PAGE, Offset })
    )
    const manager = managers.items.find((m) => m.ManagerId === managerId)
    if (!manager) {
      const onFile =
        managers.items.length > 0
          ? `its managers on file: ${list(managers.items.map(managerName))}`
          : 'it has no manager on file'
      throw new Failure({
        code: InformationCode.ManagerNotFound,
        requestId: managers.requestId,
        message: `manager-id ${managerId} is not a manager of company ${companyName(company)} (${onFile})`
      })
    }
    if (!VERIFIED_MANAGER.has(manager.Status)) {
      throw new Failure({
        code: InformationCode.ManagerNotVerified,
        requestId: managers.requestId,
        message: `manager-id ${managerName(manager)} of company ${companyName(company)} is not verified (its status is "${manager.Status || 'none'}", not "ok")`
      })
    }
    return { company, manager }
  }

  /** Every page of a directory, up to its TotalCount; a page that adds nothing ends it. */
  private async all<Item>(
    page: (offset: number) => Promise<{ items: Item[]; TotalCount: number; RequestId: string }>
  ): Promise<{ items: Item[]; requestId: string }> {
    const items: Item[] = []
    let requestId = ''
    for (let read = 0; read < MAX_DIRECTORY_PAGES; read++) {
      const answer = await page(items.length)
      requestId = answer.RequestId
      items.push(...answer.items)
      if (answer.items.length === 0 || items.length >= answer.TotalCount) break
    }
    return { items, requestId }
  }
}

/** The company (and manager) company-id (and manager-id) name, as the account has them on file. */
interface OnFile {
  company: Company
  manager?: Manager
}

const companyName = (company: Company): string => `${company.CompanyName || '(no name)'} (${company.CompanyId})`
const managerName = (manager: Manager): string =>
  `${[manager.ManagerFirstName, manager.ManagerLastName].filter(Boolean).join(' ') || manager.ManagerMail || '(no name)'} (${manager.ManagerId}, ${manager.Status || 'none'})`
const list = (names: string[]): string =>
  names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ')

/** The names a certificate's information asks for, as one comparable list: the common name, then the others sorted. */
function namesOf(commonName: string, others: readonly string[]): string[] {
  const main = commonName.toLowerCase()
  return [main, ...[...new Set(others.map((name) => name.toLowerCase()))].filter((name) => name !== main).sort()]
}

/** The names a request asks for: the common name, then the others sorted. */
export const requested = (request: InformationRequest): string[] =>
  namesOf(request.CertCommonName, request.DnsNames ?? [])
const onFile = (submitted: SubmittedInformation): string[] => namesOf(submitted.CertificateDomain, submitted.DomainList)
const sameNames = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((name, index) => name === b[index])

export interface InformationOptions extends CallOptions {
  directory: Directory
  notice: (message: string) => void
}

/** A certificate as the list gives it (AutoRenewFlag, which the detail lacks); undefined when it may not be listed. */
export type ListedStatus = (id: string) => Promise<CertificateStatus | undefined>

/** What a request would send, for a preview: never a secret (no KeyPass, no CSR text). */
function describeRequest(request: InformationRequest, key: string): string {
  const company =
    request.CompanyType === 2
      ? `company ${request.CompanyId === '0' ? '(its Org* fields)' : request.CompanyId}${request.ManagerId ? `, manager ${request.ManagerId}` : ''}`
      : `personal, contact ${request.ContactEmail ?? ''}`
  const charges = request.AutoRenewFlag === 1 ? '; AutoRenewFlag 1: automatic renewal charges' : ''
  return `${requested(request).join(', ')}; key ${key}; ${company}${charges}`
}

/**
 * What is to be done with a certificate's information, decided from reads alone: nothing (`send` false: on file, or
 * past status 5), or a submission (the first, or again). A real run carries it out; a preview says it.
 */
export interface InformationDecision {
  send: boolean
  outcome: 'submitted' | 'resubmitted' | 'unchanged'
  /** The plan's line: what would be sent (never a secret), and why. */
  would: string
  why: string
  /** The log's line when nothing is sent; the notice before sending again. */
  said: string
  notice?: string
  detail: CertificateDetail
}

/**
 * Decides what the certificate's information needs, reading first: throws a Failure when the certificate is for
 * another domain than the input says, or when the company or manager is not on file; nothing is sent here.
 */
export async function decideInformation(
  api: SslApi,
  request: InformationRequest,
  directory: Directory,
  listed: ListedStatus,
  /** The key, in words, for a preview ("your CSR CN=… (EC P-256)"); from the request when not given. */
  key = request.GenCsrType === 'parse'
    ? 'your CSR'
    : `${request.CsrEncryptAlgo} ${request.CsrKeyParameter}, made by Tencent Cloud`
): Promise<InformationDecision> {
  const id = request.CertId
  const detail = await readCertificate(api, id)
  const wanted = requested(request)
  if (detail.Status !== AWAITING_INFORMATION) {
    if (detail.Domain && detail.Domain.toLowerCase() !== request.CertCommonName) {
      throw new Failure({
        code: InformationCode.DomainMismatch,
        requestId: detail.RequestId,
        message:
          `the certificate is for ${detail.Domain}, not domain ${request.CertCommonName} (it is in status ${detail.Status}, ${statusName(detail.Status)}), ` +
          'so nothing was sent'
      })
    }
    const state = `status ${detail.Status}, ${statusName(detail.Status)}`
    return {
      send: false,
      outcome: 'unchanged',
      would: 'send nothing',
      why: `its information is on file (${state})`,
      said: `Certificate ${id}: its information is on file already (${state}); not submitting it`,
      detail
    }
  }
  const submitted = detail.SubmittedData
  // The company and manager checked as on a first run, before anything is compared or sent.
  const onFileCompany =
    request.CompanyType === 2 && request.CompanyId !== '0'
      ? await directory.check(request.CompanyId, request.ManagerId)
      : undefined
  const same = submitted !== null && sameNames(onFile(submitted), wanted)
  const changed = submitted && same ? await differences(listed, request, detail, submitted, onFileCompany) : []
  const names = wanted.join(', ')
  if (same && changed.length > 0) {
    // Inputs are never silently dropped: what the step gives that is not what is on file is sent again.
    return {
      send: true,
      outcome: 'resubmitted',
      would: `send the information again: ${describeRequest(request, key)}`,
      why: `the same names are on file, but not ${changed.join(', ')}`,
      said: `Certificate ${id}: information submitted again for ${names}`,
      notice: `Certificate ${id}: its information for ${names} is on file, but the step gives another ${changed.join(', ')}; submitting it again (nothing has reached the CA yet)`,
      detail
    }
  }
  if (same) {
    return {
      send: false,
      outcome: 'unchanged',
      would: 'send nothing',
      why: `the same names are on file: ${names}`,
      said: `Certificate ${id}: its information for ${names} is on file already; not submitting it again`,
      detail
    }
  }
  return {
    send: true,
    outcome: submitted ? 'resubmitted' : 'submitted',
    would: `send the information: ${describeRequest(request, key)}`,
    why: submitted
      ? `other names are on file: ${onFile(submitted).join(', ')}`
      : 'the certificate waits for it (status 5)',
    said: `Certificate ${id}: information submitted for ${names}`,
    ...(submitted
      ? {
          notice:
            `Certificate ${id}: its information was submitted for ${onFile(submitted).join(', ')}; submitting it again for ${names} ` +
            '(nothing has reached the CA yet)'
        }
      : {}),
    detail
  }
}

/** Carries a decision out: sent (after its notice), or said to be on file. */
export async function carryOut(
  api: SslApi,
  request: InformationRequest,
  decision: InformationDecision,
  options: InformationOptions
): Promise<void> {
  if (!decision.send) {
    options.log.info(decision.said)
    return
  }
  if (decision.notice) options.notice(decision.notice)
  await send(api, request, options, decision.detail)
  options.log.info(decision.said)
}

const csrText = (pem: string): string => pem.replace(/\s+/g, '')

/**
 * What the request asks for that the information on file (same names) shows otherwise: the CSR or the key, personal
 * or company, the company's name, the manager's e-mail, the contact e-mail, and automatic renewal. What the file
 * does not show is not guessed at; what it shows and differs is named.
 */
async function differences(
  listed: ListedStatus,
  request: InformationRequest,
  detail: CertificateDetail,
  submitted: SubmittedInformation,
  directory: OnFile | undefined
): Promise<string[]> {
  const changed: string[] = []
  const fileCsr = submitted.CsrType === 'parse'
  if (request.GenCsrType === 'parse' && (!fileCsr || csrText(submitted.CsrContent) !== csrText(request.Csr ?? '')))
    changed.push('csr')
  else if (request.GenCsrType === 'online' && submitted.CsrType !== '' && fileCsr)
    changed.push('csr (none now: key-algorithm)')
  else if (request.GenCsrType === 'online') {
    const onFileKey = onlineKeyOf(detail.EncryptAlgorithm)
    if (
      onFileKey &&
      (onFileKey.CsrEncryptAlgo !== request.CsrEncryptAlgo || onFileKey.CsrKeyParameter !== request.CsrKeyParameter)
    )
      changed.push('key-algorithm')
  }
  const fields = submitted.fields
  const company = Boolean(fields.OrganizationName)
  if (submitted.CertificateDomain && company !== (request.CompanyType === 2) && (company || fields.ContactEmail))
    changed.push(
      request.CompanyType === 2
        ? 'company-id (a personal certificate is on file)'
        : 'company-id (a company certificate is on file)'
    )
  else if (
    directory &&
    fields.OrganizationName &&
    directory.company.CompanyName &&
    fields.OrganizationName !== directory.company.CompanyName
  )
    changed.push('company-id')
  if (directory?.manager?.ManagerMail && fields.AdminEmail && fields.AdminEmail !== directory.manager.ManagerMail)
    changed.push('manager-id')
  if (request.ContactEmail && fields.ContactEmail && fields.ContactEmail !== request.ContactEmail)
    changed.push('contact-email')
  // AutoRenewFlag is the list's (the detail does not give it): read with the job's other list reads, when it may list.
  const autoRenew = (await listed(request.CertId))?.AutoRenewFlag ?? null
  if (autoRenew !== null && autoRenew !== (request.AutoRenewFlag ?? 0)) changed.push('auto-renew')
  return changed
}

/**
 * CertificateInfoSubmit, retried on transient failures. After an answer that may have been lost (a timeout, a broken
 * connection, a malformed or internal-error answer) the certificate is read back before anything is sent again: when
 * it now holds the information asked for, that was the submission, and it is not sent a second time.
 */
async function send(
  api: SslApi,
  request: InformationRequest,
  options: InformationOptions,
  before: CertificateDetail
): Promise<void> {
  const id = request.CertId
  const attempt = async (): Promise<void> => {
    try {
      await api.certificateInfoSubmit(request)
    } catch (error) {
      const failure = toFailure(error)
      // A refusal, or a throttled request (refused before it was looked at), took no effect: nothing to read back.
      if (!failure.retryable || isRateLimitCode(failure.code) || !(await heldNow(api, request, before))) throw failure
      options.log.warning(
        `Certificate ${id}: the answer to CertificateInfoSubmit was lost (${failure.code}), but the certificate now holds the information for ` +
          `${requested(request).join(', ')}; not sending it again, going on with the order.`
      )
    }
  }
  await retry(attempt, options, retryDecision, logRetry(options, `Submitting the information of certificate ${id}`))
}

/** Whether the certificate now holds the requested names where, before the submission, it held others or none. */
async function heldNow(api: SslApi, request: InformationRequest, before: CertificateDetail): Promise<boolean> {
  let held: SubmittedInformation | null
  try {
    held = (await readCertificate(api, request.CertId)).SubmittedData
  } catch {
    return false
  }
  const changed = held && (!before.SubmittedData || !sameNames(onFile(before.SubmittedData), onFile(held)))
  return Boolean(changed) && held !== null && sameNames(onFile(held), requested(request))
}
