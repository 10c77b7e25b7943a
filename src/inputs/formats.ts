// What the inputs' values look like, shared by every reader of them.
import { quoted } from '../support/untrusted.js'

/** A certificate ID: letters, digits, "-" and "_". */
export const CERTIFICATE_ID = /^[A-Za-z0-9_-]+$/
/** A Tencent Cloud region, such as ap-guangzhou. */
export const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/

/** The items of a list input, separated by commas, spaces or new lines. */
export const listItems = (value: string): string[] => value.split(/[\s,]+/).filter((item) => item !== '')

/** An input problem names at most this many wrong values: the message is for a person, however long the list. */
const NAMED_AT_MOST = 5

/** Wrong values for a message: the first few, quoted, and how many more there are. */
export function named(values: readonly string[]): string {
  const more = values.length > NAMED_AT_MOST ? ` and ${values.length - NAMED_AT_MOST} more` : ''
  return `${values.slice(0, NAMED_AT_MOST).map(quoted).join(', ')}${more}`
}
