// Jest's order of the test files: the durations Jest remembers, longest first, as its own sequencer does; and on a
// machine with no such memory (a fresh clone, as in CI), the suites known to take longest first, so that four
// workers on two cores do not end waiting on one slow suite started last.
import Sequencer from '@jest/test-sequencer'

/** The slowest suites, slowest first, as `npm test` measured them. */
const SLOWEST = [
  'hostile.e2e.test.ts',
  'validation.e2e.test.ts',
  'fleet.e2e.test.ts',
  'dns-providers.e2e.test.ts',
  'information.e2e.test.ts',
  'real-account.e2e.test.ts',
  'dns-validation.e2e.test.ts',
  'action.e2e.test.ts',
  'files.e2e.test.ts',
  'fidelity.test.ts',
  'emulator.test.ts',
  'tls.e2e.test.ts',
  'dns-in-process.test.ts',
  'renewal.e2e.test.ts',
  'rebind.e2e.test.ts',
  'certificates.test.ts'
]

const rank = (path) => {
  const index = SLOWEST.findIndex((name) => path.endsWith(`/${name}`))
  return index === -1 ? SLOWEST.length : index
}

const Base = Sequencer.default || Sequencer

export default class SlowestFirst extends Base {
  sort(tests) {
    // Jest's order sets each test's remembered duration; with none remembered (a fresh clone), the known order.
    const remembered = super.sort(tests)
    return remembered.some((test) => test.duration != null)
      ? remembered
      : [...tests].sort((a, b) => rank(a.path) - rank(b.path))
  }
}
