import type { StsApi } from '../../src/api/calls.js'
import type { WebIdentityRequest } from '../../src/api/answers/index.js'
import { ActionErrorCode, Failure } from '../../src/api/errors.js'
import { RENEW_BEFORE_MS, RoleCredentials } from '../../src/api/role-credentials.js'
import { callFixture } from '../helpers/call-fixture.js'

const ROLE = {
  roleArn: 'qcs::cam::uin/1:roleName/deploy',
  providerId: 'github',
  audience: 'sts.tencentcloudapi.com',
  sessionName: 'octo@app-1',
  durationSeconds: 3600,
  stsEndpoint: { protocol: 'https://' as const, host: 'sts.tencentcloudapi.com' },
  stsEndpointFollowsSite: false,
  stsRegion: 'ap-guangzhou'
}

function setup(failures: Failure[] = [], getIdToken?: (audience: string) => Promise<string>) {
  const { policy, log, clock, elapsed, advance } = callFixture()
  advance(1_700_000_000_000)
  const requests: WebIdentityRequest[] = []
  const sts: StsApi = {
    assumeRoleWithWebIdentity: async (request) => {
      requests.push(request)
      const failure = failures.shift()
      if (failure) throw failure
      const n = requests.length
      return {
        TmpSecretId: `id${n}`,
        TmpSecretKey: `key${n}`,
        Token: `token${n}`,
        ExpiredTime: Math.floor(elapsed() / 1000) + 3600,
        RequestId: `r${n}`
      }
    },
    close: () => {}
  }
  const masked: string[] = []
  const audiences: string[] = []
  const credentials = new RoleCredentials(sts, ROLE, {
    policy,
    log,
    clock,
    mask: (s) => masked.push(s),
    getIdToken: getIdToken ?? (async (audience) => (audiences.push(audience), `jwt${audiences.length}`))
  })
  return { credentials, requests, masked, audiences, advance }
}

test('exchanges the OIDC token for the audience and masks the token and the temporary key', async () => {
  const { credentials, requests, masked, audiences } = setup()
  expect(await credentials.getCredentials()).toEqual({ secretId: 'id1', secretKey: 'key1', token: 'token1' })
  expect(audiences).toEqual(['sts.tencentcloudapi.com'])
  expect(requests).toEqual([
    {
      ProviderId: 'github',
      WebIdentityToken: 'jwt1',
      RoleArn: ROLE.roleArn,
      RoleSessionName: 'octo@app-1',
      DurationSeconds: 3600
    }
  ])
  expect(masked).toEqual(['jwt1', 'id1', 'key1', 'token1'])
})

test('keeps the key until 5 minutes before it expires, then renews it with a fresh OIDC token', async () => {
  const { credentials, requests, advance } = setup()
  const first = await credentials.getCredentials()
  advance(3600_000 - RENEW_BEFORE_MS - 1000)
  expect(await credentials.getCredentials()).toBe(first)
  advance(2000)
  expect(await credentials.getCredentials()).toEqual({ secretId: 'id2', secretKey: 'key2', token: 'token2' })
  expect(requests.map((r) => r.WebIdentityToken)).toEqual(['jwt1', 'jwt2'])
})

test('concurrent callers share one exchange', async () => {
  const { credentials, requests } = setup()
  const all = await Promise.all([
    credentials.getCredentials(),
    credentials.getCredentials(),
    credentials.getCredentials()
  ])
  expect(new Set(all).size).toBe(1)
  expect(requests).toHaveLength(1)
})

test('a rejected token is final (the client retries a transient failure, as for any call)', async () => {
  const rejected = setup([
    new Failure({ code: 'InvalidParameter.WebIdentityTokenError', message: 'bad token', requestId: 'r9' })
  ])
  await expect(rejected.credentials.getCredentials()).rejects.toMatchObject({
    code: 'InvalidParameter.WebIdentityTokenError',
    requestId: 'r9'
  })
  expect(rejected.requests).toHaveLength(1)
})

test('no OIDC token: its own code, and nothing sent to STS', async () => {
  const { credentials, requests } = setup([], async () =>
    Promise.reject(new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable'))
  )
  await expect(credentials.getCredentials()).rejects.toMatchObject({
    code: ActionErrorCode.OidcTokenUnavailable,
    message: expect.stringContaining('ACTIONS_ID_TOKEN_REQUEST_URL')
  })
  expect(requests).toEqual([])
})
