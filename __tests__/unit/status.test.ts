import { ISSUED, PENDING_SUBMISSION, statusName, SUBMITTED_STATUSES, TERMINAL_FAILURES } from '../../src/api/status.js'

test('every documented status code 0-15 has its own English name', () => {
  const names = Array.from({ length: 16 }, (_, code) => statusName(code))
  expect(new Set(names).size).toBe(16)
  for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z ,()]+$/)
  expect(statusName(1)).toBe('Issued')
  expect(statusName(8)).toBe('Information submitted, confirmation letter pending')
})

test('an undocumented code is named Unknown (N)', () => {
  expect(statusName(16)).toBe('Unknown (16)')
  expect(statusName(-1)).toBe('Unknown (-1)')
})

test('every documented code is in at most one of submitted, pending submission and terminal failure; issued counts as submitted', () => {
  for (let code = 0; code <= 15; code++) {
    const sets = [SUBMITTED_STATUSES, PENDING_SUBMISSION, TERMINAL_FAILURES].filter((set) => set.has(code))
    expect([code, sets.length <= 1]).toEqual([code, true])
  }
  expect(SUBMITTED_STATUSES.has(ISSUED)).toBe(true)
  // Status 8 is submitted (waiting for a letter); reviewing and DNS record added are too.
  for (const code of [0, 4, 8]) expect(SUBMITTED_STATUSES.has(code)).toBe(true)
})
