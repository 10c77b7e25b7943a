import { randomBytes } from 'node:crypto'
import { chmodSync, lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { errorMessage } from '../../support/error-message.js'

export interface FileToWrite {
  name: string
  content: string | Buffer
  /** 0o600 for anything that holds the key. */
  mode: number
}

/** The files could not be written; `onDisk` says what the folder holds now. */
export class WriteError extends Error {
  constructor(
    why: string,
    readonly onDisk: string
  ) {
    super(why)
  }
}

const kind = (path: string): 'missing' | 'file' | 'folder' | 'link' | 'other' => {
  const stat = lstatSync(path, { throwIfNoEntry: false })
  if (!stat) return 'missing'
  return stat.isSymbolicLink() ? 'link' : stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other'
}

const temporaryName = (dir: string, name: string, what: string): string =>
  join(dir, `.${name}.${randomBytes(6).toString('hex')}.${what}`)

/**
 * Writes the files into `dir` (made 0700) so that a reader sees either the old set or the new, whole: each is
 * written to a new temporary file first (never through a link that was already there), then each is renamed over
 * its name with the file it replaces kept aside; if a rename fails, every name is put back as it was. Files of an
 * earlier set that this one does not have (a key, a PFX) are removed afterwards, so no old key sits beside a new
 * certificate. `dir` itself must be a real folder: a link there is refused, and nothing at its target is touched.
 * Returns the paths written; throws a WriteError saying what is on disk.
 */
export function writeFilesAtomically(
  dir: string,
  files: readonly FileToWrite[],
  stale: readonly string[],
  /** A seam for the tests, to fail a rename half way. */
  rename: (from: string, to: string) => void = renameSync
): string[] {
  const nothingChanged = `nothing in ${dir} was changed`
  const found = kind(dir)
  if (found === 'link') throw new WriteError(`${dir} is a symbolic link, which is never followed`, nothingChanged)
  if (found !== 'missing' && found !== 'folder') throw new WriteError(`${dir} is not a folder`, nothingChanged)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  // mkdir's mode is subject to the umask, and the folder may have existed before.
  chmodSync(dir, 0o700)
  const names = [...files.map((file) => file.name), ...stale]
  const blocked = names.filter((name) => !['missing', 'file', 'link'].includes(kind(join(dir, name))))
  if (blocked.length > 0)
    throw new WriteError(
      `${blocked.join(', ')} in ${dir} ${blocked.length === 1 ? 'is not a file' : 'are not files'}`,
      nothingChanged
    )

  const staged = files.map((file) => ({
    ...file,
    path: join(dir, file.name),
    temp: temporaryName(dir, file.name, 'tmp'),
    kept: ''
  }))
  const placed: typeof staged = []
  try {
    for (const file of staged) writeFileSync(file.temp, file.content, { mode: file.mode, flag: 'wx' })
    for (const file of staged) {
      if (kind(file.path) !== 'missing') {
        file.kept = temporaryName(dir, file.name, 'old')
        rename(file.path, file.kept)
      }
      placed.push(file)
      rename(file.temp, file.path)
    }
  } catch (error) {
    const why = errorMessage(error)
    throw new WriteError(why, restore(placed, dir))
  } finally {
    for (const file of staged) rmSync(file.temp, { force: true })
  }
  for (const file of staged) if (file.kept) rmSync(file.kept, { force: true })
  for (const name of stale) rmSync(join(dir, name), { force: true })
  return staged.map((file) => file.path)
}

/** Puts back what a failed write replaced; says what is on disk afterwards. */
function restore(placed: readonly { path: string; kept: string }[], dir: string): string {
  const lost: string[] = []
  for (const file of [...placed].reverse()) {
    try {
      if (file.kept) renameSync(file.kept, file.path)
      else rmSync(file.path, { force: true })
    } catch {
      lost.push(file.path)
    }
  }
  if (lost.length === 0) return `the files in ${dir} are the previous set, as they were`
  return `the previous set could not be put back whole: ${lost.join(', ')} may be of the new set, and the earlier file is kept beside it as .<name>.*.old`
}
