import { InputError } from './input-error.js'

export interface Credentials {
  secretId: string
  secretKey: string
  /** Present for temporary keys; sent as X-TC-Token. */
  token?: string
}

export type ReadInput = (name: string) => string
export type Env = Readonly<Record<string, string | undefined>>

// The names tccli and Terraform users already export, in the order the SDK, tccli and Terraform document them.
const SESSION_TOKEN_VARIABLES = ['TENCENTCLOUD_SESSION_TOKEN', 'TENCENTCLOUD_TOKEN', 'TENCENTCLOUD_SECURITY_TOKEN']

function firstSet(...values: (string | undefined)[]): string {
  return values.map((value) => value?.trim() ?? '').find((value) => value !== '') ?? ''
}

/**
 * Reads the API key pair from the inputs, falling back to the environment, and masks every part of it
 * before returning, so no later log line, error or summary can print it.
 */
export function readStaticCredentials(readInput: ReadInput, env: Env, mask: (secret: string) => void): Credentials {
  const secretId = firstSet(readInput('secret-id'), env.TENCENTCLOUD_SECRET_ID)
  const secretKey = firstSet(readInput('secret-key'), env.TENCENTCLOUD_SECRET_KEY)
  const token = firstSet(readInput('session-token'), ...SESSION_TOKEN_VARIABLES.map((name) => env[name]))
  for (const secret of [secretId, secretKey, token]) if (secret) mask(secret)

  if (!secretId && !secretKey) {
    throw new InputError(
      'secret-id',
      'No Tencent Cloud credentials: secret-id and secret-key are empty and TENCENTCLOUD_SECRET_ID / ' +
        'TENCENTCLOUD_SECRET_KEY are not set. Pass the key pair from repository secrets, for example ' +
        'secret-id: ${{ secrets.TENCENTCLOUD_SECRET_ID }} and secret-key: ${{ secrets.TENCENTCLOUD_SECRET_KEY }}.'
    )
  }
  if (!secretKey) {
    throw new InputError(
      'secret-key',
      'secret-key is empty (and TENCENTCLOUD_SECRET_KEY is not set) although a secret ID was given: ' +
        'pass the SecretKey of the same API key pair.'
    )
  }
  if (!secretId) {
    throw new InputError(
      'secret-id',
      'secret-id is empty (and TENCENTCLOUD_SECRET_ID is not set) although a secret key was given: ' +
        'pass the SecretId of the same API key pair.'
    )
  }
  return token ? { secretId, secretKey, token } : { secretId, secretKey }
}
