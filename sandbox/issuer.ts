// The sandbox's certificate authority: a root and an intermediate, and real X.509 leaves for the emulated
// certificates, so that the action's checks (chain order, names, key match) meet what a CA issues. Also the ZIP that
// DownloadCertificate answers, in Tencent Cloud's layout. node-forge builds the certificates; node:crypto makes the
// keys and the signatures, which forge would take tens of milliseconds each to make in JavaScript.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  X509Certificate,
  type KeyObject
} from 'node:crypto'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import forge from 'node-forge'
import { zipSync, strToU8 } from 'fflate'

const DAY_MS = 24 * 3600 * 1000

export interface Authority {
  name: string
  key: KeyObject
  pem: string
}

/** A leaf as the CA hands it out: its PEM, the intermediates above it, and the key when the CA made the CSR. */
export interface IssuedCertificate {
  leaf: string
  intermediates: string[]
  root: string
  /** PKCS#1 PEM with CRLF line endings, as the API gives it. */
  privateKey: string
  notBefore: Date
  notAfter: Date
}

let authorities: { root: Authority; intermediate: Authority; leafKey: KeyObject; otherKey: KeyObject } | undefined

const KEY_CACHE = join(tmpdir(), 'tencentcloud-ssl-sandbox-keys-v1.json')

/**
 * An RSA key. A named one (`slot`: the sandbox's CAs, its customer key, its TLS servers') is made once and kept in a
 * file under the temporary folder for every later process and test file: making a 2048-bit key costs about 0.1 s, and
 * each test file's fresh module registry would make them all again. They are throwaway keys of a loopback sandbox;
 * each process still issues its own CA certificates with them.
 */
export function rsaKey(slot?: string): KeyObject {
  if (!slot) return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
  let cached: Record<string, string> = {}
  try {
    cached = JSON.parse(readFileSync(KEY_CACHE, 'utf8')) as Record<string, string>
    if (cached[slot]) return createPrivateKey(cached[slot])
  } catch {
    // No cache yet, or one being replaced: make the key.
  }
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
  const next = { ...cached, [slot]: key.export({ type: 'pkcs8', format: 'pem' }) as string }
  // Written whole, then renamed: a process reading at the same time sees the old file or the new one.
  const temporary = `${KEY_CACHE}.${process.pid}.${Math.random().toString(36).slice(2)}`
  try {
    writeFileSync(temporary, JSON.stringify(next), { mode: 0o600 })
    renameSync(temporary, KEY_CACHE)
  } catch {
    // A cache that cannot be written only costs the next process the time.
  }
  return key
}
const forgePublicKey = (key: KeyObject): forge.pki.PublicKey =>
  forge.pki.publicKeyFromPem(createPublicKey(key).export({ type: 'spki', format: 'pem' }) as string)

/** Certificate fields forge builds; the signature is node:crypto's over forge's to-be-signed bytes. */
export function certificate(
  subject: string,
  issuer: Authority | undefined,
  key: KeyObject,
  options: {
    ca: boolean
    names?: string[]
    ips?: string[]
    notBefore: Date
    days: number
    /** The subject's public key when it is not `key`'s: a CSR's, of any type (forge itself builds RSA keys only). */
    subjectPublicKey?: KeyObject
  }
) {
  const cert = forge.pki.createCertificate()
  cert.publicKey = forgePublicKey(key)
  cert.serialNumber = `01${createHash('sha256').update(`${subject}/${options.notBefore.getTime()}/${Math.random()}`).digest('hex').slice(0, 30)}`
  cert.validity.notBefore = options.notBefore
  cert.validity.notAfter = new Date(options.notBefore.getTime() + options.days * DAY_MS)
  cert.setSubject([{ name: 'commonName', value: subject }])
  cert.setIssuer([{ name: 'commonName', value: issuer?.name ?? subject }])
  cert.setExtensions([
    { name: 'basicConstraints', cA: options.ca, critical: true },
    {
      name: 'keyUsage',
      critical: true,
      ...(options.ca ? { keyCertSign: true, cRLSign: true } : { digitalSignature: true, keyEncipherment: true })
    },
    ...(options.names || options.ips
      ? [
          {
            name: 'subjectAltName',
            altNames: [
              ...(options.names ?? []).map((value) => ({ type: 2, value })),
              ...(options.ips ?? []).map((ip) => ({ type: 7, ip }))
            ]
          }
        ]
      : [])
  ])
  const signer = issuer?.key ?? key
  const subjectKey = options.subjectPublicKey
  const signWithNode = {
    sign: () => {
      // forge has just built the to-be-signed part with `key`'s public key; a CSR's key takes its place (the
      // seventh field, subjectPublicKeyInfo) before it is signed, and the certificate is written from it.
      if (subjectKey) {
        const spki = subjectKey.export({ type: 'spki', format: 'der' }).toString('binary')
        ;(cert.tbsCertificate.value as forge.asn1.Asn1[])[6] = forge.asn1.fromDer(spki)
      }
      return sign('sha256', Buffer.from(forge.asn1.toDer(cert.tbsCertificate).getBytes(), 'binary'), signer).toString(
        'binary'
      )
    }
  }
  cert.sign(signWithNode as unknown as forge.pki.rsa.PrivateKey, forge.md.sha256.create())
  return forge.pki.certificateToPem(cert)
}

/** One root, one intermediate and one customer key per process: making RSA keys is what costs time. */
function sandboxAuthorities() {
  if (!authorities) {
    const epoch = new Date('2025-01-01T00:00:00Z')
    const rootKey = rsaKey('root')
    const root = {
      name: 'Sandbox Root CA',
      key: rootKey,
      pem: certificate('Sandbox Root CA', undefined, rootKey, { ca: true, notBefore: epoch, days: 3650 })
    }
    const intermediateKey = rsaKey('intermediate')
    const intermediate = {
      name: 'Sandbox DV TLS RSA CA 2025',
      key: intermediateKey,
      pem: certificate('Sandbox DV TLS RSA CA 2025', root, intermediateKey, { ca: true, notBefore: epoch, days: 3650 })
    }
    authorities = { root, intermediate, leafKey: rsaKey('leaf'), otherKey: rsaKey('other') }
  }
  return authorities
}

const crlf = (pem: string): string => pem.replace(/\r?\n/g, '\r\n')

/**
 * A leaf for `domain` and its names, valid for a year from `now` (to the second, as CAs issue them), or until
 * `notAfter`: for the sandbox's customer key, or for the public key of the user's own CSR.
 */
export function issue(
  domain: string,
  names: readonly string[],
  now: number,
  csrKey?: KeyObject,
  notAfter?: Date,
  issuedAt?: Date
): IssuedCertificate {
  const { root, intermediate, leafKey } = sandboxAuthorities()
  // A certificate seeded with its expiry was issued a year before it, unless it says when.
  const from = issuedAt ? issuedAt.getTime() : notAfter ? notAfter.getTime() - 365 * DAY_MS : now
  const notBefore = new Date(Math.floor(from / 1000) * 1000)
  const leaf = certificate(domain, intermediate, leafKey, {
    ca: false,
    names: [...new Set([domain, ...names])],
    notBefore,
    days: notAfter && issuedAt ? (notAfter.getTime() - notBefore.getTime()) / DAY_MS : 365,
    ...(csrKey ? { subjectPublicKey: csrKey } : {})
  })
  return {
    leaf,
    intermediates: [intermediate.pem],
    root: root.pem,
    privateKey: crlf(leafKey.export({ type: 'pkcs1', format: 'pem' }) as string),
    notBefore,
    notAfter: new Date(new X509Certificate(leaf).validTo)
  }
}

/** The emulated CA's root, PEM: what a client trusts to verify a served emulated certificate. */
export const sandboxRootCa = (): string => sandboxAuthorities().root.pem

/** A private key that belongs to no certificate the sandbox issued: what a corrupted answer would carry. */
export function unrelatedPrivateKey(): string {
  return crlf(sandboxAuthorities().otherKey.export({ type: 'pkcs1', format: 'pem' }) as string)
}

/**
 * DownloadCertificate's ZIP, in Tencent Cloud's layout: one folder per server type; Nginx holds
 * `<domain>_bundle.crt` (leaf then intermediates) and `<domain>.key`, Apache the leaf and the intermediates apart.
 */
export function certificateZip(domain: string, issued: IssuedCertificate, withKey: boolean): Uint8Array {
  const name = domain.replace(/\*/g, '_')
  const bundle = [issued.leaf, ...issued.intermediates].join('')
  const key = withKey ? { [`${name}.key`]: strToU8(issued.privateKey) } : {}
  return zipSync({
    [`${name}_nginx`]: {
      [`${name}_bundle.crt`]: strToU8(crlf(bundle)),
      [`${name}_bundle.pem`]: strToU8(crlf(bundle)),
      ...key
    },
    [`${name}_apache`]: {
      [`${name}.crt`]: strToU8(crlf(issued.leaf)),
      'root_bundle.crt': strToU8(crlf(issued.intermediates.join(''))),
      ...key
    },
    ...(withKey
      ? {}
      : {
          [`${name}.csr`]: strToU8(
            '-----BEGIN CERTIFICATE REQUEST-----\r\n(the CSR as submitted)\r\n-----END CERTIFICATE REQUEST-----\r\n'
          )
        })
  })
}
