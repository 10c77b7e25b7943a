// PEM text as the API and its ZIP give it (CRLF line endings, text around the blocks) reduced to the blocks alone,
// each with LF line endings and a final newline, as servers and tools expect them.

interface PemBlock {
  /** CERTIFICATE, RSA PRIVATE KEY, PRIVATE KEY, EC PRIVATE KEY, ENCRYPTED PRIVATE KEY, ... */
  label: string
  pem: string
}

// Labels are short capitals; the body is base64, with the header lines ("Proc-Type: 4,ENCRYPTED") of legacy keys.
const BLOCK = /-----BEGIN ([A-Z0-9 ]{1,40})-----\r?\n([A-Za-z0-9+/=\r\n:, -]*?)-----END \1-----/g

export function pemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(BLOCK)].map(([, label, body]) => {
    const lines = body
      .split(/\r?\n/)
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/\n+$/, '')
    return { label, pem: `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n` }
  })
}

/** The base64 lines of a block: what a log mask needs, as GitHub masks line by line. */
export const secretLines = (block: PemBlock): string[] =>
  block.pem.split('\n').filter((line) => line !== '' && !line.startsWith('-----'))
