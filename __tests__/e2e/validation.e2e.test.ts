// End to end, domain validation while the CA waits: each domain's state said when it changes (what is expected where,
// what Tencent Cloud found), the CA asked to look once every domain passes Tencent Cloud's check, the check paced and
// slowed when rate-limited, the validation deadline read, and FILE records placed in validation-dir, safely.
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { errorLines, resultsOf, useEmulator } from '../helpers/e2e-helpers.js'
import { HostileFront } from '../helpers/hostile-front.js'
import { rendered } from '../helpers/markdown.js'

// The real service answers a check asked again within a second with Frequently; here within 50 ms, so that the tests
// can wait in tenths of a second. The suite below keeps the real window.
const sandbox = useEmulator('dcv', { checkWindowMs: 50 })
const { certificate, run } = sandbox
const CHECK = 'CheckCertificateDomainVerification'
const COMPLETE = 'CompleteCertificate'
const DETAIL = 'DescribeCertificateDetail'

const callsOf = (id: string, action: string) => sandbox.callsFor(id, action)
const waiting = (extra: Record<string, string> = {}) => ({
  'verify-type': 'DNS',
  'wait-for-issuance': 'true',
  'wait-interval': '0.2',
  'wait-timeout': '20',
  ...extra
})
const freshDir = (): string => mkdtempSync(join(tmpdir(), 'site-'))

afterEach(() => sandbox.emulator.clearFaults())

test('a record placed late: its state said once per change, the CA asked once, then issued', async () => {
  const id = certificate({ Domain: 'www.example.com', validation: { records: { placedAfterChecks: 3 } } })
  const result = await run({ 'certificate-id': id, ...waiting() })

  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  const { DvAuthValue } = sandbox.emulator.certificate(id).DvAuths[0]
  const missing = `Certificate ${id}: www.example.com: TXT record \`_dnsauth\` in \`example.com\` not found yet (expected \`${DvAuthValue}\`); Tencent Cloud says: txt record not found`
  expect(result.log.split('\n').filter((line) => line === missing)).toHaveLength(1)
  expect(result.log).toContain(`Certificate ${id}: www.example.com: found, the CA has not checked it yet`)
  expect(result.log).toContain(
    `Certificate ${id}: every domain passes Tencent Cloud's check; asked the CA to check now`
  )
  expect(callsOf(id, COMPLETE)).toHaveLength(1)
  expect(sandbox.emulator.certificate(id)).toMatchObject({ Status: 1, completions: 1 })
  // At most one check per wait-interval: none closer than 0.2 s to the one before.
  const at = callsOf(id, CHECK).map((call) => call.at)
  expect(at.slice(1).every((time, index) => time - at[index] >= 190)).toBe(true)
  expect(resultsOf(result.outputs)[0].Verification).toEqual([
    { Domain: 'www.example.com', VerifyType: 'DNS', LocalCheck: 1, Reason: '', Found: [DvAuthValue], CaCheck: -1 }
  ])
})

test('a wrong record: the wait times out naming the record expected, what was found and why', async () => {
  const id = certificate({
    Domain: 'shop.example.com',
    altNames: ['shop.example.com', 'api.shop.example.com'],
    validation: { records: { 'api.shop.example.com': 'wrong' } }
  })
  const result = await run({ 'certificate-id': id, ...waiting({ 'wait-timeout': '2' }) })

  expect(result.exitCode).toBe(1)
  expect(result.outputs.ErrorCode).toBe('ActionError.WaitTimeout')
  const error = errorLines(result).join('\n')
  const api = sandbox.emulator.certificate(id).DvAuths[1]
  expect(error).toContain(
    `domains not validated: shop.example.com: found, the CA has not checked it yet; api.shop.example.com: TXT record \`_dnsauth\` in \`api.shop.example.com\` holds another value (found \`not-the-value-asked-for\`, expected \`${api.DvAuthValue}\`); Tencent Cloud says: txt record value does not match`
  )
  // Not every domain passes Tencent Cloud's check, so the CA is not asked.
  expect(callsOf(id, COMPLETE)).toHaveLength(0)
  expect(result.summary).toContain('### Domain validation checks')
  expect(result.summary).toMatch(
    /\| `api\.shop\.example\.com` \| ❌ TXT record holds another value \| `not-the-value-asked-for` \|/
  )
})

test("a brand the CA cannot be asked for: a one-time notice, never a failure, and the CA's own time", async () => {
  const id = certificate({ brand: 'dnspod', validation: { caPassesAfterMs: 700 } })
  const result = await run({ 'certificate-id': id, ...waiting() })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(
    result.log.match(
      /::notice::Certificate dcv\d+: the CA cannot be asked to check now \(FailedOperation: The certificate brand does not support this operation\.\)/g
    )
  ).toHaveLength(1)
  expect(callsOf(id, COMPLETE)).toHaveLength(1)
})

test('CertificateStatusNotAllowVerify stops the checks for that certificate, and the wait goes on', async () => {
  const id = certificate({ settleAfterReads: 4 })
  sandbox.fault(id, { type: 'error', code: 'FailedOperation.CertificateStatusNotAllowVerify' }, 1, CHECK)
  const result = await run({ 'certificate-id': id, ...waiting() })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(callsOf(id, CHECK)).toHaveLength(1)
  expect(result.log).toContain(
    'Tencent Cloud allows no domain check in its state (FailedOperation.CertificateStatusNotAllowVerify); not checking again'
  )
})

describe('the validation deadline (DVAuthDeadline)', () => {
  test('within wait-timeout: a warning naming it; once passed, the failure says the order was closed', async () => {
    // To the second, as the API gives it: at least 2 s from now.
    const deadline = new Date(Math.ceil((Date.now() + 2000) / 1000) * 1000)
    const id = certificate({
      Domain: 'late.example.com',
      validation: { records: 'missing' },
      validationDeadline: deadline
    })
    const result = await run({ 'certificate-id': id, ...waiting() })
    const shown = new Date(deadline.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
    expect(result.log).toContain(
      `::warning::Certificate ${id}: the CA closes the order unless its domains are validated by ${shown} (GMT+8, DVAuthDeadline)`
    )
    expect(result.exitCode).toBe(1)
    expect(result.outputs.ErrorCode).toBe('ActionError.ValidationDeadlinePassed')
    expect(errorLines(result).join('\n')).toMatch(
      /were not validated by the deadline .* Tencent Cloud closes the order .*late\.example\.com: TXT record .* not found yet/
    )
  })
})

test("a hostile check's text cannot forge workflow commands in the log, the error or the summary", async () => {
  const front = await HostileFront.start(sandbox.emulator.endpoint)
  try {
    const id = certificate({ Domain: 'www.example.com', validation: { records: 'missing' } })
    front.on(
      CHECK,
      {
        kind: 'rewrite',
        edit: (answer) => ({
          ...answer,
          VerificationResults: [
            {
              Domain: 'www.example.com',
              VerifyType: 'DNS',
              LocalCheck: -2,
              CaCheck: -1,
              LocalCheckFailReason: 'bad\n::error::forged reason',
              CheckValue: ['x\n::warning::forged value', '`](https://evil.example)'],
              Frequently: false,
              Issued: false
            }
          ]
        })
      },
      100
    )
    const result = await run({ 'certificate-id': id, ...waiting({ 'wait-timeout': '1' }), endpoint: front.endpoint })
    expect(result.outputs.ErrorCode).toBe('ActionError.WaitTimeout')
    expect(result.log).not.toMatch(/^::(error|warning)::forged/m)
    expect(result.log).toContain('Tencent Cloud says: bad : :error: :forged reason')
    // Rendered as GitHub renders the summary: the server's text is text, never a link.
    expect(rendered(result.summary)).not.toContain('href="https://evil.example')
    expect(rendered(result.summary)).toContain('](https://evil.example)')
  } finally {
    await front.close()
  }
})

describe('validation-dir: FILE records where the site is built', () => {
  test('each record is written as <validation-dir>/<DvAuthPath>/<DvAuthKey>, at once, and again on a re-run', async () => {
    const id = certificate({ Domain: 'shop.example.com', altNames: ['shop.example.com', 'www.shop.example.com'] })
    const dir = freshDir()
    const result = await run({ 'certificate-id': id, 'verify-type': 'FILE', 'validation-dir': dir })
    expect([result.exitCode, errorLines(result)]).toEqual([0, []])
    const records = sandbox.emulator.certificate(id).DvAuths
    const paths = records.map((r) => join(dir, '.well-known', 'pki-validation', r.DvAuthKey))
    expect(JSON.parse(result.outputs.ValidationFiles)).toEqual(paths)
    for (const [index, path] of paths.entries()) expect(readFileSync(path, 'utf8')).toBe(records[index].DvAuthValue)
    expect(resultsOf(result.outputs)[0].ValidationFiles).toEqual(paths)

    const again = await run({ 'certificate-id': id, 'skip-submitted': 'true', 'validation-dir': dir })
    expect([again.exitCode, JSON.parse(again.outputs.ValidationFiles)]).toEqual([0, paths])
    expect(sandbox.emulator.certificate(id).submissions).toBe(1)
  })

  describe('a path from the server is never trusted', () => {
    let front: HostileFront
    beforeAll(async () => {
      front = await HostileFront.start(sandbox.emulator.endpoint)
    })
    afterEach(() => front.clear())
    afterAll(() => front.close())

    test.each([
      ['../../outside', 'x.txt'],
      ['/.well-known/pki-validation/', '..'],
      ['/a b/', 'x.txt'],
      ['/.well-known/', 'x\\y.txt']
    ])('DvAuthPath %j, DvAuthKey %j: refused with its own code, nothing written', async (path, key) => {
      const id = certificate({ Domain: 'shop.example.com' })
      const dir = freshDir()
      front.on(
        DETAIL,
        {
          kind: 'rewrite',
          edit: (answer) => {
            const detail = answer.DvAuthDetail as Record<string, unknown>
            return { ...answer, DvAuthDetail: { ...detail, DvAuthPath: path, DvAuthKey: key } }
          }
        },
        10
      )
      const result = await run({
        'certificate-id': id,
        'verify-type': 'FILE',
        'validation-dir': dir,
        endpoint: front.endpoint
      })
      expect(result.exitCode).toBe(1)
      expect(result.outputs.ErrorCode).toBe('ActionError.ValidationFileRefused')
      expect(readdirSync(dir)).toEqual([])
      expect(existsSync(join(dir, '..', 'outside'))).toBe(false)
    })

    test('a link inside validation-dir is never followed', async () => {
      const id = certificate({ Domain: 'shop.example.com' })
      const dir = freshDir()
      const elsewhere = freshDir()
      symlinkSync(elsewhere, join(dir, '.well-known'))
      const result = await run({ 'certificate-id': id, 'verify-type': 'FILE', 'validation-dir': dir })
      expect(result.exitCode).toBe(1)
      expect(result.outputs.ErrorCode).toBe('ActionError.WriteFailed')
      expect(errorLines(result).join('\n')).toMatch(/\.well-known is a symbolic link, which is never followed/)
      expect(readdirSync(elsewhere)).toEqual([])
      expect(lstatSync(join(dir, '.well-known')).isSymbolicLink()).toBe(true)
    })
  })

  test('validation-dir naming a file is an input error before anything is sent', async () => {
    const file = join(freshDir(), 'file.txt')
    writeFileSync(file, 'x')
    const before = sandbox.emulator.requests.length
    const result = await run({ 'certificate-id': certificate(), 'validation-dir': file })
    expect(result.outputs.ErrorCode).toBe('ActionError.InvalidInput')
    expect(errorLines(result).join('\n')).toMatch(/validation-dir ".*file\.txt" is a file, not a folder/)
    expect(sandbox.emulator.requests.length).toBe(before)
  })
})

describe('with the real one-second window for a repeated check', () => {
  const real = useEmulator('freq')
  test("a rate-limited check doubles that certificate's check interval, and the other reads are unchanged", async () => {
    // A brand the CA cannot be asked for, and a CA slower than the wait: the checks alone are counted.
    const id = real.certificate({ brand: 'dnspod', validation: { records: 'placed', caPassesAfterMs: 60_000 } })
    const result = await real.run({
      'certificate-id': id,
      ...waiting({ 'wait-interval': '0.3', 'wait-timeout': '3' })
    })
    expect(result.outputs.ErrorCode).toBe('ActionError.WaitTimeout')
    expect(result.log).toContain('Tencent Cloud rate-limited the domain check; checking every 0.6 s from now')
    expect(result.log).toContain('checking every 1.2 s from now')
    const checks = real.callsFor(id, CHECK).length
    expect(checks).toBeLessThanOrEqual(4)
    // The status rounds go on at wait-interval, whatever the checks do.
    expect(real.emulator.callsOf('DescribeCertificates').length).toBeGreaterThanOrEqual(6)
  })
})
