// The alert issue, through @actions/github (loaded only when alert-issue is on): the open issues labelled
// certificate-alert listed once, then for each subject that failed a comment on its issue or a new one, and for each
// that succeeded a comment and the close of its issue only. Writes go one at a time, paced after a burst, as GitHub
// asks of content-creating requests. A refused or failed call is a warning, never a second failure.
import { errorMessage } from '../support/error-message.js'
import { untrusted } from '../support/untrusted.js'
import type { AlertSettings } from './settings.js'
import { ALERT_LABEL, failingComment, issueBody, keyOf, resolvedComment, titleOf, type AlertSubject } from './text.js'

/** Open alert issues read at most: 10 pages of 100. */
const MAX_PAGES = 10
/** Writes (issues, comments, closes) one run makes at most; the rest are named in a warning. */
export const MAX_WRITES = 30
/** Writes sent at once before each waits WRITE_INTERVAL_MS after the last. */
const BURST = 5
const WRITE_INTERVAL_MS = 1000

export interface AlertLog {
  info(line: string): void
  warning(line: string): void
}

interface Issue {
  number: number
  body?: string | null
  pull_request?: unknown
}

/** A GitHub error in words: its status and message, neutralised. */
function describe(error: unknown): string {
  const status = (error as { status?: unknown }).status
  const message = untrusted(errorMessage(error), 300)
  return typeof status === 'number' ? `HTTP ${status}: ${message}` : message
}

const permissionHint = (error: unknown): string => {
  const status = (error as { status?: unknown }).status
  return status === 401 || status === 403 || status === 404
    ? ' Give the job `permissions: issues: write` (and a github-token that can write issues in this repository).'
    : ''
}

/** Sends what each subject needs; resolves when done, never rejects. */
export async function sendAlerts(
  settings: AlertSettings,
  subjects: readonly AlertSubject[],
  log: AlertLog,
  /** The job's sleep, which ends (rejecting) when the job is cancelled. */
  sleep: (ms: number) => Promise<void>
): Promise<void> {
  if (subjects.length === 0) return
  try {
    await send(settings, subjects, log, sleep)
  } catch (error) {
    log.warning(`The alert issues could not be updated: ${describe(error)}.${permissionHint(error)}`)
  }
}

async function send(
  settings: AlertSettings,
  subjects: readonly AlertSubject[],
  log: AlertLog,
  sleep: (ms: number) => Promise<void>
): Promise<void> {
  const { getOctokit } = await import('@actions/github')
  const octokit = getOctokit(settings.token, { baseUrl: settings.apiUrl })
  const { owner, repo } = settings
  const request = () => ({ signal: AbortSignal.timeout(settings.timeoutMs) })

  const open = new Map<string, number>()
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await octokit.rest.issues.listForRepo({
      owner,
      repo,
      state: 'open',
      labels: ALERT_LABEL,
      per_page: 100,
      page,
      request: request()
    })
    for (const issue of data as Issue[]) {
      const key = issue.pull_request ? undefined : keyOf(issue.body)
      if (key && !open.has(key)) open.set(key, issue.number)
    }
    if (data.length < 100) break
  }

  let writes = 0
  const left: string[] = []
  const write = async (subject: AlertSubject, what: string, call: () => Promise<unknown>): Promise<boolean> => {
    if (writes >= MAX_WRITES) {
      left.push(subject.name)
      return false
    }
    if (writes >= BURST) await sleep(WRITE_INTERVAL_MS)
    writes++
    try {
      await call()
      return true
    } catch (error) {
      log.warning(
        `The alert issue for ${subject.name} could not be ${what}: ${describe(error)}.${permissionHint(error)}`
      )
      return false
    }
  }

  for (const subject of subjects) {
    const number = open.get(subject.key)
    if (subject.failure) {
      if (number !== undefined) {
        const commented = await write(subject, 'commented on', () =>
          octokit.rest.issues.createComment({
            owner,
            repo,
            issue_number: number,
            body: failingComment(subject, settings.runUrl),
            request: request()
          })
        )
        if (commented) log.info(`Alert issue #${number} for ${subject.name}: still failing, commented`)
      } else {
        let created = 0
        const opened = await write(subject, 'opened', async () => {
          const { data } = await octokit.rest.issues.create({
            owner,
            repo,
            title: titleOf(subject),
            body: issueBody(subject, settings.runUrl),
            labels: [ALERT_LABEL],
            request: request()
          })
          created = data.number
        })
        if (opened) log.info(`Alert issue #${created} opened for ${subject.name}`)
      }
    } else if (number !== undefined) {
      const closed = await write(subject, 'closed', async () => {
        await octokit.rest.issues.createComment({
          owner,
          repo,
          issue_number: number,
          body: resolvedComment(subject, settings.runUrl),
          request: request()
        })
        await octokit.rest.issues.update({
          owner,
          repo,
          issue_number: number,
          state: 'closed',
          state_reason: 'completed',
          request: request()
        })
      })
      if (closed) log.info(`Alert issue #${number} for ${subject.name}: succeeded, closed`)
    }
  }
  if (left.length > 0)
    log.warning(
      `Alert issues: ${left.length} more subjects needed an issue change past the ${MAX_WRITES} writes one run makes (${left.slice(0, 10).join(', ')}${left.length > 10 ? ', …' : ''}); the next run carries on.`
    )
}
