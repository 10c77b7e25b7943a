import { readCredentialSource, type CredentialSource, type ReadInput } from './credentials.js'
import { parseEndpoint } from './endpoint.js'
import { InputError } from '../support/input-error.js'
import { checkProxyVariables } from './proxy-variables.js'
import { isAbsolute, relative, resolve } from 'node:path'
import { quoted } from '../support/untrusted.js'
import type { FileSettings } from '../steps/files/save.js'
import { readRebindTarget, type RebindTarget } from '../steps/switch/settings.js'
import { readInformation, type InformationSettings } from '../steps/information/settings.js'
import {
  booleanInput,
  CERTIFICATE_ID,
  listItems,
  named,
  numberIn,
  oneOf,
  pathStat,
  positiveSecondsIn,
  Problems,
  REGION
} from '../support/formats.js'
import {
  LANGUAGES,
  SUBMIT_APIS,
  VERIFY_TYPES,
  type Endpoint,
  type Env,
  type Language,
  type SubmitApi,
  type VerifyType
} from '../api/terms.js'

export interface ActionInputs {
  certificateIds: string[]
  /** Omitted from the request when not given, so the CA applies the certificate's own default. */
  verifyType?: VerifyType
  credentialSource: CredentialSource
  endpoint: Endpoint
  region?: string
  language: Language
  maxAttempts: number
  requestTimeoutSeconds: number
  summary: boolean
  skipSubmitted: boolean
  submitApi: SubmitApi
  deleteDnsAutoRecord: boolean
  /** Undefined when not waiting for issuance. */
  wait?: { timeoutSeconds: number }
  /** wait-interval: the pace of waiting, of the status rounds and of following a switch, with or without a wait. */
  intervalSeconds: number
  /** download-dir (absolute) and pfx-password; undefined when no file is to be written. */
  files?: FileSettings
  /** What is allowed but risky in the inputs, for warnings before anything is sent. */
  warnings: string[]
  /** validation-dir (absolute): where FILE validation records are written; undefined when not set. */
  validationDir?: string
  /** domain and its companions: each certificate's information, submitted before its order; undefined without domain. */
  information?: InformationSettings
  /** dry-run: reading calls only; what a real run would do is reported, nothing changed. */
  dryRun: boolean
  /** renew-certificate-id: certificateIds name the certificates in service, each followed to its newest renewal. */
  renewal?: { beforeDays?: number; silenceOld: boolean }
  /** replace-certificate-id and its companions; undefined when nothing is to be switched. */
  rebind?: RebindTarget & { disableOldExpiryNotices: boolean; timeoutSeconds: number }
}

const MAX_ATTEMPTS_LIMIT = 20
const REQUEST_TIMEOUT_LIMIT = 600
// A GitHub-hosted job runs for at most 6 hours.
const WAIT_TIMEOUT_LIMIT = 6 * 3600
const WAIT_INTERVAL_LIMIT = 600

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

/** renew-certificate-id and renew-before-days: undefined when the step orders certificates (certificate-id). */
function readRenewal(readInput: ReadInput): { beforeDays?: number } | undefined {
  const given = readInput('renew-before-days').trim()
  const beforeDays = given ? numberIn('renew-before-days', given, 1, 365, true) : undefined
  return readInput('renew-certificate-id').trim() ? (beforeDays === undefined ? {} : { beforeDays }) : undefined
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

function readDeleteDnsAutoRecord(value: string, submitApi: string): boolean {
  const deleteRecord = booleanInput('delete-dns-auto-record', value)
  if (deleteRecord && submitApi.toLowerCase() !== 'certificateordersubmit') {
    throw new InputError(
      'delete-dns-auto-record',
      'delete-dns-auto-record is true, but only submit-api CertificateOrderSubmit has that option: set submit-api: CertificateOrderSubmit, or drop delete-dns-auto-record.'
    )
  }
  return deleteRecord
}

/** download-dir and pfx-password: a folder (made when missing) and a password, which is masked before anything else. */
function readFileSettings(readInput: ReadInput, mask: (secret: string) => void): FileSettings | undefined {
  // Used exactly as given: a password may begin or end with a space.
  const password = readInput('pfx-password', { trimWhitespace: false })
  if (password) mask(password)
  const dir = readInput('download-dir').trim()
  if (!dir) {
    if (password) {
      throw new InputError(
        'pfx-password',
        'pfx-password is set, but download-dir is empty: set download-dir to the folder for the certificate files (for example ${{ runner.temp }}/certificates), or drop pfx-password.'
      )
    }
    return undefined
  }
  const absolute = folderInput('download-dir', dir, 'a folder')
  return { dir: absolute, ...(password ? { pfxPassword: password } : {}) }
}

/** A folder an input names, as an absolute path: made when missing, so only a file (or NUL) there is refused. */
function folderInput(input: string, value: string, what: string): string {
  if (value.includes('\0')) throw new InputError(input, `${input} contains a NUL character: give a folder path.`)
  const absolute = resolve(value)
  if (pathStat(input, absolute)?.isDirectory() === false) {
    throw new InputError(
      input,
      `${input} ${quoted(value)} is a file, not a folder: give ${what}, which is made when it does not exist.`
    )
  }
  return absolute
}

/** validation-dir: a folder (made when missing) for the FILE validation records, which the site then serves. */
function readValidationDir(value: string): string | undefined {
  return value
    ? folderInput('validation-dir', value, 'the folder your site is published from (for example public)')
    : undefined
}

/**
 * A download-dir inside the workspace: the private key then sits where an upload-artifact or cache step of the
 * workspace picks it up. `~/certs` (no shell expands it in `with:`) and `C:\certs` on Linux land there as relative
 * paths. Undefined when the folder is elsewhere.
 */
function workspaceWarning(files: FileSettings | undefined, env: Env): string | undefined {
  const workspace = env.GITHUB_WORKSPACE
  if (!files || !workspace) return undefined
  const inside = relative(resolve(workspace), files.dir)
  if (inside.startsWith('..') || isAbsolute(inside)) return undefined
  return (
    `download-dir resolves to ${quoted(files.dir)}, inside the workspace ${quoted(workspace)}: the private key written there is ` +
    'uploaded by any step that archives or caches the workspace (upload-artifact, cache). Use a folder outside it, ' +
    'such as ${{ runner.temp }}/certificates (the shell does not expand ~ in with:).'
  )
}

/**
 * Reads and checks every input before anything is sent. Credentials are read (and masked) first so that
 * nothing below can echo a secret; every other problem is collected so that one run names them all.
 */
export function readInputs(readInput: ReadInput, env: Env, mask: (secret: string) => void): ActionInputs {
  const problems = new Problems()
  const text = (name: string): string => readInput(name).trim()
  const seconds = (name: string, max: number) => () => positiveSecondsIn(name, text(name), max)
  const flag = (name: string) => () => booleanInput(name, text(name))

  const credentialSource = problems.read(() => readCredentialSource(readInput, env, mask))
  const files = problems.read(() => readFileSettings(readInput, mask))
  problems.read(() => checkProxyVariables(env, mask))
  const certificateIds = problems.read(() => readCertificateIds(readInput))
  const verifyType = problems.read(() =>
    text('verify-type') ? oneOf('verify-type', text('verify-type'), VERIFY_TYPES) : undefined
  )
  const validationDir = problems.read(() => readValidationDir(text('validation-dir')))
  const information = problems.read(() => readInformation(readInput, certificateIds, verifyType, mask))
  const endpoint = problems.read(() => parseEndpoint('endpoint', text('endpoint')))
  const region = problems.read(() => readRegion(text('region')))
  const language = problems.read(() => oneOf('language', text('language'), LANGUAGES))
  const maxAttempts = problems.read(() => numberIn('max-attempts', text('max-attempts'), 1, MAX_ATTEMPTS_LIMIT, true))
  const requestTimeoutSeconds = problems.read(seconds('request-timeout', REQUEST_TIMEOUT_LIMIT))
  const summary = problems.read(() => readSummary(readInput))
  const skipSubmitted = problems.read(flag('skip-submitted'))
  const submitApi = problems.read(() => oneOf('submit-api', text('submit-api'), SUBMIT_APIS))
  const deleteDnsAutoRecord = problems.read(() =>
    readDeleteDnsAutoRecord(text('delete-dns-auto-record'), text('submit-api'))
  )
  const waitForIssuance = problems.read(flag('wait-for-issuance'))
  const waitTimeoutSeconds = problems.read(() =>
    numberIn('wait-timeout', text('wait-timeout'), 1, WAIT_TIMEOUT_LIMIT, true)
  )
  const waitIntervalSeconds = problems.read(seconds('wait-interval', WAIT_INTERVAL_LIMIT))
  const renewal = problems.read(() => readRenewal(readInput))
  const dryRun = problems.read(flag('dry-run'))
  const rebindTarget = problems.read(() =>
    readRebindTarget(readInput, certificateIds, readInput('renew-certificate-id').trim() !== '')
  )
  const disableOldExpiryNotices = problems.read(flag('disable-old-expiry-notices'))
  const rebindTimeoutSeconds = problems.read(() =>
    numberIn('rebind-timeout', text('rebind-timeout'), 1, WAIT_TIMEOUT_LIMIT, true)
  )
  problems.check()

  return {
    certificateIds: certificateIds!,
    ...(verifyType ? { verifyType } : {}),
    credentialSource: credentialSource!,
    endpoint: endpoint!,
    ...(region ? { region } : {}),
    language: language!,
    maxAttempts: maxAttempts!,
    requestTimeoutSeconds: requestTimeoutSeconds!,
    summary: summary!,
    skipSubmitted: skipSubmitted!,
    submitApi: submitApi!,
    deleteDnsAutoRecord: deleteDnsAutoRecord!,
    ...(waitForIssuance ? { wait: { timeoutSeconds: waitTimeoutSeconds! } } : {}),
    intervalSeconds: waitIntervalSeconds!,
    ...(files ? { files } : {}),
    ...(information ? { information } : {}),
    ...(validationDir ? { validationDir } : {}),
    dryRun: dryRun!,
    ...(renewal ? { renewal: { ...renewal, silenceOld: disableOldExpiryNotices! } } : {}),
    warnings: [workspaceWarning(files, env)].filter((warning): warning is string => warning !== undefined),
    ...(rebindTarget
      ? {
          rebind: {
            ...rebindTarget,
            disableOldExpiryNotices: disableOldExpiryNotices!,
            timeoutSeconds: rebindTimeoutSeconds!
          }
        }
      : {})
  }
}
