// End to end, the built action switches the old certificate's cloud resources to the new one once it is issued:
// a CDN domain and a CLB listener switched, a failing resource named in the failure, a re-run after success as a
// notice, a lost answer that does not make a second task, and nothing switched before issuance.
import { errorLines, LIST, READ, resultsOf, SUBMIT, useEmulator } from '../helpers/e2e-helpers.js'
import { visibleText } from '../helpers/markdown.js'
import { HostileFront } from '../helpers/hostile-front.js'

const sandbox = useEmulator('swap')
const { certificate, run, runInProcess } = sandbox

const UPDATE = 'UpdateCertificateInstance'
const DETAIL = 'DescribeHostUpdateRecordDetail'

/** An old certificate serving a CDN domain and a CLB listener, and the new certificate that renews it. */
function renewal(newOverrides: Parameters<typeof certificate>[0] = { Status: 1 }, clbFailure?: string) {
  const oldId = certificate({ Status: 1, Domain: 'shop.example.com' })
  const newId = certificate({ Domain: 'shop.example.com', ...newOverrides })
  sandbox.emulator.bindResource({ certificateId: oldId, type: 'cdn', domains: ['cdn.shop.example.com'] }).bindResource({
    certificateId: oldId,
    type: 'clb',
    region: 'ap-guangzhou',
    instanceId: 'lb-0001',
    instanceName: 'shop-lb',
    listenerId: 'lbl-0001',
    listenerName: 'https',
    domains: ['shop.example.com'],
    ...(clbFailure ? { failWith: clbFailure } : {})
  })
  return { oldId, newId }
}

const rebindInputs = (oldId: string) => ({
  'replace-certificate-id': oldId,
  'resource-types': 'cdn, clb',
  'resource-regions': 'clb=ap-guangzhou',
  'wait-interval': '0.1'
})
const callsOf = (newId: string, action: string) =>
  sandbox.emulator.requests.filter((r) => r.action === action && r.params.CertificateId === newId)

afterEach(() => {
  sandbox.emulator.rebind.gatherFirst = true
  sandbox.emulator.clearFaults()
})

test('after issuance, the CDN domain and the CLB listener are switched to the new certificate, keylessly reported', async () => {
  const { oldId, newId } = renewal({ settleAfterReads: 2 })
  const result = await run({
    'certificate-id': newId,
    'verify-type': 'DNS_AUTO',
    'wait-for-issuance': 'true',
    'disable-old-expiry-notices': 'true',
    ...rebindInputs(oldId)
  })

  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(
    sandbox.emulator.rebind
      .boundTo(newId)
      .map((r) => r.type)
      .sort()
  ).toEqual(['cdn', 'clb'])
  expect(sandbox.emulator.rebind.boundTo(oldId)).toEqual([])
  expect(sandbox.emulator.certificate(oldId).expiryNotices).toBe(false)
  const [task] = sandbox.emulator.rebind.tasks.filter((t) => t.newId === newId)
  expect(result.outputs).toMatchObject({
    Status: '1',
    DeployRecordId: String(task.id),
    SuccessTotalCount: '2',
    FailedTotalCount: '0'
  })
  const rebind = resultsOf(result.outputs)[0].Rebind!
  expect(rebind).toMatchObject({
    OldCertificateId: oldId,
    DeployRecordId: task.id,
    SuccessTotalCount: 2,
    FailedTotalCount: 0
  })
  expect(rebind.Resources.map((r) => [r.ResourceType, r.Region, r.InstanceId, r.ListenerId, r.Outcome])).toEqual([
    ['cdn', '', '', '', 'switched'],
    ['clb', 'ap-guangzhou', 'lb-0001', 'lbl-0001', 'switched']
  ])
  expect(result.summary).toContain('### Rebinding')
  expect(result.summary).toMatch(
    /\| `swap\d+` \| `clb` \| `ap-guangzhou` \| `lb-0001 shop-lb` \| `lbl-0001 https` \| `shop\.example\.com` \| ✅ switched \|/
  )

  // Rebinding waited for issuance: the switch was asked for only after the read that saw the certificate issued.
  const requests = sandbox.emulator.requests.filter(
    (r) => (r.params.CertificateId ?? r.params.CertId ?? (r.params.CertIds as string[] | undefined)?.[0]) === newId
  )
  const firstUpdate = requests.findIndex((r) => r.action === UPDATE)
  expect(
    requests.slice(0, firstUpdate).filter((r) => r.action === READ || r.action === LIST).length
  ).toBeGreaterThanOrEqual(2)
  expect(requests.slice(0, firstUpdate).some((r) => r.action === SUBMIT)).toBe(true)
  // The first ask found Tencent Cloud gathering the resources (DeployRecordId 0), the second made the task.
  expect(callsOf(newId, UPDATE).length).toBe(2)
})

test('a resource that fails to switch fails the job, named with its product message', async () => {
  const { oldId, newId } = renewal({ Status: 1 }, 'listener lbl-0001: certificate type not supported')
  const result = await run({ 'certificate-id': newId, 'skip-submitted': 'true', ...rebindInputs(oldId) })
  expect(result.exitCode).toBe(1)
  expect(result.outputs).toMatchObject({
    ErrorCode: 'ActionError.RebindFailed',
    SuccessTotalCount: '1',
    FailedTotalCount: '1'
  })
  const [error] = errorLines(result)
  expect(error).toMatch(
    new RegExp(
      `Certificate ${newId}: ActionError.RebindFailed: it is issued, but switching from ${oldId} \\(task \\d+\\), 1 of 2 resources failed: ` +
        'clb ap-guangzhou lb-0001 lbl-0001 shop\\.example\\.com: failed \\(listener lbl-0001: certificate type not supported\\)'
    )
  )
  expect(error).toMatch(/What to do: some resources did not switch/)
  expect(visibleText(result.summary)).toMatch(/❌ failed: listener lbl-0001: certificate type not supported/)
})

test("a product's message cannot forge workflow commands in the log, the error or the summary", async () => {
  const { oldId, newId } = renewal({ Status: 1 }, 'denied\n::warning::forged\r\n::add-mask::x')
  const result = await runInProcess({ 'certificate-id': newId, 'skip-submitted': 'true', ...rebindInputs(oldId) })
  expect(result.exitCode).toBe(1)
  expect(result.log).not.toMatch(/^::warning::forged/m)
  expect(result.log).not.toMatch(/^::add-mask::x/m)
  expect(errorLines(result)[0]).toContain('denied : :warning: :forged')
  expect(result.summary).not.toMatch(/^::/m)
})

test('a re-run after a successful switch is a notice, not a failure', async () => {
  const { oldId, newId } = renewal()
  const inputs = { 'certificate-id': newId, 'skip-submitted': 'true', ...rebindInputs(oldId) }
  expect((await runInProcess(inputs)).exitCode).toBe(0)
  const again = await runInProcess(inputs)
  expect([again.exitCode, errorLines(again)]).toEqual([0, []])
  expect(again.log).toMatch(
    new RegExp(`^::notice::Certificate ${newId}: nothing of the kinds cdn, clb is bound to ${oldId}`, 'm')
  )
  expect(again.outputs).toMatchObject({ DeployRecordId: '', SuccessTotalCount: '0', FailedTotalCount: '0' })
  expect(sandbox.emulator.rebind.tasks.filter((t) => t.newId === newId).length).toBe(1)
})

test('a lost answer to UpdateCertificateInstance does not create a second task', async () => {
  const { oldId, newId } = renewal()
  sandbox.emulator.rebind.gatherFirst = false
  sandbox.emulator.injectFault({ action: UPDATE, certificateId: newId, fault: { type: 'reset', applied: true } })
  const result = await runInProcess({ 'certificate-id': newId, 'skip-submitted': 'true', ...rebindInputs(oldId) })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  const tasks = sandbox.emulator.rebind.tasks.filter((t) => t.newId === newId)
  expect(tasks.length).toBe(1)
  expect(callsOf(newId, UPDATE).length).toBe(1)
  expect(result.log).toMatch(
    new RegExp(`the answer was lost \\(ActionError.ConnectionLost\\), but it created switch task ${tasks[0].id}`)
  )
  expect(result.outputs).toMatchObject({ DeployRecordId: String(tasks[0].id), SuccessTotalCount: '2' })
})

test('another switch of the old certificate running first is waited for', async () => {
  const { oldId, newId } = renewal()
  const elsewhere = certificate({ Status: 1, Domain: 'shop.example.com' })
  // It ends once it has made this switch wait twice, however slowly this run gets to it.
  sandbox.emulator.rebind.startElsewhere(oldId, elsewhere, { refusals: 2 })
  const result = await runInProcess({ 'certificate-id': newId, 'skip-submitted': 'true', ...rebindInputs(oldId) })
  expect(result.exitCode).toBe(0)
  expect(result.log).toMatch(/another switch of .*'s resources is running; waiting for it to finish/)
  // The other switch took the resources to its certificate: nothing was left for this one.
  expect(result.log).toMatch(/::notice::.*nothing of the kinds cdn, clb is bound to/)
})

test('a task another switch is running, answered with DeployStatus 0, is not this switch: it is waited for, then this one is made', async () => {
  const { oldId, newId } = renewal()
  sandbox.emulator.rebind.anotherSwitchAnswer = 'its-task'
  const elsewhere = certificate({ Status: 1, Domain: 'shop.example.com' })
  // The other switch takes what is bound now; a resource bound after it started is left for this one. It ends when
  // its detail has been polled (the emulator's pace), however slowly this run gets to it.
  const other = sandbox.emulator.rebind.startElsewhere(oldId, elsewhere, 600_000)
  sandbox.emulator.bindResource({ certificateId: oldId, type: 'cdn', domains: ['static.shop.example.com'] })
  try {
    const result = await runInProcess({ 'certificate-id': newId, 'skip-submitted': 'true', ...rebindInputs(oldId) })
    expect([result.exitCode, errorLines(result)]).toEqual([0, []])
    expect(result.log).toContain(
      `task ${other.id}, already running, is not a switch from ${oldId} to ${newId}; waiting for it to end`
    )
    const [mine] = sandbox.emulator.rebind.tasks.filter((t) => t.newId === newId)
    expect(result.outputs).toMatchObject({ DeployRecordId: String(mine.id), SuccessTotalCount: '1' })
    expect(sandbox.emulator.rebind.boundTo(newId).flatMap((r) => r.domains)).toEqual(['static.shop.example.com'])
  } finally {
    sandbox.emulator.rebind.anotherSwitchAnswer = 'pending-record'
  }
})

describe('a finished task that does not show the switch is not success', () => {
  let front: HostileFront
  beforeEach(async () => {
    front = await HostileFront.start(sandbox.emulator.endpoint)
  })
  afterEach(() => front.close())

  /** A renewal's switch, with every answer of the task's detail rewritten by `edit`. */
  async function switchWithDetail(edit: (answer: Record<string, unknown>) => Record<string, unknown>) {
    const { oldId, newId } = renewal()
    sandbox.emulator.rebind.gatherFirst = false
    front.on(DETAIL, { kind: 'rewrite', edit }, 100)
    const inputs = {
      'certificate-id': newId,
      'skip-submitted': 'true',
      endpoint: front.endpoint,
      ...rebindInputs(oldId)
    }
    return runInProcess(inputs)
  }

  test('resources the task says were switched to another certificate fail the switch', async () => {
    const elsewhere = (answer: Record<string, unknown>) => ({
      ...answer,
      RecordDetailList: (answer.RecordDetailList as { List: Record<string, unknown>[] }[]).map((group) => ({
        ...group,
        List: group.List.map((item) => ({ ...item, CertId: 'B7OXLIdj' }))
      }))
    })
    const result = await switchWithDetail(elsewhere)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.ErrorCode).toBe('ActionError.RebindFailed')
    expect(errorLines(result)[0]).toContain('2 of 2 resources failed')
    expect(errorLines(result)[0]).toContain('switched to another certificate (B7OXLIdj)')
  })

  test('a task whose counts are all 0 and that lists nothing: nothing bound, said as a notice', async () => {
    const empty = (answer: Record<string, unknown>) => ({
      ...answer,
      TotalCount: 0,
      SuccessTotalCount: 0,
      FailedTotalCount: 0,
      RunningTotalCount: 0,
      PendingTotalCount: 0,
      RecordDetailList: []
    })
    const result = await switchWithDetail(empty)
    expect([result.exitCode, errorLines(result)]).toEqual([0, []])
    const [only] = JSON.parse(result.outputs.Results) as { Rebind: { Note: string } }[]
    expect(only.Rebind.Note).toMatch(/counts no resource: nothing of the kinds .* is bound to/)
  })

  test('a task that counts resources but lists none: ActionError.RebindUnconfirmed, with what to check', async () => {
    const empty = (answer: Record<string, unknown>) => ({
      ...answer,
      TotalCount: 0,
      SuccessTotalCount: 1,
      RecordDetailList: []
    })
    const result = await switchWithDetail(empty)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.ErrorCode).toBe('ActionError.RebindUnconfirmed')
    expect(errorLines(result)[0]).toMatch(
      /it lists no resource, so nothing shows that anything was switched.*What to do: Tencent Cloud's switch task ended/
    )
  })
})

test.each([
  ['FailedOperation.InvalidParam'],
  ['InvalidParameter.WithDetailReason'],
  ['FailedOperation.CertificateNotFound']
])('%s from UpdateCertificateInstance points at the switch inputs, not at certificate-id', async (errorCode) => {
  const { oldId, newId } = renewal()
  sandbox.emulator.injectFault({ action: UPDATE, certificateId: newId, fault: { type: 'error', code: errorCode } })
  const result = await runInProcess({ 'certificate-id': newId, 'skip-submitted': 'true', ...rebindInputs(oldId) })
  expect(result.outputs.ErrorCode).toBe(errorCode)
  const advice = errorLines(result)[0].split('What to do: ')[1]
  expect(advice).toMatch(/replace-certificate-id.*resource-types.*resource-regions/)
  expect(advice).not.toMatch(/certificate-id and|verify-type/)
  expect(resultsOf(result.outputs)[0].FailedCall).toBe(UPDATE)
  expect(visibleText(result.summary)).toContain(
    `${errorCode} (${UPDATE}): Tencent Cloud refused the switch's parameters`
  )
})

test('a certificate not issued is not switched, and its result says why', async () => {
  const { oldId, newId } = renewal({})
  const result = await runInProcess({ 'certificate-id': newId, 'verify-type': 'DNS', ...rebindInputs(oldId) })
  expect(result.exitCode).toBe(0)
  expect(callsOf(newId, UPDATE)).toEqual([])
  expect(resultsOf(result.outputs)[0].Rebind).toMatchObject({
    DeployRecordId: 0,
    Note: 'not switched: the certificate is not issued (it is in status 0 (Reviewing))'
  })
})

test('the SSL service role not being authorised fails clearly, with where to authorise it', async () => {
  const { oldId, newId } = renewal()
  sandbox.emulator.injectFault({
    action: UPDATE,
    certificateId: newId,
    fault: { type: 'error', code: 'FailedOperation.RoleNotFoundAuthorization' }
  })
  const result = await runInProcess({ 'certificate-id': newId, 'skip-submitted': 'true', ...rebindInputs(oldId) })
  expect(result.exitCode).toBe(1)
  expect(result.outputs.ErrorCode).toBe('FailedOperation.RoleNotFoundAuthorization')
  expect(errorLines(result)[0]).toMatch(/SSL_QCSLinkedRoleInReplaceLoadCertificate/)
})

test.each([
  [{ 'replace-certificate-id': 'oldA', 'resource-types': 'cdn, ftp' }, 'resource-types', /"ftp" is not allowed/],
  [
    { 'replace-certificate-id': 'oldA', 'resource-types': 'clb' },
    'resource-regions',
    /clb needs regions: add a line such as "clb=ap-guangzhou/
  ],
  [
    { 'replace-certificate-id': 'oldA oldB', 'resource-types': 'cdn' },
    'replace-certificate-id',
    /names 2 certificates and certificate-id 1/
  ],
  [{ 'resource-types': 'cdn' }, 'resource-types', /replace-certificate-id is empty/]
])('a wrong rebinding input is an error before anything is sent: %o', async (inputs, _, message) => {
  const id = certificate()
  const before = sandbox.emulator.requests.length
  const result = await runInProcess({ 'certificate-id': id, ...inputs })
  expect(result.exitCode).toBe(1)
  expect(errorLines(result)[0]).toMatch(message)
  expect(sandbox.emulator.requests.length).toBe(before)
})
