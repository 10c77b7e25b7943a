// dns-provider: command — the user's own command writes and deletes the records (any CLI, any provider): run with
// `bash -c`, once per record and action, with the record in its environment; exit 0 means done. Its output is shown
// as inert text, and it is bounded by request-timeout.
import { spawn } from 'node:child_process'
import { Failure } from '../../../api/errors.js'
import { untrusted } from '../../../support/untrusted.js'
import { ValidationCode } from '../codes.js'
import type { ProviderRecord, RecordWriter } from './provider.js'
import { hostIn } from './provider.js'

export interface CommandSettings {
  command: string
  /** request-timeout, for one run of the command. */
  timeoutMs: number
  /** The job's environment, which the command inherits (the runner's PATH, the provider's credentials). */
  env: NodeJS.ProcessEnv
  /** Each line the command prints, made inert. */
  say: (line: string) => void
}

/** At most this much of a command's output is kept for the log and the failure. */
const MAX_OUTPUT = 8 * 1024

function run(
  settings: CommandSettings,
  action: 'present' | 'cleanup',
  record: ProviderRecord & { zone: string; host: string }
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', settings.command], {
      env: {
        ...settings.env,
        DNS_ACTION: action,
        DNS_ZONE: record.zone,
        DNS_NAME: record.name,
        DNS_HOST: record.host,
        DNS_TYPE: record.type,
        DNS_VALUE: record.value,
        CERTIFICATE_ID: record.certificateId
      },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    const keep = (chunk: Buffer): void => {
      if (output.length < MAX_OUTPUT) output += chunk.toString('utf8')
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    const timer = setTimeout(() => child.kill('SIGKILL'), settings.timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(failure(record, action, `it could not be started: ${error.message}`))
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const lines = output
        .slice(0, MAX_OUTPUT)
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
      for (const line of lines) settings.say(`dns-command (${action} ${record.name}): ${untrusted(line, 500)}`)
      if (code === 0) return resolve()
      const why =
        signal === 'SIGKILL'
          ? `it did not end within ${settings.timeoutMs / 1000} s`
          : `it exited with ${code ?? signal}`
      const last = lines.length > 0 ? `; its last line: ${untrusted(lines[lines.length - 1], 300)}` : ''
      reject(failure(record, action, `${why}${last}`))
    })
  })
}

const failure = (record: ProviderRecord, action: string, why: string): Failure =>
  new Failure({
    code: ValidationCode.DnsProviderFailed,
    message: `dns-command, to ${action} the ${record.type} record ${record.name}: ${why}`
  })

/** The command as a provider: the zone is the CA's (DvAuthDomain); the command decides the rest, and reads nothing. */
export function commandProvider(settings: CommandSettings): RecordWriter {
  const located = (record: ProviderRecord) => ({
    ...record,
    zone: record.caZone,
    host: hostIn(record.name, record.caZone)
  })
  return {
    name: 'command',
    zoneOf: (record) => Promise.resolve(record.caZone),
    async present(record) {
      await run(settings, 'present', located(record))
      return { state: 'created', ours: true }
    },
    async cleanUp(record) {
      await run(settings, 'cleanup', located(record))
      return 'removed'
    },
    planned: () => Promise.resolve({ would: 'create' }),
    // A command reads nothing: only the records this run wrote are the command's to delete.
    isOurs: () => Promise.resolve(false),
    close: () => {}
  }
}
