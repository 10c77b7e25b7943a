// The workflows in examples/ are what users copy: each must be a valid workflow, give the action only inputs that
// action.yml declares (with values its own input checks accept), and read only outputs it declares.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { readInputs } from '../../src/inputs/inputs.js'
import { isWatch } from '../../src/steps/served/settings.js'
import { readWatchInputs } from '../../src/watch.js'
import { loadInformationParsers } from '../../src/steps/information/parsers.js'
import { actionMetadata, ROOT } from '../../sandbox/run-action.js'

// A step with domain loads them before its inputs are read, as main does.
beforeAll(loadInformationParsers)

interface Step {
  id?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}
interface Workflow {
  on: unknown
  permissions?: Record<string, string>
  jobs: Record<
    string,
    { 'runs-on': string; env?: Record<string, string>; permissions?: Record<string, string>; steps: Step[] }
  >
}

const DIR = join(ROOT, 'examples')
const metadata = actionMetadata()
// The examples use the published action; the project's own real-API workflow runs it from the repository.
const THIS_ACTION = /^(OWNER\/tencentcloud-ssl-certificate-action@v\d+|\.\/)$/
const REAL_API = join(ROOT, '.github', 'workflows', 'real-api.yml')
const examples = [
  ...readdirSync(DIR)
    .filter((file) => file.endsWith('.yml'))
    .map((file) => [file, readFileSync(join(DIR, file), 'utf8')] as const),
  ['real-api.yml', readFileSync(REAL_API, 'utf8')] as const
]

/** A workflow expression stands for a value the runner fills in: here, a distinct one the inputs accept wherever it appears. */
let expressions = 0
// An account UIN (after "uin/") is digits.
const filled = (value: unknown): string =>
  String(value).replace(/(uin\/)?\$\{\{[^}]*\}\}/g, (_, uin?: string) =>
    uin ? `uin/10000000000${++expressions}` : `example${++expressions}`
  )

test('the examples cover the ways the action is used', () => {
  expect(examples.map(([file]) => file).sort()).toEqual([
    'bought-certificate.yml',
    'cloudflare-dns.yml',
    'daily-watch.yml',
    'dnspod-records.yml',
    'file-validation.yml',
    'keyless.yml',
    'matrix.yml',
    'one-certificate.yml',
    'preview.yml',
    'provisioning.yml',
    'real-api.yml',
    'renewal.yml',
    'route53-dns.yml'
  ])
})

describe.each(examples)('%s', (_, text) => {
  const workflow = parse(text) as Workflow
  const jobs = Object.entries(workflow.jobs ?? {})
  const ours = jobs.flatMap(([, job]) =>
    job.steps.filter((step) => THIS_ACTION.test(step.uses ?? '')).map((step) => ({ job, step }))
  )

  test('is a workflow with a trigger, least permissions and jobs of steps', () => {
    expect(workflow.on).toBeDefined()
    expect(workflow.permissions?.contents).toBe('read')
    expect(jobs.length).toBeGreaterThan(0)
    for (const [, job] of jobs) {
      expect(typeof job['runs-on']).toBe('string')
      expect(job.steps.length).toBeGreaterThan(0)
      for (const step of job.steps) expect(Boolean(step.uses) !== Boolean(step.run)).toBe(true)
    }
    expect(ours.length).toBeGreaterThan(0)
  })

  test("gives the action only declared inputs, with values the action's own checks accept", () => {
    for (const { job, step } of ours) {
      const given = Object.fromEntries(Object.entries(step.with ?? {}).map(([name, value]) => [name, filled(value)]))
      expect(Object.keys(given).filter((name) => !(name in metadata.inputs))).toEqual([])
      const values = {
        ...Object.fromEntries(Object.entries(metadata.inputs).map(([name, spec]) => [name, spec.default ?? ''])),
        ...given
      }
      // The runner gives the step its job's and its own env, and the token request variables with id-token: write;
      // configure-aws-credentials, run before it, exports the role's temporary key to the steps after it.
      const configuresAws = job.steps.some((other) => other.uses?.startsWith('aws-actions/configure-aws-credentials'))
      // The runner names the repository to every step.
      const env = {
        GITHUB_REPOSITORY: 'owner/repo',
        ...(configuresAws
          ? { AWS_ACCESS_KEY_ID: 'ASIA', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' }
          : {}),
        ...Object.fromEntries(
          Object.entries({ ...job.env, ...step.env }).map(([name, value]) => [name, filled(value)])
        ),
        ...((job.permissions ?? workflow.permissions)?.['id-token'] === 'write'
          ? { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' }
          : {})
      }
      const read = (name: string): string => values[name] ?? ''
      // A step with verify-hosts alone is a watch, read as main reads it.
      expect(() =>
        isWatch(read) ? readWatchInputs(read, env, () => {}) : readInputs(read, env, () => {})
      ).not.toThrow()
      // An alert issue needs the job to be allowed to write issues.
      if (/^true$/i.test(read('alert-issue'))) expect((job.permissions ?? workflow.permissions)?.issues).toBe('write')
    }
  })

  test('reads only outputs the action declares, of steps that exist', () => {
    const ourIds = new Set(ours.map(({ step }) => step.id))
    const allIds = new Set(jobs.flatMap(([, job]) => job.steps.map((step) => step.id)))
    const read = [...text.matchAll(/steps\.([\w-]+)\.outputs\.(\w+)/g)]
    expect(read.length).toBeGreaterThan(0)
    for (const [, id, name] of read) {
      expect(allIds).toContain(id)
      if (ourIds.has(id)) expect(Object.keys(metadata.outputs)).toContain(name)
    }
  })
})
