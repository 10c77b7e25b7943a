// The validation step's sections of the job summary: the records the CA asks for, those written at the DNS provider,
// then each domain's last check.
import type { BaseResult } from '../../flow/result.js'
import { recordLocation } from '../../api/validation-records.js'
import { type BoundedLines, cell, code, heading, row } from '../../support/markdown.js'
import type { ValidationSlice } from './step.js'

/** Tencent Cloud's LocalCheck codes, as a cell says them. */
const LOCAL_CHECK_WORDS: Readonly<Record<number, string>> = {
  1: '✅ found',
  [-1]: '❌ TXT record not found (or the check was rate-limited)',
  [-2]: '❌ TXT record holds another value',
  [-3]: '❌ NS record not found',
  [-4]: '❌ file not found',
  [-5]: '❌ file holds other content',
  [-6]: '❌ CNAME record not found',
  [-7]: '❌ CNAME record holds another value',
  [-8]: '❌ NS record not found',
  [-9]: '❌ file not found',
  [-10]: '❌ file holds other content'
}

/** While waiting: each domain's last check, as Tencent Cloud sees it and as the CA says. */
function addVerification(out: BoundedLines, results: readonly (BaseResult & ValidationSlice)[]): void {
  const checks = results.flatMap((r) => (r.Verification ?? []).map((check) => ({ id: r.CertificateId, check })))
  if (checks.length === 0) return
  const columns = ['Certificate', 'Domain', 'Tencent Cloud sees', 'Found', 'Reason', 'The CA']
  out.add('### Domain validation checks', '', ...heading(...columns))
  out.addRows(checks, ({ id, check }) => {
    const seen = LOCAL_CHECK_WORDS[check.LocalCheck] ?? `LocalCheck ${check.LocalCheck}`
    const ca = check.CaCheck === 2 ? '✅ passed' : 'not passed yet'
    return row(code(id), code(check.Domain), seen, code(check.Found.join(', ')), cell(check.Reason), ca)
  })
  out.add('')
}

/** What each record's state means, as a cell says it. */
const DNS_STATE_WORDS: Readonly<Record<string, string>> = {
  created: '✍️ created',
  existing: 'already there',
  removed: '🧹 removed',
  kept: '⏳ kept until issued',
  conflict: '❌ conflict'
}

/** With dns-provider: each record at the provider, its state and where it is visible. */
function addDnsRecords(out: BoundedLines, results: readonly (BaseResult & ValidationSlice)[]): void {
  const records = results.flatMap((r) => (r.DnsRecords ?? []).map((record) => ({ id: r.CertificateId, record })))
  if (records.length === 0) return
  const columns = ['Certificate', 'Provider', 'Zone', 'Record', 'State', 'Visible at nameservers']
  out.add('### DNS records at the provider', '', ...heading(...columns))
  out.addRows(records, ({ id, record }) =>
    row(
      code(id),
      code(record.Provider),
      code(record.Zone),
      code(`${record.Type} ${record.Name}`),
      DNS_STATE_WORDS[record.State] ?? cell(record.State),
      code(record.Visible)
    )
  )
  out.add('')
}

export function validationSection(out: BoundedLines, results: readonly (BaseResult & ValidationSlice)[]): void {
  const records = results.flatMap((r) => (r.DvAuths ?? []).map((record) => ({ id: r.CertificateId, record })))
  if (records.length > 0) {
    const columns = ['Certificate', 'Type', 'DNS zone or site', 'Host record or file path', 'Value']
    out.add('### Domain validation records', '', ...heading(...columns))
    out.addRows(records, ({ id, record }) => {
      const { type, zone, name, value } = recordLocation(record)
      return row(code(id), code(type), code(zone), code(name), code(value))
    })
    out.add('')
  }
  addDnsRecords(out, results)
  addVerification(out, results)
}
