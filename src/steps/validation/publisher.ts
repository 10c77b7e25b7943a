// Where validation records are published for the CA to find, as lego's DNS providers are: each publisher takes the
// records it can place (`present`) and takes them away again once the CA no longer needs them (`cleanUp`). Today:
// FILE records into validation-dir (publishers/file.ts); DNS providers plug in beside it.
import type { DvAuth } from '../../api/answers/index.js'

export interface RecordPublisher {
  /** Its name, for the log and the plan ("validation-dir"). */
  readonly name: string
  /** Places the records it can place, returning what it placed (paths, record names); refuses as a whole. */
  present(certificateId: string, records: readonly DvAuth[]): string[]
  /** What `present` would place, checked by the same rules; nothing is placed. */
  planned(certificateId: string, records: readonly DvAuth[]): string[]
  /** Once the certificate is issued or has failed for good: takes away what it placed, where that is its job. */
  cleanUp(certificateId: string, records: readonly DvAuth[]): void
}
