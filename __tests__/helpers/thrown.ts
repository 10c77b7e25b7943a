// What a test expects to be thrown: the error of a type, or the test fails with what came instead.

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

/** The error of `type` that `promise` rejects with; fails the test when it resolves or rejects with something else. */
export async function rejectionOf<T extends Error>(
  type: abstract new (...args: never[]) => T,
  promise: Promise<unknown>
): Promise<T> {
  try {
    await promise
  } catch (error) {
    if (error instanceof type) return error
    throw error
  }
  throw new Error(`expected a ${type.name}`)
}
