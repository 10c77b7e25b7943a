// The switch logic against a fake API and a clock that only counts: what is asked, in what order, and what the
// outcome says, for answers the emulator would need contortions to give.
import type { RebindProgress, RebindRecord, RebindResource, RebindTask } from '../../src/api/answers/index.js'
import type { SslApi } from '../../src/api/calls.js'
import { ActionErrorCode, Failure } from '../../src/api/errors.js'
import { rebindCertificate, type RebindSettings } from '../../src/steps/switch/switch.js'
import { UNUSED_API } from '../helpers/unused-api.js'
import { callFixture } from '../helpers/call-fixture.js'

const SETTINGS: RebindSettings = {
  resourceTypes: ['cdn', 'clb'],
  regions: new Map([['clb', ['ap-guangzhou']]]),
  disableOldExpiryNotices: false,
  timeoutMs: 60_000,
  intervalMs: 5_000
}

const resource = (i: number, status = 1, ErrorMsg = '', CertId = ''): RebindResource => ({
  Id: i + 1,
  CertId,
  ResourceType: 'cdn',
  Region: '',
  InstanceId: '',
  InstanceName: '',
  ListenerId: '',
  ListenerName: '',
  Domains: [`d${i}.example.com`],
  Status: status,
  ErrorMsg
})

type Answer<T> = T | Failure

/** A fake whose calls answer from scripts, and a clock that counts the time slept. */
/** Task records: an ID is a task of the pair asked about; a record names a pair of its own. */
type ScriptedRecord = number | RebindRecord

function fake(scripts: {
  update: Answer<RebindTask>[]
  records?: ScriptedRecord[][]
  progress?: ((offset: number) => RebindProgress)[]
}) {
  const calls: string[] = []
  const next = <T>(list: Answer<T>[], call: string): Promise<T> => {
    calls.push(call)
    const answer = list.length > 1 ? list.shift()! : list[0]
    return answer instanceof Failure ? Promise.reject(answer) : Promise.resolve(answer)
  }
  const records = scripts.records ?? [[]]
  const progress = scripts.progress ?? [() => counts([resource(1)])]
  const api: SslApi = {
    ...UNUSED_API,
    updateCertificateInstance: (request) => next(scripts.update, `update ${JSON.stringify(request)}`),
    describeHostUpdateRecord: async ({ OldCertificateId, CertificateId }) => {
      const page = await next(records, 'records')
      const Records = page.map((r) =>
        typeof r === 'number' ? { Id: r, CertId: CertificateId, OldCertId: OldCertificateId } : r
      )
      return { Records, TotalCount: Records.length, RequestId: 'r' }
    },
    describeHostUpdateRecordDetail: ({ Offset, Limit }) => {
      calls.push(`detail ${Offset}/${Limit}`)
      const script = progress.length > 1 ? progress.shift()! : progress[0]
      return Promise.resolve(script(Number(Offset)))
    }
  }
  const { policy, log, clock, logged, elapsed } = callFixture({ maxThrottledRetries: 2 })
  const options = { policy, log, clock, notice: (m: string) => calls.push(`notice ${m}`) }
  return { api, options, calls, logged, elapsed }
}

function counts(resources: RebindResource[], extra: Partial<RebindProgress> = {}): RebindProgress {
  const of = (status: number) => resources.filter((r) => r.Status === status).length
  return {
    TotalCount: resources.length,
    SuccessTotalCount: of(1),
    FailedTotalCount: of(2),
    RunningTotalCount: of(3),
    PendingTotalCount: of(0),
    Resources: resources,
    RequestId: 'req-detail',
    ...extra
  }
}

const task = (DeployRecordId: number, DeployStatus = 1): RebindTask => ({
  DeployRecordId,
  DeployStatus,
  RequestId: 'req-update'
})
const failure = (code: string, mayHaveTakenEffect = false) =>
  new Failure({ code, message: `${code} happened`, requestId: 'req-x', mayHaveTakenEffect: mayHaveTakenEffect })

test('asks again while Tencent Cloud gathers the resources, then follows the task until nothing runs', async () => {
  const { api, options, calls, elapsed } = fake({
    update: [task(0), task(0), task(77)],
    progress: [() => counts([resource(1, 3), resource(2, 0)]), () => counts([resource(1), resource(2)])]
  })
  const outcome = await rebindCertificate(api, 'new1', 'old1', SETTINGS, options)
  expect(outcome.failure).toBeUndefined()
  expect(outcome.rebind).toMatchObject({
    OldCertificateId: 'old1',
    DeployRecordId: 77,
    SuccessTotalCount: 2,
    FailedTotalCount: 0
  })
  expect(outcome.rebind.Resources.map((r) => r.Outcome)).toEqual(['switched', 'switched'])
  expect(calls.filter((c) => c.startsWith('update')).length).toBe(3)
  expect(calls.filter((c) => c.startsWith('update'))[0]).toBe(
    'update {"OldCertificateId":"old1","CertificateId":"new1","ResourceTypes":["cdn","clb"],"ResourceTypesRegions":[{"ResourceType":"clb","Regions":["ap-guangzhou"]}]}'
  )
  // Two asks while gathering and one poll while running, each an interval apart.
  expect(elapsed()).toBe(3 * SETTINGS.intervalMs)
})

test('a page with resources still running is not done, even when its counts leave them out', async () => {
  const { api, options, elapsed } = fake({
    update: [task(2)],
    progress: [
      () => counts([resource(1, 3)], { RunningTotalCount: 0, PendingTotalCount: 0 }),
      () => counts([resource(1)])
    ]
  })
  expect((await rebindCertificate(api, 'n', 'o', SETTINGS, options)).rebind.SuccessTotalCount).toBe(1)
  expect(elapsed()).toBe(SETTINGS.intervalMs)
})

test('ExpiringNotificationSwitch is sent only when the old certificate is to fall silent', async () => {
  const { api, options, calls } = fake({ update: [task(5)] })
  await rebindCertificate(api, 'n', 'o', { ...SETTINGS, disableOldExpiryNotices: true }, options)
  expect(calls.find((c) => c.startsWith('update'))).toContain('"ExpiringNotificationSwitch":1')
})

test('a task already running for the same switch is joined (DeployStatus 0), not duplicated', async () => {
  const { api, options, calls } = fake({ update: [task(91, 0)], records: [[], [91]] })
  const outcome = await rebindCertificate(api, 'n', 'o', SETTINGS, options)
  expect(outcome.rebind.DeployRecordId).toBe(91)
  expect(calls.filter((c) => c.startsWith('update')).length).toBe(1)
})

test('every page of a large task is read, 200 at a time', async () => {
  const all = Array.from({ length: 450 }, (_, i) => resource(i))
  const page = (offset: number) => counts(all.slice(offset, offset + 200), { TotalCount: 450, SuccessTotalCount: 450 })
  const { api, options, calls } = fake({ update: [task(3)], progress: [page] })
  const outcome = await rebindCertificate(api, 'n', 'o', SETTINGS, options)
  expect(outcome.rebind.Resources.length).toBe(450)
  expect(calls.filter((c) => c.startsWith('detail'))).toEqual(['detail 0/200', 'detail 200/200', 'detail 400/200'])
})

test('failed resources fail the switch, the first ten named with their messages', async () => {
  const resources = Array.from({ length: 12 }, (_, i) => resource(i, 2, `quota exceeded ${i}`))
  const { api, options } = fake({ update: [task(4)], progress: [() => counts([resource(99), ...resources])] })
  const outcome = await rebindCertificate(api, 'n', 'old9', SETTINGS, options)
  expect(outcome.failure).toMatchObject({ code: 'ActionError.RebindFailed', requestId: 'req-detail' })
  expect(outcome.failure!.message).toMatch(
    /^switching from old9 \(task 4\), 12 of 13 resources failed: cdn d0\.example\.com: failed \(quota exceeded 0\); /
  )
  expect(outcome.failure!.message).toMatch(/quota exceeded 9\); and 2 more$/)
  expect(outcome.failure!.message).not.toMatch(/quota exceeded 10/)
  expect(outcome.rebind).toMatchObject({ SuccessTotalCount: 1, FailedTotalCount: 12 })
})

test('a lost answer with no task made asks again; one with a task made adopts it', async () => {
  const lostThenAsked = fake({
    update: [failure(ActionErrorCode.ConnectionLost, true), task(8)],
    records: [
      [1, 2],
      [1, 2]
    ]
  })
  expect(
    (await rebindCertificate(lostThenAsked.api, 'n', 'o', SETTINGS, lostThenAsked.options)).rebind.DeployRecordId
  ).toBe(8)

  const lostButMade = fake({
    update: [failure(ActionErrorCode.Timeout, true)],
    records: [
      [1, 2],
      [1, 2, 40]
    ]
  })
  const outcome = await rebindCertificate(lostButMade.api, 'n', 'o', SETTINGS, lostButMade.options)
  expect(outcome.rebind.DeployRecordId).toBe(40)
  expect(lostButMade.calls.filter((c) => c.startsWith('update')).length).toBe(1)
  expect(lostButMade.logged.some((m) => m.startsWith('warning:') && m.includes('created switch task 40'))).toBe(true)
})

test('the task records are read page by page, so a task made by a lost answer is found past the first hundred', async () => {
  const earlier = Array.from({ length: 150 }, (_, i) => i + 1)
  const { api, options, calls } = fake({ update: [failure(ActionErrorCode.ConnectionLost, true)] })
  let reads = 0
  api.describeHostUpdateRecord = ({ Offset }) => {
    calls.push(`records ${Offset}`)
    const all = ++reads <= 2 ? earlier : [...earlier, 900]
    const Records = all.slice(Offset, Offset + 100).map((Id) => ({ Id, CertId: 'n', OldCertId: 'o' }))
    return Promise.resolve({ Records, TotalCount: all.length, RequestId: 'r' })
  }
  expect((await rebindCertificate(api, 'n', 'o', SETTINGS, options)).rebind.DeployRecordId).toBe(900)
  expect(calls.filter((c) => c.startsWith('records'))).toEqual(['records 0', 'records 100', 'records 0', 'records 100'])
})

test('another switch running is waited for; one that never ends, and a task that never finishes, end at rebind-timeout', async () => {
  const waited = fake({ update: [failure('FailedOperation.CertificateDeployHasPendingRecord'), task(6)] })
  expect((await rebindCertificate(waited.api, 'n', 'o', SETTINGS, waited.options)).rebind.DeployRecordId).toBe(6)

  const blocked = fake({ update: [failure('FailedOperation.CertificateDeployHasPendingRecord')] })
  const never = await rebindCertificate(blocked.api, 'n', 'o', SETTINGS, blocked.options)
  expect(never.failure).toMatchObject({ code: 'ActionError.RebindTimeout' })
  expect(never.failure!.message).toMatch(/no switch task could be started within rebind-timeout \(60 s\)/)
  expect(blocked.elapsed()).toBe(SETTINGS.timeoutMs)

  const stuck = fake({ update: [task(12)], progress: [() => counts([resource(1), resource(2, 3)])] })
  const unfinished = await rebindCertificate(stuck.api, 'n', 'o', SETTINGS, stuck.options)
  expect(unfinished.failure!.message).toMatch(
    /\(task 12\): task 12 did not finish \(1 of 2 switched so far\) within rebind-timeout/
  )
  expect(unfinished.rebind.DeployRecordId).toBe(12)
})

test('nothing bound is a notice; another refusal is the failure, with its code and RequestId', async () => {
  const empty = fake({ update: [failure('FailedOperation.CertificateDeployInstanceEmpty')] })
  const outcome = await rebindCertificate(empty.api, 'n', 'o', SETTINGS, empty.options)
  expect(outcome).toEqual({
    rebind: expect.objectContaining({
      DeployRecordId: 0,
      Note: expect.stringContaining('nothing of the kinds cdn, clb is bound to o')
    })
  })
  expect(empty.calls.some((c) => c.startsWith('notice Certificate n: nothing of the kinds'))).toBe(true)

  const refused = fake({ update: [failure('FailedOperation.RoleNotFoundAuthorization')] })
  expect((await rebindCertificate(refused.api, 'n', 'o', SETTINGS, refused.options)).failure).toEqual({
    code: 'FailedOperation.RoleNotFoundAuthorization',
    requestId: 'req-x',
    message: 'switching from o: FailedOperation.RoleNotFoundAuthorization happened'
  })
})

describe('a switch reported as done is done', () => {
  test("DeployStatus 0 with another pair's task: it is waited for, then the switch is asked again and followed", async () => {
    const foreign = { Id: 70, CertId: 'someone-else', OldCertId: 'o' }
    const { api, options, calls } = fake({
      update: [task(70, 0), task(71)],
      records: [[], [foreign]],
      progress: [() => counts([resource(1, 3)]), () => counts([resource(1)]), () => counts([resource(2)])]
    })
    const outcome = await rebindCertificate(api, 'n', 'o', SETTINGS, options)
    expect(outcome.failure).toBeUndefined()
    expect(outcome.rebind.DeployRecordId).toBe(71)
    expect(calls.filter((c) => c.startsWith('update')).length).toBe(2)
  })

  test('the lost-answer path adopts only a new task whose record names this pair', async () => {
    const { api, options, calls } = fake({
      update: [failure(ActionErrorCode.ConnectionLost, true), task(9)],
      records: [[1], [1, { Id: 50, CertId: 'other', OldCertId: 'o' }]]
    })
    const outcome = await rebindCertificate(api, 'n', 'o', SETTINGS, options)
    expect(outcome.rebind.DeployRecordId).toBe(9)
    expect(calls.filter((c) => c.startsWith('update')).length).toBe(2)
  })

  test('a task whose counts are all 0 and that lists nothing: nothing is bound (real callers see it), a notice, not a failure', async () => {
    const { api, options, calls } = fake({ update: [task(5)], progress: [() => counts([])] })
    const outcome = await rebindCertificate(api, 'n', 'o', SETTINGS, options)
    expect(outcome.failure).toBeUndefined()
    expect(outcome.rebind).toMatchObject({
      DeployRecordId: 5,
      Note: expect.stringContaining('task 5 counts no resource')
    })
    expect(calls.some((c) => c.startsWith('notice Certificate n: task 5 counts no resource'))).toBe(true)
  })

  test('a resource in status 6 (no resource, nothing to deploy) is done; 4 and 5 are named as rollbacks', async () => {
    const done = fake({
      update: [task(7)],
      progress: [() => counts([resource(1), resource(2, 6)], { SuccessTotalCount: 1 })]
    })
    const outcome = await rebindCertificate(done.api, 'n', 'o', SETTINGS, done.options)
    expect(outcome.failure).toBeUndefined()
    expect(outcome.rebind.Resources.map((r) => r.Outcome)).toEqual(['switched', 'no resource (nothing to deploy)'])
    const rolled = fake({
      update: [task(8)],
      progress: [() => counts([resource(1, 4), resource(2, 5)], { FailedTotalCount: 2 })]
    })
    const failed = await rebindCertificate(rolled.api, 'n', 'o', SETTINGS, rolled.options)
    expect(failed.failure!.message).toMatch(/d1\.example\.com: rolled back; cdn d2\.example\.com: rollback failed/)
  })

  test.each([
    [
      'a task that counts resources but lists none',
      () => counts([], { SuccessTotalCount: 1 }),
      /task 5\): it lists no resource/
    ],
    [
      'counts that add up to nothing',
      () => counts([resource(1), resource(2), resource(3)], { SuccessTotalCount: 0 }),
      /counts add up to nothing \(TotalCount 3/
    ]
  ])('%s is not success: ActionError.RebindUnconfirmed', async (_, page, message) => {
    const { api, options } = fake({ update: [task(5)], progress: [page] })
    const outcome = await rebindCertificate(api, 'n', 'o', SETTINGS, options)
    expect(outcome.failure).toMatchObject({ code: 'ActionError.RebindUnconfirmed' })
    expect(outcome.failure!.message).toMatch(message)
  })

  test('resources rolled back, in a status the docs do not name, or switched to another certificate are not success', async () => {
    const resources = [resource(1), resource(2, 4), resource(3, 9), resource(4, 1, '', 'elsewhere')]
    const { api, options } = fake({
      update: [task(6)],
      progress: [() => counts(resources, { SuccessTotalCount: 2, FailedTotalCount: 0 })]
    })
    const outcome = await rebindCertificate(api, 'n', 'o', SETTINGS, options)
    expect(outcome.failure).toMatchObject({ code: 'ActionError.RebindFailed' })
    expect(outcome.failure!.message).toMatch(
      /3 of 4 resources failed: cdn d2\.example\.com: rolled back; cdn d3\.example\.com: unknown \(status 9\); /
    )
    expect(outcome.failure!.message).toContain('cdn d4.example.com: switched to another certificate (elsewhere)')
    expect(outcome.rebind.Resources.map((r) => r.Outcome)).toEqual([
      'switched',
      'rolled back',
      'unknown (status 9)',
      'switched to another certificate (elsewhere)'
    ])
  })

  test('every page switched but counts of more not switched: the counts decide for the unlisted', async () => {
    const listed = Array.from({ length: 200 }, (_, i) => resource(i))
    let offset = 0
    const page = (at: number) => {
      offset = at
      return counts(
        listed.map((r) => ({ ...r, Id: r.Id + at })),
        { TotalCount: 1_000_000, SuccessTotalCount: 999_000, FailedTotalCount: 0 }
      )
    }
    const { api, options, calls } = fake({ update: [task(8)], progress: [page] })
    const outcome = await rebindCertificate(api, 'n', 'o', SETTINGS, options)
    expect(outcome.rebind.Resources.length).toBe(500)
    expect(offset).toBe(400)
    expect(calls.filter((c) => c.startsWith('detail')).length).toBe(3)
    expect(outcome.failure).toMatchObject({ code: 'ActionError.RebindFailed' })
    expect(outcome.failure!.message).toMatch(/1000 of 1000000 resources failed: 1000 more$/)
  })
})

describe('pages that do not add up end with a code of their own', () => {
  test.each([
    [
      'a TotalCount the pages never reach',
      (offset: number) => counts(offset === 0 ? [resource(1)] : [], { TotalCount: 500 })
    ],
    ['a page that repeats', () => counts([resource(1)], { TotalCount: 500 })]
  ])("a task's resources: %s", async (_, page) => {
    const { api, options, calls } = fake({ update: [task(3)], progress: [page] })
    const outcome = await rebindCertificate(api, 'n', 'o', SETTINGS, options)
    expect(outcome.failure).toMatchObject({ code: ActionErrorCode.InconsistentAnswer })
    expect(outcome.failure!.message).toMatch(/resources ended at 1 of the 500 its TotalCount gives, or repeated a page/)
    expect(calls.filter((c) => c.startsWith('detail')).length).toBe(2)
  })

  test('task records that repeat, or more of them than any account has', async () => {
    const { api, options } = fake({ update: [task(3)] })
    api.describeHostUpdateRecord = () =>
      Promise.resolve({ Records: [{ Id: 1, CertId: 'n', OldCertId: 'o' }], TotalCount: 5, RequestId: 'r' })
    const repeated = await rebindCertificate(api, 'n', 'o', SETTINGS, options)
    expect(repeated.failure).toMatchObject({
      code: ActionErrorCode.InconsistentAnswer,
      message: expect.stringContaining('ended at 1 of the 5')
    })

    let next = 0
    api.describeHostUpdateRecord = () => {
      const Records = Array.from({ length: 100 }, () => ({ Id: ++next, CertId: 'x', OldCertId: 'o' }))
      return Promise.resolve({ Records, TotalCount: 1_000_000, RequestId: 'r' })
    }
    const endless = await rebindCertificate(api, 'n', 'o', SETTINGS, options)
    expect(endless.failure).toMatchObject({
      code: ActionErrorCode.InconsistentAnswer,
      message: expect.stringContaining('more than 2000')
    })
    expect(next).toBe(2000)
  })
})
