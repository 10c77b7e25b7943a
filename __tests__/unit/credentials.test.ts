import { defaultSessionName, readCredentialSource } from '../../src/inputs/credentials.js'
import { ACTION_DEFAULTS, inputErrorOf } from '../helpers/input-helpers.js'
import type { RoleSettings } from '../../src/api/terms.js'

const ROLE = { 'role-arn': 'qcs::cam::uin/100000000001:roleName/github-deploy', 'oidc-provider-id': 'github' }
const OIDC_ENV = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://runner/token?api-version=2.0',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer',
  GITHUB_REPOSITORY: 'octo-org/app',
  GITHUB_RUN_ID: '4242'
}

function source(inputs: Record<string, string>, env: Record<string, string> = OIDC_ENV) {
  const masked: string[] = []
  const values: Record<string, string> = { ...ACTION_DEFAULTS, ...inputs }
  return {
    result: readCredentialSource(
      (name) => values[name] ?? '',
      env,
      (s) => masked.push(s)
    ),
    masked
  }
}

function role(inputs: Record<string, string>, env?: Record<string, string>): RoleSettings {
  const { result } = source({ ...ROLE, ...inputs }, env)
  if (result.kind !== 'role') throw new Error('expected a role')
  return result.role
}

function problem(inputs: Record<string, string>, env?: Record<string, string>) {
  return inputErrorOf(() => source(inputs, env))
}

test('a role with the action.yml defaults', () => {
  expect(role({})).toEqual({
    roleArn: ROLE['role-arn'],
    providerId: 'github',
    audience: 'sts.tencentcloudapi.com',
    sessionName: 'octo-org@app-4242',
    durationSeconds: 3600,
    stsEndpoint: { protocol: 'https://', host: 'sts.intl.tencentcloudapi.com' },
    stsEndpointFollowsSite: true,
    stsRegion: 'ap-guangzhou'
  })
})

test.each([
  ['ssl.intl.tencentcloudapi.com', 'sts.intl.tencentcloudapi.com'],
  ['https://ssl.intl.tencentcloudapi.com/', 'sts.intl.tencentcloudapi.com'],
  ['ssl.intl.tencentcloudapi.com:443', 'sts.intl.tencentcloudapi.com'],
  ['ssl.tencentcloudapi.com', 'sts.tencentcloudapi.com'],
  ['ssl.ap-guangzhou.tencentcloudapi.com', 'sts.tencentcloudapi.com'],
  ['http://127.0.0.1:8080', 'sts.tencentcloudapi.com']
])('an empty sts-endpoint follows endpoint %s: %s', (endpoint, sts) => {
  expect(role({ endpoint })).toMatchObject({ stsEndpoint: { host: sts }, stsEndpointFollowsSite: true })
})

test('region, a session name, a duration and an STS endpoint of your own', () => {
  expect(
    role({
      region: 'na-siliconvalley',
      'role-session-name': 'release@v1.2',
      'role-duration-seconds': '900',
      'sts-endpoint': 'sts.intl.tencentcloudapi.com'
    })
  ).toMatchObject({
    stsRegion: 'na-siliconvalley',
    sessionName: 'release@v1.2',
    durationSeconds: 900,
    stsEndpoint: { host: 'sts.intl.tencentcloudapi.com' }
  })
})

test('the default session name is cut to 128 characters, keeping the run ID, in the characters STS accepts', () => {
  const name = defaultSessionName({ GITHUB_REPOSITORY: `octo/${'x'.repeat(200)}`, GITHUB_RUN_ID: '123456789' })
  expect(name).toHaveLength(128)
  expect(name).toMatch(/^octo@x+-123456789$/)
  expect(defaultSessionName({ GITHUB_REPOSITORY: 'o/répo' })).toBe('o@r-po')
  expect(defaultSessionName({})).toBe('github-actions')
})

test('without id-token: write, the error says to add the permission', () => {
  const error = problem(ROLE, { GITHUB_REPOSITORY: 'o/r' })
  expect(error.input).toBe('role-arn')
  expect(error.message).toContain('add "permissions: id-token: write"')
})

test('a key pair together with role-arn names what to drop, and masks the keys first', () => {
  let masked: string[] = []
  const values: Record<string, string> = { ...ACTION_DEFAULTS, ...ROLE, 'secret-id': 'idX', 'secret-key': 'keyX' }
  expect(() =>
    readCredentialSource(
      (n) => values[n] ?? '',
      OIDC_ENV,
      (s) => masked.push(s)
    )
  ).toThrow(
    'role-arn is set, and so is secret-id, secret-key: use one source of credentials. Drop secret-id and secret-key to sign in keylessly with the role, or drop role-arn to use the key pair.'
  )
  expect(masked).toEqual(['idX', 'keyX'])
  masked = []
  const error = problem(ROLE, { ...OIDC_ENV, TENCENTCLOUD_SECRET_ID: 'envId', TENCENTCLOUD_SECRET_KEY: 'envKey' })
  expect(error.message).toContain('and so is TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY in the environment')
})

test.each([
  [{ 'role-arn': 'arn:aws:iam::1:role/x' }, 'role-arn', /qcs::cam::uin\/<account UIN>:roleName\/<role name>/],
  [{ 'oidc-provider-id': '' }, 'oidc-provider-id', /token\.actions\.githubusercontent\.com/],
  [{ 'oidc-audience': '' }, 'oidc-audience', /client ID/],
  [{ 'role-session-name': 'has space' }, 'role-session-name', /2 to 128/],
  [{ 'role-duration-seconds': '60' }, 'role-duration-seconds', /900 to 43200/],
  [{ 'sts-endpoint': 'http://sts.tencentcloudapi.com' }, 'sts-endpoint', /only to a loopback host/]
])('%o is refused, naming %s', (inputs, input, message) => {
  const error = problem({ ...ROLE, ...inputs })
  expect(error.input).toBe(input)
  expect(error.message).toMatch(message)
})

test('oidc-provider-id without role-arn is a mistake worth naming', () => {
  expect(problem({ 'oidc-provider-id': 'github', 'secret-id': 'a', 'secret-key': 'b' }).message).toMatch(
    /role-arn is empty/
  )
})
