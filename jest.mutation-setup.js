/**
 * Global setup of `npm run mutation`: builds dist/js, as __tests__/support/global-setup.ts does for
 * `npm test`, but for the initial run only. With a mutant active, the sandbox's sources are those
 * of the initial run, so its build is still there; skipping it saves a process start per mutant.
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = function mutationGlobalSetup() {
  if (process.env.__STRYKER_ACTIVE_MUTANT__ !== undefined) return;
  execFileSync(process.execPath, [path.join(__dirname, 'tools', 'build.mjs')], { stdio: 'inherit' });
};
