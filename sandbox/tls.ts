// The emulator's https mode: a throwaway CA and a certificate for localhost and 127.0.0.1 that it signs, made once
// per process. A test trusts the CA as a user behind a TLS-inspecting proxy trusts theirs: NODE_EXTRA_CA_CERTS
// naming the file `caFile` writes, read by Node when the action's process starts.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { certificate, rsaKey, type Authority } from './issuer.js'

export interface TlsIdentity {
  /** The server's key and certificate, PEM, for https.createServer. */
  key: string
  cert: string
  /** The throwaway CA's certificate, PEM. */
  ca: string
  /** A file holding `ca`, for NODE_EXTRA_CA_CERTS. */
  caFile: string
  /** The CA itself, to issue more certificates it signs (the TLS hosts standing in for switched resources). */
  authority: Authority
}

let identity: TlsIdentity | undefined

/** The same identity for every server of this process: making RSA keys is what costs time. */
export function sandboxTlsIdentity(): TlsIdentity {
  if (!identity) {
    const notBefore = new Date(Date.now() - 24 * 3600 * 1000)
    const caKey = rsaKey('tls-ca')
    const name = 'Sandbox TLS Inspection CA (throwaway)'
    const ca: Authority = {
      name,
      key: caKey,
      pem: certificate(name, undefined, caKey, { ca: true, notBefore, days: 30 })
    }
    const serverKey = rsaKey('tls-server')
    const cert = certificate('localhost', ca, serverKey, {
      ca: false,
      names: ['localhost'],
      ips: ['127.0.0.1'],
      notBefore,
      days: 30
    })
    const caFile = join(mkdtempSync(join(tmpdir(), 'sandbox-tls-')), 'ca.pem')
    writeFileSync(caFile, ca.pem)
    identity = {
      key: serverKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      cert,
      ca: ca.pem,
      caFile,
      authority: ca
    }
  }
  return identity
}
