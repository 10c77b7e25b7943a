import type { CertificateDetail } from '../../src/api/answers/index.js'
import type { SslApi } from '../../src/api/calls.js'
import { Failure } from '../../src/api/errors.js'
import { isListed, LIST_LIMIT, Statuses } from '../../src/flow/statuses.js'
import { VirtualClock } from '../helpers/virtual-clock.js'
import { LISTED_DEFAULTS, UNUSED_API, detailOf } from '../helpers/unused-api.js'
import { callFixture } from '../helpers/call-fixture.js'

function fakeApi(listable: (id: string) => boolean = () => true) {
  const lists: string[][] = []
  const details: string[] = []
  const api: SslApi = {
    ...UNUSED_API,
    describeCertificateDetail: async ({ CertificateId }) => {
      details.push(CertificateId)
      return detailOf({
        CertificateId,
        OrderId: 'SO',
        Status: 0,
        RequestId: `d-${CertificateId}`
      }) satisfies CertificateDetail
    },
    describeCertificates: async ({ CertIds, Limit }) => {
      lists.push(CertIds)
      expect(CertIds.length).toBeLessThanOrEqual(Limit)
      const Certificates = CertIds.filter(listable).map((CertificateId) => ({
        CertificateId,
        Status: 4,
        StatusMsg: 'PENDING-DCV',
        VerifyType: 'DNS',
        DVAuthDeadline: '',
        RenewLinks: [],
        ...LISTED_DEFAULTS
      }))
      return { Certificates, TotalCount: Certificates.length, RequestId: `l-${lists.length}` }
    }
  }
  return { api, lists, details }
}

const quiet = { debug: () => {}, info: () => {}, warning: () => {} }
const { policy } = callFixture({ maxAttempts: 1 })

test('2,500 reads asked in one turn are three list calls of at most 1000 IDs', async () => {
  const { api, lists, details } = fakeApi()
  const statuses = new Statuses(api, {
    policy,
    log: quiet,
    clock: { now: () => 0, sleep: async () => {} },
    intervalMs: 1000
  })
  const ids = Array.from({ length: 2500 }, (_, i) => `c${i}`)
  const updates = await Promise.all(ids.map((id) => statuses.read(id)))
  expect(lists.map((l) => l.length)).toEqual([LIST_LIMIT, LIST_LIMIT, 500])
  expect(details).toEqual([])
  expect(updates.every((u) => u !== undefined && isListed(u) && u.Status === 4)).toBe(true)
})

/** Runs `work` on the virtual clock until it settles. */
async function onClock<T>(clock: VirtualClock, work: () => Promise<T>): Promise<T> {
  let settled = false
  const promise = work().finally(() => (settled = true))
  await clock.runUntil(() => settled)
  return promise
}

test('waiting certificates share rounds: one list call a round, and one read of its own for a certificate the list lacks', async () => {
  const { api, lists, details } = fakeApi((id) => id !== 'missing')
  const clock = new VirtualClock()
  const statuses = new Statuses(api, { policy, log: quiet, clock, intervalMs: 1000 })
  const updates = await onClock(clock, () => Promise.all(['a', 'b', 'missing'].map((id) => statuses.next(id, 1000))))
  expect(clock.time).toBe(1000)
  expect(lists).toEqual([['a', 'b', 'missing']])
  expect(details).toEqual(['missing'])
  expect(updates.map((u) => (isListed(u) ? 'listed' : u.RequestId))).toEqual(['listed', 'listed', 'd-missing'])
})

test('a deadline before the next round: a read of its own at the deadline', async () => {
  const { log, clock, elapsed } = callFixture()
  const { api, lists, details } = fakeApi()
  const statuses = new Statuses(api, { policy, log, clock, intervalMs: 1000 })
  await statuses.next('a', 300)
  expect(elapsed()).toBe(300)
  expect(lists).toEqual([])
  expect(details).toEqual(['a'])
})

test('a refused list warns once, naming the permission, and reads each certificate alone from then on', async () => {
  const { api, details } = fakeApi()
  let listCalls = 0
  api.describeCertificates = () => {
    listCalls++
    return Promise.reject(new Failure({ code: 'UnauthorizedOperation', message: 'no', requestId: 'r' }))
  }
  const warnings: string[] = []
  const clock = new VirtualClock()
  const statuses = new Statuses(api, {
    policy,
    log: { ...quiet, warning: (m) => warnings.push(m) },
    clock,
    intervalMs: 10
  })
  await onClock(clock, () => Promise.all(['a', 'b'].map((id) => statuses.next(id, 10))))
  await onClock(clock, () => Promise.all(['a', 'b'].map((id) => statuses.next(id, 10))))
  expect(listCalls).toBe(1)
  expect(warnings).toEqual([expect.stringContaining('ssl:DescribeCertificates')])
  expect(details).toEqual(['a', 'b', 'a', 'b'])
})
