// The served check's section of the job summary, and the same table for a watch: failing hosts first, each with its
// state, days left, the leaf it serves and why it is not serving. Certificate text is shown as code, never rendered.
import type { ServedHost } from '../../served/host.js'
import { hostLabel } from '../../served/host.js'
import { type BoundedLines, cell, code, heading, row } from '../../support/markdown.js'
import type { ServedResult } from './slice.js'

const MARKS: Readonly<Record<string, string>> = { serving: '✅', expiring: '⚠️' }

/** One table of hosts, failing first; `certificateId` adds a column when the hosts belong to certificates. */
export function servedTable(out: BoundedLines, rows: readonly { certificateId?: string; entry: ServedHost }[]): void {
  const withCertificate = rows.some((r) => r.certificateId !== undefined)
  out.add(
    ...heading(...(withCertificate ? ['Certificate'] : []), 'Host', 'State', 'Days left', 'Serves', 'Issuer', 'Why')
  )
  const ordered = [
    ...rows.filter((r) => r.entry.State !== 'serving'),
    ...rows.filter((r) => r.entry.State === 'serving')
  ]
  out.addRows(ordered, ({ certificateId, entry }) => {
    const serves = entry.Fingerprint ? `${code(entry.Fingerprint.slice(0, 16))} ${code(entry.Names.join(' '))}` : '—'
    return row(
      ...(withCertificate ? [code(certificateId ?? '')] : []),
      code(hostLabel({ host: entry.Host, port: entry.Port })),
      `${MARKS[entry.State] ?? '❌'} ${entry.State}`,
      entry.DaysLeft === null ? '—' : String(entry.DaysLeft),
      serves,
      code(entry.Issuer),
      cell(entry.Reason)
    )
  })
  out.add('')
}

/** verify-hosts: every certificate's hosts. */
export function servedSection(out: BoundedLines, results: readonly ServedResult[]): void {
  const rows = results.flatMap((r) => (r.Served ?? []).map((entry) => ({ certificateId: r.CertificateId, entry })))
  if (rows.length === 0) return
  out.add('### Served over TLS', '')
  servedTable(out, rows)
}
