// The summary is Markdown that GitHub renders, and most of what it shows came from the server or an input: each
// such text renders as itself, never as a link, an image, HTML, emphasis or a broken table.
export const oneLine = (text: string): string => text.replace(/\r?\n/g, ' ')

/**
 * Prose: each character that can start Markdown backslash-escaped (CommonMark allows it for any ASCII
 * punctuation), so that no link, image, autolink (`:`, `.`, `@`), HTML, entity, emphasis, list or heading can form,
 * and a `|` cannot end the table cell. Commas, quotes and slashes need nothing.
 */
export const cell = (text: string): string => oneLine(text).replace(/[\\`*_[\]<>()!|~&#:@.+-]/g, (c) => `\\${c}`)

/**
 * A code span, in which nothing renders but the text: fenced by one backtick more than the longest run inside, so
 * that no backtick of the text can close it. A `|` is escaped for the table: GFM reads `\|` as a pipe even in code,
 * and removes just that backslash.
 */
export const code = (text: string): string => {
  if (!text) return '—'
  const piped = oneLine(text).replace(/\|/g, '\\|')
  const fence = '`'.repeat(Math.max(0, ...(piped.match(/`+/g) ?? []).map((run) => run.length)) + 1)
  const pad = piped.startsWith('`') || piped.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${piped}${pad}${fence}`
}

/** A table row of cells already rendered. */
export const row = (...cells: string[]): string => `| ${cells.join(' | ')} |`
/** A table's heading and its separator. */
export const heading = (...names: string[]): string[] => [row(...names), row(...names.map(() => '---'))]

/** Lines added while they fit; past the budget, lines are counted instead, so the summary can say what it left out. */
export class BoundedLines {
  readonly lines: string[] = []
  private bytes = 0
  omitted = 0

  constructor(private readonly budgetBytes: number) {}

  add(...lines: string[]): boolean {
    const cost = this.omitted > 0 ? Infinity : lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0)
    if (this.bytes + cost > this.budgetBytes) {
      this.omitted += lines.length
      return false
    }
    this.lines.push(...lines)
    this.bytes += cost
    return true
  }

  /** One line per item, rendered only while they fit: a long table costs nothing past the budget. */
  addRows<T>(items: readonly T[], render: (item: T) => string): void {
    for (const [index, item] of items.entries()) {
      if (!this.add(render(item))) {
        this.omitted += items.length - index - 1
        return
      }
    }
  }
}
