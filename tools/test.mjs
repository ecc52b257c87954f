/**
 * `npm test`: the `typecheck` and `lint` scripts of package.json and jest, all three at once, so
 * that the type check and the linter use the CPU that jest leaves idle (while it starts, and while
 * its last files finish) instead of holding jest back by their few seconds. Jest prints as it runs;
 * the output of the other two is held and printed after it, in full when one failed. The exit code
 * is 0 only when all three passed; every one runs to its end, so that one run reports every kind of
 * failure. Arguments go to jest (`npm test -- __tests__/app.test.ts`).
 *
 * The two checks run at a lower priority than jest (niceness 10 within this process's session):
 * they fill idle time rather than take it from jest's workers. Plain JavaScript: it runs before
 * anything is compiled, from the package root (where npm runs scripts).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

const root = process.cwd();
const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const env = {
  ...process.env,
  CHECKPOINT_DISABLE: '1',
  // What npm puts first on a script's PATH, for a run without npm as well.
  PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
};

/** Runs `command` through the shell; resolves with its exit code (or signal) and, unless `inherit`, its output. */
function run(command, args, { inherit = false, priority } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: root, env, shell: args.length === 0, stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    if (priority !== undefined && child.pid !== undefined) {
      try {
        os.setPriority(child.pid, priority);
      } catch {
        // Left at this process's priority: only slower.
      }
    }
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', (err) => resolve({ code: 1, output: `${output}${err.message}\n`, seconds: (Date.now() - started) / 1000 }));
    child.on('close', (code, signal) => resolve({ code: code ?? signal ?? 1, output, seconds: (Date.now() - started) / 1000 }));
  });
}

const checks = ['typecheck', 'lint'].map((name) => {
  if (typeof scripts?.[name] !== 'string') return Promise.resolve({ name, code: 1, output: `package.json has no "${name}" script\n`, seconds: 0 });
  return run(scripts[name], [], { priority: 10 }).then((result) => ({ name, ...result }));
});
const jest = await run('jest', process.argv.slice(2), { inherit: true });

let failed = jest.code !== 0;
for (const check of await Promise.all(checks)) {
  if (check.code === 0) {
    process.stdout.write(`${check.name}: passed (${check.seconds.toFixed(1)} s)${check.output.trim() ? `\n${check.output.trimEnd()}` : ''}\n`);
  } else {
    failed = true;
    process.stderr.write(`${check.name}: FAILED (exit ${check.code}): ${scripts?.[check.name] ?? ''}\n${check.output}`);
  }
}
process.exitCode = failed ? 1 : 0;
