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
