// Every call the action makes, declared once: its action name (which is also the rate-limit bucket it counts
// against, as Tencent Cloud counts each action apart), its answer's parser, and whether it is safe to repeat. The
// clients (client.ts) and the API types the logic above is written against are built from these tables: a new call
// is one entry here, with its parser in answers.ts.
import {
  certificateArchive,
  certificateDetail,
  certificateList,
  certificateMaterial,
  bindTaskResults,
  bindTasks,
  boundResources,
  companies,
  domainChecks,
  managers,
  requestOnly,
  switchedNotices,
  rebindProgress,
  rebindRecords,
  rebindTask,
  submitAnswer,
  temporaryKey,
  type WebIdentityRequest
} from './answers/index.js'
import type { InformationRequest, RebindRequest, VerifyType } from './terms.js'

/** One API call. `Request` is only a type: what the call takes. */
export interface Call<Request, Answer> {
  /** The API action, and the rate-limit bucket the call counts against. */
  action: string
  parse: (answer: Record<string, unknown>) => Answer
  /** A read or a sign-in: repeating it changes nothing, so its failure never has taken effect. */
  safeToRepeat: boolean
  /** Unsigned: the request carries its own credential (STS's OIDC token). */
  unsigned?: true
  /**
   * Safe to repeat, but its caller decides after a lost answer (it reads back before sending again), so the client
   * does not retry it on its own.
   */
  decidedByCaller?: true
  readonly request?: Request
}

const call =
  <Request>() =>
  <Answer>(spec: Omit<Call<Request, Answer>, 'request'>): Call<Request, Answer> =>
    spec

export const SSL_CALLS = {
  commitCertificateInformation: call<{ CertificateId: string; VerifyType?: VerifyType }>()({
    action: 'CommitCertificateInformation',
    parse: submitAnswer,
    safeToRepeat: false
  }),
  certificateOrderSubmit: call<{ CertId: string; VerifyType?: VerifyType; DeleteDnsAutoRecord: 0 | 1 }>()({
    action: 'CertificateOrderSubmit',
    parse: submitAnswer,
    safeToRepeat: false
  }),
  /**
   * A bought certificate's information. Before the order nothing reaches the CA, and the same information sent
   * again only replaces itself: safe to repeat, and after a lost answer SubmittedData tells what holds.
   */
  certificateInfoSubmit: call<InformationRequest>()({
    action: 'CertificateInfoSubmit',
    parse: requestOnly,
    safeToRepeat: true,
    decidedByCaller: true
  }),
  describeCompanies: call<{ Limit: number; Offset: number }>()({
    action: 'DescribeCompanies',
    parse: companies,
    safeToRepeat: true
  }),
  describeManagers: call<{ CompanyId: number; Limit: number; Offset: number }>()({
    action: 'DescribeManagers',
    parse: managers,
    safeToRepeat: true
  }),
  /** What Tencent Cloud's own check and the CA see of each domain's validation: a read. */
  checkCertificateDomainVerification: call<{ CertificateId: string }>()({
    action: 'CheckCertificateDomainVerification',
    parse: domainChecks,
    safeToRepeat: true
  }),
  /** Asks the CA to check the domains now, as the console's "verify now" does; asking again changes nothing more. */
  completeCertificate: call<{ CertificateId: string }>()({
    action: 'CompleteCertificate',
    parse: requestOnly,
    safeToRepeat: true
  }),
  /** Expiry notices off (1) or on (0) for up to 50 certificates: setting a switch again changes nothing. */
  modifyCertificatesExpiringNotificationSwitch: call<{ CertificateIds: string[]; SwitchStatus: 0 | 1 }>()({
    action: 'ModifyCertificatesExpiringNotificationSwitch',
    parse: switchedNotices,
    safeToRepeat: true
  }),
  /** A task that gathers what is bound to the certificates: it reads, and changes nothing. */
  createCertificateBindResourceSyncTask: call<{ CertificateIds: string[]; IsCache: 0 | 1 }>()({
    action: 'CreateCertificateBindResourceSyncTask',
    parse: bindTasks,
    safeToRepeat: true
  }),
  describeCertificateBindResourceTaskResult: call<{ TaskIds: string[] }>()({
    action: 'DescribeCertificateBindResourceTaskResult',
    parse: bindTaskResults,
    safeToRepeat: true
  }),
  /** The API takes its numbers as strings here. */
  describeCertificateBindResourceTaskDetail: call<{ TaskId: string; Limit: string; Offset: string }>()({
    action: 'DescribeCertificateBindResourceTaskDetail',
    parse: boundResources,
    safeToRepeat: true
  }),
  describeCertificateDetail: call<{ CertificateId: string }>()({
    action: 'DescribeCertificateDetail',
    parse: certificateDetail,
    safeToRepeat: true
  }),
  /** Up to 1000 certificates' statuses in one call. */
  describeCertificates: call<{ CertIds: string[]; Limit: number; Offset: number }>()({
    action: 'DescribeCertificates',
    parse: certificateList,
    safeToRepeat: true
  }),
  /** The list searched by a keyword (an ID, a remark or a domain): a renewal that names the certificate it renews. */
  searchCertificates: call<{ SearchKey: string; Limit: number; Offset: number }>()({
    action: 'DescribeCertificates',
    parse: certificateList,
    safeToRepeat: true
  }),
  /** DescribeCertificateDetail again, for the certificate and key themselves. */
  describeCertificateMaterial: call<{ CertificateId: string }>()({
    action: 'DescribeCertificateDetail',
    parse: certificateMaterial,
    safeToRepeat: true
  }),
  downloadCertificate: call<{ CertificateId: string }>()({
    action: 'DownloadCertificate',
    parse: certificateArchive,
    safeToRepeat: true
  }),
  updateCertificateInstance: call<RebindRequest>()({
    action: 'UpdateCertificateInstance',
    parse: rebindTask,
    safeToRepeat: false
  }),
  describeHostUpdateRecord: call<{ OldCertificateId: string; CertificateId: string; Limit: number; Offset: number }>()({
    action: 'DescribeHostUpdateRecord',
    parse: rebindRecords,
    safeToRepeat: true
  }),
  /** The API takes its numbers as strings here. */
  describeHostUpdateRecordDetail: call<{ DeployRecordId: string; Limit: string; Offset: string }>()({
    action: 'DescribeHostUpdateRecordDetail',
    parse: rebindProgress,
    safeToRepeat: true
  })
}

export const STS_CALLS = {
  /** Not signed: the OIDC token is the credential. */
  assumeRoleWithWebIdentity: call<WebIdentityRequest>()({
    action: 'AssumeRoleWithWebIdentity',
    parse: temporaryKey,
    safeToRepeat: true,
    unsigned: true
  })
}

/** The calls of a table, as methods; and `close`, which ends the connections once the action has decided. */
export type Api<Calls> = {
  [Name in keyof Calls]: Calls[Name] extends Call<infer Request, infer Answer>
    ? (request: Request) => Promise<Answer>
    : never
} & { close(): void }

/** The SSL calls, as one narrow interface, so that the logic above it can be tested without a network. */
export type SslApi = Api<typeof SSL_CALLS>
export type StsApi = Api<typeof STS_CALLS>
