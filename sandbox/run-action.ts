// Runs the built action (dist/index.js) as the GitHub runner does: one INPUT_* variable per input declared in
// action.yml (its default when the caller gives none), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, a RUNNER_TEMP
// folder, and nothing of this process's own environment but PATH.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
export const ENTRY = join(ROOT, 'dist', 'index.js')

interface ActionMetadata {
  inputs: Record<string, { default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

export function actionMetadata(): ActionMetadata {
  return parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionMetadata
}

export interface ActionRun {
  exitCode: number | null
  /** stdout and stderr, as the job log shows them. */
  log: string
  outputs: Record<string, string>
  summary: string
  /** What the file named by the ResultsFile output held ('' when there was none). */
  resultsFile: string
  /** From the start of the process to its end. */
  elapsedMs: number
}

export interface RunOptions {
  /** The run is killed, and the test fails, past this. */
  timeoutMs?: number
  /** Called with the process once it has started: to send it signals, say. */
  onStart?: (child: ChildProcess) => void
}

/** Parses the file format `core.setOutput` writes: `name<<DELIMITER`, the value's lines, `DELIMITER`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (!heredoc) continue
    const value: string[] = []
    while (++i < lines.length && lines[i] !== heredoc[2]) value.push(lines[i])
    outputs[heredoc[1]] = value.join('\n')
  }
  return outputs
}

/**
 * The environment the runner gives the action: PATH, one INPUT_* variable per input declared in action.yml (the
 * caller's value or the declared default), the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, then `env`.
 */
export function actionEnvironment(
  inputs: Record<string, string>,
  files: { output: string; summary: string },
  env: Record<string, string> = {}
): Record<string, string> {
  const declared = actionMetadata().inputs
  for (const name of Object.keys(inputs))
    if (!(name in declared)) throw new Error(`action.yml declares no input ${name}`)
  const inputVariables = Object.fromEntries(
    Object.entries(declared).map(([name, spec]) => [`INPUT_${name.toUpperCase()}`, inputs[name] ?? spec.default ?? ''])
  )
  return {
    PATH: process.env.PATH ?? '',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    ...inputVariables,
    ...env
  }
}

export async function runAction(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  options: RunOptions = {}
): Promise<ActionRun> {
  const { timeoutMs = 120_000, onStart } = options
  const dir = mkdtempSync(join(tmpdir(), 'action-run-'))
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary') }
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  try {
    const started = Date.now()
    const child = spawn(process.execPath, [ENTRY], {
      env: { RUNNER_TEMP: dir, ...actionEnvironment(inputs, files, env) },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let log = ''
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
    onStart?.(child)
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error(`the action did not finish within ${timeoutMs} ms; log so far:\n${log}`))
      }, timeoutMs)
      child.on('close', (code) => {
        clearTimeout(timer)
        resolve(code)
      })
    })
    const elapsedMs = Date.now() - started
    const outputs = parseOutputFile(readFileSync(files.output, 'utf8'))
    const resultsFile =
      outputs.ResultsFile && existsSync(outputs.ResultsFile) ? readFileSync(outputs.ResultsFile, 'utf8') : ''
    return { exitCode, log, outputs, summary: readFileSync(files.summary, 'utf8'), resultsFile, elapsedMs }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
