/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/__tests__/support/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/support/global-teardown.ts',
  // A worker per core, not jest's default of cores - 1 (one worker on a 2-core machine): most of a worker's
  // time is spent waiting on the commands its tests start, and the main process is idle. Measured:
  // on 2 cores, 112.7 s of jest time with one worker, 79.5 s with two, 79.2 s with three.
  maxWorkers: '100%',
  // Type-checking is `npm run typecheck`; tests only transpile, which keeps them fast.
  transform: { '^.+\\.ts$': '<rootDir>/jest.transform.js' },
  // cdktf's zip library, loaded by cdktf in every test file and used only for assets (none here),
  // stands in lazily: checks/lazy-archiver.ts.
  moduleNameMapper: { '^archiver$': '<rootDir>/__tests__/support/archiver.ts' },
  testTimeout: 30000,
};
