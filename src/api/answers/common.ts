// What every answer's parser shares: the RequestId every real answer has, server text made inert at the boundary,
// the API's Beijing datetimes, and the caps that keep a hostile answer small.
import { ActionErrorCode, Failure } from '../errors.js'
import { untrusted } from '../../support/untrusted.js'

export function malformed(field: string, requestId: unknown): Failure {
  return new Failure({
    code: ActionErrorCode.MalformedResponse,
    message: `the answer had no valid ${field}`,
    requestId: serverText(requestId),
    mayHaveTakenEffect: true
  })
}

/** The answer's RequestId, made safe to print: every real answer has one, so an answer without it is malformed. */
export function requestIdOf(answer: Record<string, unknown>): string {
  const { RequestId } = answer
  if (typeof RequestId !== 'string') throw malformed('RequestId', RequestId)
  return serverText(RequestId, ID_LENGTH)
}

// Every string the server sends passes through `untrusted` here, at the boundary: nothing past it prints raw server text.
export const serverText = (value: unknown, maxLength?: number): string =>
  typeof value === 'string' ? untrusted(value, maxLength) : ''
/** A hostile answer could list any number of records; no real certificate validates anywhere near this many domains. */

export const MAX_RECORDS = 100

// Identifiers are short; anything longer is not one.
export const ID_LENGTH = 128

// A DNS name is at most 253 characters and a TXT string 255: a longer record field is not a real one.
export const RECORD_FIELD_LENGTH = 255

/** A certificate names a few hundred domains at most (a multi-domain one); more is not a real answer. */
const MAX_NAMES = 250

/** Domain and the SubjectAltName list, lower case, each once (the detail's list leaves Domain out, the list's has it). */
export function namesOf(domain: unknown, alternatives: unknown): string[] {
  const listed: unknown[] = Array.isArray(alternatives) ? alternatives.slice(0, MAX_NAMES) : []
  const names = [domain, ...listed]
    .map((name) => serverText(name, RECORD_FIELD_LENGTH).toLowerCase())
    .filter((name) => name !== '')
  return [...new Set(names)]
}

/** The API's datetimes: Beijing time, to the second, without a zone. */
const BEIJING_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

/** A datetime as the API gives it (Beijing time), in ms since the epoch; NaN for '' or anything else. */
export const beijingTimeMs = (time: string): number =>
  BEIJING_TIME.test(time) ? Date.parse(`${time.replace(' ', 'T')}+08:00`) : NaN

export const beijingTimeOf = (value: unknown): string =>
  typeof value === 'string' && BEIJING_TIME.test(value) ? value : ''

// A renewal link is a certificate ID: the fields also carry "yes", "" and null, and have been seen to carry a date.
const LINKED_ID = /^[A-Za-z0-9_-]{6,64}$/

export const extraOf = (answer: Record<string, unknown>): Record<string, unknown> =>
  typeof answer.CertificateExtra === 'object' && answer.CertificateExtra !== null
    ? (answer.CertificateExtra as Record<string, unknown>)
    : {}

export function renewLinks(from: Record<string, unknown>, fields: readonly string[]): string[] {
  return fields
    .map((field) => from[field])
    .filter((value): value is string => typeof value === 'string' && LINKED_ID.test(value))
}

export const integer = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) ? value : 0)

/** CertificateInfoSubmit answers with its RequestId alone. */
export function requestOnly(answer: Record<string, unknown>): { RequestId: string } {
  return { RequestId: requestIdOf(answer) }
}

export const count = (value: unknown): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0

export const objects = (list: unknown): Record<string, unknown>[] =>
  (Array.isArray(list) ? list : []).filter(
    (item): item is Record<string, unknown> => typeof item === 'object' && item !== null
  )

export const MAX_DOMAINS = 10

// A product's reason for one resource is a sentence; a page of them each at the general cap would be megabytes.
export const RESOURCE_ERROR_LENGTH = 300
