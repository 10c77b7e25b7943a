// DNS validation's groundwork against authoritative nameservers on loopback (sandbox/dns-server.ts), over real UDP
// and TCP with node:dns: a record proven at every nameserver of its zone, at most one question per nameserver every
// 2 s, within a bound; CAA found by climbing the tree, and a warning naming the record to add.
import { mkdtempSync, readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Resolver } from 'node:dns/promises'
import * as packet from 'dns-packet'
import { AuthoritativeDns } from '../../sandbox/dns-server.js'
import {
  askNameserver,
  untilVisible,
  visibleShare,
  zoneNameservers
} from '../../src/steps/validation/dns/visibility.js'
import { caaWarnings, caDomainOf, relevantCaa, type CaaRecord } from '../../src/steps/caa/caa.js'
import { Failure } from '../../src/api/errors.js'
import { commandProvider } from '../../src/steps/validation/dns/command.js'
import { dnsRecordsOf, hostIn } from '../../src/steps/validation/dns/provider.js'
import { rejectionOf } from '../helpers/thrown.js'

/** Time that moves only when the code under test sleeps: minutes of propagation in milliseconds. */
function jumpClock() {
  let time = 1_000_000
  return { now: () => time, sleep: async (ms: number) => void (time += ms) }
}

const TXT = { name: '_dnsauth.shop.example.com', type: 'TXT' as const, value: 'token-123' }

test('the nameservers answer TXT, CNAME, NS and CAA over UDP, and over TCP too', async () => {
  const dns = await AuthoritativeDns.start({ count: 2 })
  try {
    dns
      .addZone('example.com')
      .write(TXT.name, 'TXT', TXT.value)
      .write('_x.shop.example.com', 'CNAME', 'target.validation.example')
      .write('example.com', 'CAA', '0 issue "sectigo.com"')
    const [first] = dns.addresses
    expect(await askNameserver(first, TXT, 1000)).toEqual({ values: ['token-123'], reason: '' })
    expect(await askNameserver(first, { name: '_x.shop.example.com', type: 'CNAME' }, 1000)).toEqual({
      values: ['target.validation.example'],
      reason: ''
    })
    const resolver = new Resolver({ timeout: 1000, tries: 1 })
    resolver.setServers([first])
    expect((await resolver.resolveNs('example.com')).sort()).toEqual(['ns1.example.com', 'ns2.example.com'])
    expect(await resolver.resolveCaa('example.com')).toEqual([{ critical: 0, issue: 'sectigo.com' }])
    expect(await askNameserver(first, { name: 'nothing.example.com', type: 'TXT' }, 1000)).toEqual({
      values: [],
      reason: 'ENOTFOUND'
    })

    // TCP: the same question, two-byte length first.
    const port = Number(first.split(':')[1])
    const answer = await new Promise<packet.Packet>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(packet.streamEncode({ id: 7, type: 'query', questions: [{ name: TXT.name, type: 'TXT' }] }))
      )
      socket.on('data', (data) => {
        resolve(packet.streamDecode(data))
        socket.end()
      })
      socket.on('error', reject)
    })
    expect(answer.answers?.map((a) => (a as { data: Buffer[] }).data.map(String))).toEqual([['token-123']])
  } finally {
    await dns.close()
  }
})

test('a record is proven at every nameserver, the lagging one included, asking each at most every 2 s', async () => {
  const clock = jumpClock()
  const dns = await AuthoritativeDns.start({ count: 3, propagationMs: 5000, lagMs: 4000, now: clock.now })
  try {
    dns.addZone('example.com').write(TXT.name, 'TXT', TXT.value)
    const answers = await untilVisible(TXT, dns.addresses, { clock, timeoutMs: 60_000, queryTimeoutMs: 1000 })
    expect(visibleShare(answers)).toBe('3/3')
    // Two see it at 5 s (asked at 0, 2, 4, 6 s); the lagging one at 9 s (asked again at 8 and 10 s), and no more.
    expect(dns.queriesAt(0)).toHaveLength(4)
    expect(dns.queriesAt(2)).toHaveLength(6)
    for (const index of [0, 1, 2]) {
      const times = dns.queriesAt(index).map((query) => query.at)
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(2000)
    }
  } finally {
    await dns.close()
  }
})

test('not visible in time: ActionError.DnsNotPropagated, naming each nameserver and what it answered', async () => {
  const clock = jumpClock()
  const dns = await AuthoritativeDns.start({ count: 2, now: clock.now })
  try {
    dns.addZone('example.com').write(TXT.name, 'TXT', 'an-old-token')
    const failure = await rejectionOf(
      Failure,
      untilVisible(TXT, dns.addresses, { clock, timeoutMs: 10_000, queryTimeoutMs: 1000 })
    )
    expect(failure.code).toBe('ActionError.DnsNotPropagated')
    expect(failure.message).toContain(`${dns.addresses[0]}: answers "an-old-token"`)
    expect(failure.message).toContain('within dns-propagation-timeout (10 s)')
    // Asked at 0, 2, 4, 6, 8 and 10 s: the bound is kept.
    expect(dns.queriesAt(0)).toHaveLength(6)
  } finally {
    await dns.close()
  }
})

test('CAA: found by climbing from the name; a set that does not name the CA gets a warning naming the record', async () => {
  const dns = await AuthoritativeDns.start({ count: 1 })
  try {
    dns
      .addZone('example.com')
      .addZone('other.com')
      .write('example.com', 'CAA', '0 issue "letsencrypt.org"')
      .write('other.com', 'CAA', '0 issue "sectigo.com"')
      .write('other.com', 'CAA', '0 issuewild ";"')
    const resolver = new Resolver({ timeout: 1000, tries: 1 })
    resolver.setServers(dns.addresses)
    const resolveCaa = (name: string) => resolver.resolveCaa(name) as Promise<CaaRecord[]>
    expect(await relevantCaa('www.shop.example.com', resolveCaa)).toMatchObject({ at: 'example.com' })
    const sectigo = caDomainOf('Sectigo')
    const warnings = await caaWarnings(['shop.example.com', 'www.other.com', '*.other.com'], sectigo, resolveCaa)
    expect(warnings).toEqual([
      'shop.example.com: the CAA records at example.com do not let sectigo.com issue (it lets letsencrypt.org issue), so the CA may refuse the certificate: add "example.com. CAA 0 issue \\"sectigo.com\\""',
      '*.other.com: the CAA records at other.com do not let sectigo.com issue (it lets (no CA) issue), so the CA may refuse the certificate: add "other.com. CAA 0 issuewild \\"sectigo.com\\""'
    ])
    expect(await caaWarnings(['a.nowhere.example'], sectigo, resolveCaa)).toEqual([])
    expect(await caaWarnings(['shop.example.com'], caDomainOf('unknown brand'), resolveCaa)).toEqual([])
  } finally {
    await dns.close()
  }
})

describe('dns-provider: command, run with the record in its environment', () => {
  const record = {
    certificateId: 'c1',
    caZone: 'example.com',
    name: '_dnsauth.shop.example.com',
    type: 'TXT' as const,
    value: 'token-123'
  }
  const settings = (command: string, timeoutMs = 5000) => {
    const said: string[] = []
    return {
      said,
      settings: { command, timeoutMs, env: { PATH: process.env.PATH }, say: (line: string) => said.push(line) }
    }
  }

  test('present and cleanup each run the command once, with DNS_ACTION, the zone, the names, the type and the value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dns-command-'))
    const { said, settings: s } = settings(
      `echo "$DNS_ACTION $DNS_ZONE $DNS_NAME $DNS_HOST $DNS_TYPE $DNS_VALUE $CERTIFICATE_ID" >> ${dir}/calls; echo "::error::done"`
    )
    const provider = commandProvider(s)
    expect(await provider.zoneOf(record)).toBe('example.com')
    expect(await provider.planned(record)).toEqual({ would: 'create' })
    expect(await provider.present(record)).toEqual({ state: 'created', ours: true })
    expect(await provider.cleanUp(record, true)).toBe('removed')
    expect(readFileSync(join(dir, 'calls'), 'utf8')).toBe(
      'present example.com _dnsauth.shop.example.com _dnsauth.shop TXT token-123 c1\n' +
        'cleanup example.com _dnsauth.shop.example.com _dnsauth.shop TXT token-123 c1\n'
    )
    // Its output is shown, never as a workflow command.
    expect(said).toHaveLength(2)
    expect(said.every((line) => !line.includes('::error::'))).toBe(true)
  })

  test('a command that fails, or runs too long, is ActionError.DnsProviderFailed naming the record and its last line', async () => {
    const failing = commandProvider(settings('echo "zone not found" >&2; exit 3').settings)
    const failure = await rejectionOf(Failure, failing.present(record))
    expect(failure).toMatchObject({ code: 'ActionError.DnsProviderFailed' })
    expect(failure.message).toBe(
      'dns-command, to present the TXT record _dnsauth.shop.example.com: it exited with 3; its last line: zone not found'
    )
    const slow = commandProvider(settings('sleep 5', 200).settings)
    expect((await rejectionOf(Failure, slow.cleanUp(record, true))).message).toContain('it did not end within 0.2 s')
  })

  test('the DNS records among the CA’s, with their full names; the host is relative to the zone', () => {
    const records = dnsRecordsOf('c1', [
      {
        DvAuthKey: '_dnsauth.shop.example.com',
        DvAuthValue: 'v1',
        DvAuthDomain: 'example.com',
        DvAuthSubDomain: '_dnsauth.shop',
        DvAuthPath: '',
        DvAuthVerifyType: 'TXT'
      },
      {
        DvAuthKey: 'a.txt',
        DvAuthValue: 'v2',
        DvAuthDomain: 'shop.example.com',
        DvAuthSubDomain: '',
        DvAuthPath: '/.well-known/pki-validation/',
        DvAuthVerifyType: 'FILE'
      }
    ])
    expect(records).toEqual([
      { certificateId: 'c1', name: '_dnsauth.shop.example.com', caZone: 'example.com', type: 'TXT', value: 'v1' }
    ])
    expect([hostIn('_dnsauth.shop.example.com', 'example.com'), hostIn('example.com', 'example.com')]).toEqual([
      '_dnsauth.shop',
      '@'
    ])
  })
})

test('a CAA value is server text: a hostile one cannot become a workflow command in the warning', async () => {
  const records = async () => [{ critical: 0, issue: 'evil.example\n::error::forged ##[stop-commands]' }]
  const [warning] = await caaWarnings(['shop.example.com'], 'sectigo.com', records)
  expect(warning).toContain('do not let sectigo.com issue')
  expect(warning).not.toMatch(/::error::|##\[|\n/)
})

test('a zone’s authoritative nameservers, found by NS lookup and their addresses; none found is named', async () => {
  const dns = await AuthoritativeDns.start({ count: 2 })
  try {
    dns.addZone('example.com')
    expect(await zoneNameservers('example.com', 1000, dns.addresses)).toEqual(['127.0.0.1:53'])
    const failure = await rejectionOf(Failure, zoneNameservers('elsewhere.example', 1000, dns.addresses))
    expect(failure.code).toBe('ActionError.DnsNotPropagated')
    expect(failure.message).toContain('the authoritative nameservers of elsewhere.example could not be found')
  } finally {
    await dns.close()
  }
})
