// A bought certificate's information: the companies and managers on file, and the notices switch's answer.
import {
  ID_LENGTH,
  MAX_RECORDS,
  RECORD_FIELD_LENGTH,
  count,
  malformed,
  objects,
  requestIdOf,
  serverText
} from './common.js'

/** A company on file (DescribeCompanies). */
export interface Company {
  /** int64 in the API, kept as the text the inputs give. */
  CompanyId: string
  CompanyName: string
}

/** A manager of a company on file (DescribeManagers). */
export interface Manager {
  ManagerId: string
  /** none, audit, CAaudit, ok, invalid, expiring, expired: ok and expiring are verified. */
  Status: string
  ManagerFirstName: string
  ManagerLastName: string
  ManagerMail: string
}

/** ModifyCertificatesExpiringNotificationSwitch: the certificates whose notices were switched. */
export function switchedNotices(answer: Record<string, unknown>): { CertificateIds: string[]; RequestId: string } {
  const RequestId = requestIdOf(answer)
  const ids = Array.isArray(answer.CertificateIds) ? answer.CertificateIds : []
  return { CertificateIds: ids.slice(0, MAX_RECORDS).map((id) => serverText(id, ID_LENGTH)), RequestId }
}

/** An int64 ID as text; '' when it is not one. */
const idText = (value: unknown): string =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
    ? String(value)
    : typeof value === 'string' && /^\d{1,19}$/.test(value)
      ? value
      : ''

/** A page of DescribeCompanies or DescribeManagers; at most this many entries are read from one. */
export const MAX_DIRECTORY_PAGE = 100

function directoryPage<Item>(
  answer: Record<string, unknown>,
  field: string,
  item: (entry: Record<string, unknown>) => Item
): { items: Item[]; TotalCount: number; RequestId: string } {
  const RequestId = requestIdOf(answer)
  const list = answer[field]
  if (list !== null && list !== undefined && !Array.isArray(list)) throw malformed(field, RequestId)
  return {
    items: objects(list).slice(0, MAX_DIRECTORY_PAGE).map(item),
    TotalCount: count(answer.TotalCount),
    RequestId
  }
}

export function companies(answer: Record<string, unknown>): {
  items: Company[]
  TotalCount: number
  RequestId: string
} {
  return directoryPage(answer, 'Companies', (entry) => ({
    CompanyId: idText(entry.CompanyId),
    CompanyName: serverText(entry.CompanyName, RECORD_FIELD_LENGTH)
  }))
}

export function managers(answer: Record<string, unknown>): { items: Manager[]; TotalCount: number; RequestId: string } {
  return directoryPage(answer, 'Managers', (entry) => ({
    ManagerId: idText(entry.ManagerId),
    Status: serverText(entry.Status, ID_LENGTH),
    ManagerFirstName: serverText(entry.ManagerFirstName, ID_LENGTH),
    ManagerLastName: serverText(entry.ManagerLastName, ID_LENGTH),
    ManagerMail: serverText(entry.ManagerMail, RECORD_FIELD_LENGTH)
  }))
}
