import { X509Certificate } from 'node:crypto'
import { basename, join } from 'node:path'
import type { SslApi } from '../../api/calls.js'
import { Failure } from '../../api/errors.js'
import type { CallOptions } from '../../support/call-options.js'
import { bundleFromArchive } from './archive.js'
import { checkBundle, type CertificateFacts, type CheckedBundle } from './bundle.js'
import { pemBlocks, secretLines } from './pem.js'
import { pkcs12 } from './pkcs12.js'
import { writeFilesAtomically, WriteError, type FileToWrite } from './write.js'
import { untrusted } from '../../support/untrusted.js'
import { errorMessage } from '../../support/error-message.js'
import { FilesCode } from './codes.js'

export interface FileSettings {
  /** The folder that gets one folder per certificate. */
  dir: string
  /** Also write certificate.pfx, protected by this password. */
  pfxPassword?: string
}

export interface FileOptions extends CallOptions {
  /** Registers a secret with the log's masking: every line of a private key goes through it before anything could print it. */
  mask: (secret: string) => void
}

/** The paths written, with the output names. */
export interface CertificateFiles {
  CertificatePath: string
  ChainPath: string
  FullchainPath: string
  PrivateKeyPath?: string
  PfxPath?: string
}

interface SavedCertificate {
  facts: CertificateFacts
  files: CertificateFiles
  /** What was not written, and why (no key held, a key that cannot be packed); '' when everything was. */
  note: string
}

// The names certbot made conventional, so that existing deploy steps find them.
const FILE_NAMES = {
  certificate: 'cert.pem',
  chain: 'chain.pem',
  fullchain: 'fullchain.pem',
  privateKey: 'privkey.pem',
  pfx: 'certificate.pfx'
}

const countCertificates = (pem: string): number =>
  pemBlocks(pem).filter((block) => block.label === 'CERTIFICATE').length

/** The first certificate's DER bytes, however its PEM is wrapped; undefined when there is none that parses. */
function firstCertificate(pem: string): Buffer | undefined {
  const block = pemBlocks(pem).find((b) => b.label === 'CERTIFICATE')
  try {
    return block && new X509Certificate(block.pem).raw
  } catch {
    return undefined
  }
}

export function maskKey(pem: string, mask: (secret: string) => void): void {
  for (const block of pemBlocks(pem)) for (const line of secretLines(block)) mask(line)
}

/**
 * The certificate and key as Tencent Cloud holds them: the detail's CertificatePublicKey and CertificatePrivateKey,
 * and when the former has no intermediates, the chain (and a key the detail lacked) from DownloadCertificate's ZIP.
 */
async function fetchSource(api: SslApi, id: string, options: FileOptions) {
  const material = await api.describeCertificateMaterial({ CertificateId: id })
  maskKey(material.CertificatePrivateKey, options.mask)
  if (material.Sm2) {
    throw new Failure({
      code: FilesCode.Sm2NotSupported,
      message:
        'it is an SM2 (国密) dual certificate, with a signing and an encryption certificate and key; no file was written',
      requestId: material.RequestId
    })
  }
  const source = {
    certificateId: id,
    domain: material.Domain,
    certificates: material.CertificatePublicKey,
    privateKey: material.CertificatePrivateKey
  }
  if (countCertificates(material.CertificatePublicKey) > 1) return { ...source, requestId: material.RequestId }

  options.log.info(`Certificate ${id}: the detail holds the leaf only; reading the chain from DownloadCertificate`)
  const archive = await api.downloadCertificate({ CertificateId: id })
  let archived
  try {
    archived = await bundleFromArchive(archive.Content)
  } catch (error) {
    const why = errorMessage(error)
    throw new Failure({
      code: FilesCode.CertificateUnreadable,
      message: `DownloadCertificate's content is not a readable ZIP (${why})`,
      requestId: archive.RequestId
    })
  }
  maskKey(archived.privateKey, options.mask)
  // The ZIP completes the detail's chain; it never stands in for the detail's leaf (another certificate, an old one).
  const detailLeaf = firstCertificate(source.certificates)
  const archivedLeaf = firstCertificate(archived.certificates)
  if (detailLeaf && archivedLeaf && !detailLeaf.equals(archivedLeaf)) {
    throw new Failure({
      code: FilesCode.ChainMismatch,
      message:
        "DownloadCertificate's ZIP holds another certificate than the one DescribeCertificateDetail returned, so its chain was not used",
      requestId: archive.RequestId
    })
  }
  const fuller = countCertificates(archived.certificates) > countCertificates(source.certificates)
  return {
    ...source,
    certificates: fuller ? archived.certificates : source.certificates,
    privateKey: source.privateKey || archived.privateKey,
    requestId: archive.RequestId
  }
}

/**
 * Whether a name is a public suffix (ICANN's and the private ones: `com`, `co.uk`, `github.io`), by the Public
 * Suffix List that tldts carries. Loaded only when files are written, so that other steps do not pay for it.
 */
async function publicSuffixes(): Promise<(name: string) => boolean> {
  const { getPublicSuffix } = await import('tldts')
  return (name) => getPublicSuffix(name, { allowPrivateDomains: true }) === name.toLowerCase()
}

/** The files of a checked bundle, and what could not be made. */
async function filesOf(
  bundle: CheckedBundle,
  id: string,
  settings: FileSettings
): Promise<{ files: FileToWrite[]; notes: string[] }> {
  const fullchain = [bundle.certificate, ...bundle.chain].join('')
  const files: FileToWrite[] = [
    { name: FILE_NAMES.certificate, content: bundle.certificate, mode: 0o644 },
    { name: FILE_NAMES.chain, content: bundle.chain.join(''), mode: 0o644 },
    { name: FILE_NAMES.fullchain, content: fullchain, mode: 0o644 }
  ]
  const notes: string[] = []
  const { privateKey } = bundle
  if (privateKey === undefined) {
    notes.push(
      `Tencent Cloud holds no private key for it (its CSR was your own), so there is no ${FILE_NAMES.privateKey}: use the key the CSR was made with`
    )
  } else {
    files.push({ name: FILE_NAMES.privateKey, content: privateKey, mode: 0o600 })
    if (bundle.keyEncrypted)
      notes.push(
        'the private key is encrypted with the password set when its CSR was made: it was written as given, and could not be checked against the certificate'
      )
  }
  if (settings.pfxPassword) {
    const pfx =
      privateKey === undefined
        ? { notMade: `no ${FILE_NAMES.pfx} without a private key` }
        : bundle.keyEncrypted
          ? { notMade: `no ${FILE_NAMES.pfx} from an encrypted key` }
          : await pkcs12({ ...bundle, privateKey }, settings.pfxPassword, id)
    if (Buffer.isBuffer(pfx)) files.push({ name: FILE_NAMES.pfx, content: pfx, mode: 0o600 })
    else notes.push(pfx.notMade)
  }
  return { files, notes }
}

/**
 * Writes an issued certificate into `<dir>/<CertificateId>/`: cert.pem, chain.pem, fullchain.pem, privkey.pem when
 * Tencent Cloud holds the key, and certificate.pfx when a password is given. Nothing is written unless the whole
 * bundle checks out. Throws an Failure naming what went wrong.
 */
export async function saveCertificate(
  api: SslApi,
  id: string,
  settings: FileSettings,
  options: FileOptions
): Promise<SavedCertificate> {
  const source = await fetchSource(api, id, options)
  const bundle = checkBundle(source, { now: options.clock.now(), isPublicSuffix: await publicSuffixes() })
  const { files, notes } = await filesOf(bundle, id, settings)
  const dir = join(settings.dir, id)
  let written: string[]
  try {
    written = writeFilesAtomically(
      dir,
      files,
      Object.values(FILE_NAMES).filter((name) => !files.some((file) => file.name === name))
    )
  } catch (error) {
    const why = untrusted(errorMessage(error))
    const onDisk = error instanceof WriteError ? `; ${error.onDisk}` : ''
    throw new Failure({
      code: FilesCode.WriteFailed,
      message: `the files could not be written to ${dir}: ${why}${onDisk}`,
      requestId: source.requestId
    })
  }
  const path = (name: string): string | undefined => written.find((file) => basename(file) === name)
  const privateKeyPath = path(FILE_NAMES.privateKey)
  const pfxPath = path(FILE_NAMES.pfx)
  return {
    facts: bundle.facts,
    files: {
      CertificatePath: path(FILE_NAMES.certificate)!,
      ChainPath: path(FILE_NAMES.chain)!,
      FullchainPath: path(FILE_NAMES.fullchain)!,
      ...(privateKeyPath ? { PrivateKeyPath: privateKeyPath } : {}),
      ...(pfxPath ? { PfxPath: pfxPath } : {})
    },
    note: notes.join('; ')
  }
}
