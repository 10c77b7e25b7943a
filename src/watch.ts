// A watch: verify-hosts without certificate-id or renew-certificate-id. Each host is asked once over TLS what it serves
// (whatever issued it), no Tencent Cloud credentials needed and no Tencent Cloud call made; a host not serving fails
// the step with ActionError.NotServed, and with alert-issue, opens or updates that host's issue.
import * as core from '@actions/core'
import { ActionErrorCode } from './api/errors.js'
import { readAlertSettings, type AlertSettings } from './alert/settings.js'
import { sendAlerts } from './alert/issues.js'
import { hostSubject, type AlertSubject } from './alert/text.js'
import { KEY_VARIABLES } from './inputs/credentials.js'
import { checkProxyVariables } from './inputs/proxy-variables.js'
import type { Job } from './job.js'
import { hintFor } from './report/advice.js'
import { publishWatch } from './report/publish.js'
import { checkHosts, HandshakePool } from './served/check.js'
import { hostLabel, type ServedHost } from './served/host.js'
import { hostProblem, notServingHosts, ServedCode } from './steps/served/codes.js'
import { readVerifySettings, withConnectTo, type VerifySettings } from './steps/served/settings.js'
import { booleanInput, despite, positiveSecondsIn, Problems, type ReadInput } from './support/formats.js'
import { InputError } from './support/input-error.js'
import type { Env } from './api/terms.js'
import { print } from './support/log.js'
import { readSummary, REQUEST_TIMEOUT_LIMIT } from './inputs/inputs.js'

/** Inputs that only a certificate's steps read: set in a watch, they are a mistake to name. */
const CERTIFICATE_INPUTS = [
  'replace-certificate-id',
  'resource-types',
  'resource-regions',
  'domain',
  'other-domains',
  'download-dir',
  'dns-provider',
  'validation-dir',
  'csr',
  'information',
  'verify-type'
]
const SECRET_INPUTS = ['secret-id', 'secret-key', 'session-token', 'pfx-password']

export interface WatchInputs {
  verify: VerifySettings
  summary: boolean
  dryRun: boolean
  alert?: AlertSettings
  warnings: string[]
}

export function readWatchInputs(readInput: ReadInput, env: Env, mask: (secret: string) => void): WatchInputs {
  // Secrets given with the watch (a step copied from an order) are masked before anything can print them.
  for (const name of SECRET_INPUTS) if (readInput(name).trim()) mask(readInput(name).trim())
  for (const name of KEY_VARIABLES) if (env[name]?.trim()) mask(env[name].trim())
  const problems = new Problems()
  problems.read(() => checkProxyVariables(env, mask))
  const text = (name: string): string => readInput(name).trim()
  const timeoutSeconds = problems.read(() =>
    positiveSecondsIn('request-timeout', text('request-timeout'), REQUEST_TIMEOUT_LIMIT)
  )
  const alert = problems.read(() => readAlertSettings(readInput, env, mask, (timeoutSeconds ?? 30) * 1000))
  const summary = problems.read(() => readSummary(readInput))
  const dryRun = problems.read(() => booleanInput('dry-run', text('dry-run')))
  const verify = problems.read(
    () =>
      readVerifySettings(readInput, {
        switchable: false,
        intervalMs: 0,
        handshakeTimeoutMs: (timeoutSeconds ?? 30) * 1000
      }).verify
  )
  const stray = CERTIFICATE_INPUTS.filter((name) => text(name) !== '')
  if (stray.length > 0)
    problems.read(() => {
      throw new InputError(
        stray[0],
        `${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set, but certificate-id and renew-certificate-id are empty: ` +
          'a step with verify-hosts alone watches hosts and orders nothing; give certificate-id (or renew-certificate-id), or drop them.'
      )
    })
  problems.check()
  return {
    verify: verify!,
    summary: summary!,
    dryRun: dryRun!,
    ...(alert?.settings ? { alert: alert.settings } : {}),
    warnings: alert?.warning ? [alert.warning] : []
  }
}

/** The failure of a watch whose hosts are not all serving; undefined when they are. */
export function watchFailure(entries: readonly ServedHost[]): { code: string; message: string } | undefined {
  if (entries.every((entry) => entry.State === 'serving')) return undefined
  const { count, named } = notServingHosts(entries)
  return { code: ServedCode.NotServed, message: `${count} are not serving a certificate as they should: ${named}` }
}

/** Each host, failed or not, as the alert issue takes it. */
function hostSubjects(entries: readonly ServedHost[]): AlertSubject[] {
  return entries.map((entry) => {
    const subject = hostSubject({ host: entry.Host, port: entry.Port })
    if (entry.State === 'serving') return subject
    return {
      ...subject,
      failure: {
        code: ServedCode.NotServed,
        message: hostProblem(entry),
        advice: hintFor(ServedCode.NotServed),
        hosts: [entry]
      }
    }
  })
}

export async function runWatch(job: Job): Promise<void> {
  let inputs: WatchInputs
  try {
    inputs = readWatchInputs(core.getInput, process.env, job.secrets.mask)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    await publishWatch(
      job.secrets,
      [],
      despite(() => readSummary(core.getInput), true),
      {
        problem: {
          code: ActionErrorCode.InvalidInput,
          headline: 'Nothing was checked: the inputs are wrong.',
          message: error.message
        }
      }
    )
    return
  }
  for (const warning of inputs.warnings) print.warning(warning)
  const { verify } = inputs
  const targets = withConnectTo(verify.hosts, verify.connectTo)
  const preview = inputs.dryRun ? 'Preview (dry-run: no issue is opened or changed) of a watch' : 'Watching'
  print.info(
    `${preview}: ${targets.length} host${targets.length === 1 ? '' : 's'} over TLS (${targets.slice(0, 5).map(hostLabel).join(', ')}${targets.length > 5 ? ', …' : ''}); expiring below ${verify.minDays} days; no Tencent Cloud call is made`
  )
  const entries = await checkHosts(
    targets,
    { minDays: verify.minDays, now: Date.now() },
    {
      timeoutMs: verify.handshakeTimeoutMs,
      env: process.env,
      pool: new HandshakePool(),
      ...(job.trustedCa ? { ca: job.trustedCa } : {})
    }
  )
  for (const entry of entries)
    print.info(
      `${hostLabel({ host: entry.Host, port: entry.Port })}: ${entry.State}${entry.Reason ? `: ${entry.Reason}` : ''}`
    )
  const failure = watchFailure(entries)
  await publishWatch(job.secrets, entries, inputs.summary, {
    ...(failure ? { failure } : {}),
    preview: inputs.dryRun
  })
  if (inputs.alert && !inputs.dryRun && !job.cancellation.cancelled)
    await sendAlerts(inputs.alert, job.secrets.hideIn(hostSubjects(entries)), print, job.clock.sleep)
}
