// Text that came over the network (error codes and messages, StatusMsg, validation records, RequestIds) reaches the
// log, annotations, outputs and the job summary. The runner reads a line that starts with `::` as a workflow
// command, and the legacy form `##[command]` anywhere in a line, so one newline or one `##[` in a server's message
// could add annotations or, with `stop-commands`, switch off the masking of every secret printed after it. Every
// such text passes through `untrusted` at the client's boundary, and every line the action prints through
// `withoutCommands` once more (main.ts), for the inputs and paths that are part of it.

/** Server messages longer than this are cut: they are read by people, and a hostile answer can be megabytes. */
const MAX_UNTRUSTED_LENGTH = 1000

// CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \) and any other escape with its next character.
const ANSI_ESCAPE =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[\s\S]?|\u009b[0-?]*[ -/]*[@-~]/g
// C0 and C1 controls, DEL, and the Unicode line and paragraph separators: each could end a log line somewhere.
// eslint-disable-next-line no-control-regex
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g

/**
 * A line the action composed (its own words, with inputs and paths in them) that the runner cannot read as a
 * command: `::` at the start of any of its lines becomes `: :`, and `##[` anywhere becomes `## [`. A role ARN's
 * `qcs::cam::` mid-line stays as it is: the `::` form is only read at the start of a line.
 */
export function withoutCommands(text: string): string {
  return text.replace(/^(\s*)::/gm, '$1: :').replace(/##\[/g, '## [')
}

/**
 * The text made safe to print anywhere: no escape sequences, no control characters (a run of them becomes one
 * space, so no new log line can start), no workflow command in either form (even mid-line), and at most
 * `maxLength` characters, with the cut said.
 */
export function untrusted(value: string | null | undefined, maxLength = MAX_UNTRUSTED_LENGTH): string {
  if (value === null || value === undefined) return ''
  const text = value
    .replace(ANSI_ESCAPE, '')
    .replace(LINE_BREAKING, ' ')
    .replace(/:(?=:)/g, ': ')
    .replace(/##\[/g, '## [')
  if (text.length <= maxLength) return text
  return `${text.slice(0, maxLength)}… (${text.length - maxLength} more characters)`
}

/**
 * A URL, proxy variable or endpoint as given, with any user information replaced by `***`. Everything up to the
 * last `@` goes, so a password holding `/`, `:` or `#` cannot survive a parser that stopped early.
 */
export function withoutUserinfo(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/is, '$1***@')
}

/** The user information of a URL-like value as given (before the host), or '' when it has none. */
export function userinfoOf(raw: string): string {
  const match = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(.*)@/is.exec(raw)
  return match ? match[1] : ''
}

/** An input's value, quoted for a message: inputs can be built from untrusted text too (an issue's title, say). */
export const quoted = (value: string): string => `"${untrusted(value, 100)}"`
