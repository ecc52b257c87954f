/**
 * Setup file of `npm run mutation` (see jest.mutation-sequencer.js): during Stryker's initial run,
 * which runs every test, records the full name of each test that runs in this test file, into
 * `.stryker-test-names/` of the sandbox. Only inside a Stryker worker, and only the first time a
 * test file is seen (the initial run): later runs execute a subset of the tests and must not
 * replace the complete list.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

if (process.env.STRYKER_MUTATOR_WORKER !== undefined) {
  const names = new Set();
  beforeEach(() => {
    names.add(expect.getState().currentTestName);
  });
  afterAll(() => {
    const { testPath } = expect.getState();
    const dir = path.join(__dirname, '.stryker-test-names');
    const file = path.join(dir, `${crypto.createHash('sha256').update(testPath).digest('hex').slice(0, 16)}.json`);
    if (fs.existsSync(file)) return;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ testPath, names: [...names] }));
  });
}
