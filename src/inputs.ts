import { readStaticCredentials, type Credentials, type Env, type ReadInput } from './credentials.js'
import { parseEndpoint, type Endpoint } from './endpoint.js'
import { InputError } from './input-error.js'

export const VERIFY_TYPES = ['DNS_AUTO', 'DNS', 'FILE'] as const
export type VerifyType = (typeof VERIFY_TYPES)[number]
export const LANGUAGES = ['en-US', 'zh-CN'] as const
export type Language = (typeof LANGUAGES)[number]

export interface ActionInputs {
  certificateIds: string[]
  /** Omitted from the request when not given, so the CA applies the certificate's own default. */
  verifyType?: VerifyType
  credentials: Credentials
  endpoint: Endpoint
  region?: string
  language: Language
  maxAttempts: number
  requestTimeoutSeconds: number
  summary: boolean
}

const CERTIFICATE_ID = /^[A-Za-z0-9_-]+$/
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/
const MAX_ATTEMPTS_LIMIT = 20
const REQUEST_TIMEOUT_LIMIT = 600

/**
 * The certificate IDs named by the input, or nothing when it cannot be read. Used to give every
 * certificate a result even when another input is wrong.
 */
export function readCertificateIds(readInput: ReadInput): string[] {
  const value = readInput('certificate-id').trim()
  if (value === '') {
    throw new InputError('certificate-id', 'certificate-id is empty: give the ID of the paid certificate to submit (for example "hehj3jsj").')
  }
  if (!CERTIFICATE_ID.test(value)) {
    throw new InputError(
      'certificate-id',
      `certificate-id "${value}" is not a certificate ID: expected letters, digits, "-" or "_" only (for example "hehj3jsj").`
    )
  }
  return [value]
}

function oneOf<T extends string>(input: string, value: string, allowed: readonly T[]): T {
  const match = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase())
  if (match === undefined) {
    throw new InputError(input, `${input} "${value}" is not allowed: use one of ${allowed.join(', ')}.`)
  }
  return match
}

function numberIn(input: string, value: string, min: number, max: number, integer: boolean): number {
  const parsed = Number(value)
  const pattern = integer ? /^\d+$/ : /^\d+(\.\d+)?$/
  if (!pattern.test(value) || parsed < min || parsed > max) {
    const kind = integer ? 'a whole number' : 'a number of seconds'
    throw new InputError(input, `${input} "${value}" is not allowed: use ${kind} from ${min} to ${max}.`)
  }
  return parsed
}

function booleanInput(input: string, value: string): boolean {
  if (/^true$/i.test(value)) return true
  if (/^false$/i.test(value)) return false
  throw new InputError(input, `${input} "${value}" is not allowed: use true or false.`)
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

  const credentials = attempt(() => readStaticCredentials(readInput, env, mask))
  const certificateIds = attempt(() => readCertificateIds(readInput))
  const verifyType = attempt(() => (text('verify-type') ? oneOf('verify-type', text('verify-type'), VERIFY_TYPES) : undefined))
  const endpoint = attempt(() => parseEndpoint('endpoint', text('endpoint')))
  const region = attempt(() => {
    const value = text('region')
    if (value && !REGION.test(value)) {
      throw new InputError('region', `region "${value}" is not a Tencent Cloud region: use a name such as ap-guangzhou, or leave it empty.`)
    }
    return value || undefined
  })
  const language = attempt(() => oneOf('language', text('language'), LANGUAGES))
  const maxAttempts = attempt(() => numberIn('max-attempts', text('max-attempts'), 1, MAX_ATTEMPTS_LIMIT, true))
  const requestTimeoutSeconds = attempt(() => {
    const seconds = numberIn('request-timeout', text('request-timeout'), 0, REQUEST_TIMEOUT_LIMIT, false)
    if (seconds === 0) throw new InputError('request-timeout', 'request-timeout "0" is not allowed: use a number of seconds above 0.')
    return seconds
  })
  const summary = attempt(() => booleanInput('summary', text('summary')))

  if (problems.length === 1) throw problems[0]
  if (problems.length > 1) {
    throw new InputError(problems[0].input, `${problems.length} inputs are wrong:\n${problems.map((p) => `- ${p.message}`).join('\n')}`)
  }
  return {
    certificateIds: certificateIds!,
    ...(verifyType ? { verifyType } : {}),
    credentials: credentials!,
    endpoint: endpoint!,
    ...(region ? { region } : {}),
    language: language!,
    maxAttempts: maxAttempts!,
    requestTimeoutSeconds: requestTimeoutSeconds!,
    summary: summary!
  }
}
