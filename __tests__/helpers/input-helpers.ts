// Shared by the tests of input reading: action.yml's defaults, and the InputError a read throws.
import { InputError } from '../../src/support/input-error.js'
import { actionMetadata } from '../../sandbox/run-action.js'
import { thrownBy } from './thrown.js'

/** Every input with the default action.yml declares ('' where none), as the runner passes them. */
export const ACTION_DEFAULTS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(actionMetadata().inputs).map(([name, spec]) => [name, spec.default ?? ''])
)

/** The InputError `read` throws. */
export const inputErrorOf = (read: () => unknown): InputError => thrownBy(InputError, read)
