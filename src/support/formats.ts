// What the inputs' values look like, shared by every reader of them.

/** A GitHub-hosted job runs for at most 6 hours: no wait or switch is allowed longer. */
export const WAIT_TIMEOUT_LIMIT = 6 * 3600

/** How an input is read: core.getInput, or a test's own. */
export type ReadInput = (name: string, options?: { trimWhitespace?: boolean }) => string
import { statSync, type Stats } from 'node:fs'
import { resolve } from 'node:path'
import { InputError } from './input-error.js'
import { quoted } from './untrusted.js'

/** A certificate ID: letters, digits, "-" and "_". */
export const CERTIFICATE_ID = /^[A-Za-z0-9_-]+$/
/** A Tencent Cloud region, such as ap-guangzhou. */
export const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/

/** A private key, whatever its format: never a thing to send, print or keep. */
export const PRIVATE_KEY_PEM = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/

/** The items of a list input, separated by commas, spaces or new lines. */
export const listItems = (value: string): string[] => value.split(/[\s,]+/).filter((item) => item !== '')

/** An input problem names at most this many wrong values: the message is for a person, however long the list. */
const NAMED_AT_MOST = 5

/** Wrong values for a message: the first few, quoted, and how many more there are. */
export function named(values: readonly string[]): string {
  const more = values.length > NAMED_AT_MOST ? ` and ${values.length - NAMED_AT_MOST} more` : ''
  return `${values.slice(0, NAMED_AT_MOST).map(quoted).join(', ')}${more}`
}

export function oneOf<T extends string>(input: string, value: string, allowed: readonly T[]): T {
  const match = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase())
  if (match === undefined) {
    throw new InputError(input, `${input} ${quoted(value)} is not allowed: use one of ${allowed.join(', ')}.`)
  }
  return match
}

export function numberIn(input: string, value: string, min: number, max: number, integer: boolean): number {
  const parsed = Number(value)
  const pattern = integer ? /^\d+$/ : /^\d+(\.\d+)?$/
  if (!pattern.test(value) || parsed < min || parsed > max) {
    const kind = integer ? 'a whole number' : 'a number of seconds'
    throw new InputError(input, `${input} ${quoted(value)} is not allowed: use ${kind} from ${min} to ${max}.`)
  }
  return parsed
}

export function positiveSecondsIn(input: string, value: string, max: number): number {
  const parsed = numberIn(input, value, 0, max, false)
  if (parsed === 0) throw new InputError(input, `${input} "0" is not allowed: use a number of seconds above 0.`)
  return parsed
}

export function booleanInput(input: string, value: string): boolean {
  if (/^true$/i.test(value)) return true
  if (/^false$/i.test(value)) return false
  throw new InputError(input, `${input} ${quoted(value)} is not allowed: use true or false.`)
}

/** Every input problem, collected so that one run names them all. */
export class Problems {
  private readonly found: InputError[] = []

  /** The reader's value, or undefined when it refused its input (the problem is kept). */
  read<T>(reader: () => T): T | undefined {
    try {
      return reader()
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      this.found.push(error)
      return undefined
    }
  }

  /** Throws one InputError naming every problem found, if there was any. */
  check(): void {
    if (this.found.length === 1) throw this.found[0]
    if (this.found.length > 1) {
      const list = this.found.map((p) => `- ${p.message}`).join('\n')
      throw new InputError(this.found[0].input, `${this.found.length} inputs are wrong:\n${list}`)
    }
  }
}

/** What is at a path an input names: undefined when nothing; an InputError when the path cannot even be looked at. */
export function pathStat(input: string, path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an error'
    throw new InputError(input, `${input} ${quoted(path)} cannot be looked at (${code}): give a shorter, plain path.`)
  }
}

/** A folder an input names, as an absolute path: made when missing, so only a file (or NUL) there is refused. */
export function folderInput(input: string, value: string, what: string): string {
  if (value.includes('\0')) throw new InputError(input, `${input} contains a NUL character: give a folder path.`)
  const absolute = resolve(value)
  if (pathStat(input, absolute)?.isDirectory() === false) {
    throw new InputError(
      input,
      `${input} ${quoted(value)} is a file, not a folder: give ${what}, which is made when it does not exist.`
    )
  }
  return absolute
}

/** A value read despite another input's problem, or `fallback` when it is the problem. */
export function despite<T>(read: () => T, fallback: T): T {
  try {
    return read()
  } catch {
    return fallback
  }
}
