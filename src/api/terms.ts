// Tencent Cloud's terms for what the action asks of it: verification, languages, submit APIs, resource kinds, a
// switch, endpoints and credentials. The input layer reads these from the workflow; the Tencent Cloud layer and the
// order flow use them; nothing here depends on how they were read.

/** Domain verification, as the submit APIs take it. */
export const VERIFY_TYPES = ['DNS_AUTO', 'DNS', 'FILE'] as const
export type VerifyType = (typeof VERIFY_TYPES)[number]

/** The language of Tencent Cloud's error messages (X-TC-Language). */
export const LANGUAGES = ['en-US', 'zh-CN'] as const
export type Language = (typeof LANGUAGES)[number]

/** The two APIs that submit a certificate's order. */
export const SUBMIT_APIS = ['CommitCertificateInformation', 'CertificateOrderSubmit'] as const
export type SubmitApi = (typeof SUBMIT_APIS)[number]

/** The kinds of cloud resources UpdateCertificateInstance switches from an old certificate to a new one. */
export const RESOURCE_TYPES = [
  'clb',
  'cdn',
  'waf',
  'live',
  'ddos',
  'teo',
  'apigateway',
  'vod',
  'tke',
  'tcb',
  'tse',
  'cos',
  'mqtt',
  'scf',
  'tdmq',
  'gaap'
] as const
export type ResourceType = (typeof RESOURCE_TYPES)[number]
/** The kinds whose resources live in regions: UpdateCertificateInstance needs their regions (ResourceTypesRegions). */
export const REGIONAL_RESOURCE_TYPES: ReadonlySet<ResourceType> = new Set([
  'clb',
  'tke',
  'apigateway',
  'waf',
  'tcb',
  'tse',
  'cos',
  'mqtt',
  'scf',
  'tdmq'
])

/** A switch of every resource of some kinds from one certificate to another. */
export interface RebindRequest {
  OldCertificateId: string
  CertificateId: string
  ResourceTypes: ResourceType[]
  /** The regions of each regional kind. */
  ResourceTypesRegions: { ResourceType: ResourceType; Regions: string[] }[]
  /** 1: no more expiry notices for the old certificate. */
  ExpiringNotificationSwitch?: 0 | 1
}

/** An API endpoint, as the SDK's httpProfile takes it. */
export interface Endpoint {
  /** The SDK's `httpProfile.protocol`. */
  protocol: 'https://' | 'http://'
  /** host[:port], as the SDK's `httpProfile.endpoint` wants it. */
  host: string
}

export interface Credentials {
  secretId: string
  secretKey: string
  /** Present for temporary keys; sent as X-TC-Token. */
  token?: string
}

/** Signing in with the job's GitHub OIDC token, exchanged at STS AssumeRoleWithWebIdentity for a temporary key. */
export interface RoleSettings {
  roleArn: string
  providerId: string
  audience: string
  sessionName: string
  durationSeconds: number
  stsEndpoint: Endpoint
  /** True when sts-endpoint was empty and the STS host was chosen to match endpoint's site. */
  stsEndpointFollowsSite: boolean
  /** STS needs one; the SSL calls do not. */
  stsRegion: string
}

/** The process environment (for the proxy variables). */
export type Env = Readonly<Record<string, string | undefined>>

/** A certificate's information as CertificateInfoSubmit takes it: the fields the inputs fill, and any more by name. */
export interface InformationRequest {
  CertId: string
  /** online: Tencent Cloud makes and keeps the key; parse: the user's own Csr. */
  GenCsrType: 'online' | 'parse'
  CertCommonName: string
  /** 1 personal (DV only), 2 a company on file. */
  CompanyType: 1 | 2
  /** "0" when none. */
  CompanyId: string
  DnsNames?: string[]
  ManagerId?: string
  ContactEmail?: string
  Csr?: string
  CsrEncryptAlgo?: 'RSA' | 'ECC'
  CsrKeyParameter?: '2048' | '4096' | 'prime256v1'
  VerifyType?: VerifyType
  /** 1 signs the account up for automatic charges: sent as 1 only when auto-renew says so. */
  AutoRenewFlag?: 0 | 1
  [field: string]: InformationValue | undefined
}
export type InformationValue = string | number | boolean | string[]

/**
 * CertificateInfoSubmit's other fields, with their types: what the information input may give by name. The
 * personal ones (Org*, Admin*, Tech*) only go with a company (CompanyType 2).
 */
export const MORE_INFORMATION_FIELDS: Readonly<Record<string, 'string' | 'integer' | 'boolean'>> = {
  OrgIdType: 'string',
  OrgIdNumber: 'string',
  AdminIdType: 'string',
  AdminIdNumber: 'string',
  TechIdType: 'string',
  TechIdNumber: 'string',
  KeyPass: 'string',
  OrgOrganization: 'string',
  OrgDivision: 'string',
  OrgAddress: 'string',
  OrgCountry: 'string',
  OrgCity: 'string',
  OrgRegion: 'string',
  OrgPhoneArea: 'string',
  OrgPhoneNumber: 'string',
  AdminFirstName: 'string',
  AdminLastName: 'string',
  AdminPhone: 'string',
  AdminEmail: 'string',
  AdminTitle: 'string',
  TechFirstName: 'string',
  TechLastName: 'string',
  TechPhone: 'string',
  TechEmail: 'string',
  TechTitle: 'string',
  Type: 'integer',
  CaType: 'string',
  SignAlgo: 'string',
  UseCrossSignRoot: 'boolean'
}
/** The fields of a company's certificate: a personal one (CompanyType 1) takes none of them. */
export const COMPANY_FIELD = /^(Org|Admin|Tech)/
/** Fields that are secrets or personal identity numbers: masked as soon as they are read, never shown. */
export const SECRET_INFORMATION_FIELD = /^(KeyPass|.*IdNumber)$/

/**
 * The online key a detail's EncryptAlgorithm names ("RSA 2048", "RSA 4096", "ECC 256"), in CertificateInfoSubmit's
 * terms; undefined when it names no key Tencent Cloud makes.
 */
export function onlineKeyOf(
  algorithm: string
): Pick<InformationRequest, 'CsrEncryptAlgo' | 'CsrKeyParameter'> | undefined {
  if (/^(ECC|EC)\b/i.test(algorithm)) return { CsrEncryptAlgo: 'ECC', CsrKeyParameter: 'prime256v1' }
  if (/^RSA/i.test(algorithm))
    return { CsrEncryptAlgo: 'RSA', CsrKeyParameter: /4096/.test(algorithm) ? '4096' : '2048' }
  return undefined
}
