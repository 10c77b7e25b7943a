// alert-issue and github-token, read with the other inputs before anything is sent: the token masked first, the
// repository and the API address (GITHUB_API_URL, as on GitHub Enterprise) from the runner's environment.
import type { Env } from '../api/terms.js'
import { booleanInput, type ReadInput } from '../support/formats.js'
import { InputError } from '../support/input-error.js'
import { quoted } from '../support/untrusted.js'

export interface AlertSettings {
  token: string
  owner: string
  repo: string
  /** The REST API's address: GITHUB_API_URL, or api.github.com. */
  apiUrl: string
  /** This run's page, for the issue to link; '' when the environment does not say. */
  runUrl: string
  /** request-timeout: each GitHub call's bound. */
  timeoutMs: number
}

/** Why alert-issue is on but no call can be made, for a warning; undefined when nothing is wrong. */
export type AlertReading = { settings?: AlertSettings; warning?: string }

export function readAlertSettings(
  readInput: ReadInput,
  env: Env,
  mask: (secret: string) => void,
  timeoutMs: number
): AlertReading {
  const token = readInput('github-token').trim()
  const wanted = readInput('alert-issue').trim()
  // Read only for alert-issue (the runner masks its own github.token; a token given by hand is masked here first).
  if (token && !/^false$/i.test(wanted)) mask(token)
  if (!booleanInput('alert-issue', wanted)) return {}
  if (!token)
    return { warning: 'alert-issue is true, but github-token is empty: no issue is opened, changed or closed.' }
  const repository = env.GITHUB_REPOSITORY?.trim() ?? ''
  const parts = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repository)
  if (!parts)
    throw new InputError(
      'alert-issue',
      `alert-issue is true, but GITHUB_REPOSITORY ${quoted(repository)} is not owner/repo: the runner sets it; outside a runner, set it to the repository the issues go to.`
    )
  const apiUrl = (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, '')
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(apiUrl))
    throw new InputError(
      'alert-issue',
      `alert-issue is true, but GITHUB_API_URL ${quoted(apiUrl)} is not an http(s) address: the runner sets it.`
    )
  const server = (env.GITHUB_SERVER_URL?.trim() || 'https://github.com').replace(/\/+$/, '')
  const runId = env.GITHUB_RUN_ID?.trim() ?? ''
  const runUrl =
    /^\d+$/.test(runId) && /^https?:\/\/[^\s/]+$/.test(server) ? `${server}/${repository}/actions/runs/${runId}` : ''
  return { settings: { token, owner: parts[1], repo: parts[2], apiUrl, runUrl, timeoutMs } }
}
