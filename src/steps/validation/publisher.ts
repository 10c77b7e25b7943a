// Where validation records are published for the CA to find, as lego's DNS providers are: each publisher takes the
// records it can place (`present`) and, when the certificate's flow ends, takes them away again where that is its
// job (`finish`). FILE records go into validation-dir (publishers/file.ts); TXT and CNAME records to the user's DNS
// provider (publishers/dns.ts).
import type { DvAuth } from '../../api/answers/index.js'

export type DnsRecordState = 'created' | 'existing' | 'removed' | 'kept' | 'conflict'

/** One validation record at the DNS provider, as Results[].DnsRecords gives it. */
export interface DnsRecordResult {
  Provider: string
  Zone: string
  Name: string
  Type: 'TXT' | 'CNAME'
  Value: string
  State: DnsRecordState
  /** Nameservers that answered the value / nameservers asked ("0/0" before any was asked). */
  Visible: string
}

/** What the publishers add to a certificate's result. */
export interface PublishedSlice {
  /** With validation-dir: the FILE validation files written. */
  ValidationFiles?: string[]
  /** With dns-provider: each DNS validation record at the provider, failed run or not. */
  DnsRecords?: DnsRecordResult[]
}

export interface RecordPublisher {
  /** Its name, for the log and the plan ("validation-dir", "dns-provider cloudflare"). */
  readonly name: string
  /** Places the records it can place, returning what it placed (paths, record names); refuses as a whole. */
  present(certificateId: string, records: readonly DvAuth[]): string[] | Promise<string[]>
  /** What `present` would do, checked by the same rules, from reads alone; nothing is placed. */
  planned(certificateId: string, records: readonly DvAuth[]): string[] | Promise<string[]>
  /** Its part of the certificate's result, after `present` (`placed`: what it returned; undefined when it failed). */
  slice(certificateId: string, placed: string[] | undefined): PublishedSlice
  /** The flow has ended: `final` when the certificate is issued or has failed for good; never in a preview. */
  finish(certificateId: string, records: readonly DvAuth[], final: boolean): void | Promise<void>
}
