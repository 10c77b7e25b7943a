// What a host serves, read with one bounded handshake with SNI (src/served/probe.ts) against the loopback TLS hosts
// (sandbox/tls-hosts.ts): the leaf's fingerprint, names, issuer and expiry, each state of the check told apart, and
// the verify-hosts and verify-connect-to forms read.
import { createServer } from 'node:net'
import { TlsHosts, servedIdentity } from '../../sandbox/tls-hosts.js'
import { sandboxTlsIdentity } from '../../sandbox/tls.js'
import { classify, connectToOf, hostOf, probe, type Probe } from '../../src/served/probe.js'

let hosts: TlsHosts
beforeAll(async () => (hosts = await TlsHosts.start()))
afterAll(() => hosts.close())

const via = () => ({ host: '127.0.0.1', port: hosts.port })
const trust = () => ({ ca: sandboxTlsIdentity().ca, timeoutMs: 2000 })
const reached = (result: Probe) => {
  if (!result.reached) throw new Error(`not reached: ${result.reason}`)
  return result.leaf
}

test('a host that serves a trusted leaf for its name: its fingerprint, names, issuer and expiry; serving', async () => {
  hosts.serve('shop.example.com', servedIdentity(['shop.example.com', '*.shop.example.com'], { days: 90 }))
  const result = await probe('shop.example.com', 443, { ...trust(), connectTo: via() })
  const leaf = reached(result)
  expect(leaf.fingerprint).toMatch(/^[0-9a-f]{64}$/)
  expect(leaf.names).toEqual(['shop.example.com', '*.shop.example.com'])
  expect(leaf.issuer).toContain('Sandbox TLS Inspection CA')
  expect(leaf.trusted).toBe(true)
  const now = Date.now()
  expect(classify(result, { expected: leaf.fingerprint, minDays: 14, now })).toEqual({ state: 'serving', daysLeft: 90 })
  // A watch knows no certificate of its own.
  expect(classify(result, { minDays: 14, now }).state).toBe('serving')
  // A wildcard covers one label more, as RFC 6125 says.
  expect(reached(await probe('www.shop.example.com', 443, { ...trust(), connectTo: via() })).nameError).toContain(
    "Host: www.shop.example.com. is not in the cert's altnames"
  )
})

test('each state, the first that applies: old, other, name-mismatch, untrusted, expiring, unreachable', async () => {
  const now = Date.now()
  hosts.serve('old.example.com', servedIdentity(['old.example.com']))
  const old = await probe('old.example.com', 443, { ...trust(), connectTo: via() })
  const oldPrint = reached(old).fingerprint
  expect(classify(old, { expected: 'f'.repeat(64), replaced: [oldPrint], minDays: 14, now }).state).toBe('old')
  expect(classify(old, { expected: 'f'.repeat(64), minDays: 14, now }).state).toBe('other')

  hosts.serve('wrong.example.com', servedIdentity(['elsewhere.example.com']))
  expect(
    classify(await probe('wrong.example.com', 443, { ...trust(), connectTo: via() }), { minDays: 14, now }).state
  ).toBe('name-mismatch')
  hosts.serve('self.example.com', servedIdentity(['self.example.com'], { untrusted: true }))
  const self = await probe('self.example.com', 443, { ...trust(), connectTo: via() })
  expect(reached(self).trustError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
  expect(classify(self, { minDays: 14, now }).state).toBe('untrusted')
  hosts.serve('soon.example.com', servedIdentity(['soon.example.com'], { days: 5 }))
  expect(
    classify(await probe('soon.example.com', 443, { ...trust(), connectTo: via() }), { minDays: 14, now })
  ).toEqual({
    state: 'expiring',
    daysLeft: 5
  })

  // Nothing listens: unreachable, with the reason; a listener that never shakes hands: bounded by the timeout.
  const refused = await probe('gone.example.com', 443, { ...trust(), connectTo: { host: '127.0.0.1', port: 1 } })
  expect(refused).toEqual({ reached: false, reason: 'ECONNREFUSED' })
  expect(classify(refused, { minDays: 14, now })).toEqual({ state: 'unreachable' })
  const silent = createServer(() => {})
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  try {
    const port = (silent.address() as { port: number }).port
    expect(
      await probe('slow.example.com', 443, { ca: trust().ca, timeoutMs: 200, connectTo: { host: '127.0.0.1', port } })
    ).toEqual({
      reached: false,
      reason: 'no handshake within 0.2 s'
    })
  } finally {
    silent.close()
  }
})

test('a hostile leaf’s names and issuer stay inert text', async () => {
  hosts.serve('evil.example.com', servedIdentity(['evil.example.com', 'x::error::forged.example.com']))
  const leaf = reached(await probe('evil.example.com', 443, { ...trust(), connectTo: via() }))
  expect(leaf.names.join(' ')).not.toContain('::')
})

test('verify-hosts and verify-connect-to forms', () => {
  expect(hostOf('Shop.Example.com')).toEqual({ host: 'shop.example.com', port: 443 })
  expect(hostOf('shop.example.com:8443')).toEqual({ host: 'shop.example.com', port: 8443 })
  expect(hostOf('[2001:db8::1]:443')).toEqual({ host: '2001:db8::1', port: 443 })
  expect([hostOf('shop.example.com:0'), hostOf('https://shop.example.com'), hostOf('a b')]).toEqual([
    undefined,
    undefined,
    undefined
  ])
  expect(connectToOf('shop.example.com:443:127.0.0.1:8443')).toEqual({
    from: { host: 'shop.example.com', port: 443 },
    to: { host: '127.0.0.1', port: 8443 }
  })
  expect(connectToOf('shop.example.com:443:127.0.0.1')).toBeUndefined()
})
