/** What DownloadCertificate's ZIP holds for a server such as nginx: the certificate with its chain, and the key. */
interface ArchivedBundle {
  /** The PEM text of the file with the leaf and its intermediates ('' when the ZIP has none). */
  certificates: string
  /** The PEM text of the key file ('' when the ZIP has none). */
  privateKey: string
}

// A real archive holds a few folders of small files; anything far beyond that is not one, and is not unpacked.
const MAX_ENTRIES = 200
const MAX_FILE_BYTES = 256 * 1024

const extension = (name: string): string => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? ''
const inNginxFolder = (name: string): boolean => /(^|\/)[^/]*nginx[^/]*\//i.test(name)
const certificateCount = (text: string): number => text.split('-----BEGIN CERTIFICATE-----').length - 1

/**
 * The nginx files of the archive, found by extension rather than by exact name (.crt or .pem for the bundle, .key
 * for the key); outside an nginx folder, the certificate file with the longest chain and any key. Throws when the
 * bytes are not a ZIP, or it is far larger than a certificate's. fflate is loaded only here, when the detail lacked the
 * chain, so that other steps do not pay for it at start-up.
 */
export async function bundleFromArchive(zip: Uint8Array): Promise<ArchivedBundle> {
  const { unzipSync, strFromU8 } = await import('fflate')
  let entries = 0
  const files = unzipSync(zip, {
    filter: (file) => {
      if (++entries > MAX_ENTRIES) throw new Error(`the archive holds more than ${MAX_ENTRIES} files`)
      return ['crt', 'pem', 'key'].includes(extension(file.name)) && file.originalSize <= MAX_FILE_BYTES
    }
  })
  const texts = Object.entries(files).map(([name, bytes]) => ({
    name,
    text: strFromU8(bytes),
    nginx: inNginxFolder(name),
    ext: extension(name)
  }))
  const nginxFirst = (a: { nginx: boolean }, b: { nginx: boolean }): number => Number(b.nginx) - Number(a.nginx)
  const certificates = texts
    .filter((f) => f.ext !== 'key' && certificateCount(f.text) > 0)
    .sort((a, b) => nginxFirst(a, b) || certificateCount(b.text) - certificateCount(a.text))
  const keys = texts.filter((f) => f.ext === 'key').sort(nginxFirst)
  return { certificates: certificates[0]?.text ?? '', privateKey: keys[0]?.text ?? '' }
}
