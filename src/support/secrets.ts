// Every secret the action learns (keys, tokens, passwords, a private key pasted by mistake), kept so that text built
// from them can be masked before it is escaped: the runner's masker matches a secret's raw value only, and the
// summary's Markdown escaping (`abc\_def`) or JSON's (`a\"b`) would hide a secret from it.

/** A secret's mask, as the runner prints it. */
export const MASK = '***'

export class Secrets {
  private readonly values = new Set<string>()

  /** `register` also tells the runner (core.setSecret), which masks the raw value in the log. */
  constructor(private readonly register: (secret: string) => void) {}

  readonly mask = (secret: string): void => {
    if (secret === '') return
    this.values.add(secret)
    this.register(secret)
  }

  /** `text` with every secret replaced by ***, the longest first (a secret that holds another is masked whole). */
  hide(text: string): string {
    let hidden = text
    for (const secret of [...this.values].sort((a, b) => b.length - a.length))
      if (hidden.includes(secret)) hidden = hidden.split(secret).join(MASK)
    return hidden
  }

  /** A copy of `value` with every string in it hidden: results before they become outputs, a summary or a file. */
  hideIn<T>(value: T): T {
    if (this.values.size === 0) return value
    return JSON.parse(JSON.stringify(value), (_key, item: unknown) =>
      typeof item === 'string' ? this.hide(item) : item
    ) as T
  }
}
