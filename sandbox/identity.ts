// The identity side of the sandbox: GitHub's OIDC token endpoint (what core.getIDToken calls) and Tencent Cloud
// STS AssumeRoleWithWebIdentity, with CAM's OIDC identity providers and roles whose trust policy limits `sub`.
import { createSign, createVerify, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { ApiError, errors } from './api-errors.js'
import { answerLike } from './ssl-service.js'

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'
export const TOKEN_PATH = '/_github/oidc/token'
const MAX_DURATION_SECONDS = 43_200
const SESSION_NAME = /^[\w+=,.@-]{2,128}$/

/** What the job's token says about it, as GitHub fills it in. */
export interface GitHubJob {
  repository: string
  ref: string
  /** The bearer the runner hands the job (ACTIONS_ID_TOKEN_REQUEST_TOKEN). */
  requestToken: string
}

export interface OidcProvider {
  providerId: string
  account: string
  /** The client IDs (audiences) the provider accepts. */
  audiences: string[]
}

export interface Role {
  roleArn: string
  account: string
  providerId: string
  /** The trust policy's condition on `sub`; `*` matches anything. */
  allowedSubjects: string[]
}

export interface IssuedSession {
  roleArn: string
  sessionName: string
  durationSeconds: number
  subject: string
  /** The temporary key handed out, so tests can prove no log shows it. */
  secretId: string
  secretKey: string
  token: string
}

/** A temporary key STS issued, as the gateway keeps it. */
interface TemporaryKeyIssued {
  secretId: string
  secretKey: string
  token: string
  account: string
  expiresAtMs: number
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url')

function globMatches(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`
  )
  return regex.test(value)
}

// GitHub's token signing key. A 2048-bit RSA key takes a noticeable moment to make: one per process serves every
// emulator the tests start.
let signingKeys: { publicKey: KeyObject; privateKey: KeyObject } | undefined
const githubSigningKeys = () => (signingKeys ??= generateKeyPairSync('rsa', { modulusLength: 2048 }))

export class IdentityEmulator {
  private readonly keys = githubSigningKeys()
  private readonly providers = new Map<string, OidcProvider>()
  private readonly roles = new Map<string, Role>()
  readonly sessions: IssuedSession[] = []
  /** Every ID token the token endpoint handed out. */
  readonly issuedTokens: string[] = []
  job: GitHubJob = { repository: 'octo-org/app', ref: 'refs/heads/main', requestToken: 'github-request-token' }

  constructor(private readonly now: () => number) {}

  addProvider(provider: OidcProvider): this {
    this.providers.set(provider.providerId, provider)
    return this
  }

  addRole(role: Role): this {
    this.roles.set(role.roleArn, role)
    return this
  }

  /** A GitHub-style ID token for the configured job; `privateKey` forges one signed by someone else. */
  issueToken(
    audience: string,
    overrides: { privateKey?: KeyObject; lifetimeSeconds?: number; issuer?: string } = {}
  ): string {
    const now = Math.floor(this.now() / 1000)
    const claims = {
      iss: overrides.issuer ?? GITHUB_ISSUER,
      aud: audience,
      sub: `repo:${this.job.repository}:ref:${this.job.ref}`,
      repository: this.job.repository,
      ref: this.job.ref,
      iat: now,
      nbf: now,
      exp: now + (overrides.lifetimeSeconds ?? 300),
      jti: randomBytes(8).toString('hex')
    }
    const unsigned = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'sandbox' }))}.${base64url(JSON.stringify(claims))}`
    const signature = createSign('RSA-SHA256')
      .update(unsigned)
      .sign(overrides.privateKey ?? this.keys.privateKey)
    return `${unsigned}.${base64url(signature)}`
  }

  /** GET TOKEN_PATH?audience=…, as the runner's token service answers core.getIDToken. */
  handleTokenRequest(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://sandbox')
    if (request.headers.authorization !== `Bearer ${this.job.requestToken}`) {
      response.writeHead(401, { 'Content-Type': 'application/json' })
      response.end(JSON.stringify({ message: 'Bad credentials' }))
      return
    }
    const token = this.issueToken(url.searchParams.get('audience') ?? GITHUB_ISSUER)
    this.issuedTokens.push(token)
    response.writeHead(200, { 'Content-Type': 'application/json' })
    response.end(JSON.stringify({ value: token }))
  }

  private verify(token: string, provider: OidcProvider): { sub: string } {
    const refuse = (why: string): never => {
      throw new ApiError('InvalidParameter.WebIdentityTokenError', `The web identity token is invalid: ${why}.`)
    }
    const parts = token.split('.')
    if (parts.length !== 3) return refuse('not a JWT')
    const valid = createVerify('RSA-SHA256')
      .update(`${parts[0]}.${parts[1]}`)
      .verify(this.keys.publicKey, Buffer.from(parts[2], 'base64url'))
    if (!valid) refuse('its signature does not match the identity provider’s keys')
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>
    const now = this.now() / 1000
    if (claims.iss !== GITHUB_ISSUER) refuse(`its issuer ${String(claims.iss)} is not the provider's`)
    if (!provider.audiences.includes(String(claims.aud)))
      refuse(`its audience ${String(claims.aud)} is not a client ID of provider ${provider.providerId}`)
    if (typeof claims.exp !== 'number' || claims.exp < now) refuse('it has expired')
    if (typeof claims.nbf === 'number' && claims.nbf > now + 60) refuse('it is not valid yet')
    return { sub: String(claims.sub) }
  }

  /**
   * STS AssumeRoleWithWebIdentity as the gateway routes it: a region is required; the key it issues is handed to
   * `issue`, so that the gateway accepts it for signing until it expires.
   */
  handleAssumeRoleWithWebIdentity(
    params: Record<string, unknown>,
    region: string,
    issue: (key: TemporaryKeyIssued) => void
  ): Record<string, unknown> {
    if (!region) throw errors.missingParameter('Region')
    const { answer, key } = this.assumeRoleWithWebIdentity(params)
    issue(key)
    return answerLike('AssumeRoleWithWebIdentity', answer)
  }

  /** Checks the token, the provider and the role's trust policy, then issues a key. */
  private assumeRoleWithWebIdentity(params: Record<string, unknown>): {
    answer: Record<string, unknown>
    key: TemporaryKeyIssued
  } {
    for (const name of ['ProviderId', 'WebIdentityToken', 'RoleArn', 'RoleSessionName']) {
      if (typeof params[name] !== 'string' || params[name] === '')
        throw new ApiError('MissingParameter', `The request is missing a required parameter \`${name}\`.`)
    }
    const { ProviderId, WebIdentityToken, RoleArn, RoleSessionName } = params as Record<string, string>
    // The gateway has checked the type: a whole number, or digits in a string as STS's own example sends it.
    const durationSeconds = Number(params.DurationSeconds ?? 7200)
    if (durationSeconds < 1 || durationSeconds > MAX_DURATION_SECONDS) {
      throw new ApiError(
        'InvalidParameter.ParamError',
        `DurationSeconds must be a whole number up to ${MAX_DURATION_SECONDS}.`
      )
    }
    if (!SESSION_NAME.test(RoleSessionName))
      throw new ApiError('InvalidParameter.ParamError', 'RoleSessionName must be 2 to 128 of [\\w+=,.@-].')
    const role = this.roles.get(RoleArn)
    // STS documents no code of its own for a role that does not exist: ParamError is among those it does.
    if (!role) throw new ApiError('InvalidParameter.ParamError', 'The role does not exist.')
    const provider = this.providers.get(ProviderId)
    if (!provider || provider.account !== role.account || role.providerId !== ProviderId) {
      throw new ApiError(
        'InvalidParameter.WebIdentityTokenError',
        `The role does not trust identity provider ${ProviderId}.`
      )
    }
    const { sub } = this.verify(WebIdentityToken, provider)
    if (!role.allowedSubjects.some((pattern) => globMatches(pattern, sub))) {
      throw new ApiError('InvalidParameter.WebIdentityTokenError', `The role's trust policy does not allow sub ${sub}.`)
    }

    const expiredTime = Math.floor(this.now() / 1000) + durationSeconds
    const key = {
      secretId: `AKIDtmp${randomBytes(12).toString('hex')}`,
      secretKey: randomBytes(24).toString('base64url'),
      token: randomBytes(48).toString('base64url'),
      account: role.account,
      expiresAtMs: expiredTime * 1000
    }
    this.sessions.push({
      roleArn: RoleArn,
      sessionName: RoleSessionName,
      durationSeconds,
      subject: sub,
      secretId: key.secretId,
      secretKey: key.secretKey,
      token: key.token
    })
    return {
      key,
      answer: {
        Credentials: { TmpSecretId: key.secretId, TmpSecretKey: key.secretKey, Token: key.token },
        ExpiredTime: expiredTime,
        // As STS writes it: seconds, no fraction (2018-12-04T09:06:16Z).
        Expiration: new Date(expiredTime * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
      }
    }
  }
}
