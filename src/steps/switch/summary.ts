// The switch step's section of the job summary.
import type { BaseResult } from '../../flow/result.js'
import { type BoundedLines, cell, code, heading, row } from '../../support/markdown.js'
import type { SwitchSlice } from './step.js'

/** replace-certificate-id: each switch, then every resource, failures first. */
export function switchSection(out: BoundedLines, results: readonly (BaseResult & SwitchSlice)[]): void {
  const rebound = results.filter((r) => r.Rebind !== undefined)
  if (rebound.length === 0) return
  out.add('### Rebinding', '', ...heading('Certificate', 'Replaces', 'Task', 'Switched', 'Failed', 'Note'))
  out.addRows(rebound, (r) => {
    const { OldCertificateId, DeployRecordId, SuccessTotalCount, FailedTotalCount, Note } = r.Rebind!
    const task = DeployRecordId ? String(DeployRecordId) : '—'
    const counted = [String(SuccessTotalCount), String(FailedTotalCount)]
    return row(code(r.CertificateId), code(OldCertificateId), task, ...counted, cell(Note ?? ''))
  })
  const resources = rebound.flatMap((r) => r.Rebind!.Resources.map((resource) => ({ id: r.CertificateId, resource })))
  if (resources.length > 0) {
    out.add('', ...heading('Certificate', 'Type', 'Region', 'Instance', 'Listener', 'Domains', 'Outcome'))
    // Failures first: a long table must not push them out.
    const ordered = [
      ...resources.filter((r) => r.resource.Outcome !== 'switched'),
      ...resources.filter((r) => r.resource.Outcome === 'switched')
    ]
    out.addRows(ordered, ({ id, resource: s }) => {
      const instance = [s.InstanceId, s.InstanceName].filter(Boolean).join(' ')
      const listener = [s.ListenerId, s.ListenerName].filter(Boolean).join(' ')
      const why = s.ErrorMsg ? `: ${cell(s.ErrorMsg)}` : ''
      const outcome = s.Outcome === 'switched' ? '✅ switched' : `❌ ${cell(s.Outcome)}${why}`
      const where = [code(s.ResourceType), code(s.Region), code(instance), code(listener), code(s.Domains.join(', '))]
      return row(code(id), ...where, outcome)
    })
  }
  out.add('')
}
