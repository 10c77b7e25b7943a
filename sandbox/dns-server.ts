// Authoritative nameservers on loopback, over UDP and TCP, answering NS, TXT, CNAME and CAA from the emulated zones
// (the DNS providers' records, once they exist): each nameserver sees a record a settable delay after it was written
// (propagation), and one can be made to lag behind the others. Packets are read and written with dns-packet.
import { createSocket, type Socket } from 'node:dgram'
import { createServer, type Server, type Socket as TcpSocket } from 'node:net'
import * as packet from 'dns-packet'

export type RecordType = 'TXT' | 'CNAME' | 'NS' | 'CAA'

export interface ZoneRecord {
  /** The full name, lower case, without the trailing dot. */
  name: string
  type: RecordType
  /** TXT: the text; CNAME and NS: the target; CAA: `flags tag value` as `0 issue "sectigo.com"`. */
  value: string
  /** When it was written (ms): each nameserver sees it `propagationMs` (plus its lag) later. */
  writtenAt: number
  /** Removed records stay unseen from this time on (plus the same delays). */
  removedAt?: number
  /** The provider's ID for it. */
  id: string
  /** Its comment or remark at the provider (the action's marker). */
  comment?: string
  ttl: number
}

export interface NameserverOptions {
  /** How many nameservers answer for every zone (default 2). */
  count?: number
  /** How long after a write every nameserver sees it (default 0). */
  propagationMs?: number
  /** The last nameserver sees every write this much later again (default 0). */
  lagMs?: number
  now?: () => number
}

/** One authoritative nameserver: a UDP socket and a TCP server on the same loopback port. */
interface Nameserver {
  udp: Socket
  tcp: Server
  port: number
  lagMs: number
  /** Queries answered, for the tests that count them. */
  queries: { name: string; type: string; at: number }[]
}

const TTL = 60
const RCODE = { NOERROR: 0, FORMERR: 1, NXDOMAIN: 3, REFUSED: 5 } as const

export class AuthoritativeDns {
  readonly zones = new Set<string>()
  readonly records: ZoneRecord[] = []
  private readonly servers: Nameserver[] = []
  private readonly connections = new Set<TcpSocket>()
  propagationMs: number
  private readonly now: () => number

  private constructor(options: NameserverOptions) {
    this.propagationMs = options.propagationMs ?? 0
    this.now = options.now ?? Date.now
  }

  static async start(options: NameserverOptions = {}): Promise<AuthoritativeDns> {
    const dns = new AuthoritativeDns(options)
    const count = options.count ?? 2
    for (let index = 0; index < count; index++)
      dns.servers.push(await dns.listen(index === count - 1 && count > 1 ? (options.lagMs ?? 0) : 0))
    return dns
  }

  /** The nameservers as `127.0.0.1:port`, the form dns-nameservers takes. */
  get addresses(): string[] {
    return this.servers.map((server) => `127.0.0.1:${server.port}`)
  }

  /** The last nameserver sees every write this much later than the others from now on. */
  set lagMs(ms: number) {
    if (this.servers.length > 1) this.servers[this.servers.length - 1].lagMs = ms
  }

  /** The queries each nameserver answered. */
  queriesAt(index: number): readonly { name: string; type: string; at: number }[] {
    return this.servers[index].queries
  }

  addZone(zone: string): this {
    this.zones.add(zone.toLowerCase())
    return this
  }

  private nextId = 1

  /** Writes a record; it becomes visible at each nameserver after the propagation delay. */
  write(name: string, type: RecordType, value: string, extra: { comment?: string; ttl?: number } = {}): this {
    this.add(name, type, value, extra)
    return this
  }

  /** Writes a record as a provider does, returning it (with its ID). */
  add(name: string, type: string, value: string, extra: { comment?: string; ttl?: number } = {}): ZoneRecord {
    const record: ZoneRecord = {
      name: name.toLowerCase().replace(/\.$/, ''),
      type: type as RecordType,
      value,
      writtenAt: this.now(),
      id: String(this.nextId++),
      ttl: extra.ttl ?? TTL,
      ...(extra.comment !== undefined ? { comment: extra.comment } : {})
    }
    this.records.push(record)
    return record
  }

  /** The records a provider holds now (not removed), at `name` when given. */
  live(name?: string): ZoneRecord[] {
    const key = name?.toLowerCase().replace(/\.$/, '')
    return this.records.filter((record) => record.removedAt === undefined && (key === undefined || record.name === key))
  }

  /** Removes the record with this ID, as a provider's delete does. */
  removeId(id: string): boolean {
    const record = this.records.find((candidate) => candidate.id === id && candidate.removedAt === undefined)
    if (record) record.removedAt = this.now()
    return record !== undefined
  }

  /** Whether every nameserver answers the record now: what the CA sees. */
  visibleEverywhere(name: string, type: string, value: string): boolean {
    const key = name.toLowerCase().replace(/\.$/, '')
    const same = (record: ZoneRecord): boolean =>
      record.name === key &&
      record.type === type &&
      (type === 'CNAME'
        ? record.value.toLowerCase().replace(/\.$/, '') === value.toLowerCase().replace(/\.$/, '')
        : record.value === value)
    return this.servers.every((server) =>
      this.records.some((record) => same(record) && this.visible(record, server.lagMs))
    )
  }

  /** Removes a written record; it disappears from each nameserver after the same delays. */
  remove(name: string, type: RecordType, value: string): this {
    const key = name.toLowerCase().replace(/\.$/, '')
    for (const record of this.records)
      if (record.name === key && record.type === type && record.value === value && record.removedAt === undefined)
        record.removedAt = this.now()
    return this
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.destroy()
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.udp.close()
            server.tcp.close(() => resolve())
          })
      )
    )
  }

  /** The zone a name is in: the longest zone it equals or ends with; undefined when none. */
  private zoneOf(name: string): string | undefined {
    return [...this.zones]
      .filter((zone) => name === zone || name.endsWith(`.${zone}`))
      .sort((a, b) => b.length - a.length)[0]
  }

  private visible(record: ZoneRecord, lagMs: number): boolean {
    const now = this.now()
    const delay = this.propagationMs + lagMs
    return record.writtenAt + delay <= now && (record.removedAt === undefined || record.removedAt + delay > now)
  }

  /** The answer to one question, as nameserver `server` sees the zones now. */
  private answer(query: packet.Packet, server: Nameserver): packet.Packet {
    const [question] = query.questions ?? []
    const base = {
      id: query.id,
      type: 'response' as const,
      flags: packet.AUTHORITATIVE_ANSWER,
      questions: query.questions
    }
    if (!question) return { ...base, rcode: 'FORMERR' } as packet.Packet
    const name = question.name.toLowerCase().replace(/\.$/, '')
    server.queries.push({ name, type: question.type, at: this.now() })
    const zone = this.zoneOf(name)
    if (!zone) return { ...base, flags: RCODE.REFUSED }
    const records = this.records.filter((record) => record.name === name && this.visible(record, server.lagMs))
    // A CNAME answers every type asked for its name, as a resolver expects.
    const cname = records.filter((record) => record.type === 'CNAME')
    // The nameservers' own names (ns1.<zone>, …) have the loopback address: NS lookups can be followed.
    const nameserverName = /^ns(\d+)\./.exec(name)
    if (question.type === 'A' && nameserverName && Number(nameserverName[1]) <= this.servers.length)
      return {
        ...base,
        flags: packet.AUTHORITATIVE_ANSWER,
        answers: [{ name, type: 'A', ttl: TTL, class: 'IN', data: '127.0.0.1' }]
      }
    const chosen =
      question.type === 'NS' && name === zone
        ? this.addresses.map((_, index) => ({ name, type: 'NS', value: `ns${index + 1}.${zone}` }))
        : cname.length > 0 && question.type !== 'CNAME'
          ? cname
          : records.filter((record) => record.type === question.type)
    const answers = chosen.map((record) => answerRecord(record.name, record.type as RecordType, record.value))
    const exists =
      name === zone || this.records.some((record) => record.name === name || record.name.endsWith(`.${name}`))
    const rcode = answers.length > 0 || exists ? RCODE.NOERROR : RCODE.NXDOMAIN
    return { ...base, flags: packet.AUTHORITATIVE_ANSWER | rcode, answers }
  }

  private async listen(lagMs: number): Promise<Nameserver> {
    const udp = createSocket('udp4')
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve))
    const port = udp.address().port
    const server: Nameserver = { udp, tcp: createServer(), port, lagMs, queries: [] }
    udp.on('message', (message, remote) => {
      let query: packet.Packet
      try {
        query = packet.decode(message)
      } catch {
        return
      }
      udp.send(packet.encode(this.answer(query, server)), remote.port, remote.address)
    })
    server.tcp.on('connection', (socket) => {
      this.connections.add(socket)
      socket.on('close', () => this.connections.delete(socket))
      let buffered = Buffer.alloc(0)
      socket.on('data', (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk])
        while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
          const length = buffered.readUInt16BE(0)
          const message = buffered.subarray(2, 2 + length)
          buffered = buffered.subarray(2 + length)
          try {
            socket.write(packet.streamEncode(this.answer(packet.decode(message), server)))
          } catch {
            socket.destroy()
          }
        }
      })
      socket.on('error', () => socket.destroy())
    })
    try {
      await new Promise<void>((resolve, reject) => {
        server.tcp.once('error', reject)
        server.tcp.listen(port, '127.0.0.1', resolve)
      })
    } catch (error) {
      // The UDP port's number is taken for TCP by another process: another pair of ports.
      udp.close()
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return this.listen(lagMs)
      throw error
    }
    return server
  }
}

/** A record in dns-packet's answer shape. */
function answerRecord(name: string, type: RecordType, value: string): packet.Answer {
  if (type === 'TXT') return { name, type, ttl: TTL, class: 'IN', data: [value] }
  if (type === 'CAA') {
    const [flags, tag, ...rest] = value.split(' ')
    return {
      name,
      type,
      ttl: TTL,
      class: 'IN',
      data: { flags: Number(flags), tag: tag as 'issue', value: rest.join(' ').replace(/^"|"$/g, '') }
    }
  }
  return { name, type, ttl: TTL, class: 'IN', data: value }
}
