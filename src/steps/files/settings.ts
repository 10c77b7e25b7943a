// The files' settings: download-dir and pfx-password, and a warning when the folder lies inside the workspace.
import { isAbsolute, relative, resolve } from 'node:path'
import { InputError } from '../../support/input-error.js'
import { folderInput, type ReadInput } from '../../support/formats.js'
import { quoted } from '../../support/untrusted.js'
import type { Env } from '../../api/terms.js'
import type { FileSettings } from './save.js'

/** download-dir and pfx-password: a folder (made when missing) and a password, which is masked before anything else. */
export function readFileSettings(readInput: ReadInput, mask: (secret: string) => void): FileSettings | undefined {
  // Used exactly as given: a password may begin or end with a space.
  const password = readInput('pfx-password', { trimWhitespace: false })
  if (password) mask(password)
  const dir = readInput('download-dir').trim()
  if (!dir) {
    if (password) {
      throw new InputError(
        'pfx-password',
        'pfx-password is set, but download-dir is empty: set download-dir to the folder for the certificate files (for example ${{ runner.temp }}/certificates), or drop pfx-password.'
      )
    }
    return undefined
  }
  const absolute = folderInput('download-dir', dir, 'a folder')
  return { dir: absolute, ...(password ? { pfxPassword: password } : {}) }
}

/**
 * A download-dir inside the workspace: the private key then sits where an upload-artifact or cache step of the
 * workspace picks it up. `~/certs` (no shell expands it in `with:`) and `C:\certs` on Linux land there as relative
 * paths. Undefined when the folder is elsewhere.
 */
export function workspaceWarning(files: FileSettings | undefined, env: Env): string | undefined {
  const workspace = env.GITHUB_WORKSPACE
  if (!files || !workspace) return undefined
  const inside = relative(resolve(workspace), files.dir)
  if (inside.startsWith('..') || isAbsolute(inside)) return undefined
  return (
    `download-dir resolves to ${quoted(files.dir)}, inside the workspace ${quoted(workspace)}: the private key written there is ` +
    'uploaded by any step that archives or caches the workspace (upload-artifact, cache). Use a folder outside it, ' +
    'such as ${{ runner.temp }}/certificates (the shell does not expand ~ in with:).'
  )
}
