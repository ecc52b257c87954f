/**
 * Test runner of `npm run mutation`: jest's own, stopping at the first test file with a failing
 * test while a mutant is active. One failing test is all Stryker needs to count a mutant killed,
 * and jest's `bail` cannot be used from Stryker (it exits the process). The remaining files are left
 * out as if the run had been interrupted; the failed file's result is kept, so Stryker still sees
 * the failing test. The initial run and runs outside Stryker are not affected.
 */
const TestRunner = require('jest-runner').default;

class StopAtFirstFailureTestRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    if (process.env.STRYKER_MUTATOR_WORKER === undefined || process.env.__STRYKER_ACTIVE_MUTANT__ === undefined) {
      return super.runTests(tests, watcher, options);
    }
    // Listeners run in the order they subscribed: jest records the failed file's result before this stops the run.
    const unsubscribe = this.on('test-file-success', ([test, result]) => {
      if (result.numFailingTests > 0 || result.testExecError) {
        // Remembered for the next mutants' order (jest.mutation-sequencer.js).
        const kills = (globalThis.orgBackupMutationKills ??= new Map());
        kills.set(test.path, (kills.get(test.path) ?? 0) + 1);
        return watcher.setState({ interrupted: true });
      }
      return undefined;
    });
    try {
      return await super.runTests(tests, watcher, options);
    } finally {
      unsubscribe();
    }
  }
}

module.exports = StopAtFirstFailureTestRunner;
