import { Cancellation } from '../../src/api/cancellation.js'
import { ActionErrorCode, Failure } from '../../src/api/errors.js'
import { rejectionOf } from '../helpers/thrown.js'

test('a sleep ends normally when nothing is cancelled', async () => {
  await expect(new Cancellation().sleep(1)).resolves.toBeUndefined()
})

test('cancelling ends every sleep at once with the cancellation failure, and no new sleep starts', async () => {
  const cancellation = new Cancellation()
  const long = cancellation.sleep(60_000)
  cancellation.cancel(10)
  const failure = await rejectionOf(Failure, long)
  expect(failure).toMatchObject({ code: ActionErrorCode.Cancelled, mayHaveTakenEffect: false })
  await expect(cancellation.sleep(1)).rejects.toMatchObject({ code: ActionErrorCode.Cancelled })
})

test('requests in flight are aborted only after the grace, and a second cancel changes nothing', async () => {
  const cancellation = new Cancellation()
  // A grace long enough that a loaded machine's timers cannot overtake it.
  cancellation.cancel(400)
  expect(cancellation.stopping.aborted).toBe(true)
  expect(cancellation.aborting.aborted).toBe(false)
  cancellation.cancel(0)
  await new Promise((resolve) => setTimeout(resolve, 5))
  expect(cancellation.aborting.aborted).toBe(false)
  await new Promise((resolve) => setTimeout(resolve, 450))
  expect(cancellation.aborting.aborted).toBe(true)
})

test('a request cut off in flight may have reached the server; one never sent did not', () => {
  const cancellation = new Cancellation()
  expect(cancellation.failure(true)).toMatchObject({
    mayHaveTakenEffect: true,
    message: expect.stringContaining('in flight')
  })
  expect(cancellation.failure(false)).toMatchObject({
    mayHaveTakenEffect: false,
    message: expect.stringContaining('before the request was sent')
  })
})
