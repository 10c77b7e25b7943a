// GitHub's limits and the action's own bounds, end to end: the built dist/index.js against the emulator, behind a
// hostile front where the attack needs one. Outputs stay within 1 MB per job, the summary within 1 MiB, the log short,
// every result in ResultsFile, and memory bounded, at any number of certificates and whatever the answers hold.
import { existsSync, readFileSync } from 'node:fs'
import { OUTPUTS_BUDGET_BYTES } from '../../src/report/report.js'
import { errorLines, READ, useEmulator } from '../helpers/e2e-helpers.js'
import { HostileFront } from '../helpers/hostile-front.js'
import { visibleText } from '../helpers/markdown.js'
import type { ActionRun } from '../../sandbox/run-action.js'

const sandbox = useEmulator('limits')
const { certificate, fault, run } = sandbox

let front: HostileFront
beforeEach(async () => {
  front = await HostileFront.start(sandbox.emulator.endpoint)
})
afterEach(() => front.close())

const outputsBytes = (result: ActionRun): number =>
  Object.entries(result.outputs).reduce((sum, [name, value]) => sum + 2 * (name.length + value.length), 0)

describe("within GitHub's limits, at any size", () => {
  test('4 switches whose tasks list resources at every cap: bounded pages, memory under 300 MiB, every result in the file', async () => {
    sandbox.emulator.rebind.gatherFirst = false
    const pairs = Array.from({ length: 4 }, () => {
      const oldId = certificate({ Status: 1, Domain: 'shop.example.com' })
      const newId = certificate({ Status: 1, Domain: 'shop.example.com' })
      sandbox.emulator.bindResource({ certificateId: oldId, type: 'cdn', domains: ['cdn.shop.example.com'] })
      return { oldId, newId }
    })
    const long = (c: string, n: number) => c.repeat(n)
    // Every page full, every field just past its cap, and a TotalCount no account reaches: only the caps end it.
    const huge = (answer: Record<string, unknown>, request: Record<string, unknown>) => {
      const offset = Number(request.Offset)
      const List = Array.from({ length: 200 }, (_, i) => ({
        Id: offset + i + 1,
        CertId: '',
        ResourceType: 'cdn',
        Region: long('r', 260),
        InstanceId: long('i', 260),
        InstanceName: long('n', 260),
        ListenerId: long('l', 260),
        ListenerName: long('m', 260),
        Domains: Array.from({ length: 12 }, (_, d) => `${d}${long('d', 260)}`),
        Status: 1,
        ErrorMsg: long('e', 400)
      }))
      return {
        ...answer,
        TotalCount: 1_000_000,
        SuccessTotalCount: 1_000_000,
        FailedTotalCount: 0,
        RunningTotalCount: 0,
        PendingTotalCount: 0,
        RecordDetailList: [{ ResourceType: 'cdn', List }]
      }
    }
    front.on('DescribeHostUpdateRecordDetail', { kind: 'rewrite', edit: huge }, 1000)
    let peakKiB = 0
    let sampler: NodeJS.Timeout | undefined
    try {
      const result = await run(
        {
          'certificate-id': pairs.map((p) => p.newId).join(','),
          'replace-certificate-id': pairs.map((p) => p.oldId).join(','),
          'resource-types': 'cdn',
          'skip-submitted': 'true',
          endpoint: front.endpoint
        },
        {},
        {
          onStart: (child) => {
            // The kernel keeps the process's peak resident size (VmHWM); sampled until it exits.
            sampler = setInterval(() => {
              const hwm = /VmHWM:\s+(\d+)/.exec(
                existsSync(`/proc/${child.pid}/status`) ? readFileSync(`/proc/${child.pid}/status`, 'utf8') : ''
              )
              if (hwm) peakKiB = Math.max(peakKiB, Number(hwm[1]))
            }, 20)
          }
        }
      )
      expect([result.exitCode, errorLines(result)]).toEqual([0, []])
      expect(peakKiB).toBeGreaterThan(0)
      expect(peakKiB / 1024).toBeLessThan(300)
      expect(front.seen.filter((action) => action === 'DescribeHostUpdateRecordDetail')).toHaveLength(4 * 3)
      const results = JSON.parse(result.resultsFile) as {
        Rebind: { Resources: { Domains: string[]; InstanceId: string }[] }
      }[]
      expect(results).toHaveLength(4)
      for (const entry of results) {
        expect(entry.Rebind.Resources).toHaveLength(500)
        expect(entry.Rebind.Resources[0].Domains).toHaveLength(10)
        expect(entry.Rebind.Resources[0].InstanceId).toBe(`${'i'.repeat(255)}… (5 more characters)`)
      }
      expect(outputsBytes(result)).toBeLessThanOrEqual(OUTPUTS_BUDGET_BYTES)
    } finally {
      clearInterval(sampler)
      sandbox.emulator.rebind.gatherFirst = true
    }
  })

  test('a 5 MB error message is cut before it reaches the log, the outputs and the summary', async () => {
    const id = certificate()
    fault(id, { type: 'error', code: 'FailedOperation.CertificateInvalid', message: 'x'.repeat(5_000_000) })
    const result = await run({ 'certificate-id': id, 'max-attempts': '1' })

    expect(result.exitCode).toBe(1)
    expect(result.log.length).toBeLessThan(20_000)
    expect(outputsBytes(result)).toBeLessThan(20_000)
    expect(result.summary.length).toBeLessThan(20_000)
    expect(errorLines(result)[0]).toContain('… (4999000 more characters)')
  })

  test('one wrong input with 10,000 IDs is stated once; outputs within the limit, and every certificate in ResultsFile', async () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `cert${i}`)
    const result = await run({ 'certificate-id': ids.join(','), 'verify-type': 'EMAIL' })

    expect(result.exitCode).toBe(1)
    expect(result.log.match(/verify-type "EMAIL" is not allowed/g)).toHaveLength(1)
    expect(outputsBytes(result)).toBeLessThanOrEqual(OUTPUTS_BUDGET_BYTES)
    const results = JSON.parse(result.outputs.Results) as Record<string, unknown>[]
    expect(results.at(-1)).toMatchObject({ Truncated: true, ResultsFile: result.outputs.ResultsFile })
    expect(results.length - 1 + (results.at(-1)!.Omitted as number)).toBe(10_000)
    expect(JSON.parse(result.resultsFile)).toHaveLength(10_000)
    expect(visibleText(result.summary).match(/verify-type "EMAIL" is not allowed/g)).toHaveLength(1)
    expect(result.summary).toContain('None of the 10000 certificates was submitted.')
    expect(result.summary.length).toBeLessThan(2000)
  })

  test('certificates with huge validation records: Results is cut to fit and says so; the file has them all', async () => {
    // Each result holds 100 records of 255-character fields: four of them are well over the output budget.
    const ids = Array.from({ length: 4 }, () => certificate({ statusAfterSubmit: 4 }))
    const huge = Array.from({ length: 500 }, (_, i) => ({
      DvAuthKey: `_k${i}.${'k'.repeat(400)}`,
      DvAuthValue: 'v'.repeat(5000),
      DvAuthDomain: 'd'.repeat(400),
      DvAuthSubDomain: 's'.repeat(400),
      DvAuthPath: '',
      DvAuthVerifyType: 'TXT'
    }))
    front.on(READ, { kind: 'rewrite', edit: (r) => ({ ...r, DvAuthDetail: { DvAuths: huge } }) }, ids.length)
    const result = await run({ 'certificate-id': ids.join('\n'), 'verify-type': 'DNS', endpoint: front.endpoint })

    expect(result.exitCode).toBe(0)
    expect(outputsBytes(result)).toBeLessThanOrEqual(OUTPUTS_BUDGET_BYTES)
    const results = JSON.parse(result.outputs.Results) as Record<string, unknown>[]
    expect(results.at(-1)).toMatchObject({ Truncated: true })
    const full = JSON.parse(result.resultsFile) as { DvAuths: { DvAuthValue: string }[] }[]
    expect(full).toHaveLength(ids.length)
    // 100 records at most per certificate, each field cut at 255 characters.
    expect(full[0].DvAuths).toHaveLength(100)
    expect(full[0].DvAuths[0].DvAuthValue.startsWith('v'.repeat(255))).toBe(true)
    expect(Buffer.byteLength(result.summary)).toBeLessThan(1024 * 1024)
  })
})
