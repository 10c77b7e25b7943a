// TC3-HMAC-SHA256 as Tencent Cloud's gateway checks it, written from the API docs and independent of the SDK,
// so that the SDK acting as a client proves both sides.
import { createHash, createHmac } from 'node:crypto'

export const ALGORITHM = 'TC3-HMAC-SHA256'

const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex')
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest()

export function utcDate(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10)
}

export interface CanonicalRequestParts {
  method: string
  path: string
  query: string
  /** Lower-case names of the signed headers with their values, in any order. */
  headers: Record<string, string>
  payload: string | Buffer
}

export function payloadHash(payload: string | Buffer): string {
  return sha256Hex(payload)
}

export function canonicalRequest(parts: CanonicalRequestParts): { text: string; signedHeaders: string } {
  const names = Object.keys(parts.headers)
    .map((n) => n.toLowerCase())
    .sort()
  const values = Object.fromEntries(Object.entries(parts.headers).map(([n, v]) => [n.toLowerCase(), v.trim()]))
  const canonicalHeaders = names.map((name) => `${name}:${values[name]}\n`).join('')
  const signedHeaders = names.join(';')
  const text = [
    parts.method.toUpperCase(),
    parts.path,
    parts.query,
    canonicalHeaders,
    signedHeaders,
    payloadHash(parts.payload)
  ].join('\n')
  return { text, signedHeaders }
}

export function stringToSign(timestamp: number, service: string, canonicalRequestText: string): string {
  return [
    ALGORITHM,
    String(timestamp),
    `${utcDate(timestamp)}/${service}/tc3_request`,
    sha256Hex(canonicalRequestText)
  ].join('\n')
}

export function signature(secretKey: string, timestamp: number, service: string, toSign: string): string {
  const secretDate = hmac(`TC3${secretKey}`, utcDate(timestamp))
  const secretService = hmac(secretDate, service)
  const secretSigning = hmac(secretService, 'tc3_request')
  return createHmac('sha256', secretSigning).update(toSign).digest('hex')
}

export function authorizationHeader(
  secretId: string,
  timestamp: number,
  service: string,
  signedHeaders: string,
  sig: string
): string {
  return `${ALGORITHM} Credential=${secretId}/${utcDate(timestamp)}/${service}/tc3_request, SignedHeaders=${signedHeaders}, Signature=${sig}`
}

export interface ParsedAuthorization {
  secretId: string
  date: string
  service: string
  signedHeaders: string[]
  signature: string
}

export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const match =
    /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      header.trim()
    )
  if (!match) return undefined
  return {
    secretId: match[1],
    date: match[2],
    service: match[3],
    signedHeaders: match[4].split(';'),
    signature: match[5]
  }
}
