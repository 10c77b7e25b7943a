// The runner's log as the action prints to it: every line, whatever inputs, paths or server text it holds, kept from
// being read as a workflow command (server text has already been made inert at the client's boundary).
import * as core from '@actions/core'
import { withoutCommands } from './untrusted.js'

export const print = {
  debug: (message: string): void => core.debug(withoutCommands(message)),
  info: (message: string): void => core.info(withoutCommands(message)),
  notice: (message: string): void => core.notice(withoutCommands(message)),
  warning: (message: string): void => core.warning(withoutCommands(message)),
  setFailed: (message: string): void => core.setFailed(withoutCommands(message))
}

/** A phase of the run folded in the log under `name`, as docker/build-push-action does. */
export function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
  return core.group(withoutCommands(name), run)
}
