// The validation's settings: validation-dir, where FILE records are written for the site.
import { folderInput, type ReadInput } from '../../support/formats.js'

/** validation-dir: a folder (made when missing) for the FILE validation records, which the site then serves. */
function readValidationDir(value: string): string | undefined {
  return value
    ? folderInput('validation-dir', value, 'the folder your site is published from (for example public)')
    : undefined
}

export function readValidationSettings(readInput: ReadInput): { validationDir?: string } {
  const validationDir = readValidationDir(readInput('validation-dir').trim())
  return validationDir ? { validationDir } : {}
}
