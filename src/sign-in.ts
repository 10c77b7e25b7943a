// The credentials every SSL call is signed with: the key pair as given, or the role's temporary key, signed in now
// with the job's GitHub OIDC token (STS AssumeRoleWithWebIdentity) and renewed before it expires.
import * as core from '@actions/core'
import type { CredentialProvider } from './api/caller.js'
import { createStsApi } from './api/client.js'
import { RoleCredentials } from './api/role-credentials.js'
import type { ActionInputs } from './inputs/inputs.js'
import { connection, retryPolicy, type Job } from './job.js'
import { print } from './support/log.js'

export async function signIn(inputs: ActionInputs, job: Job): Promise<CredentialProvider> {
  const source = inputs.credentialSource
  if (source.kind === 'keys') {
    print.debug(`Credentials: ${source.credentials.token ? 'temporary key with session token' : 'API key pair'}`)
    return () => Promise.resolve(source.credentials)
  }
  const { role } = source
  const followsSite = role.stsEndpointFollowsSite ? "; sts-endpoint is empty, so STS on endpoint's site" : ''
  print.info(
    `Signing in with role ${role.roleArn} through OIDC provider ${role.providerId} at ${role.stsEndpoint.protocol}${role.stsEndpoint.host} ` +
      `(region ${role.stsRegion}${followsSite})`
  )
  const retry = { policy: retryPolicy(inputs, job), log: print, clock: job.clock }
  const sts = createStsApi({ ...connection(inputs, job), endpoint: role.stsEndpoint, region: role.stsRegion, retry })
  job.closers.push(() => sts.close())
  const credentials = new RoleCredentials(sts, role, {
    ...retry,
    mask: job.secrets.mask,
    getIdToken: (audience) => core.getIDToken(audience)
  })
  await credentials.getCredentials()
  return credentials.getCredentials
}
