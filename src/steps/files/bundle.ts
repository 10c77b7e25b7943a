import { createPrivateKey, X509Certificate } from 'node:crypto'
import { Failure } from '../../api/errors.js'
import { untrusted } from '../../support/untrusted.js'
import { pemBlocks } from './pem.js'
import { FilesCode } from './codes.js'

/** What the Results output says of an issued certificate, read from the leaf itself. */
export interface CertificateFacts {
  /** ISO 8601, UTC. */
  NotBefore: string
  NotAfter: string
  /** SHA-256 of the leaf (DER), upper-case hex without separators (Tencent Cloud's CertFingerprint is SHA-1). */
  Fingerprint: string
  /** The leaf's DNS names. */
  SubjectAltNames: string[]
}

/** A certificate, its chain and its key, checked to belong together: what may be written. */
export interface CheckedBundle {
  /** The leaf, PEM. */
  certificate: string
  /** The intermediates, leaf's issuer first, PEM; never the root. */
  chain: string[]
  /** PEM with LF line endings, as given; undefined when Tencent Cloud holds no key. */
  privateKey?: string
  /** True when the key is encrypted with the password chosen when the CSR was made: it cannot be checked or packed. */
  keyEncrypted: boolean
  facts: CertificateFacts
}

export interface BundleSource {
  certificateId: string
  /** The certificate's domain, which the leaf must cover. */
  domain: string
  /** PEM text: the leaf, then any intermediates (and perhaps the root). */
  certificates: string
  /** PEM text of the key, '' when there is none. */
  privateKey: string
  /** The answer that carried them, for the failure. */
  requestId: string
}

/** What the check needs besides the certificate: the time now, and which names are public suffixes (`com`, `co.uk`). */
interface BundleContext {
  now: number
  isPublicSuffix: (name: string) => boolean
}

// A certificate names a few domains, at most some hundreds: beyond that the list is cut, as all server text is.
const MAX_NAMES = 100

/** A distinguished name (a subject or an issuer) on one line, made safe to print. */
const describe = (name: string): string => untrusted(name.replace(/\n/g, ', '), 200)
const isoSeconds = (date: string): string => new Date(date).toISOString().replace('.000Z', 'Z')
// Signed by its own key under its own name; checkIssued would also ask a leaf for the right to sign certificates.
const selfSigned = (c: X509Certificate): boolean => c.subject === c.issuer && c.verify(c.publicKey)

/** The DNS names of the certificate's subjectAltName ("DNS:a, DNS:b, IP Address:…"). */
function dnsNames(certificate: X509Certificate): string[] {
  return (certificate.subjectAltName ?? '')
    .split(/, (?=[A-Za-z ]+:)/)
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => untrusted(entry.slice(4).replace(/^"|"$/g, ''), 255).toLowerCase())
    .slice(0, MAX_NAMES)
}

/** Whether `name` (perhaps a wildcard) covers `domain` (perhaps a wildcard itself, which only the same name covers). */
export function covers(name: string, domain: string): boolean {
  const d = domain.toLowerCase()
  if (name === d) return true
  return name.startsWith('*.') && !d.startsWith('*.') && d.slice(d.indexOf('.') + 1) === name.slice(2)
}

/**
 * Parses and checks a certificate as Tencent Cloud handed it over, before anything is written: every certificate
 * parses; each is issued (and signed) by the next; the leaf has at least one intermediate above it and names the
 * certificate's domain; the key, when there is one, is the leaf's. Throws an Failure with its own code otherwise.
 */
export function checkBundle(source: BundleSource, context: BundleContext): CheckedBundle {
  const fail = (code: string, message: string): never => {
    throw new Failure({ code, message, requestId: source.requestId })
  }
  const blocks = pemBlocks(source.certificates).filter((block) => block.label === 'CERTIFICATE')
  if (blocks.length === 0) fail(FilesCode.CertificateUnreadable, 'the answer holds no PEM certificate')
  const parsed = blocks.map((block, index) => {
    try {
      return new X509Certificate(block.pem)
    } catch {
      return fail(
        FilesCode.CertificateUnreadable,
        `certificate ${index + 1} of the ${blocks.length} in the answer does not parse as X.509`
      )
    }
  })
  // The root is for trust stores, not for servers to send: a chain that includes it is written without it.
  const chain = parsed.length > 1 && selfSigned(parsed[parsed.length - 1]) ? parsed.slice(0, -1) : parsed
  const [leaf, ...intermediates] = chain
  for (const [index, certificate] of chain.entries()) {
    const issuer = chain[index + 1]
    if (issuer && !(certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey))) {
      fail(
        FilesCode.ChainMismatch,
        `the chain is not in order: "${describe(certificate.subject)}" is not issued by the next one, "${describe(issuer.subject)}"`
      )
    }
  }
  if (intermediates.length === 0 && selfSigned(leaf)) {
    fail(
      FilesCode.SelfSignedCertificate,
      `the answer holds a lone self-signed certificate ("${describe(leaf.subject)}"), not one a CA issued`
    )
  }
  if (intermediates.length === 0) {
    fail(FilesCode.ChainMismatch, `the chain holds the leaf only: its issuer "${describe(leaf.issuer)}" is missing`)
  }
  const [from, until] = [Date.parse(leaf.validFrom), Date.parse(leaf.validTo)]
  if (!(from <= context.now && context.now <= until)) {
    const when =
      context.now < from ? `is not valid until ${isoSeconds(leaf.validFrom)}` : `expired on ${isoSeconds(leaf.validTo)}`
    fail(
      FilesCode.CertificateNotValidNow,
      `the certificate ${when} (valid ${isoSeconds(leaf.validFrom)} to ${isoSeconds(leaf.validTo)})`
    )
  }

  const names = dnsNames(leaf)
  const covering = names.filter((name) => covers(name, source.domain))
  if (covering.length === 0) {
    fail(
      FilesCode.NameMismatch,
      `the certificate names ${names.join(', ') || 'no DNS name'}, which does not cover its domain ${source.domain}`
    )
  }
  // No CA may issue a wildcard over a public suffix: a leaf whose only name for the domain is one is not a real one.
  if (covering.every((name) => name.startsWith('*.') && context.isPublicSuffix(name.slice(2)))) {
    fail(
      FilesCode.PublicSuffixWildcard,
      `the certificate covers ${source.domain} only with ${covering.join(', ')}, a wildcard over a public suffix, which no CA issues`
    )
  }

  const key = pemBlocks(source.privateKey).find((block) => block.label.endsWith('PRIVATE KEY'))
  if (source.privateKey.trim() !== '' && !key)
    fail(FilesCode.CertificateUnreadable, 'the private key in the answer is not PEM')
  const keyEncrypted =
    key !== undefined && (key.label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type: 4,ENCRYPTED/.test(key.pem))
  if (key && !keyEncrypted) {
    let matches: boolean
    try {
      matches = leaf.checkPrivateKey(createPrivateKey(key.pem))
    } catch {
      return fail(FilesCode.CertificateUnreadable, 'the private key in the answer does not parse')
    }
    if (!matches)
      fail(
        FilesCode.KeyMismatch,
        "the private key in the answer is not the certificate's: it does not match the leaf's public key"
      )
  }

  return {
    certificate: leaf.toString(),
    chain: intermediates.map((c) => c.toString()),
    ...(key ? { privateKey: key.pem } : {}),
    keyEncrypted,
    facts: {
      NotBefore: isoSeconds(leaf.validFrom),
      NotAfter: isoSeconds(leaf.validTo),
      Fingerprint: leaf.fingerprint256.replace(/:/g, ''),
      SubjectAltNames: names
    }
  }
}
