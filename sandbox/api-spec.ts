// The real API's description, as Tencent Cloud publishes it (sandbox/spec/*.md, copied from the project's shared
// spec): each action's request and response fields with their types and may-be-null flags, its documented error
// codes and its example calls. The emulator answers in these shapes and checks requests against them; the tests
// hold the client and the emulator to them.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const SPEC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'spec')
export const SPEC_FILES = ['ssl.md', 'sts.md'] as const

export interface Field {
  name: string
  /** As the spec writes it, without `[]`: string, uint64, int64, bool, datetime, or a structure's name. */
  type: string
  array: boolean
  required: boolean
  nullable: boolean
  /** Marked disabled: still accepted, no longer to be used. */
  disabled: boolean
  children: Field[]
}

export interface ApiExample {
  request: Record<string, unknown>
  answer: { Response: Record<string, unknown> }
}

export interface ActionSpec {
  action: string
  file: (typeof SPEC_FILES)[number]
  request: Field[]
  response: Field[]
  errorCodes: string[]
  examples: ApiExample[]
}

const SCALARS: Readonly<Record<string, string>> = {
  string: 'string',
  datetime: 'string',
  uint64: 'number',
  int64: 'number',
  bool: 'boolean'
}

/** The JSON type a field's value has: string, number, boolean, object or array. */
export function jsonType(field: Pick<Field, 'type' | 'array'>): string {
  if (field.array) return 'array'
  return SCALARS[field.type] ?? 'object'
}

function parseFields(lines: string[]): Field[] {
  const root: Field[] = []
  const stack: { indent: number; fields: Field[] }[] = [{ indent: -1, fields: root }]
  for (const line of lines) {
    const match = /^(\s*)- (\w+): ([\w]+)(\[\])?(?: \(([^)]*)\))?/.exec(line)
    if (!match) continue
    const [, spaces, name, type, array, flags = ''] = match
    const indent = spaces.length
    while (stack[stack.length - 1].indent >= indent) stack.pop()
    const field: Field = {
      name,
      type,
      array: array === '[]',
      required: /\brequired\b/.test(flags),
      nullable: /may be null/.test(flags),
      disabled: /\bdisabled\b/.test(flags),
      children: []
    }
    stack[stack.length - 1].fields.push(field)
    stack.push({ indent, fields: field.children })
  }
  return root
}

function codeBlocks(lines: string[]): string[] {
  const blocks: string[] = []
  let current: string[] | undefined
  for (const line of lines) {
    if (line.startsWith('```')) {
      if (current) {
        blocks.push(current.join('\n'))
        current = undefined
      } else current = []
    } else current?.push(line)
  }
  return blocks
}

function parseFile(file: (typeof SPEC_FILES)[number]): ActionSpec[] {
  const text = readFileSync(join(SPEC_DIR, file), 'utf8')
  return text
    .split(/^## /m)
    .slice(1)
    .map((chunk) => {
      const [heading, ...rest] = chunk.split('\n')
      const sections = new Map<string, string[]>()
      let section = ''
      for (const line of rest) {
        if (line.startsWith('### ')) sections.set((section = line.slice(4).trim()), [])
        else sections.get(section)?.push(line)
      }
      const examples = [...sections.entries()]
        .filter(([name]) => name.startsWith('Example'))
        .map(([, lines]) => {
          const [request, answer] = codeBlocks(lines).map((block) => JSON.parse(block) as unknown)
          return { request: request as Record<string, unknown>, answer: answer as ApiExample['answer'] }
        })
      const codes = (sections.get('Documented error codes') ?? []).join(' ')
      return {
        action: heading.trim(),
        file,
        request: parseFields(sections.get('Request') ?? []),
        response: parseFields(sections.get('Response (inside Response)') ?? []),
        errorCodes: [...codes.matchAll(/`([^`]+)`/g)].map((m) => m[1]),
        examples
      }
    })
}

let cache: Map<string, ActionSpec> | undefined

/** Every action the spec describes, by name. */
export function apiSpec(): Map<string, ActionSpec> {
  cache ??= new Map(SPEC_FILES.flatMap(parseFile).map((spec) => [spec.action, spec]))
  return cache
}

export function actionSpec(action: string): ActionSpec {
  const spec = apiSpec().get(action)
  if (!spec) throw new Error(`the API spec describes no action ${action}`)
  return spec
}

/** A deep copy of an action's first example answer (inside Response). */
export function exampleAnswer(action: string, index = 0): Record<string, unknown> {
  return structuredClone(actionSpec(action).examples[index].answer.Response)
}
