import type Forge from 'node-forge'
import type { CheckedBundle } from './bundle.js'

/**
 * certificate.pfx: the key and the full chain in PKCS#12, made by node-forge. Triple DES with a SHA-1 MAC is what
 * every reader takes (Windows Server 2016's IIS and older do not read AES-protected files; Java 9+ and OpenSSL read
 * both). forge packs RSA keys only: for another key the reason is returned instead of a file. forge is loaded only
 * here, so that a step that makes no PFX does not pay for it at start-up.
 */
export async function pkcs12(
  bundle: CheckedBundle & { privateKey: string },
  password: string,
  friendlyName: string
): Promise<Buffer | { notMade: string }> {
  const { default: forge } = await import('node-forge')
  let key: Forge.pki.rsa.PrivateKey
  try {
    key = forge.pki.privateKeyFromPem(bundle.privateKey)
  } catch {
    return {
      notMade:
        'certificate.pfx is made for RSA keys only, and this key is not one (openssl pkcs12 -export makes one from the PEM files)'
    }
  }
  let certificates: Forge.pki.Certificate[]
  try {
    certificates = [bundle.certificate, ...bundle.chain].map((pem) => forge.pki.certificateFromPem(pem))
  } catch {
    // forge reads RSA certificates only: an ECDSA intermediate above an RSA leaf is one it cannot pack.
    return {
      notMade:
        'certificate.pfx is made for RSA chains only, and a certificate of this chain is not RSA (openssl pkcs12 -export makes one from the PEM files)'
    }
  }
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certificates, password, {
    algorithm: '3des',
    friendlyName,
    generateLocalKeyId: true
  })
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary')
}
