import * as core from '@actions/core'
import { run } from './main.js'
import { withoutCommands } from './support/untrusted.js'

// The entry point ncc bundles into dist/index.js; all behaviour lives in main.ts and the modules it calls. Once the
// action has decided, the process ends: a server that never finishes an answer cannot keep the job running.
run()
  .catch((error: unknown) => {
    core.setFailed(
      withoutCommands(
        `The action failed unexpectedly; please report it with this log: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
      )
    )
  })
  .finally(() => process.exit())
