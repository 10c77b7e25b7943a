// The SSL service behind the emulated gateway: certificates per account and their state (pending, submitted,
// settled to issued or a failure), the validation records the CA asks for, and the answers of the SSL actions, built
// on the spec's example answers so that they have the real API's fields.
import { createHash, X509Certificate, type KeyObject } from 'node:crypto'
import { actionSpec, exampleAnswer } from './api-spec.js'
import { errors, ApiError } from './api-errors.js'
import { certificateZip, issue, type IssuedCertificate } from './issuer.js'
import { caHasPassed } from './validation-service.js'

export const DEFAULT_ACCOUNT = '100000000001'
const PENDING_SUBMISSION = new Set([5, 13])

export interface EmulatedCertificate {
  CertificateId: string
  account?: string
  Domain?: string
  /** 5 (enterprise, pending submission) or 13 (information pending) accept a submission. */
  Status?: number
  /** The status a submission moves the certificate to. */
  statusAfterSubmit?: number
  OrderId?: string
  /** After a submission, the certificate moves to `finalStatus` on this many-th read (either read API). */
  settleAfterReads?: number
  /** Or this long after the submission, at the first read after that. */
  settleAfterMs?: number
  /** 1 (issued, the default) or a failure such as 2 (review failed). */
  finalStatus?: number
  finalStatusMsg?: string
  /** The domains validated, one record each (default: Domain alone, answered in DvAuthDetail's top-level fields). */
  altNames?: string[]
  /** The DNS record the CA asks for with DNS verification (default TXT). */
  dnsRecordType?: 'TXT' | 'CNAME'
  /** Whether Tencent Cloud holds the key: true (the default) when the CSR was generated online, false for the user's own. */
  keyHeld?: boolean
  /** What CertificatePublicKey holds once issued: the leaf and its intermediates (the default), the leaf alone, or null. */
  publicKey?: 'full-chain' | 'leaf' | 'none'
  /** An SM2 (国密) dual certificate: a signing and an encryption certificate. */
  sm2?: boolean
  /**
   * Bought, information pending: status 5 with no SubmittedData (and no Domain) until CertificateInfoSubmit; an
   * order before that is refused with FailedOperation.CertificateInfoSubmitStatusInvalid. Otherwise the
   * information was filled in on the console: SubmittedData holds the domain and its names.
   */
  informationPending?: boolean
  /**
   * Domain validation as CheckCertificateDomainVerification sees it (validation-service.ts). When given, the
   * certificate is issued once the CA has passed every domain, not after a number of reads.
   */
  validation?: EmulatedValidation
  /** DescribeCertificates' DVAuthDeadline: when the CA closes the order unless its domains are validated. */
  validationDeadline?: Date
  /** The CA brand: 'dnspod' (and 'wotrus') certificates cannot be asked to check now (CompleteCertificate). */
  brand?: string
  /** When it expires (CertEndTime, and the leaf's notAfter); default a year after it is first read as issued. */
  expiresAt?: Date
  /** The certificate that renews it, named in one documented field (default RenewOrder), seen from its N-th read on. */
  renewedBy?: { id: string; field?: RenewalField; afterReads?: number }
  /**
   * The information the console filled in, in SubmittedData's legacy names (default: the domain, its names, an
   * e-mail). Given here, it stays on file once issued; otherwise an issued certificate's SubmittedData is all null,
   * as the real API answers.
   */
  submittedData?: Record<string, unknown>
  /** When it was issued (CertBeginTime, the leaf's notBefore); default a year before expiresAt. */
  issuedAt?: Date
  /**
   * Made by Tencent Cloud's auto-renewal: already submitted (information copied by Tencent Cloud, an order, its
   * validation records), awaiting validation in `Status` (default 4), not in status 5.
   */
  orderedByTencentCloud?: boolean
  /** The certificate it renews, named from its own side only (CertificateExtra.OriginCertificateId by default). */
  renews?: { id: string; field?: 'OriginCertificateId' | 'ServiceOriginCertificateId' }
  /** A subscription it belongs to: the list's ServiceId, CertServiceEndTime and CertServiceValidCertificateCount. */
  service?: { id: string; endsAt: Date; validCertificates: number }
  /** IsDv (default true): only a DV certificate's DVAuthDeadline closes its order. */
  dv?: boolean
  /** The validation records show in DvAuthDetail only from this many-th read after the order (they can come late). */
  recordsAfterReads?: number
  /** CertEndTime null (detail) and '' (list), as an answer may leave it. */
  endTimeUnknown?: boolean
}

/** Where Tencent Cloud names a renewal: the detail's CertificateExtra, or the list's own fields. */
export type RenewalField = 'RenewOrder' | 'ServiceRenewCertificateId' | 'HasRenewOrder' | 'HostingRenewCertId'

/**
 * Where a domain's validation record stands: in place, missing, holding another value, placed after N checks, or
 * (`at-dns`) wherever the sandbox's authoritative nameservers say: in place once every one of them answers it.
 */
/** A product of each CA brand, as ProductZhName names it. */
const PRODUCT_NAMES: Readonly<Record<string, string>> = {
  sectigo: 'SecureSite OV (Sectigo)',
  trustasia: 'TrustAsia C1 DV Free',
  digicert: 'DigiCert Secure Site CN CA G3',
  geotrust: 'GeoTrust TrueBusinessID OV',
  globalsign: 'GlobalSign OrganizationSSL',
  wotrus: 'WoTrus DV SSL',
  dnspod: 'DNSPod DV SSL'
}

export type RecordState = 'placed' | 'missing' | 'wrong' | 'at-dns' | { placedAfterChecks: number }

export interface EmulatedValidation {
  /** Every domain's record, or each domain's by name (default 'placed'). */
  records?: RecordState | Readonly<Record<string, RecordState>>
  /** The CA passes the domains this long after they are all in place, without being asked; never when undefined. */
  caPassesAfterMs?: number
}

/** The records the CA asks for, in the shape of DescribeCertificateDetail's DvAuthDetail.DvAuths. */
export interface EmulatedDvAuth {
  DvAuthKey: string
  DvAuthValue: string
  DvAuthDomain: string
  DvAuthPath: string
  DvAuthSubDomain: string
  DvAuthVerifyType: string
}

export interface CertificateState {
  CertificateId: string
  account: string
  Domain: string
  Status: number
  statusAfterSubmit: number
  OrderId: string
  VerifyType: string
  DeleteDnsAutoRecord: boolean
  DvAuths: EmulatedDvAuth[]
  altNames: string[]
  dnsRecordType: 'TXT' | 'CNAME'
  keyHeld: boolean
  publicKey: 'full-chain' | 'leaf' | 'none'
  sm2: boolean
  /** The X.509 certificate, made when it is first read as issued. */
  issued?: IssuedCertificate
  settleAfterReads?: number
  settleAfterMs?: number
  submittedAt: number
  finalStatus: number
  finalStatusMsg: string
  /** Reads since the submission, counting towards settleAfterReads. */
  readsSinceSubmission: number
  /** True once the certificate reached its final status. */
  settled: boolean
  /** How many submissions the server applied: the tests' proof that nothing was submitted twice. */
  submissions: number
  /** Whether Tencent Cloud sends expiry notices for it (UpdateCertificateInstance's ExpiringNotificationSwitch). */
  expiryNotices: boolean
  /** DescribeCertificateDetail's SubmittedData, in its legacy names; null until the information is submitted. */
  submittedData: Record<string, unknown> | null
  /** The last CertificateInfoSubmit request applied, as sent. */
  information?: Record<string, unknown>
  /** How many CertificateInfoSubmit requests were applied. */
  informationSubmissions: number
  /** AutoRenewFlag as last submitted: 1 signs the account up for automatic charges. */
  autoRenewFlag: number
  /** The public key of the user's own CSR (GenCsrType parse): the certificate is issued for it. */
  csrKey?: KeyObject
  validation?: EmulatedValidation
  validationDeadline?: Date
  brand: string
  /** CheckCertificateDomainVerification calls so far, and when the last came. */
  checks: number
  lastCheckAt: number
  /** When every record was first seen in place, and when the CA passed them (asked, or in its own time). */
  recordsPlacedAt?: number
  caPassed: boolean
  /** CompleteCertificate calls applied. */
  completions: number
  expiresAt?: Date
  renewedBy?: { id: string; field: RenewalField; afterReads: number }
  /** Reads of either API so far, for a renewal link seen only from some read on. */
  reads: number
  /** SubmittedData stays on file once issued (it was seeded so). */
  keepsSubmittedData: boolean
  issuedAt?: Date
  /** Ordered by Tencent Cloud itself (auto-renewal): settles like a submitted one, though nobody submitted it here. */
  orderedElsewhere: boolean
  renews?: { id: string; field: 'OriginCertificateId' | 'ServiceOriginCertificateId' }
  service?: { id: string; endsAt: Date; validCertificates: number }
  dv: boolean
  recordsAfterReads: number
  endTimeUnknown: boolean
  /** When the CA passed validation (ValidationPassedTime). */
  validationPassedAt?: number
}

// StatusName as the API gives it: free text, in Chinese.
const STATUS_NAMES_ZH: Readonly<Record<number, string>> = {
  0: '审核中',
  1: '已通过',
  2: '审核失败',
  3: '已过期',
  4: '已添加DNS记录',
  5: '企业证书，待提交',
  6: '订单取消中',
  7: '已取消',
  8: '已提交资料，待上传确认函',
  9: '证书吊销中',
  10: '已吊销',
  11: '重颁发中',
  12: '待上传吊销确认函',
  13: '免费证书待提交资料',
  14: '已退款',
  15: '证书迁移中'
}

/** Who is asking: the account the gateway authenticated. */
export interface ServiceContext {
  account: string
}

export class SslService {
  private readonly certificates = new Map<string, CertificateState>()
  private orderCounter = 0

  constructor(private readonly now: () => number) {}

  add(certificate: EmulatedCertificate): void {
    const pending = certificate.informationPending ?? false
    const domain = certificate.Domain ?? (pending ? '' : `${certificate.CertificateId.toLowerCase()}.example.com`)
    const altNames = certificate.altNames ?? (domain ? [domain] : [])
    this.certificates.set(certificate.CertificateId, {
      CertificateId: certificate.CertificateId,
      account: certificate.account ?? DEFAULT_ACCOUNT,
      Domain: domain,
      Status: certificate.Status ?? 5,
      statusAfterSubmit: certificate.statusAfterSubmit ?? 0,
      OrderId: certificate.OrderId ?? '',
      VerifyType: '',
      DeleteDnsAutoRecord: false,
      DvAuths: [],
      altNames,
      dnsRecordType: certificate.dnsRecordType ?? 'TXT',
      keyHeld: certificate.keyHeld ?? true,
      publicKey: certificate.publicKey ?? 'full-chain',
      sm2: certificate.sm2 ?? false,
      ...(certificate.settleAfterReads === undefined ? {} : { settleAfterReads: certificate.settleAfterReads }),
      ...(certificate.settleAfterMs === undefined ? {} : { settleAfterMs: certificate.settleAfterMs }),
      submittedAt: 0,
      finalStatus: certificate.finalStatus ?? 1,
      finalStatusMsg:
        certificate.finalStatusMsg ?? (certificate.finalStatus && certificate.finalStatus !== 1 ? 'REJECTED' : ''),
      readsSinceSubmission: 0,
      settled: false,
      submissions: 0,
      expiryNotices: true,
      submittedData: pending
        ? null
        : (certificate.submittedData ?? {
            CsrType: 'online',
            CertificateDomain: domain,
            DomainList: altNames.filter((name) => name !== domain),
            ContactEmail: `ssl@${domain.replace(/^\*\./, '')}`
          }),
      informationSubmissions: 0,
      autoRenewFlag: 0,
      ...(certificate.validation ? { validation: certificate.validation } : {}),
      ...(certificate.validationDeadline ? { validationDeadline: certificate.validationDeadline } : {}),
      brand: certificate.brand ?? 'sectigo',
      checks: 0,
      lastCheckAt: -Infinity,
      caPassed: false,
      completions: 0,
      ...(certificate.expiresAt ? { expiresAt: certificate.expiresAt } : {}),
      ...(certificate.renewedBy
        ? {
            renewedBy: {
              id: certificate.renewedBy.id,
              field: certificate.renewedBy.field ?? 'RenewOrder',
              afterReads: certificate.renewedBy.afterReads ?? 0
            }
          }
        : {}),
      reads: 0,
      keepsSubmittedData: certificate.submittedData !== undefined,
      ...(certificate.issuedAt ? { issuedAt: certificate.issuedAt } : {}),
      orderedElsewhere: false,
      ...(certificate.renews
        ? { renews: { id: certificate.renews.id, field: certificate.renews.field ?? 'OriginCertificateId' } }
        : {}),
      ...(certificate.service ? { service: certificate.service } : {}),
      dv: certificate.dv ?? true,
      recordsAfterReads: certificate.recordsAfterReads ?? 0,
      endTimeUnknown: certificate.endTimeUnknown ?? false
    })
    if (certificate.orderedByTencentCloud) {
      // Auto-renewal: Tencent Cloud copied the information and placed the order; the CA waits for validation.
      const state = this.certificates.get(certificate.CertificateId)!
      state.Status = certificate.Status ?? 4
      state.OrderId = `TA${String(++this.orderCounter).padStart(8, '0')}`
      state.VerifyType = 'DNS'
      state.DvAuths = validationRecords(state)
      state.submittedAt = this.now()
      state.orderedElsewhere = true
    }
  }

  /** A copy of the certificate's state, for tests to look at. */
  copy(certificateId: string): CertificateState {
    const state = this.certificates.get(certificateId)
    if (!state) throw new Error(`no emulated certificate ${certificateId}`)
    return { ...state, DvAuths: state.DvAuths.map((record) => ({ ...record })) }
  }

  /** The certificate's X.509 leaf, chain and key, made on first use (a certificate issued from the start has one too). */
  private issuedCertificate(certificate: CertificateState): IssuedCertificate {
    certificate.issued ??= issue(
      certificate.Domain,
      certificate.altNames,
      this.now(),
      certificate.csrKey,
      certificate.expiresAt,
      certificate.issuedAt
    )
    return certificate.issued
  }

  /** The certificate's leaf, chain and key, as a host serving it would hold them. */
  issued(certificateId: string, account = DEFAULT_ACCOUNT): IssuedCertificate {
    return this.issuedCertificate(this.owned(certificateId, account))
  }

  /** The account's certificate itself (not a copy), for the services that change it; CertificateNotFound otherwise. */
  owned(certificateId: string, account: string): CertificateState {
    const certificate = this.certificates.get(certificateId)
    if (!certificate || certificate.account !== account) throw errors.certificateNotFound()
    return certificate
  }

  private ownedCertificate(
    params: Record<string, unknown>,
    context: ServiceContext,
    name = 'CertificateId'
  ): CertificateState {
    // The parameters were checked against the spec: a required string is there.
    return this.owned(params[name] as string, context.account)
  }

  /** What both submit APIs do: a pending certificate gets an order, validation records and its next status. */
  private submit(certificate: CertificateState, verifyType: unknown): { OrderId: string; Status: number } {
    if (verifyType !== undefined && !['DNS_AUTO', 'DNS', 'FILE'].includes(verifyType as string))
      throw errors.invalidParam()
    if (!PENDING_SUBMISSION.has(certificate.Status)) throw errors.invalidStatus()
    if (!certificate.submittedData)
      throw errors.documented('FailedOperation.CertificateInfoSubmitStatusInvalid', '证书资料未提交，无法提交订单。')
    certificate.Status = certificate.statusAfterSubmit
    certificate.OrderId ||= `TA${String(++this.orderCounter).padStart(8, '0')}`
    certificate.VerifyType = (verifyType as string | undefined) ?? 'DNS'
    certificate.DvAuths = validationRecords(certificate)
    certificate.readsSinceSubmission = 0
    certificate.submittedAt = this.now()
    certificate.submissions++
    return { OrderId: certificate.OrderId, Status: certificate.Status }
  }

  commitCertificateInformation(params: Record<string, unknown>, context: ServiceContext): Record<string, unknown> {
    return answerLike(
      'CommitCertificateInformation',
      this.submit(this.ownedCertificate(params, context), params.VerifyType)
    )
  }

  certificateOrderSubmit(params: Record<string, unknown>, context: ServiceContext): Record<string, unknown> {
    const certificate = this.ownedCertificate(params, context, 'CertId')
    const deleteRecord = params.DeleteDnsAutoRecord === undefined ? undefined : Number(params.DeleteDnsAutoRecord)
    if (deleteRecord !== undefined && deleteRecord !== 0 && deleteRecord !== 1) {
      throw new ApiError(
        'InvalidParameterValue',
        'DeleteDnsAutoRecord must be 0 or 1.',
        'DeleteDnsAutoRecord 取值错误。'
      )
    }
    const answer = this.submit(certificate, params.VerifyType)
    certificate.DeleteDnsAutoRecord = deleteRecord === 1
    return answerLike('CertificateOrderSubmit', { ...answer, IsAudited: false })
  }

  /** A read by either API: a submitted certificate settles on its configured read, or once its time has come. */
  private observe(certificate: CertificateState): void {
    certificate.reads++
    certificate.readsSinceSubmission++
    if ((certificate.submissions === 0 && !certificate.orderedElsewhere) || certificate.settled) return
    if (certificate.validation) {
      // Issued once the CA has passed every domain, as the validation service decides.
      if (caHasPassed(certificate, this.now())) {
        certificate.Status = certificate.finalStatus
        certificate.settled = true
        certificate.validationPassedAt ??= this.now()
      }
      return
    }
    const byReads =
      certificate.settleAfterReads !== undefined && certificate.readsSinceSubmission >= certificate.settleAfterReads
    const byTime =
      certificate.settleAfterMs !== undefined && this.now() - certificate.submittedAt >= certificate.settleAfterMs
    if (byReads || byTime) {
      certificate.Status = certificate.finalStatus
      certificate.settled = true
      if (certificate.Status === ISSUED) certificate.validationPassedAt ??= this.now()
    }
  }

  private statusMsg(certificate: CertificateState): string | null {
    if (certificate.settled) return certificate.finalStatusMsg || null
    if (certificate.submissions > 0)
      return certificate.VerifyType === 'DNS' || certificate.VerifyType === 'FILE' ? 'PENDING-DCV' : 'CA-REVIEWING'
    return null
  }

  /** The list API: the account's certificates named by CertIds (up to Limit, from Offset), with their status only. */
  describeCertificates(params: Record<string, unknown>, context: ServiceContext): Record<string, unknown> {
    const wanted = Array.isArray(params.CertIds) ? new Set(params.CertIds as string[]) : undefined
    // SearchKey: a fuzzy match of the ID, the remark or the domain, as the API documents it.
    const key = typeof params.SearchKey === 'string' ? params.SearchKey.toLowerCase() : ''
    const matches = (c: CertificateState): boolean =>
      !key || c.CertificateId.toLowerCase().includes(key) || c.Domain.toLowerCase().includes(key)
    const limit = Number(params.Limit ?? 20)
    const offset = Number(params.Offset ?? 0)
    if (limit > 1000) throw errors.invalidParameter('The parameter `Limit` must be at most 1000.')
    const owned = [...this.certificates.values()].filter(
      (c) => c.account === context.account && (!wanted || wanted.has(c.CertificateId)) && matches(c)
    )
    const page = owned.slice(offset, offset + limit)
    const [template] = exampleAnswer('DescribeCertificates').Certificates as Record<string, unknown>[]
    return answerLike('DescribeCertificates', {
      TotalCount: owned.length,
      Certificates: page.map((certificate) => {
        this.observe(certificate)
        return {
          ...template,
          CertificateId: certificate.CertificateId,
          OwnerUin: certificate.account,
          Domain: certificate.Domain,
          Status: certificate.Status,
          StatusName: STATUS_NAMES_ZH[certificate.Status] ?? '',
          // The list gives an empty string where the detail gives null.
          StatusMsg: this.statusMsg(certificate) ?? '',
          VerifyType: certificate.VerifyType,
          SubjectAltName: certificate.altNames,
          CertSANs: certificate.altNames,
          DVAuthDeadline: certificate.validationDeadline ? beijingTime(certificate.validationDeadline) : '',
          // The example's "yes" and date are left out: each field names the renewal or is empty.
          HasRenewOrder: renewalIn(certificate, 'HasRenewOrder') ?? '',
          HostingRenewCertId: renewalIn(certificate, 'HostingRenewCertId') ?? '',
          CertificateExtra: { ...(template.CertificateExtra as object), ...renewalExtra(certificate) },
          CertBeginTime: this.beginTime(certificate) ?? '',
          CertEndTime: this.endTime(certificate) ?? '',
          IsDv: certificate.dv,
          AutoRenewFlag: certificate.autoRenewFlag,
          // The list gives "--" until validation passes (Example 2).
          ValidationPassedTime:
            certificate.validationPassedAt === undefined ? '--' : beijingTime(new Date(certificate.validationPassedAt)),
          ServiceId: certificate.service?.id ?? '',
          CertServiceEndTime: certificate.service ? beijingTime(certificate.service.endsAt) : '',
          CertServiceValidCertificateCount: certificate.service?.validCertificates ?? 0
        }
      })
    })
  }

  describeCertificateDetail(params: Record<string, unknown>, context: ServiceContext): Record<string, unknown> {
    const certificate = this.ownedCertificate(params, context)
    this.observe(certificate)
    return answerLike('DescribeCertificateDetail', {
      CertificateId: certificate.CertificateId,
      OwnerUin: certificate.account,
      Domain: certificate.Domain,
      Alias: '',
      Status: certificate.Status,
      StatusName: STATUS_NAMES_ZH[certificate.Status] ?? '',
      StatusMsg: this.statusMsg(certificate),
      OrderId: certificate.OrderId || null,
      VerifyType: certificate.VerifyType || null,
      SubjectAltName: certificate.altNames,
      // The product's name, which names its CA's brand.
      ProductZhName: PRODUCT_NAMES[certificate.brand] ?? certificate.brand,
      DvAuthDetail: dvAuthDetail(
        certificate.readsSinceSubmission >= certificate.recordsAfterReads ? certificate.DvAuths : []
      ),
      IsDv: certificate.dv,
      // Issued: null or all null on the real API, unless the test seeded what the console kept.
      SubmittedData:
        certificate.Status === ISSUED && !certificate.keepsSubmittedData
          ? { ...SUBMITTED_DATA_TEMPLATE }
          : certificate.submittedData && { ...SUBMITTED_DATA_TEMPLATE, ...certificate.submittedData },
      CertificateExtra: {
        ...(exampleAnswer('DescribeCertificateDetail').CertificateExtra as object),
        ...renewalExtra(certificate)
      },
      ...(certificate.Status === ISSUED ? this.issuedFields(certificate) : NOT_ISSUED_FIELDS)
    })
  }

  /** The certificate itself, in DescribeCertificateDetail's fields: PEM text, the key (CRLF, as the API has it) or null. */
  private issuedFields(certificate: CertificateState): Record<string, unknown> {
    const issued = this.issuedCertificate(certificate)
    const leaf = new X509Certificate(issued.leaf)
    const chain = [issued.leaf, ...issued.intermediates].map((pem) => new X509Certificate(pem))
    return {
      CertificatePublicKey:
        certificate.publicKey === 'none'
          ? null
          : certificate.publicKey === 'leaf'
            ? issued.leaf
            : chain.map((c) => c.toString()).join(''),
      CertificatePrivateKey: certificate.keyHeld ? issued.privateKey : null,
      RootCert: { Sign: null, Encrypt: null, Standard: issued.root },
      CertBeginTime: beijingTime(issued.notBefore),
      CertEndTime: certificate.endTimeUnknown ? null : beijingTime(issued.notAfter),
      CertFingerprint: leaf.fingerprint.replace(/:/g, ''),
      CertChainInfo: chain.map((c) => ({
        Issuer: commonName(c.issuer),
        Subject: commonName(c.subject),
        Fingerprint: c.fingerprint.replace(/:/g, '').toLowerCase(),
        ValidFrom: beijingTime(new Date(c.validFrom)),
        ValidTo: beijingTime(new Date(c.validTo))
      })),
      EncryptAlgorithm: certificate.sm2 ? 'SM2' : 'RSA 2048',
      CertificateExtra: {
        ...(exampleAnswer('DescribeCertificateDetail').CertificateExtra as object),
        ...renewalExtra(certificate),
        SMCert: certificate.sm2 ? 1 : 0
      },
      // A dual certificate's encryption half; the sandbox's stands in, as only its presence matters.
      EncryptCert: certificate.sm2 ? issued.leaf : null,
      EncryptPrivateKey: certificate.sm2 && certificate.keyHeld ? issued.privateKey : null
    }
  }

  /** CertBeginTime of an issued certificate; undefined before. */
  private beginTime(certificate: CertificateState): string | undefined {
    return certificate.Status === ISSUED ? beijingTime(this.issuedCertificate(certificate).notBefore) : undefined
  }

  /** CertEndTime of an issued certificate; undefined before. */
  private endTime(certificate: CertificateState): string | undefined {
    return certificate.Status === ISSUED && !certificate.endTimeUnknown
      ? beijingTime(this.issuedCertificate(certificate).notAfter)
      : undefined
  }

  /** Expiry notices off (SwitchStatus 1) or on (0) for up to 50 of the account's certificates. */
  modifyCertificatesExpiringNotificationSwitch(
    params: Record<string, unknown>,
    context: ServiceContext
  ): Record<string, unknown> {
    const ids = params.CertificateIds as string[]
    if (ids.length > 50) throw errors.documented('InvalidParameter.CertificatesNumberExceeded', '证书数量超出限制。')
    const owned = ids.map((id) => this.owned(id, context.account))
    for (const certificate of owned) certificate.expiryNotices = Number(params.SwitchStatus) === 0
    return answerLike('ModifyCertificatesExpiringNotificationSwitch', { CertificateIds: ids })
  }

  /** The certificate's files as a ZIP for every server type, base64-encoded; only an issued certificate has them. */
  downloadCertificate(params: Record<string, unknown>, context: ServiceContext): Record<string, unknown> {
    const certificate = this.ownedCertificate(params, context)
    if (certificate.Status !== ISSUED) throw errors.invalidStatus()
    const zip = certificateZip(certificate.Domain, this.issuedCertificate(certificate), certificate.keyHeld)
    return answerLike('DownloadCertificate', {
      Content: Buffer.from(zip).toString('base64'),
      ContentType: 'application/zip'
    })
  }
}

const ISSUED = 1

/** The renewal's ID in `field`, once it is visible; undefined otherwise (the field is then null or ''). */
function renewalIn(certificate: CertificateState, field: RenewalField): string | undefined {
  const link = certificate.renewedBy
  return link && link.field === field && certificate.reads > link.afterReads ? link.id : undefined
}

/** CertificateExtra's renewal links, null where none is (the detail and the list alike). */
const renewalExtra = (certificate: CertificateState): Record<string, unknown> => ({
  RenewOrder: renewalIn(certificate, 'RenewOrder') ?? null,
  ServiceRenewCertificateId: renewalIn(certificate, 'ServiceRenewCertificateId') ?? '',
  OriginCertificateId: certificate.renews?.field === 'OriginCertificateId' ? certificate.renews.id : null,
  ServiceOriginCertificateId: certificate.renews?.field === 'ServiceOriginCertificateId' ? certificate.renews.id : ''
})
/** Every SubmittedData field the detail has, null where nothing was submitted for it. */
const SUBMITTED_DATA_TEMPLATE = Object.fromEntries(
  (
    actionSpec('DescribeCertificateDetail').response.find((field) => field.name === 'SubmittedData')?.children ?? []
  ).map((field) => [field.name, null])
)
/** What the detail says of a certificate not issued: no certificate, no key, no validity. */
const NOT_ISSUED_FIELDS = {
  CertificatePrivateKey: null,
  CertificatePublicKey: null,
  RootCert: { Sign: null, Encrypt: null, Standard: null },
  CertBeginTime: null,
  CertEndTime: null,
  CertFingerprint: null,
  CertChainInfo: null,
  EncryptCert: null,
  EncryptPrivateKey: null
}

/** The API's datetimes are Beijing time (UTC+8), without a zone. */
export const beijingTime = (date: Date): string =>
  new Date(date.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ')
const commonName = (name: string): string => /CN=([^\n]+)/.exec(name)?.[1] ?? name

/**
 * An answer in the shape of the spec's example for the action: the example's fields, with the emulator's state in
 * place of the ones it keeps. The answers the tests meet are the real API's shapes, field for field.
 */
export function answerLike(action: string, fields: Record<string, unknown>): Record<string, unknown> {
  const template = exampleAnswer(action)
  delete template.RequestId
  return { ...template, ...fields }
}

/**
 * DvAuthDetail as the API gives it: every member null when there are no records; a single-domain validation in the
 * top-level fields with DvAuths null; several domains in DvAuths.
 */
function dvAuthDetail(records: EmulatedDvAuth[]): Record<string, unknown> {
  const [first] = records
  return {
    // One domain: the top-level fields alone; several: DvAuths too, the top level holding the first.
    DvAuths: records.length > 1 ? records : null,
    DvAuthKey: first?.DvAuthKey ?? null,
    DvAuthValue: first?.DvAuthValue ?? null,
    DvAuthDomain: first?.DvAuthDomain ?? null,
    DvAuthPath: first?.DvAuthPath || null,
    DvAuthKeySubDomain: first?.DvAuthSubDomain ?? null
  }
}

/**
 * Deterministic per certificate and domain, so tests can predict them, with the API's field meanings: the zone
 * (DvAuthDomain), the host record (DvAuthSubDomain), the full name (DvAuthKey), the value; for FILE, the file's path.
 */
function validationRecords(certificate: CertificateState): EmulatedDvAuth[] {
  return certificate.altNames.map((domain) => {
    const token = createHash('sha256')
      .update(`${certificate.CertificateId}/${certificate.VerifyType}/${domain}`)
      .digest('hex')
      .slice(0, 32)
    if (certificate.VerifyType === 'FILE') {
      // The folder in DvAuthPath and a file name of its own per domain in DvAuthKey, as the CAs name them.
      return {
        DvAuthKey: `${token.slice(0, 16)}.txt`,
        DvAuthValue: token,
        DvAuthDomain: domain,
        DvAuthPath: '/.well-known/pki-validation/',
        DvAuthSubDomain: '',
        DvAuthVerifyType: 'FILE'
      }
    }
    const zone = domain.replace(/^(\*|www)\./, '')
    const cname = certificate.dnsRecordType === 'CNAME'
    const host = cname ? `_${token}` : '_dnsauth'
    return {
      DvAuthKey: `${host}.${zone}`,
      DvAuthValue: cname ? `${token.slice(0, 16)}.${token.slice(16)}.sandbox-validation.example` : token,
      DvAuthDomain: zone,
      DvAuthPath: '',
      DvAuthSubDomain: host,
      DvAuthVerifyType: cname ? 'CNAME' : 'TXT'
    }
  })
}
