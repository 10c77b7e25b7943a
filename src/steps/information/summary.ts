// The information step's words in the summary's table of certificates.
import type { InformationOutcome } from './information.js'

export const INFORMATION_WORDS: Readonly<Record<InformationOutcome, string>> = {
  submitted: 'submitted',
  resubmitted: 'submitted again, with other names',
  unchanged: 'on file already',
  'would-submit': 'would submit',
  'would-resubmit': 'would submit again'
}
