// Domain validation while the CA waits, as the SSL service answers it: CheckCertificateDomainVerification per domain
// in the spec's shape (LocalCheck codes, reasons, CheckValue, CaCheck, Frequently for a check asked twice within a
// second, Issued), and CompleteCertificate, after which the CA passes every domain that is in place.
import { ApiError, errors } from './api-errors.js'
import { answerLike, type CertificateState, type EmulatedDvAuth, type RecordState } from './ssl-service.js'

/** The certificate's statuses in which the CA waits for validation: reviewing, DNS record added. */
const AWAITING_VALIDATION = new Set([0, 4])
/** Brands whose CA cannot be asked to check now. */
const NO_COMPLETE = new Set(['dnspod', 'wotrus'])
const WRONG_VALUE = 'not-the-value-asked-for'

function stateOf(certificate: CertificateState, domain: string): RecordState {
  const records = certificate.validation?.records ?? 'placed'
  return typeof records === 'string' || 'placedAfterChecks' in records
    ? (records as RecordState)
    : ((records as Record<string, RecordState>)[domain] ?? 'placed')
}

/** Whether a record is answered by every authoritative nameserver of the sandbox's DNS. */
export type DnsVisibility = (name: string, type: string, value: string) => boolean
const NO_DNS: DnsVisibility = () => false

/** Whether the domain's record is in place at the certificate's current number of checks (`at-dns`: at `dns`). */
function placed(certificate: CertificateState, domain: string, dns: DnsVisibility): boolean {
  const state = stateOf(certificate, domain)
  if (state === 'at-dns') {
    const record = certificate.DvAuths[certificate.altNames.indexOf(domain)]
    return record !== undefined && dns(record.DvAuthKey, record.DvAuthVerifyType, record.DvAuthValue)
  }
  return state === 'placed' || (typeof state === 'object' && certificate.checks >= state.placedAfterChecks)
}

const allPlaced = (certificate: CertificateState, dns: DnsVisibility): boolean =>
  certificate.altNames.every((domain) => placed(certificate, domain, dns))

/** The CA has passed every domain: asked with CompleteCertificate, or in its own time once all are in place. */
export function caHasPassed(certificate: CertificateState, now: number): boolean {
  if (certificate.caPassed) return true
  const after = certificate.validation?.caPassesAfterMs
  const since = certificate.recordsPlacedAt
  if (after !== undefined && since !== undefined && now - since >= after) certificate.caPassed = true
  return certificate.caPassed
}

/** LocalCheck, its reason and what was found, for a record missing or wrong (the spec's codes by record type). */
function failedCheck(record: EmulatedDvAuth | undefined, wrong: boolean) {
  const type = record?.DvAuthVerifyType ?? 'TXT'
  const code = { TXT: wrong ? -2 : -1, CNAME: wrong ? -7 : -6, FILE: wrong ? -5 : -4 }[type] ?? -1
  const what = type === 'FILE' ? 'file' : `${type.toLowerCase()} record`
  return {
    LocalCheck: code,
    LocalCheckFailReason: wrong ? `${what} value does not match` : `${what} not found`,
    CheckValue: wrong ? [WRONG_VALUE] : []
  }
}

export class ValidationService {
  constructor(
    private readonly owned: (certificateId: string, account: string) => CertificateState,
    private readonly now: () => number,
    /** A check asked again within this is answered Frequently (the real service: within a second). */
    private readonly checkWindowMs: number,
    /** The sandbox's DNS, where the CA looks for `at-dns` records. */
    private readonly dns: DnsVisibility = NO_DNS
  ) {}

  checkCertificateDomainVerification(params: Record<string, unknown>, account: string): Record<string, unknown> {
    const certificate = this.owned(params.CertificateId as string, account)
    if (certificate.submissions === 0 || !AWAITING_VALIDATION.has(certificate.Status)) {
      if (certificate.Status !== 1)
        throw errors.documented('FailedOperation.CertificateStatusNotAllowVerify', '当前证书状态不允许验证。')
    }
    const now = this.now()
    const frequently = now - certificate.lastCheckAt < this.checkWindowMs
    certificate.lastCheckAt = now
    if (!frequently) certificate.checks++
    if (allPlaced(certificate, this.dns)) certificate.recordsPlacedAt ??= now
    const passed = caHasPassed(certificate, now)
    const [template] = answerLike('CheckCertificateDomainVerification', {}).VerificationResults as Record<
      string,
      unknown
    >[]
    return answerLike('CheckCertificateDomainVerification', {
      VerificationResults: certificate.altNames.map((domain, index) => {
        const record = certificate.DvAuths[index]
        const state = stateOf(certificate, domain)
        const check = frequently
          ? { LocalCheck: -1, LocalCheckFailReason: 'check too frequently', CheckValue: [] }
          : placed(certificate, domain, this.dns)
            ? { LocalCheck: 1, LocalCheckFailReason: '', CheckValue: record ? [record.DvAuthValue] : [] }
            : failedCheck(record, state === 'wrong')
        return {
          ...template,
          Domain: domain,
          VerifyType: certificate.VerifyType,
          ...check,
          CaCheck: passed ? 2 : -1,
          Frequently: frequently,
          Issued: certificate.Status === 1
        }
      })
    })
  }

  completeCertificate(params: Record<string, unknown>, account: string): Record<string, unknown> {
    const certificate = this.owned(params.CertificateId as string, account)
    if (certificate.Status === 1)
      throw errors.documented('FailedOperation.CertificateNotFoundOrAudited', '证书不存在或已审核。')
    if (NO_COMPLETE.has(certificate.brand))
      throw new ApiError(
        'FailedOperation',
        'The certificate brand does not support this operation.',
        '该证书品牌不支持此操作。'
      )
    certificate.completions++
    // The CA looks now: every domain whose record is in place passes.
    if (certificate.submissions > 0 && allPlaced(certificate, this.dns)) certificate.caPassed = true
    return answerLike('CompleteCertificate', { CertificateId: certificate.CertificateId })
  }
}
