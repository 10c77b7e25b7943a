// The user's own certificate signing request (the csr input), read with PeculiarVentures' ASN.1 schemas and its
// signature checked with node:crypto: what Tencent Cloud would send to the CA, known before anything is sent.
import { createPublicKey, verify } from 'node:crypto'
import { AsnConvert } from '@peculiar/asn1-schema'
import { CertificationRequest } from '@peculiar/asn1-csr'
import { Extensions, id_ce_subjectAltName, SubjectAlternativeName } from '@peculiar/asn1-x509'
import { PRIVATE_KEY_PEM } from '../../support/formats.js'

/** What the action needs of a CSR, all of it checked. */
export interface CertificateRequest {
  /** The PEM text, as sent in Csr. */
  pem: string
  commonName: string
  /** The DNS names of its subjectAltName extension, lower case; the common name is not added. */
  names: string[]
  /** Its subject, for a log line ("CN=shop.example.com, O=Example Shop"). */
  subject: string
  /** "RSA 2048", "EC P-256", ... */
  key: string
}

/** Why a CSR is refused: a sentence for the input error (never the CSR's text itself). */
export class CsrProblem extends Error {}

const PEM_CSR = /-----BEGIN (NEW )?CERTIFICATE REQUEST-----([A-Za-z0-9+/=\s]+)-----END (NEW )?CERTIFICATE REQUEST-----/

const OID_COMMON_NAME = '2.5.4.3'
const OID_EXTENSION_REQUEST = '1.2.840.113549.1.9.14'
// The subject's attributes a log line names, by OID.
const SUBJECT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU'
}
// The signature algorithms a CSR is signed with, and their hashes: PKCS#1 v1.5 RSA and ECDSA.
const SIGNATURE_HASHES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512'
}
const CURVES: Readonly<Record<string, string>> = { prime256v1: 'P-256', secp384r1: 'P-384' }
const MIN_RSA_BITS = 2048

/**
 * Reads and checks a CSR: PEM of a PKCS#10 request, whose signature holds with its own key, an RSA key of at least
 * 2048 bits or an EC key on P-256 or P-384, and a common name. Throws a CsrProblem saying what is wrong.
 */
export function readCsr(text: string): CertificateRequest {
  if (PRIVATE_KEY_PEM.test(text))
    throw new CsrProblem('holds a private key, not a certificate signing request; the key is never sent')
  const block = PEM_CSR.exec(text)
  if (!block) throw new CsrProblem('is not a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----)')
  let request: CertificationRequest
  try {
    request = AsnConvert.parse(Buffer.from(block[2].replace(/\s+/g, ''), 'base64'), CertificationRequest)
  } catch {
    throw new CsrProblem('does not parse as a PKCS#10 certificate signing request')
  }
  const info = request.certificationRequestInfo
  const publicKey = (() => {
    try {
      return createPublicKey({
        key: Buffer.from(AsnConvert.serialize(info.subjectPKInfo)),
        format: 'der',
        type: 'spki'
      })
    } catch {
      throw new CsrProblem('has a public key that cannot be read')
    }
  })()
  const key = keyName(publicKey)
  const hash = SIGNATURE_HASHES[request.signatureAlgorithm.algorithm]
  if (!hash) {
    throw new CsrProblem(
      `is signed with an algorithm the action does not accept (${request.signatureAlgorithm.algorithm}): sign it with SHA-256 (openssl req -sha256)`
    )
  }
  const signed = request.certificationRequestInfoRaw ?? AsnConvert.serialize(info)
  if (!verify(hash, Buffer.from(signed), publicKey, Buffer.from(request.signature)))
    throw new CsrProblem('has a signature that does not hold: it was altered, or not signed by its own key')

  const subject = info.subject.flatMap((rdn) =>
    rdn.map((entry) => ({ type: entry.type, value: entry.value.toString() }))
  )
  const commonName = subject.find((entry) => entry.type === OID_COMMON_NAME)?.value ?? ''
  if (!commonName) throw new CsrProblem('has no common name (CN) in its subject')
  return {
    pem: `${block[0]}\n`,
    commonName: commonName.toLowerCase(),
    names: subjectAltNames(request),
    subject: subject
      .filter((entry) => SUBJECT_NAMES[entry.type])
      .map((entry) => `${SUBJECT_NAMES[entry.type]}=${entry.value}`)
      .join(', '),
    key
  }
}

function keyName(publicKey: ReturnType<typeof createPublicKey>): string {
  const details = publicKey.asymmetricKeyDetails ?? {}
  if (publicKey.asymmetricKeyType === 'rsa') {
    const bits = details.modulusLength ?? 0
    if (bits < MIN_RSA_BITS)
      throw new CsrProblem(`has an RSA key of ${bits} bits: CAs take ${MIN_RSA_BITS} bits or more`)
    return `RSA ${bits}`
  }
  if (publicKey.asymmetricKeyType === 'ec') {
    const curve = CURVES[details.namedCurve ?? '']
    if (!curve)
      throw new CsrProblem(`has an EC key on ${details.namedCurve ?? 'an unnamed curve'}: CAs take P-256 or P-384`)
    return `EC ${curve}`
  }
  throw new CsrProblem(
    `has a ${publicKey.asymmetricKeyType ?? 'unknown'} key: use an RSA (2048 bits or more) or EC (P-256, P-384) key`
  )
}

/** The DNS names the request asks for in its extensionRequest attribute. */
function subjectAltNames(request: CertificationRequest): string[] {
  const attributes = request.certificationRequestInfo.attributes ?? []
  const names: string[] = []
  for (const attribute of attributes.filter((a) => a.type === OID_EXTENSION_REQUEST)) {
    for (const value of attribute.values) {
      for (const extension of AsnConvert.parse(value, Extensions)) {
        if (extension.extnID !== id_ce_subjectAltName) continue
        for (const name of AsnConvert.parse(extension.extnValue.buffer, SubjectAlternativeName))
          if (name.dNSName) names.push(name.dNSName.toLowerCase())
      }
    }
  }
  return [...new Set(names)]
}
