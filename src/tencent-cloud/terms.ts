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
