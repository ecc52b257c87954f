/**
 * The jest configuration of `npm run mutation`: the suite without the tests that only run the app
 * in child processes (a mutant is switched on inside the test process, so they can kill none and
 * would only slow every run down).
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  // Only the test files holding a mutant's covering tests are loaded (see the two files).
  setupFilesAfterEnv: [...(base.setupFilesAfterEnv ?? []), '<rootDir>/jest.mutation-names.js'],
  testSequencer: '<rootDir>/jest.mutation-sequencer.js',
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/__tests__/cli-output-link.test.ts',
    '<rootDir>/__tests__/config-cli.test.ts',
    '<rootDir>/__tests__/config-entry.test.ts',
    '<rootDir>/__tests__/synth-faults.test.ts',
    '<rootDir>/__tests__/scale.test.ts',
    '<rootDir>/__tests__/tools/plan-matrix-scale.test.ts',
  ],
};
