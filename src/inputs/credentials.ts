import { parseEndpoint } from './endpoint.js'
import { InputError } from '../support/input-error.js'
import { numberIn } from '../support/formats.js'
import { quoted } from '../support/untrusted.js'
import type { Credentials, Env, RoleSettings } from '../api/terms.js'

export type CredentialSource = { kind: 'keys'; credentials: Credentials } | { kind: 'role'; role: RoleSettings }

/** core.getInput's shape: an input's value, trimmed unless asked not to be. */
export type { ReadInput } from '../support/formats.js'
import type { ReadInput } from '../support/formats.js'

// The names tccli and Terraform users already export, in the order the SDK, tccli and Terraform document them.
const SESSION_TOKEN_VARIABLES = ['TENCENTCLOUD_SESSION_TOKEN', 'TENCENTCLOUD_TOKEN', 'TENCENTCLOUD_SECURITY_TOKEN']
export const KEY_VARIABLES = ['TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY', ...SESSION_TOKEN_VARIABLES]
/** STS needs a region and any will do; Guangzhou is where Tencent Cloud's own examples point. */
const DEFAULT_STS_REGION = 'ap-guangzhou'
const ROLE_ARN = /^qcs::cam::uin\/\d+:(roleName|role)\/[\w+=,.@-]+$/
// STS accepts 2 to 128 of these characters in a session name.
const SESSION_NAME = /^[\w+=,.@-]{2,128}$/
const DURATION_RANGE = [900, 43_200] as const

/** The first non-empty value, with where it came from (the input's or the variable's name). */
function firstSet(...sources: [string, string | undefined][]): { from: string; value: string } {
  for (const [from, value] of sources) if (value?.trim()) return { from, value: value.trim() }
  return { from: sources[0][0], value: '' }
}

// A key is sent in the Authorization or X-TC-Token header: visible ASCII only.
const HEADER_SAFE = /^[\x21-\x7e]*$/

/** Refuses a secret no HTTP header can carry, without echoing it: it would fail only once sent, as an unknown outcome. */
function checkHeaderSafe(secret: { from: string; value: string }): void {
  if (HEADER_SAFE.test(secret.value)) return
  throw new InputError(
    secret.from,
    `${secret.from} holds a character that no HTTP header can carry (a line break, a space, a control or non-ASCII character); ` +
      'the value is not shown. Copy it again from CAM > API Keys (or from the temporary credentials), without quotes or line breaks.'
  )
}

function staticKeys(readInput: ReadInput, env: Env, mask: (secret: string) => void): Credentials {
  const id = firstSet(['secret-id', readInput('secret-id')], ['TENCENTCLOUD_SECRET_ID', env.TENCENTCLOUD_SECRET_ID])
  const key = firstSet(
    ['secret-key', readInput('secret-key')],
    ['TENCENTCLOUD_SECRET_KEY', env.TENCENTCLOUD_SECRET_KEY]
  )
  const session = firstSet(
    ['session-token', readInput('session-token')],
    ...SESSION_TOKEN_VARIABLES.map((name): [string, string | undefined] => [name, env[name]])
  )
  const [secretId, secretKey, token] = [id.value, key.value, session.value]
  // A value pasted with a line break is masked line by line too: the runner masks what it is given, per line of log.
  for (const secret of [secretId, secretKey, token])
    for (const part of new Set([secret, ...secret.split(/[\r\n]+/)])) if (part.trim()) mask(part)

  if (!secretId && !secretKey) {
    throw new InputError(
      'secret-id',
      'No Tencent Cloud credentials: secret-id and secret-key are empty and TENCENTCLOUD_SECRET_ID / ' +
        'TENCENTCLOUD_SECRET_KEY are not set. Sign in keylessly with role-arn and oidc-provider-id (see the README), or pass ' +
        'the key pair from repository secrets, for example secret-id: ${{ secrets.TENCENTCLOUD_SECRET_ID }} and ' +
        'secret-key: ${{ secrets.TENCENTCLOUD_SECRET_KEY }}.'
    )
  }
  if (!secretKey) {
    throw new InputError(
      'secret-key',
      'secret-key is empty (and TENCENTCLOUD_SECRET_KEY is not set) although a secret ID was given: pass the SecretKey of the same API key pair.'
    )
  }
  if (!secretId) {
    throw new InputError(
      'secret-id',
      'secret-id is empty (and TENCENTCLOUD_SECRET_ID is not set) although a secret key was given: pass the SecretId of the same API key pair.'
    )
  }
  for (const secret of [id, key, session]) checkHeaderSafe(secret)
  return token ? { secretId, secretKey, token } : { secretId, secretKey }
}

const INTERNATIONAL_SITE = /(^|[./])intl\.tencentcloudapi\.com(:\d+)?\/?$/i

/** STS on the same site as the SSL endpoint: the international site's, or the nearest access point otherwise. */
function stsHostFor(sslEndpoint: string): string {
  return INTERNATIONAL_SITE.test(sslEndpoint) ? 'sts.intl.tencentcloudapi.com' : 'sts.tencentcloudapi.com'
}

/** The default session name: the repository and run, in the characters STS accepts, keeping the run ID whole. */
export function defaultSessionName(env: Env): string {
  const runId = (env.GITHUB_RUN_ID ?? '').replace(/[^\w]/g, '')
  const repository = (env.GITHUB_REPOSITORY ?? 'github-actions').replace(/\//g, '@').replace(/[^\w+=,.@-]/g, '-')
  const suffix = runId ? `-${runId}` : ''
  return `${repository.slice(0, 128 - suffix.length)}${suffix}`.padEnd(2, '-')
}

/** A role excludes every other source of credentials: keys given as inputs or in the environment. */
function refuseOtherCredentials(given: (name: string) => string, env: Env): void {
  const keyInputs = ['secret-id', 'secret-key', 'session-token'].filter((name) => given(name))
  if (keyInputs.length > 0) {
    throw new InputError(
      keyInputs[0],
      `role-arn is set, and so is ${keyInputs.join(', ')}: use one source of credentials. Drop ${keyInputs.join(' and ')} ` +
        'to sign in keylessly with the role, or drop role-arn to use the key pair.'
    )
  }
  const keyVariables = KEY_VARIABLES.filter((name) => env[name]?.trim())
  if (keyVariables.length > 0) {
    throw new InputError(
      'role-arn',
      `role-arn is set, and so is ${keyVariables.join(', ')} in the environment: use one source of credentials. ` +
        `Unset ${keyVariables.join(' and ')} for this step to sign in with the role, or drop role-arn to use the key pair.`
    )
  }
}

/** The job can get an OIDC token only with `permissions: id-token: write`, which sets these two variables. */
function requireOidcToken(env: Env): void {
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new InputError(
      'role-arn',
      'role-arn is set, but this job cannot get a GitHub OIDC token: add "permissions: id-token: write" to the workflow or the job ' +
        '(with contents: read, or whatever else the job needs).'
    )
  }
}

/** A non-empty input, or the InputError saying what to give. */
function required(given: (name: string) => string, name: string, what: string): string {
  const value = given(name)
  if (!value) throw new InputError(name, `${name} is empty: give ${what}.`)
  return value
}

function sessionNameOf(given: (name: string) => string, env: Env): string {
  const sessionName = given('role-session-name') || defaultSessionName(env)
  if (!SESSION_NAME.test(sessionName)) {
    throw new InputError(
      'role-session-name',
      `role-session-name ${quoted(sessionName)} is not allowed: use 2 to 128 letters, digits or the characters _ + = , . @ -.`
    )
  }
  return sessionName
}

function durationOf(given: (name: string) => string): number {
  return numberIn('role-duration-seconds', given('role-duration-seconds'), DURATION_RANGE[0], DURATION_RANGE[1], true)
}

function roleSettings(readInput: ReadInput, env: Env, roleArn: string): RoleSettings {
  const given = (name: string): string => readInput(name).trim()
  refuseOtherCredentials(given, env)
  requireOidcToken(env)
  if (!ROLE_ARN.test(roleArn)) {
    throw new InputError(
      'role-arn',
      `role-arn ${quoted(roleArn)} is not a CAM role ARN: expected qcs::cam::uin/<account UIN>:roleName/<role name>.`
    )
  }
  return {
    roleArn,
    providerId: required(
      given,
      'oidc-provider-id',
      'the name of the CAM OIDC identity provider that trusts https://token.actions.githubusercontent.com'
    ),
    audience: required(
      given,
      'oidc-audience',
      'the client ID the CAM identity provider expects (by default sts.tencentcloudapi.com)'
    ),
    sessionName: sessionNameOf(given, env),
    durationSeconds: durationOf(given),
    stsEndpoint: parseEndpoint('sts-endpoint', given('sts-endpoint') || stsHostFor(given('endpoint'))),
    stsEndpointFollowsSite: !given('sts-endpoint'),
    stsRegion: given('region') || DEFAULT_STS_REGION
  }
}

/**
 * Exactly one source of credentials: a role to assume with the job's OIDC token, or an API key pair from the
 * inputs or the environment. Every secret is masked before this returns, so no later log line, error or
 * summary can print it.
 */
export function readCredentialSource(readInput: ReadInput, env: Env, mask: (secret: string) => void): CredentialSource {
  const roleArn = readInput('role-arn').trim()
  if (roleArn) {
    // Mask whatever keys were given too, before the error that says to drop them.
    for (const name of ['secret-id', 'secret-key', 'session-token'])
      if (readInput(name).trim()) mask(readInput(name).trim())
    for (const name of KEY_VARIABLES) if (env[name]?.trim()) mask(env[name].trim())
    return { kind: 'role', role: roleSettings(readInput, env, roleArn) }
  }
  if (readInput('oidc-provider-id').trim()) {
    throw new InputError(
      'oidc-provider-id',
      'oidc-provider-id is set but role-arn is empty: set role-arn to the CAM role to assume, or drop oidc-provider-id to use a key pair.'
    )
  }
  return { kind: 'keys', credentials: staticKeys(readInput, env, mask) }
}
