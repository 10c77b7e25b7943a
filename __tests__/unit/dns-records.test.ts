// The rules of writing at a provider, the same for every provider (records.ts), against an in-memory provider: a
// record there with the value is used; a CNAME never goes over other records, nor over another CNAME unless it is
// this action's; a create whose answer was lost is read back; only this action's records are removed; a provider
// without markers knows its records by name and value.
import { Failure } from '../../src/api/errors.js'
import {
  markerOf,
  ProviderError,
  type FoundRecord,
  type ProviderApi,
  type ProviderName,
  type Zone,
  type ZoneRecord
} from '../../src/dns/provider-api.js'
import { ProviderRecords, providerFailure } from '../../src/steps/validation/dns/records.js'
import type { ProviderRecord } from '../../src/steps/validation/dns/provider.js'
import { rejectionOf } from '../helpers/thrown.js'

interface Stored extends FoundRecord {
  name: string
}

/** A provider in memory: its zones, its records, and a create that can lose its answer (made, then thrown). */
function memoryProvider(options: { marks?: boolean; name?: ProviderName } = {}) {
  const records: Stored[] = []
  let next = 1
  const calls: string[] = []
  const faults = { loseCreate: false, refuseCreate: false, refuseRemove: false, refuseZones: false }
  const api: ProviderApi = {
    name: options.name ?? 'cloudflare',
    marks: options.marks ?? true,
    zones() {
      calls.push('zones')
      if (faults.refuseZones)
        return Promise.reject(new ProviderError(api.name, '10000', 'Authentication error', false, 'ray-1'))
      return Promise.resolve([
        { name: 'example.com', id: 'z1' },
        { name: 'shop.example.com', id: 'z2' }
      ])
    },
    recordsAt(_zone: Zone, name: string) {
      calls.push(`read ${name}`)
      return Promise.resolve(records.filter((record) => record.name === name).map((record) => ({ ...record })))
    },
    create(zone: Zone, record: ZoneRecord) {
      calls.push(`create ${record.type} ${record.host} in ${zone.name}`)
      if (faults.refuseCreate) return Promise.reject(new ProviderError(api.name, '81053', 'conflicting record'))
      // A lost answer comes before the remark is set: the record is made unmarked.
      records.push({
        id: String(next++),
        name: record.name,
        type: record.type,
        value: record.value,
        ...(api.marks && !faults.loseCreate ? { marker: record.marker } : {})
      })
      if (faults.loseCreate) return Promise.reject(new ProviderError(api.name, '', 'socket hang up', true))
      return Promise.resolve()
    },
    mark(_zone: Zone, record: ZoneRecord, found: FoundRecord) {
      calls.push(`mark ${found.id}`)
      const stored = records.find((candidate) => candidate.id === found.id)
      if (stored) stored.marker = record.marker
      return Promise.resolve()
    },
    remove(_zone: Zone, record: ZoneRecord, found: FoundRecord) {
      calls.push(`remove ${record.type} ${record.name}`)
      if (faults.refuseRemove) return Promise.reject(new ProviderError(api.name, 'AccessDenied', 'no right'))
      const index = records.findIndex((candidate) => candidate.id === found.id && candidate.value === found.value)
      if (index >= 0) records.splice(index, 1)
      return Promise.resolve()
    },
    close: () => {}
  }
  return { api, records, calls, faults }
}

const record = (fields: Partial<ProviderRecord> = {}): ProviderRecord => ({
  certificateId: 'c1',
  name: '_dnsauth.shop.example.com',
  caZone: 'shop.example.com',
  type: 'TXT',
  value: 'token-1',
  ...fields
})

test('the longest zone that holds the name, the zones read once for every record', async () => {
  const { api, calls } = memoryProvider()
  const writer = new ProviderRecords(api)
  expect(await writer.zoneOf(record())).toBe('shop.example.com')
  expect(await writer.zoneOf(record({ name: '_dnsauth.www.example.com' }))).toBe('example.com')
  expect(calls.filter((call) => call === 'zones')).toHaveLength(1)
  const none = await rejectionOf(Failure, writer.zoneOf(record({ name: '_dnsauth.example.net' })))
  expect(none.code).toBe('ActionError.DnsZoneNotFound')
  expect(none.message).toBe(
    'cloudflare has no zone that holds _dnsauth.example.net among the 2 its credentials can see (example.com, shop.example.com)'
  )
})

test('a refused zone list is the provider’s failure, with its code, message and request, and is asked again later', async () => {
  const { api, calls, faults } = memoryProvider()
  faults.refuseZones = true
  const writer = new ProviderRecords(api)
  const failure = await rejectionOf(Failure, writer.zoneOf(record()))
  expect(failure).toMatchObject({ code: 'ActionError.DnsProviderFailed', requestId: 'ray-1' })
  expect(failure.message).toBe(
    'cloudflare, listing the zones the credentials can see, answered 10000: Authentication error (request ray-1)'
  )
  faults.refuseZones = false
  expect(await writer.zoneOf(record())).toBe('shop.example.com')
  expect(calls.filter((call) => call === 'zones')).toHaveLength(2)
})

test('present creates once with the marker, in the zone’s terms; a second present finds it', async () => {
  const { api, records, calls } = memoryProvider()
  const writer = new ProviderRecords(api)
  expect(await writer.planned(record())).toEqual({ would: 'create' })
  expect(await writer.present(record())).toEqual({ state: 'created', ours: true })
  expect(calls).toContain('create TXT _dnsauth in shop.example.com')
  expect(records).toEqual([expect.objectContaining({ value: 'token-1', marker: markerOf('c1') })])
  expect(await writer.present(record())).toEqual({ state: 'existing', ours: true })
  expect(await writer.planned(record())).toEqual({ would: 'existing' })
  expect(records).toHaveLength(1)
  // Another certificate's value at the same name is written beside it, not over it.
  expect(await writer.present(record({ certificateId: 'c2', value: 'token-2' }))).toEqual({
    state: 'created',
    ours: true
  })
  expect(records.map((r) => r.value)).toEqual(['token-1', 'token-2'])
})

test('a record of the user’s with the value is used and never removed', async () => {
  const { api, records } = memoryProvider()
  records.push({ id: '9', name: record().name, type: 'TXT', value: 'token-1', marker: 'added by hand' })
  const writer = new ProviderRecords(api)
  expect(await writer.present(record())).toEqual({ state: 'existing', ours: false })
  expect(await writer.isOurs(record())).toBe(false)
  expect(await writer.cleanUp(record(), false)).toBe('not-ours')
  expect(records).toHaveLength(1)
})

test('a CNAME goes nowhere another record is, and over another CNAME only when that one is this action’s', async () => {
  const { api, records, calls } = memoryProvider()
  const cname = record({ type: 'CNAME', value: 'new.validation.example' })
  records.push({ id: '1', name: cname.name, type: 'TXT', value: 'someone else' })
  const writer = new ProviderRecords(api)
  const blocked = await rejectionOf(Failure, writer.present(cname))
  expect(blocked.code).toBe('ActionError.DnsRecordConflict')
  expect(blocked.message).toBe(
    '_dnsauth.shop.example.com already holds TXT "someone else", where the CNAME record must go; it is not this action\'s, so it is left as it is'
  )
  expect(await writer.planned(cname)).toEqual({ conflict: blocked.message })
  records.length = 0
  records.push({ id: '2', name: cname.name, type: 'CNAME', value: 'old.validation.example', marker: markerOf('c0') })
  expect(await writer.present(cname)).toEqual({ state: 'created', ours: true })
  expect(calls).toContain('remove CNAME _dnsauth.shop.example.com')
  expect(records).toEqual([expect.objectContaining({ type: 'CNAME', value: 'new.validation.example' })])
  // A TXT record cannot go beside a CNAME that is not this action's.
  records.length = 0
  records.push({ id: '3', name: cname.name, type: 'CNAME', value: 'Elsewhere.Example.' })
  expect((await rejectionOf(Failure, writer.present(record()))).message).toContain(
    'already holds CNAME "Elsewhere.Example."'
  )
  // The same CNAME, in another case and with the final dot, is the same record.
  expect(await writer.present(record({ type: 'CNAME', value: 'elsewhere.example' }))).toEqual({
    state: 'existing',
    ours: false
  })
})

test('more than three records in the way are counted, not all named', async () => {
  const { api, records } = memoryProvider()
  for (let index = 0; index < 5; index++)
    records.push({ id: String(index), name: record().name, type: 'A', value: `192.0.2.${index}` })
  const writer = new ProviderRecords(api)
  const failure = await rejectionOf(Failure, writer.present(record({ type: 'CNAME', value: 'x.example' })))
  expect(failure.message).toContain('A "192.0.2.2" and 2 more')
})

test('a create whose answer was lost is read back: made, so created; not made, so the provider’s failure', async () => {
  const { api, records, faults, calls } = memoryProvider()
  const writer = new ProviderRecords(api)
  faults.loseCreate = true
  expect(await writer.present(record())).toEqual({ state: 'created', ours: true })
  expect(calls.filter((call) => call.startsWith('create'))).toHaveLength(1)
  // Made unmarked (its answer lost before the remark): marked now, so that a later run knows it as this action's.
  expect(calls).toContain('mark 1')
  expect(records).toEqual([expect.objectContaining({ marker: markerOf('c1') })])
  expect(await new ProviderRecords(api).isOurs(record())).toBe(true)
  faults.loseCreate = false
  faults.refuseCreate = true
  const failure = await rejectionOf(Failure, writer.present(record({ value: 'token-2' })))
  expect(failure.message).toBe(
    'cloudflare, creating the TXT record _dnsauth.shop.example.com, answered 81053: conflicting record'
  )
})

test('cleanUp removes only this action’s record; gone already is absent; a refusal is the provider’s failure', async () => {
  const { api, records, faults } = memoryProvider()
  const writer = new ProviderRecords(api)
  await writer.present(record())
  faults.refuseRemove = true
  const refused = await rejectionOf(Failure, writer.cleanUp(record(), true))
  expect(refused.message).toBe(
    'cloudflare, deleting the TXT record _dnsauth.shop.example.com, answered AccessDenied: no right'
  )
  faults.refuseRemove = false
  expect(await writer.cleanUp(record(), true)).toBe('removed')
  expect(records).toEqual([])
  expect(await writer.cleanUp(record(), true)).toBe('absent')
})

test('without markers (Route 53), a record is known by its name and value: this certificate’s value is its own', async () => {
  const { api, records } = memoryProvider({ marks: false, name: 'route53' })
  records.push({ id: '', name: record().name, type: 'TXT', value: 'token-1' })
  const writer = new ProviderRecords(api)
  expect(await writer.isOurs(record())).toBe(true)
  expect(await writer.cleanUp(record(), false)).toBe('removed')
  // An unmarked record this run created (its remark call lost) is still this run's.
  const marked = memoryProvider()
  marked.records.push({ id: '1', name: record().name, type: 'TXT', value: 'token-1' })
  expect(await new ProviderRecords(marked.api).cleanUp(record(), true)).toBe('removed')
})

test('requests to one name go one at a time; to other names, side by side', async () => {
  const { api } = memoryProvider()
  const order: string[] = []
  const slow = api.recordsAt.bind(api)
  api.recordsAt = async (zone, name) => {
    order.push(`start ${name}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
    order.push(`end ${name}`)
    return slow(zone, name)
  }
  const writer = new ProviderRecords(api)
  await Promise.all([
    writer.present(record({ value: 'a' })),
    writer.present(record({ value: 'b' })),
    writer.present(record({ name: '_dnsauth.www.example.com' }))
  ])
  const first = order.indexOf('end _dnsauth.shop.example.com')
  expect(order.indexOf('start _dnsauth.www.example.com')).toBeLessThan(first)
  expect(order.lastIndexOf('start _dnsauth.shop.example.com')).toBeGreaterThan(first)
})

test('providerFailure: a lost answer says so; anything else keeps its own code', () => {
  const lost = providerFailure(new ProviderError('alidns', '', 'socket hang up', true), 'creating x')
  expect(lost).toMatchObject({ code: 'ActionError.DnsProviderFailed', mayHaveTakenEffect: true })
  expect(lost.message).toBe('alidns, creating x, answered no answer: socket hang up')
  const own = new Failure({ code: 'ActionError.Cancelled', message: 'cancelled' })
  expect(providerFailure(own, 'x')).toBe(own)
  expect(providerFailure(new Error('boom'), 'reading y').message).toBe('reading y: Error: boom')
})
