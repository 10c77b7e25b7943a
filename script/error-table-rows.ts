// The error sections of docs/troubleshooting.md, from the action's own advice (src/report/advice.ts: the API layer's
// and each step's), one heading per area with its codes: build-only, used by `npm run error-table` and the test that
// holds the page to the code.
import type { Advice } from '../src/api/hints.js'
import { API_ADVICE } from '../src/api/hints.js'
import { isRateLimitCode, isRetryableCode } from '../src/api/errors.js'
import { STEP_AREAS } from '../src/steps/index.js'

function retried(advice: Advice): string {
  if (advice.retryNote) return advice.retryNote
  if (advice.outcome) return '—'
  const [first] = advice.codes
  if (isRateLimitCode(first)) return 'yes, without using up an attempt'
  return isRetryableCode(first) ? 'yes' : 'no'
}

const SWITCH_CALLS = ['UpdateCertificateInstance', 'DescribeHostUpdateRecord', 'DescribeHostUpdateRecordDetail']
const INFORMATION_CALLS = ['CertificateInfoSubmit', 'DescribeCompanies', 'DescribeManagers']

/** The area an entry of the API layer's advice belongs to, by the calls it is for, its service, and its code. */
function areaOf(advice: Advice): string {
  const [first] = advice.codes
  if (advice.calls?.some((call) => SWITCH_CALLS.includes(call))) return 'Switching cloud resources'
  if (advice.calls?.some((call) => INFORMATION_CALLS.includes(call))) return "A bought certificate's information"
  if (advice.calls?.includes('ModifyCertificatesExpiringNotificationSwitch')) return 'Renewal'
  if (first.startsWith('ActionError.')) return 'The connection and the action itself'
  if (advice.service === 'sts' || /^(AuthFailure|UnauthorizedOperation|ResourceNotFound\.Role)/.test(first))
    return 'Signing in and signatures'
  if (
    /^(InternalError|RequestLimitExceeded|LimitExceeded|InvalidParameter|MissingParameter|UnknownParameter|IpIn|IpNot|ActionOffline|NoSuchProduct|UnsupportedRegion)/.test(
      first
    )
  )
    return 'The connection and the action itself'
  return 'Submitting and reading certificates'
}

/** The areas in the order a certificate meets them, then sign-in and the connection. */
const AREA_ORDER = [
  'Submitting and reading certificates',
  "A bought certificate's information",
  'Domain validation and waiting',
  'Certificate files',
  'Switching cloud resources',
  'Renewal',
  'Signing in and signatures',
  'The connection and the action itself'
]

/** Every entry of the advice, with its area: the API layer's first, then each step's, in the order they match. */
export function errorAreas(): { area: string; entries: Advice[] }[] {
  const areas = new Map<string, Advice[]>()
  const add = (area: string, advice: Advice): void => void areas.set(area, [...(areas.get(area) ?? []), advice])
  for (const advice of API_ADVICE) add(areaOf(advice), advice)
  for (const { title, advice } of STEP_AREAS) for (const entry of advice) add(title, entry)
  const rank = (area: string): number => {
    const index = AREA_ORDER.indexOf(area)
    return index < 0 ? AREA_ORDER.length : index
  }
  return [...areas].map(([area, entries]) => ({ area, entries })).sort((a, b) => rank(a.area) - rank(b.area))
}

/** One entry in a line: its codes (and the calls or service it is for), whether it is retried, and what to do. */
export function errorLine(advice: Advice): string {
  const codes = advice.codes.flatMap((c) => (advice.family ? [`\`${c}\``, `\`${c}.*\``] : [`\`${c}\``])).join(', ')
  const from = advice.calls
    ? ` (from ${advice.calls.join(', ')})`
    : advice.service
      ? ` (from ${advice.service.toUpperCase()})`
      : ''
  const hint = advice.hint.charAt(0).toUpperCase() + advice.hint.slice(1)
  return `- ${codes}${from}. Retried: ${retried(advice)}. ${hint}`
}

/** The page's error sections, as Markdown: a heading per area, a line per code. */
export function errorSectionsMarkdown(): string {
  return errorAreas()
    .map(({ area, entries }) => [`## ${area}`, '', ...entries.map(errorLine)].join('\n'))
    .join('\n\n')
}
