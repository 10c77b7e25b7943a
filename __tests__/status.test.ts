import { statusName, SUBMITTED_STATUSES } from '../src/tencent-cloud/status.js'

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

test('pending-submission states do not count as submitted', () => {
  expect(SUBMITTED_STATUSES.has(5)).toBe(false)
  expect(SUBMITTED_STATUSES.has(13)).toBe(false)
  expect([...SUBMITTED_STATUSES].sort((a, b) => a - b)).toEqual([0, 1, 4, 8, 11])
})
