import { readAlertSettings, type AlertSettings } from '../alert/settings.js'
import { readCredentialSource, type CredentialSource, type ReadInput } from './credentials.js'
import { parseEndpoint } from './endpoint.js'
import { InputError } from '../support/input-error.js'
import { checkProxyVariables } from './proxy-variables.js'
import { quoted } from '../support/untrusted.js'
import { workspaceWarning } from '../steps/files/settings.js'
import { readWaitInterval } from '../steps/wait/settings.js'
import { readCertificateSettings, type CertificateSettings } from '../steps/index.js'
import {
  booleanInput,
  CERTIFICATE_ID,
  listItems,
  named,
  numberIn,
  oneOf,
  positiveSecondsIn,
  Problems,
  REGION
} from '../support/formats.js'
import { LANGUAGES, VERIFY_TYPES, type Endpoint, type Env, type Language } from '../api/terms.js'

export interface ActionInputs {
  certificateIds: string[]
  credentialSource: CredentialSource
  endpoint: Endpoint
  region?: string
  language: Language
  maxAttempts: number
  requestTimeoutSeconds: number
  summary: boolean
  /** dry-run: reading calls only; what a real run would do is reported, nothing changed. */
  dryRun: boolean
  /** wait-interval, in milliseconds: the pace of waiting, of the status rounds and of following a switch. */
  intervalMs: number
  /** What is allowed but risky in the inputs, for warnings before anything is sent. */
  warnings: string[]
  /** Every certificate's settings, as each step reads its own from the inputs. */
  certificate: CertificateSettings
  /** alert-issue with a token: where the alert issues go. */
  alert?: AlertSettings
}

const MAX_ATTEMPTS_LIMIT = 20
export const REQUEST_TIMEOUT_LIMIT = 600

/**
 * The certificate IDs named by certificate-id, or by renew-certificate-id (exactly one of them): separated by commas,
 * spaces or new lines, duplicates dropped, order kept. Also used to give every certificate a result when another
 * input is wrong.
 */
export function readCertificateIds(readInput: ReadInput): string[] {
  const given = ['certificate-id', 'renew-certificate-id'].filter((name) => readInput(name).trim() !== '')
  if (given.length === 2) {
    throw new InputError(
      'renew-certificate-id',
      'certificate-id and renew-certificate-id are both set: give certificate-id to order certificates, or renew-certificate-id to keep the certificates in service renewed, not both.'
    )
  }
  const input = given[0] ?? 'certificate-id'
  const ids = [...new Set(listItems(readInput(input)))]
  if (ids.length === 0) {
    throw new InputError(
      'certificate-id',
      'certificate-id is empty: give the ID of the paid certificate to submit (for example "hehj3jsj"), or several separated by commas, spaces or new lines; or renew-certificate-id, the certificate in service to keep renewed.'
    )
  }
  const malformed = ids.filter((id) => !CERTIFICATE_ID.test(id))
  if (malformed.length > 0) {
    throw new InputError(
      input,
      `${input} ${named(malformed)} ${malformed.length === 1 ? 'is not a certificate ID' : 'are not certificate IDs'}: ` +
        'expected letters, digits, "-" or "_" only (for example "hehj3jsj"), several separated by commas, spaces or new lines.'
    )
  }
  return ids
}

/** summary, with the rules of every boolean input; read on its own too when another input is wrong. */
export function readSummary(readInput: ReadInput): boolean {
  return booleanInput('summary', readInput('summary').trim())
}

function readRegion(value: string): string | undefined {
  if (value && !REGION.test(value)) {
    throw new InputError(
      'region',
      `region ${quoted(value)} is not a Tencent Cloud region: use a name such as ap-guangzhou, or leave it empty.`
    )
  }
  return value || undefined
}

/**
 * Reads and checks every input before anything is sent. Credentials are read (and masked) first so that
 * nothing below can echo a secret; every other problem is collected so that one run names them all.
 */
export function readInputs(readInput: ReadInput, env: Env, mask: (secret: string) => void): ActionInputs {
  const problems = new Problems()
  const text = (name: string): string => readInput(name).trim()

  const credentialSource = problems.read(() => readCredentialSource(readInput, env, mask))
  problems.read(() => checkProxyVariables(env, mask))
  const certificateIds = problems.read(() => readCertificateIds(readInput))
  const endpoint = problems.read(() => parseEndpoint('endpoint', text('endpoint')))
  const region = problems.read(() => readRegion(text('region')))
  const language = problems.read(() => oneOf('language', text('language'), LANGUAGES))
  const maxAttempts = problems.read(() => numberIn('max-attempts', text('max-attempts'), 1, MAX_ATTEMPTS_LIMIT, true))
  const requestTimeoutSeconds = problems.read(() =>
    positiveSecondsIn('request-timeout', text('request-timeout'), REQUEST_TIMEOUT_LIMIT)
  )
  // The token is masked here, before anything is printed, whatever else is wrong.
  const alert = problems.read(() => readAlertSettings(readInput, env, mask, (requestTimeoutSeconds ?? 30) * 1000))
  const summary = problems.read(() => readSummary(readInput))
  const dryRun = problems.read(() => booleanInput('dry-run', text('dry-run')))
  // What more than one step shares, then each step's own settings, read by the step.
  const verifyType = problems.read(() =>
    text('verify-type') ? oneOf('verify-type', text('verify-type'), VERIFY_TYPES) : undefined
  )
  const intervalMs = problems.read(() => readWaitInterval(readInput)) ?? 0
  const disableOldExpiryNotices =
    problems.read(() => booleanInput('disable-old-expiry-notices', text('disable-old-expiry-notices'))) ?? false
  const context = {
    readInput,
    mask,
    certificateIds,
    verifyType,
    intervalMs,
    disableOldExpiryNotices,
    env,
    requestTimeoutSeconds: requestTimeoutSeconds ?? 1,
    parseEndpoint
  }
  const certificate = readCertificateSettings(context, problems)
  problems.check()

  return {
    certificateIds: certificateIds!,
    credentialSource: credentialSource!,
    endpoint: endpoint!,
    ...(region ? { region } : {}),
    language: language!,
    maxAttempts: maxAttempts!,
    requestTimeoutSeconds: requestTimeoutSeconds!,
    summary: summary!,
    dryRun: dryRun!,
    intervalMs,
    warnings: [workspaceWarning(certificate.files, env), alert?.warning].filter(
      (warning): warning is string => warning !== undefined
    ),
    ...(alert?.settings ? { alert: alert.settings } : {}),
    // Every step read its own: what the order needs is always there once no problem was found.
    certificate: certificate as CertificateSettings
  }
}
