// Jest runs the TypeScript sources as ES modules (ts-jest's ESM mode): @actions/core 3 is ESM-only.
// Type checking is `tsc --noEmit` in `npm test`, so ts-jest only transpiles (isolatedModules).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  testTimeout: 60000,
  // Two more workers than the two cores: the end-to-end suites spend most of their time waiting on the processes,
  // servers and timers they start.
  maxWorkers: 4,
  collectCoverage: true,
  // Istanbul's instrumentation of the sources alone: V8's precise coverage slows every script the tests run (the SDK,
  // the emulator), which cost npm test a quarter of its time.
  coverageProvider: 'babel',
  // index.ts only calls run() (the end-to-end tests run it through dist/); these others hold types only.
  collectCoverageFrom: [
    'src/**/*.ts',
    '!src/index.ts',
    '!src/support/call-options.ts',
    '!src/support/clock.ts',
    '!src/steps/validation/publisher.ts'
  ],
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: { global: { lines: 95 } }
}
