import type { StsApi } from './calls.js'
import type { TemporaryKey } from './answers/index.js'
import { ActionErrorCode, Failure } from './errors.js'
import type { CallOptions } from '../support/call-options.js'
import type { Clock } from '../support/clock.js'
import { untrusted } from '../support/untrusted.js'
import type { Credentials, RoleSettings } from './terms.js'
import { errorMessage } from '../support/error-message.js'

/** Renew this long before the temporary key expires, so that no call is signed with a key about to lapse. */
export const RENEW_BEFORE_MS = 5 * 60_000

interface RoleSignInOptions extends CallOptions {
  clock: Clock
  mask: (secret: string) => void
  /** The job's OIDC token for an audience: core.getIDToken. */
  getIdToken: (audience: string) => Promise<string>
}

/**
 * The role's temporary key, for every SSL call: obtained with the job's OIDC token at STS
 * AssumeRoleWithWebIdentity, and renewed with a fresh token before it expires, so waits longer than the role
 * session still work. Concurrent callers share one exchange.
 */
export class RoleCredentials {
  private current: { credentials: Credentials; expiresAtMs: number } | undefined
  private pending: Promise<Credentials> | undefined

  constructor(
    private readonly sts: StsApi,
    private readonly role: RoleSettings,
    private readonly options: RoleSignInOptions
  ) {}

  getCredentials = (): Promise<Credentials> => {
    if (this.current && this.current.expiresAtMs - this.options.clock.now() > RENEW_BEFORE_MS)
      return Promise.resolve(this.current.credentials)
    this.pending ??= this.signIn().finally(() => (this.pending = undefined))
    return this.pending
  }

  private async idToken(): Promise<string> {
    try {
      const token = await this.options.getIdToken(this.role.audience)
      this.options.mask(token)
      return token
    } catch (error) {
      const why = untrusted(errorMessage(error))
      throw new Failure({
        code: ActionErrorCode.OidcTokenUnavailable,
        message: `the job's GitHub OIDC token could not be obtained: ${why}`
      })
    }
  }

  private async signIn(): Promise<Credentials> {
    const webIdentityToken = await this.idToken()
    const { role } = this
    const key: TemporaryKey = await this.sts.assumeRoleWithWebIdentity({
      ProviderId: role.providerId,
      WebIdentityToken: webIdentityToken,
      RoleArn: role.roleArn,
      RoleSessionName: role.sessionName,
      DurationSeconds: role.durationSeconds
    })
    for (const secret of [key.TmpSecretId, key.TmpSecretKey, key.Token]) this.options.mask(secret)
    const credentials = { secretId: key.TmpSecretId, secretKey: key.TmpSecretKey, token: key.Token }
    this.current = { credentials, expiresAtMs: key.ExpiredTime * 1000 }
    this.options.log.info(
      `Signed in with role ${role.roleArn} as session ${role.sessionName}, until ${new Date(key.ExpiredTime * 1000).toISOString()} (RequestId ${key.RequestId})`
    )
    return credentials
  }
}
