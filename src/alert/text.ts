// What the alert issue says: a title naming the certificate or host, a hidden marker on the body's first line that
// identifies it, what failed with its code, what to do, and a link to the run. Text from a server or a certificate is
// shown as code (no link, image or HTML can form from it, bare URLs included); the action's own words are escaped.
import { hostLabel, type ServedHost } from '../served/host.js'
import { BoundedLines, cell, code, heading, row } from '../support/markdown.js'

export const ALERT_LABEL = 'certificate-alert'
/** GitHub refuses an issue body or comment over 65,536 characters. */
const BODY_BUDGET_BYTES = 60_000

/** Something the step can fail for: a certificate, or a host a watch checked. */
export interface AlertSubject {
  /** What the marker holds: `certificate <id>` or `host <host>:<port>`; only ID and host characters. */
  key: string
  /** For the title and the text: `certificate hehj3jsj`, `host www.example.com`. */
  name: string
  /** Undefined: it succeeded in this run. */
  failure?: {
    code: string
    message: string
    advice: string
    requestId?: string
    /** The hosts checked for it, when any was not serving. */
    hosts?: readonly ServedHost[]
  }
}

export const certificateSubject = (id: string): Pick<AlertSubject, 'key' | 'name'> => ({
  key: `certificate ${id}`,
  name: `certificate ${id}`
})

export const hostSubject = (host: { host: string; port: number }): Pick<AlertSubject, 'key' | 'name'> => ({
  key: `host ${host.host}:${host.port}`,
  name: `host ${hostLabel(host)}`
})

/** The hidden first line that identifies a subject's issue. */
export const markerOf = (key: string): string => `<!-- tencentcloud-ssl-action alert: ${key} -->`

/** The subject an issue is for, read from its body's first line only (text further down may quote anything). */
export function keyOf(body: string | null | undefined): string | undefined {
  const first = (body ?? '').split('\n', 1)[0].trim()
  return /^<!-- tencentcloud-ssl-action alert: ([A-Za-z0-9_.:[\] -]+) -->$/.exec(first)?.[1]
}

export const titleOf = (subject: AlertSubject): string => `SSL certificate alert: ${subject.name}`

const runLink = (runUrl: string, words: string): string => (runUrl ? `[${words}](${runUrl})` : words)

function failureLines(out: BoundedLines, failure: NonNullable<AlertSubject['failure']>): void {
  out.add(
    `**Error:** ${code(failure.code)}${failure.requestId ? ` (RequestId ${code(failure.requestId)})` : ''}`,
    '',
    `**What failed:** ${code(failure.message)}`,
    '',
    `**What to do:** ${cell(failure.advice)}`,
    ''
  )
  const hosts = failure.hosts?.filter((entry) => entry.State !== 'serving') ?? []
  if (hosts.length === 0) return
  out.add(...heading('Host', 'State', 'Days left', 'Serves', 'Why'))
  out.addRows(hosts, (entry) =>
    row(
      code(hostLabel({ host: entry.Host, port: entry.Port })),
      entry.State,
      entry.DaysLeft === null ? '—' : String(entry.DaysLeft),
      entry.Fingerprint ? `${code(entry.Fingerprint.slice(0, 16))} ${code(entry.Names.join(' '))}` : '—',
      code(entry.Reason)
    )
  )
  out.add('')
}

const finish = (out: BoundedLines): string =>
  [...out.lines, ...(out.omitted > 0 ? [`_${out.omitted} more lines: see the run's summary._`] : [])].join('\n')

/** A new issue's body. */
export function issueBody(subject: AlertSubject, runUrl: string): string {
  const out = new BoundedLines(BODY_BUDGET_BYTES)
  out.add(
    markerOf(subject.key),
    `The certificate step failed for ${cell(subject.name)} in ${runLink(runUrl, 'this run')}.`,
    ''
  )
  failureLines(out, subject.failure!)
  out.add(
    '_Opened by the Tencent Cloud SSL certificate action (alert-issue). Each run that fails for it adds a comment; the first that succeeds closes it._'
  )
  return finish(out)
}

/** A later failing run's comment on the open issue. */
export function failingComment(subject: AlertSubject, runUrl: string): string {
  const out = new BoundedLines(BODY_BUDGET_BYTES)
  out.add(`Still failing in ${runLink(runUrl, 'this run')}.`, '')
  failureLines(out, subject.failure!)
  return finish(out)
}

/** The comment that closes the issue, when a run succeeds for its subject. */
export const resolvedComment = (subject: AlertSubject, runUrl: string): string =>
  `${cell(subject.name)} succeeded in ${runLink(runUrl, 'this run')}: closing.`
