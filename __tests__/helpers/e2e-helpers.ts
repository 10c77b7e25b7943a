// The tests' shared fixtures: one emulator per suite, a fresh certificate per test, the built action run as the
// runner runs it (signed with the suite's key), the SDK client against an emulator, and keyless sign-in's set-up.
import type { CertificateResult } from '../../src/steps/index.js'
import { createSslApi } from '../../src/api/client.js'
import type { ClientSettings } from '../../src/api/caller.js'
import type { SslApi } from '../../src/api/calls.js'
import {
  DEFAULT_ACCOUNT,
  TencentCloudEmulator,
  type EmulatedCertificate,
  type EmulatorOptions,
  type Fault
} from '../../sandbox/emulator.js'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../../src/main.js'
import type { RunSeams } from '../../src/job.js'
import type { ServedHostsEntry } from '../../src/report/report.js'
import { GitHubEmulator } from '../../sandbox/github-service.js'
import { TlsHosts } from '../../sandbox/tls-hosts.js'
import { DnsSandbox } from '../../sandbox/dns-sandbox.js'
import {
  actionEnvironment,
  parseOutputFile,
  runAction,
  type ActionRun,
  type RunOptions
} from '../../sandbox/run-action.js'

export const KEY = { secretId: 'AKIDe2eSecretIdValue0001', secretKey: 'e2eSecretKeyValue-0001' }
export const TEMPORARY_KEY = {
  secretId: 'AKIDe2eTemporary0002',
  secretKey: 'e2eTemporaryKey-0002',
  token: 'e2eSessionToken-0002'
}
export const SUBMIT = 'CommitCertificateInformation'
export const READ = 'DescribeCertificateDetail'
export const LIST = 'DescribeCertificates'

export const errorLines = (run: ActionRun): string[] =>
  run.log.split('\n').filter((line) => line.startsWith('::error::'))

/** The action's SSL API over the real SDK, at an emulator's port, signed with `key`. */
export function sslApiFor(
  port: number,
  key: { secretId: string; secretKey: string },
  settings: Partial<ClientSettings> = {}
): SslApi {
  return createSslApi({
    endpoint: { protocol: 'http://', host: `127.0.0.1:${port}` },
    credentials: async () => key,
    env: {},
    language: 'en-US',
    requestTimeoutSeconds: 5,
    ...settings
  })
}

/** Keyless sign-in's set-up on the emulator: a CAM OIDC provider trusting GitHub's tokens, and a role it may assume. */
export function seedKeyless(
  emulator: TencentCloudEmulator,
  role: { providerId: string; roleArn: string; allowedSubjects?: string[] }
): void {
  emulator.identity.addProvider({
    providerId: role.providerId,
    account: DEFAULT_ACCOUNT,
    audiences: ['sts.tencentcloudapi.com']
  })
  emulator.identity.addRole({
    roleArn: role.roleArn,
    account: DEFAULT_ACCOUNT,
    providerId: role.providerId,
    allowedSubjects: role.allowedSubjects ?? ['*']
  })
}

// @actions/core remembers the summary file of its first write: one pair of files serves every in-process run.
const inProcessDir = mkdtempSync(join(tmpdir(), 'in-process-'))
const inProcessFiles = { output: join(inProcessDir, 'output'), summary: join(inProcessDir, 'summary') }

/**
 * Runs the action's run() in this process with the runner's environment, as the runner would start it, and with a
 * backoff of milliseconds (run()'s seam): what a workflow would see, without a process of its own.
 */
export async function runInProcess(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  seams: RunSeams = {}
): Promise<ActionRun> {
  writeFileSync(inProcessFiles.output, '')
  writeFileSync(inProcessFiles.summary, '')
  const saved = process.env
  process.env = { RUNNER_TEMP: inProcessDir, ...actionEnvironment(inputs, inProcessFiles, env) }
  let log = ''
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = (chunk: string | Uint8Array) => ((log += chunk.toString()), true)
  const started = Date.now()
  try {
    await run({ backoff: { baseDelayMs: 5, maxDelayMs: 20 }, ...seams })
  } finally {
    process.stdout.write = write
    process.env = saved
  }
  const exitCode = typeof process.exitCode === 'number' ? process.exitCode : 0
  process.exitCode = undefined
  const outputs = parseOutputFile(readFileSync(inProcessFiles.output, 'utf8'))
  const resultsFile =
    outputs.ResultsFile && existsSync(outputs.ResultsFile) ? readFileSync(outputs.ResultsFile, 'utf8') : ''
  return {
    exitCode,
    log,
    outputs,
    summary: readFileSync(inProcessFiles.summary, 'utf8'),
    resultsFile,
    elapsedMs: Date.now() - started
  }
}

/** Registers beforeAll/afterAll for a suite-wide emulator and returns the helpers bound to it. */
export function useEmulator(prefix: string, options: EmulatorOptions = {}) {
  let emulator: TencentCloudEmulator
  let counter = 0
  beforeAll(async () => {
    emulator = await TencentCloudEmulator.start(options)
    emulator.addKey(KEY).addKey(TEMPORARY_KEY)
  })
  afterAll(() => emulator.close())

  return {
    get emulator(): TencentCloudEmulator {
      return emulator
    },
    /** A fresh certificate per test, so that tests share the emulator but not state. */
    certificate: (overrides: Partial<EmulatedCertificate> = {}): string => {
      const id = `${prefix}${String(++counter).padStart(4, '0')}`
      emulator.addCertificate({ CertificateId: id, ...overrides })
      return id
    },
    fault: (certificateId: string, f: Fault, times = 1, action = SUBMIT): void => {
      emulator.injectFault({ action, certificateId, times, fault: f })
    },
    run: (
      inputs: Record<string, string>,
      env: Record<string, string> = {},
      options: RunOptions = {}
    ): Promise<ActionRun> => {
      return runAction(
        { endpoint: emulator.endpoint, 'secret-id': KEY.secretId, 'secret-key': KEY.secretKey, ...inputs },
        env,
        options
      )
    },
    /** The same run in this process, for what needs no process of its own to show (the log, outputs and summary). */
    runInProcess: (
      inputs: Record<string, string>,
      env: Record<string, string> = {},
      seams: RunSeams = {}
    ): Promise<ActionRun> => {
      return runInProcess(
        { endpoint: emulator.endpoint, 'secret-id': KEY.secretId, 'secret-key': KEY.secretKey, ...inputs },
        env,
        seams
      )
    },
    callsFor: (id: string, action: string) => {
      return emulator.requests.filter((r) => r.action === action && (r.params.CertificateId ?? r.params.CertId) === id)
    }
  }
}

/** A personal certificate's information for shop.example.com, as the action sends it with contact-email and no csr. */
export const PERSONAL_INFORMATION = {
  CertCommonName: 'shop.example.com',
  CompanyType: 1,
  CompanyId: '0',
  ContactEmail: 'ssl@example.com',
  GenCsrType: 'online',
  CsrEncryptAlgo: 'RSA',
  CsrKeyParameter: '2048'
} as const

/** The Results output, parsed. */
export const resultsOf = (outputs: Record<string, string>): CertificateResult[] =>
  JSON.parse(outputs.Results) as CertificateResult[]

const DAY_MS = 24 * 3600 * 1000
/** A date `days` from now, to the second (as the API gives its datetimes). */
export const inDays = (days: number): Date => new Date(Math.floor((Date.now() + days * DAY_MS) / 1000) * 1000)

/**
 * A suite's DNS sandbox (nameservers and the providers' APIs) with the Tencent Cloud emulator it serves: the emulated
 * CA looks at these nameservers, and DNSPod holds example.com. `sandbox` and `e2e` are read once the suite started.
 */
export function useDnsSandbox(prefix: string, options: { tls?: boolean } = {}) {
  const emulatorOptions: EmulatorOptions = { ...options }
  let sandbox: DnsSandbox
  beforeAll(async () => {
    sandbox = await DnsSandbox.start(options)
    emulatorOptions.dns = sandbox.dns
  })
  afterAll(() => sandbox.close())
  const e2e = useEmulator(prefix, emulatorOptions)
  beforeAll(() => e2e.emulator.dnspod!.addZone('example.com'))
  return {
    e2e,
    get sandbox(): DnsSandbox {
      return sandbox
    }
  }
}

/**
 * A suite's stand-ins for served hosts and GitHub's issues API (`tokens` may write issues), with the helpers the
 * served suites share: `via` sends each named host's connection to the loopback hosts (verify-connect-to), `servedOf`
 * reads ServedHosts. `hosts` and `github` are read once the suite started.
 */
export function useServedSandbox(tokens: Record<string, { write: boolean }>) {
  let hosts: TlsHosts
  let github: GitHubEmulator
  beforeAll(async () => {
    hosts = await TlsHosts.start()
    github = await GitHubEmulator.start()
    for (const [token, rights] of Object.entries(tokens)) github.tokens.set(token, rights)
  })
  afterAll(async () => {
    await hosts.close()
    await github.close()
  })
  return {
    get hosts(): TlsHosts {
      return hosts
    },
    get github(): GitHubEmulator {
      return github
    },
    via: (...names: string[]): string => names.map((name) => `${name}:443:127.0.0.1:${hosts.port}`).join('\n'),
    servedOf: (outputs: Record<string, string>) => JSON.parse(outputs.ServedHosts) as ServedHostsEntry[]
  }
}
