// validation-dir: the files the CA fetches for FILE validation (http(s)://<domain>/<path>/<name>), written where a
// later step publishes the site. Their paths come from the server, so each is held to plain names inside the folder,
// and no link on the way is followed.
import { randomBytes } from 'node:crypto'
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import type { DvAuth } from '../../../api/answers/index.js'
import { Failure } from '../../../api/errors.js'
import { recordLocation } from '../../../api/validation-records.js'
import type { RecordPublisher } from '../publisher.js'
import { errorMessage } from '../../../support/error-message.js'
import { FilesCode } from '../../files/codes.js'
import { ValidationCode } from '../codes.js'

/** Where a CA looks for a validation file: /.well-known/pki-validation/ (the folder every FILE record lies under). */
const WELL_KNOWN = '.well-known'
/**
 * What a validation file holds: a token, or a few lines of them (a hash, the CA's domain, a token): printable ASCII,
 * no markup, short. A file there that holds anything else is the site's own and is never replaced.
 */
const TOKEN_SHAPED = /^[A-Za-z0-9._=+/-]+(?:\r?\n[A-Za-z0-9._=+/-]*){0,4}\r?\n?$/
const MAX_TOKEN_FILE = 1024
export const tokenShaped = (content: string): boolean => content.length <= MAX_TOKEN_FILE && TOKEN_SHAPED.test(content)

/**
 * The validation files the certificates of one step have claimed, by path: two certificates that need the same file
 * with different contents cannot both validate at once, so the second is refused before it writes anything.
 */
export class ValidationClaims {
  private readonly byPath = new Map<string, { certificateId: string; content: string }>()

  claim(certificateId: string, dir: string, records: readonly DvAuth[]): void {
    const files = planned(records).map((file) => ({
      path: join(resolve(dir), ...file.segments),
      content: file.content
    }))
    for (const file of files) {
      const held = this.byPath.get(file.path)
      if (held && held.certificateId !== certificateId && held.content !== file.content) {
        throw new Failure({
          code: ValidationCode.ValidationFileRefused,
          message: `certificates ${held.certificateId} and ${certificateId} both need ${file.path} with different contents, and cannot both validate at once: run them in separate steps (or jobs), one after the other; no validation file of ${certificateId} was written`
        })
      }
    }
    for (const file of files) this.byPath.set(file.path, { certificateId, content: file.content })
  }
}

/** A segment of a validation file's path: letters, digits, '.', '_' and '-', and not '.' or '..'. */
const PLAIN_SEGMENT = /^[A-Za-z0-9._-]{1,255}$/

/** The FILE records among `records`, as paths relative to validation-dir with their contents; refused as a whole. */
function planned(records: readonly DvAuth[]): { segments: string[]; content: string; shown: string }[] {
  const files = records
    .map((record) => recordLocation(record))
    .filter((location) => location.type === 'FILE')
    .map((location) => ({
      segments: location.name.split('/').filter((segment) => segment !== ''),
      content: location.value,
      shown: location.name
    }))
  for (const file of files) {
    const wrong = file.segments.find((segment) => !PLAIN_SEGMENT.test(segment) || /^\.{1,2}$/.test(segment))
    if (file.segments.length === 0 || wrong !== undefined) {
      throw new Failure({
        code: ValidationCode.ValidationFileRefused,
        message: `the FILE record's path ${JSON.stringify(file.shown)} is not a plain path (each part letters, digits, ".", "_" or "-", no ".."), so no validation file was written`
      })
    }
    // A CA looks under /.well-known/ (pki-validation): a path elsewhere could overwrite any file of the site.
    if (file.segments[0] !== WELL_KNOWN || file.segments.length < 2) {
      throw new Failure({
        code: ValidationCode.ValidationFileRefused,
        message: `the FILE record's path ${JSON.stringify(file.shown)} is not under /${WELL_KNOWN}/, where a CA looks for validation files, so no validation file was written`
      })
    }
  }
  const byPath = new Map<string, string>()
  for (const file of files) {
    const path = file.segments.join('/')
    if (byPath.has(path) && byPath.get(path) !== file.content) {
      throw new Failure({
        code: ValidationCode.ValidationFileRefused,
        message: `two FILE records ask for ${path} with different contents (domains served from different sites): give each site its own validation-dir, one step per domain; no validation file was written`
      })
    }
    byPath.set(path, file.content)
  }
  return files
}

/** The paths placeValidationFiles would write for `records`, checked by the same rules; nothing is written. */
export function validationFilePaths(dir: string, records: readonly DvAuth[]): string[] {
  return planned(records).map((file) => join(resolve(dir), ...file.segments))
}

/** Makes each folder of `segments` below `root`, never through a link: a link or a file on the way is refused. */
function folderWithin(root: string, segments: readonly string[]): string {
  let folder = root
  for (const segment of segments) {
    folder = join(folder, segment)
    const found = lstatSync(folder, { throwIfNoEntry: false })
    if (!found) mkdirSync(folder, { mode: 0o755 })
    else if (found.isSymbolicLink()) throw new Error(`${folder} is a symbolic link, which is never followed`)
    else if (!found.isDirectory()) throw new Error(`${folder} is not a folder`)
  }
  return folder
}

/**
 * Writes each FILE record as <dir>/<path on the site>, holding its value, and returns the paths written. A record
 * whose path is not plain is refused before anything is written (ActionError.ValidationFileRefused); a link in the
 * way is never followed (ActionError.WriteFailed).
 */
export function placeValidationFiles(dir: string, records: readonly DvAuth[]): string[] {
  const files = planned(records)
  if (files.length === 0) return []
  const root = resolve(dir)
  const written: string[] = []
  try {
    mkdirSync(root, { recursive: true })
    if (lstatSync(root).isSymbolicLink()) throw new Error(`${root} is a symbolic link, which is never followed`)
    for (const file of files) {
      const folder = folderWithin(root, file.segments.slice(0, -1))
      const path = join(folder, file.segments[file.segments.length - 1])
      // Plain segments cannot leave the folder; this says so in code, for whoever changes the rule above.
      if (relative(root, path).startsWith(`..${sep}`)) throw new Error(`${path} is outside ${root}`)
      const existing = lstatSync(path, { throwIfNoEntry: false })
      if (existing?.isSymbolicLink()) throw new Error(`${path} is a symbolic link, which is never followed`)
      // An existing file is replaced only when it is a validation file, as this action writes them.
      if (existing && (!existing.isFile() || !tokenShaped(readFileSync(path, 'utf8')))) {
        throw new Failure({
          code: ValidationCode.ValidationFileRefused,
          message: `${path} exists and is not a validation file (its content is not a token), so it was not replaced${written.length > 0 ? ` (written before that: ${written.join(', ')})` : ''}`
        })
      }
      const temporary = join(folder, `.${randomBytes(6).toString('hex')}.tmp`)
      try {
        writeFileSync(temporary, file.content, { mode: 0o644, flag: 'wx' })
        renameSync(temporary, path)
      } finally {
        rmSync(temporary, { force: true })
      }
      written.push(path)
    }
  } catch (error) {
    if (error instanceof Failure) throw error
    throw new Failure({
      code: FilesCode.WriteFailed,
      message: `the validation files could not be written in ${root}: ${errorMessage(error)}${written.length > 0 ? ` (written before that: ${written.join(', ')})` : ''}`
    })
  }
  return written
}

/**
 * validation-dir as a record publisher: FILE records written for the site, claimed for the whole step so that two
 * certificates never need one file differently. They stay after issuance: the site that publishes them decides.
 */
export function filePublisher(dir: string, claims: ValidationClaims): RecordPublisher {
  return {
    name: 'validation-dir',
    present(certificateId, records) {
      claims.claim(certificateId, dir, records)
      return placeValidationFiles(dir, records)
    },
    planned(certificateId, records) {
      claims.claim(certificateId, dir, records)
      return validationFilePaths(dir, records)
    },
    slice: (_certificateId, placed) => (placed ? { ValidationFiles: placed } : {}),
    finish() {
      // The site's own deployment publishes and removes these files; the action never deletes what it hands over.
    }
  }
}
