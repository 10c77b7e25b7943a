// What one attempt's connection shows, on a real ClientRequest with no network: a lookup that fails, and how a
// failure before any connection is classified (never "outcome unknown", so never read back).
import { request } from 'node:http'
import { notSent } from '../../src/api/caller.js'
import { ActionErrorCode } from '../../src/api/errors.js'
import { Transport } from '../../src/api/transport.js'

test("a name that does not resolve: the attempt reports no connection, with the resolver's code", async () => {
  const transport = new Transport({ protocol: 'http://', host: 'nowhere.invalid' }, {}, 1000)
  const { agent, report } = transport.attempt()
  const failed = new Promise<Error>((resolve) => {
    const req = request({
      host: 'nowhere.invalid',
      agent: agent({ protocol: 'http:', host: 'nowhere.invalid' }),
      // The resolver's answer, without asking one: no traffic leaves the machine.
      lookup: (_host, _options, callback) =>
        callback(Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' }), '', 4)
    })
    req.on('error', resolve)
    req.end()
  })
  const error = await failed
  transport.close()
  expect(report).toMatchObject({ handedOver: true, reached: false })
  expect(report.error?.code).toBe('ENOTFOUND')
  expect(notSent(error, report)).toMatchObject({ code: ActionErrorCode.ConnectionFailed, mayHaveTakenEffect: false })
})

test('a second call of the attempt agent is a redirect, refused and reported', () => {
  const transport = new Transport({ protocol: 'https://', host: 'ssl.tencentcloudapi.com' }, {}, 1000)
  const { agent, report } = transport.attempt()
  agent({ protocol: 'https:', host: 'ssl.tencentcloudapi.com' })
  expect(() => agent({ protocol: 'http:', host: 'evil.example:8080' })).toThrow(
    'redirect to http://evil.example:8080 refused'
  )
  expect(report.redirectedTo).toBe('evil.example:8080')
  transport.close()
})

test.each([
  [
    {
      handedOver: true,
      reached: false,
      error: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
    },
    ActionErrorCode.TlsFailed
  ],
  [
    {
      handedOver: true,
      reached: false,
      error: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
    },
    ActionErrorCode.ConnectionFailed
  ],
  [{ handedOver: false, reached: false }, ActionErrorCode.InvalidRequest]
])('nothing sent (%#): %s, and never "outcome unknown"', (report, code) => {
  expect(notSent(new Error('failed'), report)).toMatchObject({ code, mayHaveTakenEffect: false })
})
