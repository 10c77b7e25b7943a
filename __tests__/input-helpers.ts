// Shared by the tests of input reading: action.yml's defaults, and the InputError a read throws.
import { InputError } from '../src/inputs/input-error.js'
import { actionMetadata } from '../sandbox/run-action.js'

/** Every input with the default action.yml declares ('' where none), as the runner passes them. */
export const ACTION_DEFAULTS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(actionMetadata().inputs).map(([name, spec]) => [name, spec.default ?? ''])
)

/** The error of `type` that `act` throws; fails the test when it throws nothing or something else. */
export function thrownBy<T extends Error>(type: abstract new (...args: never[]) => T, act: () => unknown): T {
  try {
    act()
  } catch (error) {
    if (error instanceof type) return error
    throw error
  }
  throw new Error(`expected a ${type.name}`)
}

/** The InputError `read` throws. */
export const inputErrorOf = (read: () => unknown): InputError => thrownBy(InputError, read)
