// Domain validation's answers: the records the CA asks for (DvAuthDetail), and what Tencent Cloud's own check and the
// CA see of each domain (CheckCertificateDomainVerification).
import { recordLocation, type DvAuth } from '../validation-records.js'
import {
  ID_LENGTH,
  MAX_RECORDS,
  RECORD_FIELD_LENGTH,
  integer,
  malformed,
  objects,
  requestIdOf,
  serverText
} from './common.js'

/** What Tencent Cloud's own check and the CA see of one domain's validation (CheckCertificateDomainVerification). */
export interface DomainCheck {
  Domain: string
  VerifyType: string
  /** 1 passed; -1 rate-limited or TXT not found; -2 TXT differs; -3/-8 NS; -4/-9 file not found; -5/-10 file differs; -6 CNAME not found; -7 CNAME differs. */
  LocalCheck: number
  /** 2 passed, -1 not yet. */
  CaCheck: number
  LocalCheckFailReason: string
  /** What was found where the record should be. */
  CheckValue: string[]
  /** The check itself was rate-limited. */
  Frequently: boolean
  Issued: boolean
}

/** A host name (a CNAME target) rather than a token (a TXT value). */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$/i

/**
 * The records the CA asks for. Several domains come in DvAuths; a single-domain validation comes in the top-level
 * fields with DvAuths null, and names no record type: a file path means FILE, a host name as the value CNAME,
 * anything else TXT.
 */
export function dvAuths(detail: unknown): DvAuth[] {
  // The host record is always filled, from the full name where the answer left it out, so that a later step can
  // hand DvAuthDomain and DvAuthSubDomain to a DNS API as they are.
  return recordsOf(detail).map((record) =>
    record.DvAuthSubDomain || record.DvAuthVerifyType === 'FILE'
      ? record
      : { ...record, DvAuthSubDomain: recordLocation(record).name }
  )
}

function recordsOf(detail: unknown): DvAuth[] {
  if (typeof detail !== 'object' || detail === null) return []
  const {
    DvAuths: records,
    DvAuthKey,
    DvAuthValue,
    DvAuthDomain,
    DvAuthPath,
    DvAuthKeySubDomain
  } = detail as Record<string, unknown>
  if (Array.isArray(records) && records.length > 0) {
    return records
      .slice(0, MAX_RECORDS)
      .filter((record): record is Record<string, unknown> => typeof record === 'object' && record !== null)
      .map((record) => ({
        DvAuthKey: serverText(record.DvAuthKey, RECORD_FIELD_LENGTH),
        DvAuthValue: serverText(record.DvAuthValue, RECORD_FIELD_LENGTH),
        DvAuthDomain: serverText(record.DvAuthDomain, RECORD_FIELD_LENGTH),
        DvAuthSubDomain: serverText(record.DvAuthSubDomain, RECORD_FIELD_LENGTH),
        DvAuthPath: serverText(record.DvAuthPath, RECORD_FIELD_LENGTH),
        DvAuthVerifyType: serverText(record.DvAuthVerifyType, ID_LENGTH)
      }))
  }
  const value = serverText(DvAuthValue, RECORD_FIELD_LENGTH)
  if (value === '') return []
  const path = serverText(DvAuthPath, RECORD_FIELD_LENGTH)
  return [
    {
      DvAuthKey: serverText(DvAuthKey, RECORD_FIELD_LENGTH),
      DvAuthValue: value,
      DvAuthDomain: serverText(DvAuthDomain, RECORD_FIELD_LENGTH),
      DvAuthSubDomain: serverText(DvAuthKeySubDomain, RECORD_FIELD_LENGTH),
      DvAuthPath: path,
      DvAuthVerifyType: path ? 'FILE' : HOST_NAME.test(value) ? 'CNAME' : 'TXT'
    }
  ]
}

// A domain's check names a few values found (TXT records, a file's first line); a reason is a sentence.
const MAX_CHECK_VALUES = 10

const CHECK_REASON_LENGTH = 300

export function domainChecks(answer: Record<string, unknown>): { Results: DomainCheck[]; RequestId: string } {
  const RequestId = requestIdOf(answer)
  const { VerificationResults } = answer
  if (VerificationResults !== null && VerificationResults !== undefined && !Array.isArray(VerificationResults))
    throw malformed('VerificationResults', RequestId)
  const results = objects(VerificationResults)
    .slice(0, MAX_RECORDS)
    .map((result) => ({
      Domain: serverText(result.Domain, RECORD_FIELD_LENGTH),
      VerifyType: serverText(result.VerifyType, ID_LENGTH),
      LocalCheck: integer(result.LocalCheck),
      CaCheck: integer(result.CaCheck),
      LocalCheckFailReason: serverText(result.LocalCheckFailReason, CHECK_REASON_LENGTH),
      CheckValue: (Array.isArray(result.CheckValue) ? result.CheckValue : [])
        .slice(0, MAX_CHECK_VALUES)
        .map((value) => serverText(value, RECORD_FIELD_LENGTH)),
      Frequently: result.Frequently === true,
      Issued: result.Issued === true
    }))
  return { Results: results.filter((result) => result.Domain !== ''), RequestId }
}
