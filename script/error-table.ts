// `npm run error-table`: writes docs/troubleshooting.md's error sections from the code's own advice (src/report/advice.ts),
// between its markers. The hints test fails when the two differ, so the page cannot drift from what the action says.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { errorSectionsMarkdown } from './error-table-rows.js'
import { ROOT } from '../sandbox/run-action.js'

const START = '<!-- error-table:start -->'
const END = '<!-- error-table:end -->'
const path = join(ROOT, 'docs', 'troubleshooting.md')
const page = readFileSync(path, 'utf8')
const [before, rest] = page.split(START)
if (rest === undefined || !rest.includes(END))
  throw new Error(`docs/troubleshooting.md has no ${START} … ${END} section`)
writeFileSync(
  path,
  `${before}${START}\n\n${errorSectionsMarkdown()}\n\n${END}${rest.slice(rest.indexOf(END) + END.length)}`
)
console.log('docs/troubleshooting.md: error sections written.')
