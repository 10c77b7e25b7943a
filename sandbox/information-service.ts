// A bought certificate's information, as the SSL service takes it: CertificateInfoSubmit with the spec's rules
// (required fields, a personal certificate's contact e-mail, an own CSR's common name, the online key's
// parameters), kept as DescribeCertificateDetail shows it (SubmittedData, in the legacy names); and the companies and
// managers on file (DescribeCompanies, DescribeManagers).
import { createPublicKey, type KeyObject } from 'node:crypto'
import { AsnConvert } from '@peculiar/asn1-schema'
import { CertificationRequest } from '@peculiar/asn1-csr'
import { ApiError, errors } from './api-errors.js'
import { answerLike, DEFAULT_ACCOUNT, type CertificateState } from './ssl-service.js'

export interface EmulatedManager {
  ManagerId: number
  /** none, audit, CAaudit, ok, invalid, expiring, expired. */
  Status: string
  ManagerFirstName?: string
  ManagerLastName?: string
  ManagerMail?: string
}

export interface EmulatedCompany {
  CompanyId: number
  CompanyName: string
  account?: string
  managers?: EmulatedManager[]
}

/** CertificateInfoSubmit's names → the legacy names SubmittedData shows them under (the facts sheet's list). */
const LEGACY_NAMES: Readonly<Record<string, string>> = {
  CertCommonName: 'CertificateDomain',
  DnsNames: 'DomainList',
  GenCsrType: 'CsrType',
  Csr: 'CsrContent',
  KeyPass: 'KeyPassword',
  OrgOrganization: 'OrganizationName',
  OrgDivision: 'OrganizationDivision',
  OrgAddress: 'OrganizationAddress',
  OrgCountry: 'OrganizationCountry',
  OrgCity: 'OrganizationCity',
  OrgRegion: 'OrganizationRegion',
  OrgPhoneArea: 'PhoneAreaCode',
  OrgPhoneNumber: 'PhoneNumber',
  AdminFirstName: 'AdminFirstName',
  AdminLastName: 'AdminLastName',
  AdminPhone: 'AdminPhoneNum',
  AdminEmail: 'AdminEmail',
  AdminTitle: 'AdminPosition',
  TechFirstName: 'ContactFirstName',
  TechLastName: 'ContactLastName',
  TechPhone: 'ContactNumber',
  TechEmail: 'ContactEmail',
  TechTitle: 'ContactPosition',
  VerifyType: 'VerifyType'
}
const ONLINE_KEYS: Readonly<Record<string, readonly string[]>> = { RSA: ['2048', '4096'], ECC: ['prime256v1'] }
const HOST_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i
const COMPANY_FIELD = /^(Org|Admin|Tech)/
const OID_COMMON_NAME = '2.5.4.3'

const invalidParam = (why: string): ApiError => new ApiError('FailedOperation.InvalidParam', why, why)

/** The common name and public key of a PEM CSR; an InvalidParam answer when it is not one. */
function readRequest(pem: string): { commonName: string; key: KeyObject } {
  try {
    const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64')
    const request = AsnConvert.parse(der, CertificationRequest)
    const info = request.certificationRequestInfo
    const commonName = info.subject
      .flatMap((rdn) => [...rdn])
      .find((entry) => entry.type === OID_COMMON_NAME)
      ?.value.toString()
    const key = createPublicKey({
      key: Buffer.from(AsnConvert.serialize(info.subjectPKInfo)),
      format: 'der',
      type: 'spki'
    })
    return { commonName: commonName ?? '', key }
  } catch {
    throw errors.documented('FailedOperation.CertificateCsrParseFailed', 'CSR 解析失败。')
  }
}

export class InformationService {
  private readonly companies: (EmulatedCompany & { account: string })[] = []

  constructor(private readonly owned: (certificateId: string, account: string) => CertificateState) {}

  addCompany(company: EmulatedCompany): void {
    this.companies.push({ ...company, account: company.account ?? DEFAULT_ACCOUNT })
  }

  certificateInfoSubmit(params: Record<string, unknown>, account: string): Record<string, unknown> {
    const certificate = this.owned(params.CertId as string, account)
    if (certificate.Status !== 5)
      throw errors.documented('FailedOperation.CertificateInfoSubmitStatusInvalid', '证书状态不允许提交资料。')
    const commonName = String(params.CertCommonName)
    const dnsNames = (params.DnsNames as string[] | undefined) ?? []
    if (![commonName, ...dnsNames].every((name) => HOST_NAME.test(name)))
      throw errors.documented('FailedOperation.CertificateInfoSubmitDomainInvalid', '域名不合法。')

    const companyType = Number(params.CompanyType)
    const companyFields = Object.keys(params).filter((name) => COMPANY_FIELD.test(name) && params[name] !== '')
    if (companyType === 1) {
      if (!params.ContactEmail)
        throw errors.documented('FailedOperation.CertificateInfoSubmitContactEmailEmpty', '联系人邮箱为空。')
      if (companyFields.length > 0) throw invalidParam(`A personal certificate takes no ${companyFields[0]}.`)
    } else if (companyType === 2) {
      // The gateway checked the types against the spec: both are strings.
      const companyId = params.CompanyId as string
      const managerId = params.ManagerId as string | undefined
      if (companyId === '0') {
        if (!params.OrgOrganization) throw invalidParam('Without CompanyId, OrgOrganization is required.')
      } else {
        const company = this.companies.find((c) => c.account === account && String(c.CompanyId) === companyId)
        if (!company) throw invalidParam(`The company ${companyId} does not exist.`)
        if (managerId && !(company.managers ?? []).some((m) => String(m.ManagerId) === managerId))
          throw invalidParam(`The manager ${managerId} does not exist.`)
      }
    } else {
      throw invalidParam('CompanyType must be 1 or 2.')
    }

    let csrKey: KeyObject | undefined
    if (params.GenCsrType === 'parse') {
      if (typeof params.Csr !== 'string' || params.Csr === '')
        throw invalidParam('With GenCsrType parse, Csr is required.')
      const request = readRequest(params.Csr)
      if (request.commonName.toLowerCase() !== commonName.toLowerCase())
        throw invalidParam(`The CSR's common name ${request.commonName} is not CertCommonName ${commonName}.`)
      csrKey = request.key
    } else if (params.GenCsrType === 'online') {
      const sizes = ONLINE_KEYS[String(params.CsrEncryptAlgo)]
      if (!sizes || !sizes.includes(String(params.CsrKeyParameter)))
        throw invalidParam(
          'With GenCsrType online, CsrEncryptAlgo and CsrKeyParameter must name a key (RSA 2048 or 4096, ECC prime256v1).'
        )
    } else {
      throw invalidParam('GenCsrType must be online or parse.')
    }

    certificate.Domain = commonName
    certificate.altNames = [...new Set([commonName, ...dnsNames])]
    certificate.keyHeld = csrKey === undefined
    certificate.csrKey = csrKey
    certificate.autoRenewFlag = Number(params.AutoRenewFlag ?? 0)
    certificate.information = { ...params }
    certificate.informationSubmissions++
    certificate.submittedData = {
      ...Object.fromEntries(
        Object.entries(params)
          .filter(([name]) => LEGACY_NAMES[name])
          .map(([name, value]) => [LEGACY_NAMES[name], value])
      ),
      ...(params.ContactEmail ? { ContactEmail: params.ContactEmail } : {}),
      ...this.onFileOf(account, params),
      DomainList: dnsNames
    }
    return answerLike('CertificateInfoSubmit', {})
  }

  /** What a company-id and manager-id put on file: the company's name, the manager's e-mail, as the console shows. */
  private onFileOf(account: string, params: Record<string, unknown>): Record<string, unknown> {
    const company = this.companies.find((c) => c.account === account && String(c.CompanyId) === params.CompanyId)
    if (!company || params.CompanyId === '0') return {}
    const manager = (company.managers ?? []).find((m) => String(m.ManagerId) === params.ManagerId)
    return {
      OrganizationName: company.CompanyName,
      ...(manager?.ManagerMail ? { AdminEmail: manager.ManagerMail } : {})
    }
  }

  describeCompanies(params: Record<string, unknown>, account: string): Record<string, unknown> {
    const owned = this.companies.filter(
      (c) => c.account === account && (params.CompanyId === undefined || c.CompanyId === Number(params.CompanyId))
    )
    const { offset, limit } = page(params)
    return answerLike('DescribeCompanies', {
      TotalCount: owned.length,
      Companies: owned.slice(offset, offset + limit).map((company) => ({
        CompanyId: company.CompanyId,
        CompanyName: company.CompanyName,
        CompanyCountry: '中国',
        CompanyProvince: '广东',
        CompanyCity: '深圳',
        CompanyAddress: '深南大道',
        CompanyPhone: '2132323',
        IdType: '',
        IdNumber: ''
      }))
    })
  }

  describeManagers(params: Record<string, unknown>, account: string): Record<string, unknown> {
    const company = this.companies.find((c) => c.account === account && c.CompanyId === Number(params.CompanyId))
    if (!company) throw invalidParam(`The company ${String(params.CompanyId)} does not exist.`)
    const managers = company.managers ?? []
    const { offset, limit } = page(params)
    const [template] = answerLike('DescribeManagers', {}).Managers as Record<string, unknown>[]
    return answerLike('DescribeManagers', {
      TotalCount: managers.length,
      Managers: managers.slice(offset, offset + limit).map((manager) => ({
        ...template,
        ManagerFirstName: '',
        ManagerLastName: '',
        ManagerMail: '',
        ...manager
      }))
    })
  }
}

function page(params: Record<string, unknown>): { offset: number; limit: number } {
  const limit = Number(params.Limit ?? 10)
  if (limit > 100) throw errors.invalidParameter('The parameter `Limit` must be at most 100.')
  return { offset: Number(params.Offset ?? 0), limit }
}
