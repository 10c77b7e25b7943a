// The renewal step's section of the job summary.
import type { BaseResult } from '../../flow/result.js'
import { type BoundedLines, code, heading, row } from '../../support/markdown.js'
import type { RenewalSlice } from './step.js'

const RENEWAL_WORDS: Readonly<Record<string, string>> = {
  'not-due': 'not due',
  'in-progress': '⏳ in progress',
  renewed: '✅ renewed',
  missing: '❌ missing',
  'switched-partly': '⚠️ switched partly (old one still bound)',
  'not-issued': '❌ renewal not issued',
  'would-renew': 'would renew'
}

/** renew-certificate-id: each line of certificates, and where its renewal stands. */
export function renewalSection(out: BoundedLines, results: readonly (BaseResult & RenewalSlice)[]): void {
  const renewed = results.filter((r) => r.Renewal !== undefined)
  if (renewed.length === 0) return
  out.add('### Renewal', '', ...heading('Named', 'Line followed', 'Newest', 'Renews', 'Days left', 'State'))
  out.addRows(renewed, (r) => {
    const { Chain, RenewsCertificateId, DaysLeft, State } = r.Renewal!
    const days = DaysLeft === null ? '—' : String(DaysLeft)
    return row(
      code(Chain[0] ?? ''),
      code(Chain.join(' → ')),
      code(r.CertificateId),
      code(RenewsCertificateId),
      days,
      RENEWAL_WORDS[State]
    )
  })
  out.add('')
}
