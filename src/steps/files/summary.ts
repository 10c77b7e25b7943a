// The files step's section of the job summary.
import { dirname } from 'node:path'
import type { BaseResult } from '../../flow/result.js'
import { type BoundedLines, cell, code, heading, row } from '../../support/markdown.js'
import type { FilesSlice } from './step.js'

/** download-dir: each certificate's validity, fingerprint and folder, or why it has no files. */
export function filesSection(out: BoundedLines, results: readonly (BaseResult & FilesSlice)[]): void {
  const delivered = results.filter((r) => r.Files !== undefined || r.FilesNote !== undefined)
  if (delivered.length === 0) return
  const columns = ['Certificate', 'Valid from (UTC)', 'Valid until (UTC)', 'SHA-256 fingerprint', 'Folder', 'Note']
  out.add('### Certificate files', '', ...heading(...columns))
  out.addRows(delivered, (r) => {
    const folder = r.Files ? dirname(r.Files.FullchainPath) : ''
    const validity = [code(r.NotBefore ?? ''), code(r.NotAfter ?? '')]
    return row(code(r.CertificateId), ...validity, code(r.Fingerprint ?? ''), code(folder), cell(r.FilesNote ?? ''))
  })
  out.add('')
}
