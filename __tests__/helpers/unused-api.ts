import type { CertificateDetail } from '../../src/api/answers/index.js'
import type { SslApi } from '../../src/api/calls.js'

export const unused = (): Promise<never> => Promise.reject(new Error('unused'))

/** Every SslApi call failing as unused: a fake spreads it and overrides the calls its test is about. */
export const UNUSED_API: SslApi = {
  commitCertificateInformation: unused,
  certificateOrderSubmit: unused,
  certificateInfoSubmit: unused,
  checkCertificateDomainVerification: unused,
  completeCertificate: unused,
  createCertificateBindResourceSyncTask: unused,
  describeCertificateBindResourceTaskResult: unused,
  describeCertificateBindResourceTaskDetail: unused,
  modifyCertificatesExpiringNotificationSwitch: unused,
  describeCompanies: unused,
  describeManagers: unused,
  describeCertificateDetail: unused,
  describeCertificates: unused,
  searchCertificates: unused,
  describeCertificateMaterial: unused,
  downloadCertificate: unused,
  updateCertificateInstance: unused,
  describeHostUpdateRecord: unused,
  describeHostUpdateRecordDetail: unused,
  close: () => {}
}

/** The list fields a test of the status rounds does not care about, as an answer without them gives them. */
export const LISTED_DEFAULTS = {
  OriginLinks: [],
  Domain: '',
  Names: [],
  ValidationPassedTime: '',
  IsDv: true,
  CertBeginTime: '',
  CertEndTime: '',
  CertServiceEndTime: '',
  CertServiceValidCertificateCount: null,
  AutoRenewFlag: null
}

/** A certificate's detail as a test of the flow needs it: pending in status 0, nothing on file, no links. */
export const detailOf = (
  fields: Partial<CertificateDetail> & Pick<CertificateDetail, 'CertificateId'>
): CertificateDetail => ({
  OrderId: '',
  Status: 0,
  StatusMsg: '',
  VerifyType: 'DNS',
  DvAuths: [],
  Domain: '',
  SubmittedData: null,
  CertEndTime: '',
  EncryptAlgorithm: '',
  Product: '',
  RenewLinks: [],
  OriginLinks: [],
  Names: [],
  CertBeginTime: '',
  IsDv: true,
  KeyHeld: null,
  RequestId: 'r',
  ...fields
})
