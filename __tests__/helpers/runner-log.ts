// How the GitHub runner reads a step's log, as far as secrets are concerned: `::add-mask::` registers a secret,
// `::stop-commands::TOKEN` (or its legacy form `##[stop-commands]TOKEN`, found anywhere in a line) stops reading
// commands until `::TOKEN::`, and every line shown has the secrets registered so far replaced by ***. A mask line
// read while commands are stopped is shown as it is: that is how a hostile `stop-commands` reveals a key.

export interface RunnerView {
  /** The log as the job's page shows it. */
  shown: string
  /** The secrets registered, in order. */
  masks: string[]
  /** Whether anything stopped the reading of commands. */
  stopped: boolean
}

const LEGACY = /##\[([a-z-]+)[^\]]*\](.*)$/i

export function runnerView(log: string): RunnerView {
  const masks: string[] = []
  const shown: string[] = []
  let resumeToken: string | undefined
  let stopped = false
  const hide = (line: string): string => masks.reduce((text, secret) => text.split(secret).join('***'), line)
  for (const line of log.split('\n')) {
    if (resumeToken !== undefined) {
      if (line.trim() === `::${resumeToken}::`) resumeToken = undefined
      else shown.push(hide(line))
      continue
    }
    const command = /^\s*::([a-z-]+)(?: [^:]*)?::(.*)$/i.exec(line)
    const legacy = command ? undefined : LEGACY.exec(line)
    const [name, data] = command ? [command[1], command[2]] : legacy ? [legacy[1], legacy[2]] : ['', '']
    if (name === 'add-mask') {
      if (data) masks.push(data)
    } else if (name === 'stop-commands') {
      resumeToken = data
      stopped = true
    } else {
      shown.push(hide(line))
    }
  }
  return { shown: shown.join('\n'), masks, stopped }
}
