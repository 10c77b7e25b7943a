// DNSPod's API (2021-03-23) as the Tencent Cloud gateway serves it, beside SSL: the same TC3 signatures and keys,
// the zones the sandbox's authoritative DNS serves, and DescribeDomainList, DescribeRecordList, CreateRecord,
// ModifyRecordRemark and DeleteRecord in the API's shapes and error codes.
import { ApiError } from './api-errors.js'
import type { AuthoritativeDns, ZoneRecord } from './dns-server.js'

export const DNSPOD_VERSION = '2021-03-23'

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '')

export class DnspodService {
  /** The zones in the account, by name, with their DomainId. */
  readonly zones = new Map<string, number>()
  /** Text put into every record's remark and value it answers: a hostile gateway. */
  hostile = ''
  private nextId = 1000

  constructor(readonly dns: AuthoritativeDns) {}

  addZone(name: string): this {
    this.dns.addZone(name)
    this.zones.set(name, this.nextId++)
    return this
  }

  private zone(params: Record<string, unknown>): string {
    const name = text(params.Domain).toLowerCase()
    if (!this.zones.has(name))
      throw new ApiError('InvalidParameter.DomainNotExists', 'The domain does not exist.', '当前域名不存在。')
    return name
  }

  private shape(record: ZoneRecord, zone: string) {
    return {
      RecordId: Number(record.id),
      Value: `${record.value}${this.hostile}`,
      Status: 'ENABLE',
      UpdatedOn: '2026-12-06 10:00:00',
      Name: record.name === zone ? '@' : record.name.slice(0, -(zone.length + 1)),
      Line: '默认',
      LineId: '0',
      Type: record.type,
      Weight: null,
      MonitorStatus: '',
      Remark: `${record.comment ?? ''}${record.comment ? this.hostile : ''}`,
      TTL: record.ttl,
      MX: 0,
      DefaultNS: false
    }
  }

  describeDomainList(params: Record<string, unknown>): Record<string, unknown> {
    const offset = Number(params.Offset ?? 0)
    const limit = Number(params.Limit ?? 20)
    const all = [...this.zones].map(([Name, DomainId]) => ({
      DomainId,
      Name: `${Name}${this.hostile}`,
      Status: 'ENABLE',
      TTL: 600,
      Grade: 'DP_FREE',
      EffectiveDNS: []
    }))
    return {
      DomainCountInfo: { DomainTotal: all.length, AllTotal: all.length, MineTotal: all.length },
      DomainList: all.slice(offset, offset + limit)
    }
  }

  describeRecordList(params: Record<string, unknown>): Record<string, unknown> {
    const zone = this.zone(params)
    const host = text(params.Subdomain ?? params.SubDomain)
    const name = !host || host === '@' ? zone : `${host}.${zone}`.toLowerCase()
    const found = this.dns.live(name).filter((record) => !params.RecordType || record.type === params.RecordType)
    if (found.length === 0 && params.ErrorOnEmpty !== 'no')
      throw new ApiError('ResourceNotFound.NoDataOfRecord', 'No record data.', '记录列表为空。')
    return {
      RecordCountInfo: { SubdomainCount: 1, ListCount: found.length, TotalCount: found.length },
      RecordList: found.map((record) => this.shape(record, zone))
    }
  }

  createRecord(params: Record<string, unknown>): Record<string, unknown> {
    const zone = this.zone(params)
    const host = text(params.SubDomain) || '@'
    const name = host === '@' ? zone : `${host}.${zone}`.toLowerCase()
    const type = String(params.RecordType)
    const value = String(params.Value)
    const here = this.dns.live(name)
    if (here.some((record) => record.type === type && record.value === value))
      throw new ApiError(
        'InvalidParameter.DomainRecordExist',
        'The record already exists.',
        '记录已经存在，无需再次添加。'
      )
    if (type === 'CNAME' ? here.length > 0 : here.some((record) => record.type === 'CNAME'))
      throw new ApiError(
        'InvalidParameter.RecordConflict',
        'Conflicting records (A, CNAME and URL records cannot coexist).',
        '存在冲突的记录(A记录、CNAME记录、URL记录不能共存)。'
      )
    if (params.RecordLine !== '默认')
      throw new ApiError('InvalidParameter.RecordLineInvalid', 'The record line is invalid.', '记录线路错误。')
    const ttl = Number(params.TTL ?? 600)
    if (ttl < 600)
      throw new ApiError('InvalidParameter.TTLInvalid', "The TTL is below the plan's minimum.", 'TTL 值太小。')
    const record = this.dns.add(name, type, value, { ttl })
    return { RecordId: Number(record.id) }
  }

  private record(params: Record<string, unknown>): ZoneRecord {
    const zone = this.zone(params)
    const record = this.dns
      .live()
      .find(
        (candidate) =>
          candidate.id === String(params.RecordId) && (candidate.name === zone || candidate.name.endsWith(`.${zone}`))
      )
    if (!record) throw new ApiError('InvalidParameter.RecordIdInvalid', 'The record ID is invalid.', '记录编号错误。')
    return record
  }

  modifyRecordRemark(params: Record<string, unknown>): Record<string, unknown> {
    this.record(params).comment = text(params.Remark)
    return {}
  }

  deleteRecord(params: Record<string, unknown>): Record<string, unknown> {
    this.dns.removeId(this.record(params).id)
    return {}
  }
}
