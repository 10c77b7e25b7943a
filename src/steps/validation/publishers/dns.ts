// dns-provider: the CA's TXT and CNAME records written at the user's DNS provider (or by the user's command), proven
// at every authoritative nameserver of the zone, and taken away again once the certificate is issued or has failed
// for good. One publisher per job: the provider's client, its zones and the nameservers of each zone are shared by
// every certificate; each certificate's records are kept here for its result.
import type { DvAuth } from '../../../api/answers/index.js'
import { toFailure } from '../../../api/errors.js'
import type { Job } from '../../../flow/step.js'
import { errorMessage } from '../../../support/error-message.js'
import { ValidationCode } from '../codes.js'
import { dnsRecordsOf, type ProviderRecord, type RecordWriter } from '../dns/provider.js'
import type { DnsSettings } from '../dns/settings.js'
import { untilVisible, visibleShare, zoneNameservers } from '../dns/visibility.js'
import { recordWriter } from '../dns/writer.js'
import type { DnsRecordResult, DnsRecordState, PublishedSlice, RecordPublisher } from '../publisher.js'

interface Entry {
  record: ProviderRecord
  result: DnsRecordResult
  /** This action's record (its marker, or written in this run): cleaned up when final. */
  ours: boolean
  createdHere: boolean
}

const sameRecord = (a: ProviderRecord, b: ProviderRecord): boolean =>
  a.name === b.name && a.type === b.type && a.value === b.value

export class DnsPublisher implements RecordPublisher {
  readonly name: string
  private writer?: Promise<RecordWriter>
  private readonly entries = new Map<string, Entry[]>()
  private readonly nameservers = new Map<string, Promise<string[]>>()

  constructor(
    private readonly settings: DnsSettings,
    private readonly job: Job
  ) {
    this.name = `dns-provider ${settings.provider}`
  }

  private writerOf(): Promise<RecordWriter> {
    this.writer ??= recordWriter(this.settings, this.job.services, this.job.clock, (line) =>
      this.job.log.info(line)
    ).then((writer) => {
      this.job.services.onClose(() => writer.close())
      return writer
    })
    return this.writer
  }

  /** The certificate's records at the provider, for its result. */
  results(id: string): DnsRecordResult[] {
    return (this.entries.get(id) ?? []).map((entry) => ({ ...entry.result }))
  }

  slice(id: string): PublishedSlice {
    return this.entries.has(id) ? { DnsRecords: this.results(id) } : {}
  }

  private entryOf(id: string, record: ProviderRecord, zone: string): Entry {
    const list = this.entries.get(id) ?? []
    this.entries.set(id, list)
    let entry = list.find((candidate) => sameRecord(candidate.record, record))
    if (!entry) {
      entry = {
        record,
        ours: false,
        createdHere: false,
        result: {
          Provider: this.settings.provider,
          Zone: zone,
          Name: record.name,
          Type: record.type,
          Value: record.value,
          State: 'existing',
          Visible: '0/0'
        }
      }
      list.push(entry)
    }
    return entry
  }

  private said(id: string, entry: Entry, state: DnsRecordState, detail = ''): void {
    const changed = entry.result.State !== state || state === 'created'
    entry.result.State = state
    if (changed)
      this.job.log.info(
        `Certificate ${id}: ${entry.record.type} ${entry.record.name} at ${this.settings.provider} (zone ${entry.result.Zone}): ${state}${detail}`
      )
  }

  /**
   * Writes the certificate's DNS records and proves each at every authoritative nameserver of its zone. Throws the
   * first failure once every record has had its turn (each record's state is kept either way).
   */
  async present(id: string, dvAuths: readonly DvAuth[]): Promise<string[]> {
    const records = dnsRecordsOf(id, dvAuths)
    if (records.length === 0) return []
    const writer = await this.writerOf()
    const written = await Promise.allSettled(
      records.map(async (record) => {
        const zone = await writer.zoneOf(record)
        const entry = this.entryOf(id, record, zone)
        try {
          const { state, ours } = await writer.present(record)
          entry.ours ||= ours
          entry.createdHere ||= state === 'created'
          this.said(
            id,
            entry,
            state,
            state === 'existing' ? (ours ? ' (written by an earlier run)' : ' (already there, left as it is)') : ''
          )
        } catch (error) {
          if (toFailure(error).code === ValidationCode.DnsRecordConflict) this.said(id, entry, 'conflict')
          throw error
        }
        return entry
      })
    )
    const failed = written.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')
    if (failed) throw failed.reason
    const entries = written.map((outcome) => (outcome as PromiseFulfilledResult<Entry>).value)
    await Promise.all(entries.map((entry) => this.prove(id, entry)))
    return entries.map((entry) => `${entry.record.type} ${entry.record.name}`)
  }

  private nameserversOf(zone: string): Promise<string[]> {
    if (this.settings.nameservers) return Promise.resolve(this.settings.nameservers)
    let found = this.nameservers.get(zone)
    if (!found) {
      found = zoneNameservers(zone, this.settings.requestTimeoutMs)
      found.catch(() => this.nameservers.delete(zone))
      this.nameservers.set(zone, found)
    }
    return found
  }

  private async prove(id: string, entry: Entry): Promise<void> {
    const nameservers = await this.nameserversOf(entry.result.Zone)
    await untilVisible(entry.record, nameservers, {
      clock: this.job.clock,
      timeoutMs: this.settings.propagationTimeoutMs,
      queryTimeoutMs: this.settings.requestTimeoutMs,
      // Each round's share is kept, so that a record that never shows everywhere still says how far it got.
      onRound: (round) => (entry.result.Visible = visibleShare(round))
    })
    this.job.log.info(
      `Certificate ${id}: ${entry.record.type} ${entry.record.name} is visible at ${entry.result.Visible} nameservers of ${entry.result.Zone}`
    )
  }

  /** What a real run would write, from reads alone: the zone of each record, and whether it is there already. */
  async planned(id: string, dvAuths: readonly DvAuth[]): Promise<string[]> {
    const records = dnsRecordsOf(id, dvAuths)
    if (records.length === 0) return []
    const writer = await this.writerOf()
    return Promise.all(
      records.map(async (record) => {
        const zone = await writer.zoneOf(record)
        const plan = await writer.planned(record)
        const where = `${record.type} ${record.name} in the zone ${zone} at ${this.settings.provider}`
        if ('conflict' in plan) return `refuse ${where}: ${plan.conflict}`
        return plan.would === 'existing' ? `use ${where}, already there` : `create ${where}`
      })
    )
  }

  /**
   * Records an earlier run kept (it ended before the certificate was issued): found at the provider by name, value and
   * marker, and taken into this run's entries to be removed. A record that is not this action's is left unseen.
   */
  private async findKept(id: string, dvAuths: readonly DvAuth[]): Promise<void> {
    const known = this.entries.get(id) ?? []
    const records = dnsRecordsOf(id, dvAuths).filter(
      (record) => !known.some((entry) => sameRecord(entry.record, record))
    )
    if (records.length === 0) return
    const writer = await this.writerOf()
    await Promise.all(
      records.map(async (record) => {
        if (!(await writer.isOurs(record))) return
        const entry = this.entryOf(id, record, await writer.zoneOf(record))
        entry.ours = true
        entry.result.State = 'kept'
      })
    )
  }

  /**
   * The certificate is issued or has failed for good (`final`), or its run ends before that: this action's records
   * are removed when final (dns-cleanup), else kept for a later run to find. A record that cannot be removed is a
   * warning naming it, never a failure.
   */
  async finish(id: string, dvAuths: readonly DvAuth[], final: boolean): Promise<void> {
    if (final && this.settings.cleanup) await this.findKept(id, dvAuths)
    const entries = (this.entries.get(id) ?? []).filter((entry) => entry.ours && entry.result.State !== 'removed')
    if (entries.length === 0) return
    if (!final || !this.settings.cleanup) {
      for (const entry of entries)
        this.said(
          id,
          entry,
          'kept',
          final ? ' (dns-cleanup: false)' : ' until the certificate is issued or fails for good; a later run removes it'
        )
      return
    }
    const writer = await this.writerOf()
    await Promise.all(
      entries.map(async (entry) => {
        try {
          const done = await writer.cleanUp(entry.record, entry.createdHere)
          if (done === 'not-ours') this.said(id, entry, 'existing', " (not this action's: left as it is)")
          else this.said(id, entry, 'removed')
        } catch (error) {
          this.said(id, entry, 'kept')
          this.job.log.warning(
            `Certificate ${id}: the ${entry.record.type} record ${entry.record.name} (${JSON.stringify(entry.record.value)}) at ${this.settings.provider} could not be removed, so it stays: ${errorMessage(error)}; remove it by hand, or a later run removes it`
          )
        }
      })
    )
  }
}
