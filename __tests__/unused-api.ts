import type { SslApi } from '../src/tencent-cloud/calls.js'

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
  describeCertificateMaterial: unused,
  downloadCertificate: unused,
  updateCertificateInstance: unused,
  describeHostUpdateRecord: unused,
  describeHostUpdateRecordDetail: unused,
  close: () => {}
}
