// Hardening, end to end: the built dist/index.js against the emulator, behind a hostile front where the attack needs
// one. Server text cannot become workflow commands, redirects are never followed, secrets never reach a message,
// every wait is bounded and the process exits, and cancellation loses nothing (GitHub's size limits: limits.e2e.test.ts).
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS, worstCaseCallMs } from '../../src/support/retry.js'
import { CANCEL_GRACE_MS } from '../../src/main.js'
import { actionMetadata, ROOT, type ActionRun } from '../../sandbox/run-action.js'
import { errorLines, KEY, READ, seedKeyless, SUBMIT, useEmulator } from '../helpers/e2e-helpers.js'
import { HostileFront, startDecoy } from '../helpers/hostile-front.js'
import { runnerView } from '../helpers/runner-log.js'

const sandbox = useEmulator('hostile')
const { certificate, fault, run, runInProcess, callsFor } = sandbox

let front: HostileFront
beforeEach(async () => {
  front = await HostileFront.start(sandbox.emulator.endpoint)
})
afterEach(() => front.close())

/**
 * Log lines the runner would read as workflow commands, other than the action's own masks, errors and warnings, and
 * the folds of a single certificate's steps (a certificate ID and a step name, neither from the server).
 */
const commandLines = (result: ActionRun): string[] =>
  result.log
    .split('\n')
    .filter(
      (line) =>
        /^\s*::/.test(line) &&
        !/^::(add-mask|error|warning|debug)::/.test(line) &&
        !/^::(group::Certificate [\w-]+: [a-z]+|endgroup::)$/.test(line)
    )

const declaredOutputs = Object.keys(actionMetadata().outputs).sort()

describe('nothing the server sends can become a workflow command', () => {
  const INJECTION = 'busy\n::stop-commands::TOKEN\n::error title=x::y\r\n\u001b[31mred\u001b[0m::warning::z'

  test('an error message with commands, a carriage return and ANSI escapes is printed as inert text', async () => {
    const id = certificate()
    fault(id, { type: 'error', code: 'FailedOperation.NoRealNameAuth', message: INJECTION })
    const result = await run({ 'certificate-id': id, 'max-attempts': '1' })

    expect(result.exitCode).toBe(1)
    expect(commandLines(result)).toEqual([])
    const errors = errorLines(result)
    expect(errors).toHaveLength(1)
    expect(errors[0]).not.toContain('\u001b')
    expect(errors[0]).toContain('busy : :stop-commands: :TOKEN : :error title=x: :y red: :warning: :z')
    const results = JSON.parse(result.outputs.Results) as { ErrorMessage: string }[]
    expect(results[0].ErrorMessage).not.toMatch(/[\r\n]|::/)
    expect(results[0].ErrorMessage).not.toContain('\u001b')
    expect(result.summary).not.toMatch(/^::/m)
  })

  test('a hostile error code is neutralised too, in the log and in the ErrorCode output', async () => {
    const id = certificate()
    fault(id, { type: 'error', code: 'FailedOperation.X\n::error::code', message: 'm' })
    const result = await run({ 'certificate-id': id, 'max-attempts': '1' })
    expect(commandLines(result)).toEqual([])
    expect(errorLines(result)).toHaveLength(1)
    expect(result.outputs.ErrorCode).toBe('FailedOperation.X : :error: :code')
  })

  test('a hostile code, StatusMsg and validation records are neutralised in the log, outputs and summary', async () => {
    const id = certificate({ statusAfterSubmit: 4 })
    front.on(READ, {
      kind: 'rewrite',
      edit: (response) => ({
        ...response,
        StatusMsg: 'x\n::error::from StatusMsg',
        DvAuthDetail: {
          DvAuths: [
            {
              DvAuthKey: 'k\n::error::key',
              DvAuthValue: 'v\r\n::add-mask::nothing',
              DvAuthDomain: 'd',
              DvAuthSubDomain: 's',
              DvAuthVerifyType: 'TXT\n::x'
            }
          ]
        }
      })
    })
    const result = await run({ 'certificate-id': id, 'verify-type': 'DNS', endpoint: front.endpoint })

    expect(result.exitCode).toBe(0)
    expect(commandLines(result)).toEqual([])
    expect(result.log).not.toMatch(/^::error::/m)
    const [record] = JSON.parse(result.outputs.DvAuths) as Record<string, string>[]
    expect(record).toMatchObject({
      DvAuthKey: 'k : :error: :key',
      DvAuthValue: 'v : :add-mask: :nothing',
      DvAuthVerifyType: 'TXT : :x'
    })
  })

  test('a ::stop-commands:: from STS before it hands out a key cannot switch off the masks that follow', async () => {
    const provider = { providerId: 'github-hostile' }
    const roleArn = 'qcs::cam::uin/100000000001:roleName/hostile'
    seedKeyless(sandbox.emulator, { ...provider, roleArn })
    sandbox.emulator.injectFault({
      action: 'AssumeRoleWithWebIdentity',
      fault: { type: 'error', code: 'InternalError', message: 'retry\n::stop-commands::pwned\n' }
    })
    const id = certificate()
    const result = await run(
      {
        'certificate-id': id,
        'secret-id': '',
        'secret-key': '',
        'role-arn': roleArn,
        'oidc-provider-id': provider.providerId,
        'sts-endpoint': sandbox.emulator.endpoint
      },
      sandbox.emulator.oidcEnvironment
    )

    expect(result.exitCode).toBe(0)
    expect(result.log).not.toMatch(/^::stop-commands::/m)
    const lines = result.log.split('\n')
    const issued = sandbox.emulator.identity.sessions.at(-1)!
    const signedIn = lines.findIndex((line) => line.startsWith('Signed in with role'))
    expect(signedIn).toBeGreaterThan(0)
    for (const secret of [issued.secretId, issued.secretKey, issued.token]) {
      // Masked before the line that reports the sign-in, the first that follows the key's arrival.
      const mask = lines.indexOf(`::add-mask::${secret}`)
      expect(mask).toBeGreaterThanOrEqual(0)
      expect(mask).toBeLessThan(signedIn)
      expect(lines.filter((line) => line.includes(secret) && !line.startsWith('::add-mask::'))).toEqual([])
    }
  })
})

describe('only the configured endpoint is ever talked to', () => {
  test('a redirect is not followed: the decoy sees nothing, the order is reconciled and never sent twice', async () => {
    const decoy = await startDecoy()
    try {
      const id = certificate({ statusAfterSubmit: 8 })
      // The emulator applies the submission, then the front answers with a redirect to the decoy.
      front.on(SUBMIT, { kind: 'redirect', location: `${decoy.endpoint}/`, status: 307 })
      const result = await run({ 'certificate-id': id, endpoint: front.endpoint, 'max-attempts': '2' })

      expect(decoy.requests).toEqual([])
      const state = sandbox.emulator.certificate(id)
      expect(state.submissions).toBe(1)
      expect(result.exitCode).toBe(0)
      expect(result.outputs.OrderId).toBe(state.OrderId)
      expect(result.outputs.OrderId).not.toBe('DECOY-ORDER')
      expect(result.log).toContain(
        `ActionError.Redirected (the endpoint answered with a redirect to 127.0.0.1:${new URL(decoy.endpoint).port}`
      )
    } finally {
      await decoy.close()
    }
  })

  test.each([301, 302, 308])(
    'HTTP %s to plain http elsewhere fails with its own code, naming the host',
    async (status) => {
      const decoy = await startDecoy()
      try {
        const id = certificate()
        front.on(SUBMIT, { kind: 'redirect', location: `${decoy.endpoint}/steal`, status, forward: false })
        const result = await run({ 'certificate-id': id, endpoint: front.endpoint, 'max-attempts': '1' })

        expect(decoy.requests).toEqual([])
        expect(result.exitCode).toBe(1)
        expect(result.outputs.ErrorCode).toBe('ActionError.Redirected')
        expect(errorLines(result)[0]).toContain(`redirect to 127.0.0.1:${new URL(decoy.endpoint).port}`)
        // A redirect may hide a submission that went through: the certificate was read back.
        expect(errorLines(result)[0]).toMatch(/Read back: the certificate is in status 5/)
      } finally {
        await decoy.close()
      }
    }
  )
})

// Input errors: nothing here needs a process of its own, so these run in-process.
describe('secrets never appear in messages', () => {
  const everything = (result: ActionRun): string =>
    [
      result.log.replace(/^::add-mask::.*$/gm, ''),
      result.summary,
      JSON.stringify(result.outputs),
      result.resultsFile
    ].join('\n')

  test.each([
    ['endpoint', { endpoint: 'https://user:pa/ss@127.0.0.1:1' }, {}, 'pa/ss'],
    [
      'sts-endpoint',
      {
        'role-arn': 'qcs::cam::uin/1:roleName/r',
        'oidc-provider-id': 'p',
        'secret-id': '',
        'secret-key': '',
        'sts-endpoint': 'https://u:top-secret@host/x'
      },
      {},
      'top-secret'
    ],
    ['HTTP_PROXY with a "/" in the password', {}, { HTTP_PROXY: 'http://user:se/cret@127.0.0.1:3128' }, 'se/cret'],
    [
      'HTTP_PROXY with a "%" that is not percent-encoding',
      {},
      { HTTP_PROXY: 'http://user:100%zz@127.0.0.1:3128' },
      '100%zz'
    ]
  ])(
    'userinfo in %s: refused as an input error, never printed, every output written',
    async (_, inputs, env, secret) => {
      const id = certificate()
      const result = await runInProcess(
        { 'certificate-id': id, ...inputs },
        { ...env, ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/t', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' }
      )

      expect(result.exitCode).toBe(1)
      expect(result.outputs.ErrorCode).toBe('ActionError.InvalidInput')
      expect(Object.keys(result.outputs).sort()).toEqual(declaredOutputs)
      expect(everything(result)).not.toContain(secret)
      expect(result.log).not.toContain('unexpectedly')
      expect(callsFor(id, SUBMIT)).toEqual([])
    }
  )

  test.each([
    ['secret-id', { 'secret-id': 'AKIDnew\nline' }],
    ['secret-key', { 'secret-key': 'key\u0007bell' }],
    ['secret-key', { 'secret-key': 'schlüssel' }],
    ['session-token', { 'session-token': 'tok en' }]
  ])(
    '%s with a character no header can carry is an input error naming it, found before anything is sent',
    async (input, inputs) => {
      const before = sandbox.emulator.requests.length
      const result = await runInProcess({ 'certificate-id': certificate(), ...inputs })

      expect(result.exitCode).toBe(1)
      expect(result.outputs.ErrorCode).toBe('ActionError.InvalidInput')
      expect(errorLines(result)[0]).toContain(`${input} holds a character that no HTTP header can carry`)
      const value = Object.values(inputs)[0]
      expect(everything(result)).not.toContain(value)
      expect(sandbox.emulator.requests.length).toBe(before)
    }
  )
})

describe('every wait is bounded, and the process exits once the action has decided', () => {
  // Two calls in the worst case: the submission, and the read-back its unknown outcome leads to.
  const policy = { maxAttempts: 2, baseDelayMs: DEFAULT_BASE_DELAY_MS, maxDelayMs: DEFAULT_MAX_DELAY_MS }
  const boundMs = 2 * worstCaseCallMs(policy, 500)
  // Starting Node and the bundle, and pacing: generous, so that only a hang or a per-phase timeout can exceed it.
  const STARTUP_SLACK_MS = 5000

  test.each(['event-stream', 'drip'] as const)(
    'an answer whose body never ends (%s): request-timeout bounds each whole attempt',
    async (kind) => {
      const id = certificate()
      front.on(SUBMIT, { kind, forward: false }, 2).on(READ, { kind, forward: false }, 2)
      const result = await run(
        { 'certificate-id': id, endpoint: front.endpoint, 'max-attempts': '2', 'request-timeout': '0.5' },
        {},
        { timeoutMs: 60_000 }
      )

      expect(result.exitCode).toBe(1)
      expect(result.elapsedMs).toBeLessThan(boundMs + STARTUP_SLACK_MS)
      expect(Object.keys(result.outputs).sort()).toEqual(declaredOutputs)
      expect(['ActionError.Timeout', 'ActionError.MalformedResponse', 'ActionError.OutcomeUnknown']).toContain(
        result.outputs.ErrorCode
      )
      // Every connection was let go of: the front saw each socket closed.
      expect(front.openSockets).toBe(0)
      expect(sandbox.emulator.certificate(id).submissions).toBe(0)
    }
  )

  test('an event stream answer to a read is abandoned at once, not left open until the job times out', async () => {
    const id = certificate({ Status: 1, OrderId: 'TA-issued' })
    front.on(READ, { kind: 'event-stream' }, 1)
    const result = await run(
      { 'certificate-id': id, endpoint: front.endpoint, 'skip-submitted': 'true', 'max-attempts': '2' },
      {},
      { timeoutMs: 60_000 }
    )
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ OrderId: 'TA-issued', Status: '1' })
    expect(front.openSockets).toBe(0)
  })
})

describe('the legacy ##[command] form, which the runner finds anywhere in a line', () => {
  const STOP = 'busy ##[stop-commands]pwned ##[set-output name=x;]y ##[warning]w'

  test('hostile first answers of every call (STS, list, detail with the key, submission) and a hostile path reveal no secret', async () => {
    const providerId = 'github-legacy'
    const roleArn = 'qcs::cam::uin/100000000001:roleName/legacy'
    seedKeyless(sandbox.emulator, { providerId, roleArn })
    const issued = certificate({ Status: 1, OrderId: 'TA-legacy' })
    const pending = certificate()
    const hostile = (code: string) => ({ type: 'error' as const, code, message: STOP })
    sandbox.emulator.injectFault({ action: 'AssumeRoleWithWebIdentity', fault: hostile('InternalError') })
    sandbox.emulator.injectFault({ action: 'DescribeCertificates', fault: hostile('InternalError') })
    fault(issued, hostile('InternalError'), 2, READ)
    fault(pending, hostile('ResourceUnavailable'), 1, SUBMIT)
    const dir = join(mkdtempSync(join(tmpdir(), 'legacy-')), '##[stop-commands]folder')
    const result = await runInProcess(
      {
        'certificate-id': `${issued},${pending}`,
        'skip-submitted': 'true',
        'download-dir': dir,
        'secret-id': '',
        'secret-key': '',
        'role-arn': roleArn,
        'oidc-provider-id': providerId,
        'sts-endpoint': sandbox.emulator.endpoint
      },
      sandbox.emulator.oidcEnvironment
    )

    expect(errorLines(result)).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.log).toContain('retrying')
    expect(result.log.split('\n').filter((line) => line.includes('##['))).toEqual([])
    const view = runnerView(result.log)
    expect(view.stopped).toBe(false)
    const session = sandbox.emulator.identity.sessions.at(-1)!
    const key = readFileSync(join(dir, issued, 'privkey.pem'), 'utf8')
    const keyLines = key.split('\n').filter((line) => line !== '' && !line.startsWith('-----'))
    expect(keyLines.length).toBeGreaterThan(20)
    for (const secret of [session.secretId, session.secretKey, session.token, ...keyLines]) {
      expect(view.masks).toContain(secret)
      expect(view.shown).not.toContain(secret)
    }
    expect(view.shown).toContain('busy ## [stop-commands]pwned')
    expect(view.shown).toContain('## [stop-commands]folder')
  })
})

describe('failures where nothing can have reached the server are not "outcome unknown"', () => {
  let tls: TlsServer
  let tlsRequests = 0
  beforeAll(async () => {
    const fixture = (name: string) => readFileSync(join(ROOT, '__tests__', 'fixtures', name))
    tls = createTlsServer({ key: fixture('self-signed.key'), cert: fixture('self-signed.crt') }, (_, res) => {
      tlsRequests++
      res.end()
    })
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve))
  })
  afterAll(() => new Promise<void>((resolve) => tls.close(() => resolve())))

  test('an untrusted TLS certificate: its own code, not retried, no read-back, and the NODE_EXTRA_CA_CERTS hint', async () => {
    const result = await run({
      'certificate-id': certificate(),
      endpoint: `https://127.0.0.1:${(tls.address() as AddressInfo).port}`,
      'max-attempts': '5'
    })

    expect(result.exitCode).toBe(1)
    expect(result.outputs.ErrorCode).toBe('ActionError.TlsFailed')
    expect(tlsRequests).toBe(0)
    expect(result.log).not.toContain('retrying')
    expect(result.log).not.toContain('reading the certificate back')
    expect(errorLines(result)[0]).toContain('NODE_EXTRA_CA_CERTS')
    expect(errorLines(result)[0]).toContain('never set NODE_TLS_REJECT_UNAUTHORIZED=0')
  })

  test('a refused connection is retried, never read back', async () => {
    const closed = await HostileFront.start(sandbox.emulator.endpoint)
    const endpoint = closed.endpoint
    await closed.close()
    const result = await run({ 'certificate-id': certificate(), endpoint, 'max-attempts': '2' })

    expect(result.outputs.ErrorCode).toBe('ActionError.ConnectionFailed')
    expect(result.log).toContain('retrying')
    expect(result.log).not.toContain('reading the certificate back')
  })

  test('a header value no request can carry (a token from a hostile STS): its own code, nothing sent, no read-back', async () => {
    const provider = { providerId: 'github-header' }
    const roleArn = 'qcs::cam::uin/100000000001:roleName/header'
    seedKeyless(sandbox.emulator, { ...provider, roleArn })
    front.on('AssumeRoleWithWebIdentity', {
      kind: 'rewrite',
      edit: (response) => ({
        ...response,
        Credentials: { ...(response.Credentials as object), Token: 'token\r\nX-Injected: 1' }
      })
    })
    const id = certificate()
    const result = await run(
      {
        'certificate-id': id,
        'secret-id': '',
        'secret-key': '',
        'role-arn': roleArn,
        'oidc-provider-id': provider.providerId,
        'sts-endpoint': front.endpoint
      },
      sandbox.emulator.oidcEnvironment
    )

    expect(result.outputs.ErrorCode).toBe('ActionError.InvalidRequest')
    expect(callsFor(id, SUBMIT)).toEqual([])
    expect(result.log).not.toContain('reading the certificate back')
  })
})

describe('a malformed answer to a submission that went through is read back, never submitted again', () => {
  test.each([
    ['Status as a string', (r: Record<string, unknown>) => ({ ...r, Status: String(r.Status) })],
    ['no RequestId', (r: Record<string, unknown>) => ({ ...r, RequestId: undefined })]
  ])('%s', async (_, edit) => {
    const id = certificate({ statusAfterSubmit: 4 })
    front.on(SUBMIT, { kind: 'rewrite', edit })
    const result = await run({ 'certificate-id': id, endpoint: front.endpoint })

    expect(result.exitCode).toBe(0)
    const state = sandbox.emulator.certificate(id)
    expect(state.submissions).toBe(1)
    expect(callsFor(id, SUBMIT)).toHaveLength(1)
    expect(result.outputs).toMatchObject({
      OrderId: state.OrderId,
      Status: '4',
      RequestId: callsFor(id, READ)[0].requestId
    })
  })
})

test('a malformed answer to a submission that did not go through: read back pending, then submitted once', async () => {
  const id = certificate({ statusAfterSubmit: 4 })
  fault(id, { type: 'broken-body' })
  const result = await run({ 'certificate-id': id, 'max-attempts': '3' })
  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  expect(callsFor(id, SUBMIT).map((call) => call.outcome)).toEqual(['broken-body', 'ok'])
  expect(sandbox.emulator.certificate(id).submissions).toBe(1)
  expect(result.log).toContain('is still pending submission (status 5): nothing went through')
  expect(result.outputs.Status).toBe('4')
})

describe('cancellation loses nothing', () => {
  test('SIGINT mid-run: nothing new starts, requests in flight get a bounded grace, every certificate is reported', async () => {
    // An account of its own, so that the other tests' requests cannot throttle this one's.
    const alone = { secretId: 'AKIDcancelAlone01', secretKey: 'cancel-alone-secret', account: '100000000888' }
    sandbox.emulator.addKey(alone)
    const ids = Array.from({ length: 30 }, () => certificate({ statusAfterSubmit: 4, account: alone.account }))
    // The first three never answer: one applied, two not; the rest answer at once.
    fault(ids[0], { type: 'hang', applied: true })
    fault(ids[1], { type: 'hang' })
    fault(ids[2], { type: 'hang' })
    let signalledAt = 0
    const result = await run(
      {
        'certificate-id': ids.join(','),
        'verify-type': 'DNS_AUTO',
        'request-timeout': '60',
        'secret-id': alone.secretId,
        'secret-key': alone.secretKey
      },
      {},
      {
        timeoutMs: 60_000,
        onStart: (child) => {
          const poll = setInterval(() => {
            if (
              sandbox.emulator.callsOf(SUBMIT).filter((c) => ids.includes(String(c.params.CertificateId))).length >= 10
            ) {
              clearInterval(poll)
              signalledAt = Date.now()
              child.kill('SIGINT')
            }
          }, 5)
          child.on('close', () => clearInterval(poll))
        }
      }
    )
    const exitedAfterSignalMs = result.elapsedMs - (signalledAt - (Date.now() - result.elapsedMs))

    expect(signalledAt).toBeGreaterThan(0)
    expect(result.exitCode).toBe(1)
    // The runner kills 7.5 s after SIGINT: well inside it, with the grace for requests in flight.
    expect(exitedAfterSignalMs).toBeLessThan(7500)
    expect(exitedAfterSignalMs).toBeGreaterThanOrEqual(CANCEL_GRACE_MS - 100)

    const results = JSON.parse(result.outputs.Results) as {
      CertificateId: string
      OrderId: string
      ErrorCode?: string
      ErrorMessage?: string
    }[]
    expect(results.map((r) => r.CertificateId)).toEqual(ids)
    for (const r of results) {
      const state = sandbox.emulator.certificate(r.CertificateId)
      const sent = callsFor(r.CertificateId, SUBMIT).length > 0
      if (!r.ErrorCode) {
        // Reported as submitted: the server holds exactly that order.
        expect(r.OrderId).toBe(state.OrderId)
        expect(state.submissions).toBe(1)
      } else {
        expect(r.ErrorCode).toBe('ActionError.Cancelled')
        expect(r.ErrorMessage).toMatch(/before the request was sent|whether it went through is unknown/)
        // "Not sent" is true: no attempt of it was applied (an earlier one may have been refused for the rate).
        if (r.ErrorMessage?.includes('before the request was sent')) expect(state.submissions).toBe(0)
        if (!sent) expect(r.ErrorMessage).toContain('before the request was sent')
      }
    }
    for (const hung of ids.slice(0, 3))
      expect(results.find((r) => r.CertificateId === hung)?.ErrorMessage).toContain('unknown')
    expect(results.filter((r) => !r.ErrorCode).length).toBeGreaterThan(0)
    expect(results.filter((r) => r.ErrorMessage?.includes('before the request was sent')).length).toBeGreaterThan(0)
    expect(errorLines(result)[0]).toContain('The job was cancelled')
    expect(errorLines(result)[0]).toContain('skip-submitted: true')
    expect(result.summary).toContain('ActionError.Cancelled')
  })
})

test('the key pair used here never appears outside its masks', async () => {
  const result = await run({ 'certificate-id': certificate(), 'max-attempts': '1' }, { RUNNER_DEBUG: '1' })
  const unmasked = result.log.replace(/^::add-mask::.*$/gm, '')
  expect(unmasked).not.toContain(KEY.secretKey)
  expect(unmasked).not.toContain(KEY.secretId)
})
