import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface FileToWrite {
  name: string
  content: string | Buffer
  /** 0o600 for anything that holds the key. */
  mode: number
}

/**
 * Writes the files into `dir` (made 0700) so that a reader sees either the old set or the new: each is written to a
 * new temporary file first (never through a link that was already there), then all are renamed over their names.
 * Files of an earlier set that this one does not have (a key, a PFX) are removed, so no old key sits beside a
 * new certificate. Returns the paths written.
 */
export function writeFilesAtomically(dir: string, files: readonly FileToWrite[], stale: readonly string[]): string[] {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  // mkdir's mode is subject to the umask, and the directory may have existed before.
  chmodSync(dir, 0o700)
  const temporary = files.map((file) => ({ ...file, temp: join(dir, `.${file.name}.${randomBytes(6).toString('hex')}.tmp`) }))
  try {
    for (const file of temporary) writeFileSync(file.temp, file.content, { mode: file.mode, flag: 'wx' })
    for (const file of temporary) renameSync(file.temp, join(dir, file.name))
  } finally {
    for (const file of temporary) rmSync(file.temp, { force: true })
  }
  for (const name of stale) rmSync(join(dir, name), { force: true })
  return files.map((file) => join(dir, file.name))
}
