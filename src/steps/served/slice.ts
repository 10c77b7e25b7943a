// The served step's slice of a certificate's result.
import type { BaseResult } from '../../flow/result.js'
import type { ServedHost } from '../../served/host.js'
import type { SwitchSlice } from '../switch/step.js'

export interface ServedSlice {
  /** verify-hosts: what each host serves at the end of the check. */
  Served?: ServedHost[]
}

export type ServedResult = BaseResult & ServedSlice & SwitchSlice
