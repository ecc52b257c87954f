/**
 * The jest configuration of `npm run mutation`: the suite without the tests that only run the app
 * in child processes (a mutant is switched on inside the test process, so they can kill none and
 * would only slow every run down), and without the tests of tools/ (the review, plan-matrix,
 * modules and HCL commands): tools/ is not mutated, and those files took 130 of the 280 s that a
 * mutant reached by every synthesis costs here when it survives.
 * @type {import('jest').Config}
 */
const path = require('node:path');
const base = require('./jest.config.js');

module.exports = {
  ...base,
  // The source folders as well as the tests: jest's --findRelatedTests (Stryker's
  // enableFindRelatedTests) follows imports only through files under `roots`, so with the tests
  // alone it found only the tests that import a mutated file directly, and none of those that reach
  // a construct through the stacks (every synthesizing test). The tests are still only those under
  // __tests__ (`testMatch`).
  roots: ['__tests__', 'modules', 'stacks', 'envs', 'checks', 'security', 'output', 'tools', 'bench'].map((dir) => `<rootDir>/${dir}`),
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // Instrumented code is slower: the 200-account identity test of checks/fast-synth.ts, when that
  // file is mutated, ran past jest's 30 s and failed the initial run. A mutant that hangs is stopped
  // by Stryker's own timeout (timeoutMS and timeoutFactor of stryker.config.json), not by this.
  testTimeout: 180_000,
  // Coverage reached outside a test counted for the tests of its file, and only the files that hold
  // a mutant's tests loaded (see the two files). An absolute path: Stryker resolves the environment
  // itself, without jest's <rootDir>.
  testEnvironment: path.join(__dirname, 'jest.mutation-environment.js'),
  testSequencer: '<rootDir>/jest.mutation-sequencer.js',
  // With a mutant active, the run stops at the first test file that fails.
  runner: '<rootDir>/jest.mutation-runner.js',
  globalSetup: '<rootDir>/jest.mutation-setup.js',
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/__tests__/config-cli.test.ts',
    '<rootDir>/__tests__/config-entry.test.ts',
    '<rootDir>/__tests__/synth-faults.test.ts',
    '<rootDir>/__tests__/scale.test.ts',
    '<rootDir>/__tests__/tools/',
  ],
};
