import { readCredentialSource, type CredentialSource, type Env, type ReadInput } from './credentials.js'
import { parseEndpoint, type Endpoint } from './endpoint.js'
import { InputError } from './input-error.js'
import { checkProxyVariables } from './proxy.js'
import { quoted } from './untrusted.js'

export const VERIFY_TYPES = ['DNS_AUTO', 'DNS', 'FILE'] as const
export type VerifyType = (typeof VERIFY_TYPES)[number]
export const LANGUAGES = ['en-US', 'zh-CN'] as const
export type Language = (typeof LANGUAGES)[number]
export const SUBMIT_APIS = ['CommitCertificateInformation', 'CertificateOrderSubmit'] as const
export type SubmitApi = (typeof SUBMIT_APIS)[number]

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
  wait?: { timeoutSeconds: number; intervalSeconds: number }
}

const CERTIFICATE_ID = /^[A-Za-z0-9_-]+$/
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/
const MAX_ATTEMPTS_LIMIT = 20
const REQUEST_TIMEOUT_LIMIT = 600
// A GitHub-hosted job runs for at most 6 hours.
const WAIT_TIMEOUT_LIMIT = 6 * 3600
const WAIT_INTERVAL_LIMIT = 600

/** An input problem names at most this many wrong values: the message is for a person, however long the list. */
const NAMED_AT_MOST = 5

/**
 * The certificate IDs named by the input: separated by commas, spaces or new lines, duplicates dropped,
 * order kept. Also used to give every certificate a result when another input is wrong.
 */
export function readCertificateIds(readInput: ReadInput): string[] {
  const ids = [
    ...new Set(
      readInput('certificate-id')
        .split(/[\s,]+/)
        .filter((id) => id !== '')
    )
  ]
  if (ids.length === 0) {
    throw new InputError(
      'certificate-id',
      'certificate-id is empty: give the ID of the paid certificate to submit (for example "hehj3jsj"), or several separated by commas, spaces or new lines.'
    )
  }
  const malformed = ids.filter((id) => !CERTIFICATE_ID.test(id))
  if (malformed.length > 0) {
    const named = malformed.slice(0, NAMED_AT_MOST).map(quoted).join(', ')
    const more = malformed.length > NAMED_AT_MOST ? ` and ${malformed.length - NAMED_AT_MOST} more` : ''
    throw new InputError(
      'certificate-id',
      `certificate-id ${named}${more} ${malformed.length === 1 ? 'is not a certificate ID' : 'are not certificate IDs'}: ` +
        'expected letters, digits, "-" or "_" only (for example "hehj3jsj"), several separated by commas, spaces or new lines.'
    )
  }
  return ids
}

function oneOf<T extends string>(input: string, value: string, allowed: readonly T[]): T {
  const match = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase())
  if (match === undefined) {
    throw new InputError(input, `${input} ${quoted(value)} is not allowed: use one of ${allowed.join(', ')}.`)
  }
  return match
}

function numberIn(input: string, value: string, min: number, max: number, integer: boolean): number {
  const parsed = Number(value)
  const pattern = integer ? /^\d+$/ : /^\d+(\.\d+)?$/
  if (!pattern.test(value) || parsed < min || parsed > max) {
    const kind = integer ? 'a whole number' : 'a number of seconds'
    throw new InputError(input, `${input} ${quoted(value)} is not allowed: use ${kind} from ${min} to ${max}.`)
  }
  return parsed
}

function positiveSecondsIn(input: string, value: string, max: number): number {
  const parsed = numberIn(input, value, 0, max, false)
  if (parsed === 0) throw new InputError(input, `${input} "0" is not allowed: use a number of seconds above 0.`)
  return parsed
}

function booleanInput(input: string, value: string): boolean {
  if (/^true$/i.test(value)) return true
  if (/^false$/i.test(value)) return false
  throw new InputError(input, `${input} ${quoted(value)} is not allowed: use true or false.`)
}

/**
 * Reads and checks every input before anything is sent. Credentials are read (and masked) first so that
 * nothing below can echo a secret; every other problem is collected so that one run names them all.
 */
export function readInputs(readInput: ReadInput, env: Env, mask: (secret: string) => void): ActionInputs {
  const problems: InputError[] = []
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read()
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      problems.push(error)
      return undefined
    }
  }
  const text = (name: string): string => readInput(name).trim()
  const seconds = (name: string, max: number): number => positiveSecondsIn(name, text(name), max)

  const credentialSource = attempt(() => readCredentialSource(readInput, env, mask))
  attempt(() => checkProxyVariables(env, mask))
  const certificateIds = attempt(() => readCertificateIds(readInput))
  const verifyType = attempt(() => (text('verify-type') ? oneOf('verify-type', text('verify-type'), VERIFY_TYPES) : undefined))
  const endpoint = attempt(() => parseEndpoint('endpoint', text('endpoint')))
  const region = attempt(() => {
    const value = text('region')
    if (value && !REGION.test(value)) {
      throw new InputError('region', `region ${quoted(value)} is not a Tencent Cloud region: use a name such as ap-guangzhou, or leave it empty.`)
    }
    return value || undefined
  })
  const language = attempt(() => oneOf('language', text('language'), LANGUAGES))
  const maxAttempts = attempt(() => numberIn('max-attempts', text('max-attempts'), 1, MAX_ATTEMPTS_LIMIT, true))
  const requestTimeoutSeconds = attempt(() => seconds('request-timeout', REQUEST_TIMEOUT_LIMIT))
  const summary = attempt(() => booleanInput('summary', text('summary')))
  const skipSubmitted = attempt(() => booleanInput('skip-submitted', text('skip-submitted')))
  const submitApi = attempt(() => oneOf('submit-api', text('submit-api'), SUBMIT_APIS))
  const deleteDnsAutoRecord = attempt(() => {
    const value = booleanInput('delete-dns-auto-record', text('delete-dns-auto-record'))
    if (value && text('submit-api').toLowerCase() !== 'certificateordersubmit') {
      throw new InputError(
        'delete-dns-auto-record',
        'delete-dns-auto-record is true, but only submit-api CertificateOrderSubmit has that option: set submit-api: CertificateOrderSubmit, or drop delete-dns-auto-record.'
      )
    }
    return value
  })
  const waitForIssuance = attempt(() => booleanInput('wait-for-issuance', text('wait-for-issuance')))
  const waitTimeoutSeconds = attempt(() => numberIn('wait-timeout', text('wait-timeout'), 1, WAIT_TIMEOUT_LIMIT, true))
  const waitIntervalSeconds = attempt(() => seconds('wait-interval', WAIT_INTERVAL_LIMIT))

  if (problems.length === 1) throw problems[0]
  if (problems.length > 1) {
    throw new InputError(problems[0].input, `${problems.length} inputs are wrong:\n${problems.map((p) => `- ${p.message}`).join('\n')}`)
  }
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
    ...(waitForIssuance ? { wait: { timeoutSeconds: waitTimeoutSeconds!, intervalSeconds: waitIntervalSeconds! } } : {})
  }
}
