// A certificate's answers: the submission, the detail (with its records, its information on file and its links), the
// list's statuses, and its own text for download-dir.
import { untrusted } from '../../support/untrusted.js'
import {
  ID_LENGTH,
  RECORD_FIELD_LENGTH,
  beijingTimeOf,
  extraOf,
  malformed,
  namesOf,
  renewLinks,
  requestIdOf,
  serverText
} from './common.js'
import { dvAuths } from './validation.js'
import type { DvAuth } from '../validation-records.js'
import { ISSUED } from '../status.js'

export interface SubmitAnswer {
  /** '' when the answer has none yet: the API marks it optional, and that is still a success. */
  OrderId: string
  Status: number
  RequestId: string
}

/** The part of DescribeCertificateDetail the action uses (the full answer also holds the private key). */
export interface CertificateDetail {
  CertificateId: string
  OrderId: string
  Status: number
  StatusMsg: string
  VerifyType: string
  DvAuths: DvAuth[]
  /** The certificate's common name; '' when the answer has none (a bought certificate before its information). */
  Domain: string
  /** The information submitted, in the legacy names the detail uses; null until it is submitted. */
  SubmittedData: SubmittedInformation | null
  /** When it expires (GMT+8, "YYYY-MM-DD HH:mm:ss"); '' before it is issued. */
  CertEndTime: string
  /** Its key, as "RSA 2048" or "ECC 256"; '' when the answer has none. */
  EncryptAlgorithm: string
  /** The product's name (ProductZhName), which names the CA's brand; '' when the answer has none. */
  Product: string
  /** The certificates that renew it (CertificateExtra.RenewOrder, ServiceRenewCertificateId): IDs only. */
  RenewLinks: string[]
  /** The certificates it renews (CertificateExtra.OriginCertificateId, ServiceOriginCertificateId): IDs only. */
  OriginLinks: string[]
  /** Every name it covers: Domain, then SubjectAltName, lower case, each once. */
  Names: string[]
  /** When it became valid (GMT+8); '' before it is issued. */
  CertBeginTime: string
  /** IsDv: a domain-validated certificate (only those have a DVAuthDeadline that closes the order). */
  IsDv: boolean
  /**
   * Of an issued certificate: whether Tencent Cloud holds its key (false: it was made from the user's own CSR);
   * null before it is issued, when the answer cannot tell.
   */
  KeyHeld: boolean | null
  RequestId: string
}

/**
 * DescribeCertificateDetail's SubmittedData: the information as submitted, with the legacy field names
 * (CertificateDomain, DomainList, CsrType, CsrContent, OrganizationName, ...). KeyPassword is a secret and is not
 * kept.
 */
export interface SubmittedInformation {
  CertificateDomain: string
  DomainList: string[]
  /** online or parse. */
  CsrType: string
  /** The user's own CSR, with parse. */
  CsrContent: string
  /** Every other text field, by its legacy name. */
  fields: Record<string, string>
}

/** A certificate's status as the list API (DescribeCertificates) gives it: no order ID, no records. */
export interface CertificateStatus {
  CertificateId: string
  Status: number
  StatusMsg: string
  VerifyType: string
  /** When the CA closes the order if its domains are not validated (GMT+8, "YYYY-MM-DD HH:mm:ss"); '' when none. */
  DVAuthDeadline: string
  /** The certificates that renew it (HasRenewOrder, HostingRenewCertId, CertificateExtra's links): IDs only. */
  RenewLinks: string[]
  /** The certificates it renews (CertificateExtra.OriginCertificateId, ServiceOriginCertificateId): IDs only. */
  OriginLinks: string[]
  /** Its common name ('' when none yet) and every name it covers. */
  Domain: string
  Names: string[]
  /** When validation passed (GMT+8); '' when it has not (the list gives "--"). */
  ValidationPassedTime: string
  /** IsDv; true when the answer does not say. */
  IsDv: boolean
  /** Validity (GMT+8); '' when none. */
  CertBeginTime: string
  CertEndTime: string
  /** A subscription's end (GMT+8) and how many unexpired certificates it has issued; '' and null when none. */
  CertServiceEndTime: string
  CertServiceValidCertificateCount: number | null
  /** AutoRenewFlag: 1 when automatic renewal (with its charges) is on; null when the answer does not say. */
  AutoRenewFlag: number | null
}

/**
 * An issued certificate's own text from DescribeCertificateDetail, read only to write it out. It holds the private
 * key: the caller masks it at once, and nothing logs it.
 */
interface CertificateMaterial {
  Domain: string
  Status: number
  /** PEM: the leaf, perhaps followed by its intermediates; '' when the answer has none. */
  CertificatePublicKey: string
  /** PEM; '' when Tencent Cloud holds no key (the CSR was the user's own). */
  CertificatePrivateKey: string
  /** An SM2 (国密) dual certificate: a signing and an encryption certificate, each with its key. */
  Sm2: boolean
  RequestId: string
}

/** DownloadCertificate's answer: a ZIP of the certificate's files for each server type. */
interface CertificateArchive {
  Content: Uint8Array
  RequestId: string
}

interface CertificateList {
  Certificates: CertificateStatus[]
  TotalCount: number
  RequestId: string
}

/** Checks the answer's shape at the boundary, so that nothing past it has to doubt the types. */
export function submitAnswer(answer: Record<string, unknown>): SubmitAnswer {
  const RequestId = requestIdOf(answer)
  const { OrderId, Status } = answer
  if (OrderId !== undefined && OrderId !== null && typeof OrderId !== 'string') throw malformed('OrderId', RequestId)
  if (typeof Status !== 'number' || !Number.isInteger(Status)) throw malformed('Status', RequestId)
  return { OrderId: serverText(OrderId, ID_LENGTH), Status, RequestId: RequestId }
}

export function certificateDetail(answer: Record<string, unknown>): CertificateDetail {
  const RequestId = requestIdOf(answer)
  const { Status } = answer
  if (typeof Status !== 'number' || !Number.isInteger(Status)) throw malformed('Status', RequestId)
  return {
    CertificateId: serverText(answer.CertificateId, ID_LENGTH),
    OrderId: serverText(answer.OrderId, ID_LENGTH),
    Status,
    StatusMsg: serverText(answer.StatusMsg),
    VerifyType: serverText(answer.VerifyType, ID_LENGTH),
    DvAuths: dvAuths(answer.DvAuthDetail),
    Domain: serverText(answer.Domain, RECORD_FIELD_LENGTH),
    SubmittedData: submittedData(answer.SubmittedData),
    CertEndTime: beijingTimeOf(answer.CertEndTime),
    EncryptAlgorithm: serverText(answer.EncryptAlgorithm, ID_LENGTH),
    Product: serverText(answer.ProductZhName, RECORD_FIELD_LENGTH),
    RenewLinks: renewLinks(extraOf(answer), ['RenewOrder', 'ServiceRenewCertificateId']),
    OriginLinks: renewLinks(extraOf(answer), ['OriginCertificateId', 'ServiceOriginCertificateId']),
    Names: namesOf(answer.Domain, answer.SubjectAltName),
    CertBeginTime: beijingTimeOf(answer.CertBeginTime),
    IsDv: answer.IsDv !== false,
    KeyHeld:
      Status !== ISSUED
        ? null
        : typeof answer.CertificatePrivateKey === 'string' && answer.CertificatePrivateKey.trim() !== '',
    RequestId: RequestId
  }
}

const MAX_SUBMITTED_NAMES = 100

// Fields SubmittedInformation holds apart, and KeyPassword, a secret that is never kept.
const SUBMITTED_APART = new Set(['CertificateDomain', 'DomainList', 'CsrType', 'CsrContent', 'KeyPassword'])

function submittedData(value: unknown): SubmittedInformation | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const data = value as Record<string, unknown>
  const fields: Record<string, string> = {}
  for (const [name, field] of Object.entries(data).slice(0, MAX_SUBMITTED_NAMES)) {
    if (typeof field !== 'string' || SUBMITTED_APART.has(name)) continue
    fields[untrusted(name, ID_LENGTH)] = serverText(field, RECORD_FIELD_LENGTH)
  }
  const { CsrContent } = data
  // A CSR is PEM text, sent back as it is when a renewal reuses it: anything else is not one.
  const csr =
    typeof CsrContent === 'string' && CsrContent.length <= MAX_PEM_LENGTH && PEM_TEXT.test(CsrContent) ? CsrContent : ''
  return {
    CertificateDomain: serverText(data.CertificateDomain, RECORD_FIELD_LENGTH),
    DomainList: (Array.isArray(data.DomainList) ? data.DomainList : [])
      .slice(0, MAX_SUBMITTED_NAMES)
      .map((name) => serverText(name, RECORD_FIELD_LENGTH))
      .filter((name) => name !== ''),
    CsrType: serverText(data.CsrType, ID_LENGTH),
    CsrContent: csr,
    fields
  }
}

// A chain of a few certificates is some kilobytes, and a certificate's ZIP some tens: far more is not one.
const MAX_PEM_LENGTH = 64 * 1024

const MAX_ARCHIVE_BASE64_LENGTH = 1024 * 1024

// PEM is ASCII text; anything else in it is not PEM (and must not reach a file or a log).
const PEM_TEXT = /^[\x20-\x7e\r\n]*$/

/** PEM text as given, '' when absent; refused when it is not PEM-like text or far too long. */
function pemField(value: unknown, field: string, requestId: string): string {
  if (value === undefined || value === null) return ''
  if (typeof value !== 'string' || value.length > MAX_PEM_LENGTH || !PEM_TEXT.test(value))
    throw malformed(field, requestId)
  return value
}

export function certificateMaterial(answer: Record<string, unknown>): CertificateMaterial {
  const RequestId = requestIdOf(answer)
  const { Status } = answer
  if (typeof Status !== 'number' || !Number.isInteger(Status)) throw malformed('Status', RequestId)
  const extra = (
    typeof answer.CertificateExtra === 'object' && answer.CertificateExtra !== null ? answer.CertificateExtra : {}
  ) as Record<string, unknown>
  const algorithm = serverText(answer.EncryptAlgorithm, ID_LENGTH)
  return {
    Domain: serverText(answer.Domain, RECORD_FIELD_LENGTH),
    Status,
    CertificatePublicKey: pemField(answer.CertificatePublicKey, 'CertificatePublicKey', RequestId),
    CertificatePrivateKey: pemField(answer.CertificatePrivateKey, 'CertificatePrivateKey', RequestId),
    Sm2:
      extra.SMCert === 1 ||
      (typeof answer.EncryptCert === 'string' && answer.EncryptCert !== '') ||
      /SM2/i.test(algorithm),
    RequestId: RequestId
  }
}

export function certificateArchive(answer: Record<string, unknown>): CertificateArchive {
  const RequestId = requestIdOf(answer)
  const { Content } = answer
  // What is not base64 is dropped by the decoder, and what is not a ZIP is refused when it is read.
  if (typeof Content !== 'string' || Content.length > MAX_ARCHIVE_BASE64_LENGTH) throw malformed('Content', RequestId)
  return { Content: Buffer.from(Content, 'base64'), RequestId: RequestId }
}

export function certificateList(answer: Record<string, unknown>): CertificateList {
  const RequestId = requestIdOf(answer)
  const { TotalCount, Certificates } = answer
  if (!Array.isArray(Certificates)) throw malformed('Certificates', RequestId)
  return {
    Certificates: Certificates.filter(
      (c): c is Record<string, unknown> =>
        typeof c === 'object' && c !== null && typeof (c as Record<string, unknown>).Status === 'number'
    ).map((c) => ({
      CertificateId: serverText(c.CertificateId, ID_LENGTH),
      Status: c.Status as number,
      StatusMsg: serverText(c.StatusMsg),
      VerifyType: serverText(c.VerifyType, ID_LENGTH),
      DVAuthDeadline: beijingTimeOf(c.DVAuthDeadline),
      RenewLinks: [
        ...renewLinks(c, ['HasRenewOrder', 'HostingRenewCertId']),
        ...renewLinks(extraOf(c), ['RenewOrder', 'ServiceRenewCertificateId'])
      ],
      OriginLinks: renewLinks(extraOf(c), ['OriginCertificateId', 'ServiceOriginCertificateId']),
      Domain: serverText(c.Domain, RECORD_FIELD_LENGTH).toLowerCase(),
      Names: namesOf(c.Domain, c.SubjectAltName),
      ValidationPassedTime: beijingTimeOf(c.ValidationPassedTime),
      IsDv: c.IsDv !== false,
      CertBeginTime: beijingTimeOf(c.CertBeginTime),
      CertEndTime: beijingTimeOf(c.CertEndTime),
      CertServiceEndTime: beijingTimeOf(c.CertServiceEndTime),
      CertServiceValidCertificateCount:
        typeof c.CertServiceValidCertificateCount === 'number' && Number.isInteger(c.CertServiceValidCertificateCount)
          ? c.CertServiceValidCertificateCount
          : null,
      AutoRenewFlag: c.AutoRenewFlag === 0 || c.AutoRenewFlag === 1 ? c.AutoRenewFlag : null
    })),
    TotalCount: typeof TotalCount === 'number' ? TotalCount : Certificates.length,
    RequestId: RequestId
  }
}
