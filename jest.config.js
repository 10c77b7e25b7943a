// Jest runs the TypeScript sources as ES modules (ts-jest's ESM mode): @actions/core 3 is ESM-only.
// Type checking is `tsc --noEmit` in `npm test`, so ts-jest only transpiles (isolatedModules).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  testTimeout: 60000,
  // One more worker than the two cores: the end-to-end suites spend most of their time waiting on the processes and
  // servers they start.
  maxWorkers: 3,
  collectCoverage: true,
  coverageProvider: 'v8',
  // index.ts only calls run() (the end-to-end tests run it through dist/); support/call-options.ts holds types only.
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts', '!src/support/call-options.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: { global: { lines: 90 } }
}
