/**
 * Test environment of `npm run mutation` (node's, as in jest.config.js), with two additions that
 * only act in Stryker's initial run, the one that measures which tests reach which mutant:
 *
 * 1. Coverage outside a test belongs to the tests of its file. Most test files synthesize once, at
 *    the top of the file, in a describe body or in beforeAll, and their tests then read the output;
 *    Stryker counts what runs there as "static" coverage and tests such a mutant with every test of
 *    the suite (a full run, about 70 files, per mutant). Here the code reached before or between the
 *    tests of a file is counted as reached by each test of that file, so the mutant is tested with
 *    exactly the files whose output it can change. This is sound with jest: every test file loads
 *    the sources anew, with the mutant already switched on.
 * 2. The full name of each test of the file, and how long the file took, are recorded in
 *    `.stryker-test-names/` of the sandbox, for jest.mutation-sequencer.js to load only the files
 *    that hold a mutant's tests, quickest first.
 *
 * Stryker's own environment wraps this one (its `currentTestId` names the running test); the
 * property is made to fall back to a name of this file while no test runs.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { TestEnvironment } = require('jest-environment-node');

/** A test's full name as Stryker's jest runner builds it: the describe names and the test name. */
function fullName(test) {
  const names = [];
  for (let block = test.parent; block && block.parent; block = block.parent) names.unshift(block.name);
  return [...names, test.name].join(' ').trimStart();
}

class MutationTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
    this.testNames = new Set();
    this.fileTestId = `\u0000outside the tests of ${context.testPath}`;
    this.started = Date.now();
  }

  /** Only in a Stryker worker's initial run: no mutant is active there. */
  get measuring() {
    return process.env.STRYKER_MUTATOR_WORKER !== undefined && process.env.__STRYKER_ACTIVE_MUTANT__ === undefined;
  }

  async setup() {
    await super.setup();
    const context = this.global.__stryker__;
    if (!this.measuring || !context) return;
    let running;
    const fileTestId = this.fileTestId;
    Object.defineProperty(context, 'currentTestId', {
      configurable: true,
      enumerable: true,
      get: () => running ?? fileTestId,
      set: (value) => {
        running = value;
      },
    });
  }

  async handleTestEvent(event) {
    if (event.name === 'test_done') this.testNames.add(fullName(event.test));
  }

  async teardown() {
    const context = this.global.__stryker__;
    if (this.measuring) {
      if (context) {
        Object.defineProperty(context, 'currentTestId', { configurable: true, enumerable: true, writable: true, value: undefined });
        const perTest = context.mutantCoverage?.perTest;
        const outside = perTest?.[this.fileTestId];
        if (outside) {
          for (const name of this.testNames) {
            const covered = (perTest[name] ??= {});
            for (const [id, hits] of Object.entries(outside)) covered[id] = (covered[id] ?? 0) + hits;
          }
          delete perTest[this.fileTestId];
        }
      }
      this.recordTestNames();
    }
    await super.teardown();
  }

  recordTestNames() {
    const dir = path.join(__dirname, '.stryker-test-names');
    const file = path.join(dir, `${crypto.createHash('sha256').update(this.testPath).digest('hex').slice(0, 16)}.json`);
    if (fs.existsSync(file)) return;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ testPath: this.testPath, durationMs: Date.now() - this.started, names: [...this.testNames] }));
  }
}

module.exports = MutationTestEnvironment;
