/**
 * `npm test` (tools/test.mjs): the typecheck and lint scripts of package.json and jest at once,
 * exit 0 only when all three pass, each check's output printed after jest's. Run here in a
 * throwaway package whose scripts and `jest` are small shell commands.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const TEST_COMMAND = path.resolve(__dirname, '../../tools/test.mjs');

function fakePackage(scripts: Record<string, string>, jest = 'echo "jest ran with: $*"; exit 0'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'org-backup-npm-test-'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ scripts }));
  mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
  const bin = path.join(dir, 'node_modules', '.bin', 'jest');
  writeFileSync(bin, `#!/bin/sh\n${jest}\n`);
  chmodSync(bin, 0o755);
  return dir;
}

const run = (dir: string, ...args: string[]) => spawnSync(process.execPath, [TEST_COMMAND, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '' } });

describe('npm test', () => {
  it('passes when the type check, the linter and jest pass, and says so for each check', () => {
    const r = run(fakePackage({ typecheck: 'echo types fine', lint: 'true' }), '__tests__/a.test.ts', '-t', 'x');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^jest ran with: __tests__\/a\.test\.ts -t x\ntypecheck: passed \(\d+\.\d s\)\ntypes fine\nlint: passed \(\d+\.\d s\)\n$/);
    expect(r.stderr).toBe('');
  });

  it('fails when one check fails, with its command and output, and still runs jest and the other', () => {
    const r = run(fakePackage({ typecheck: 'echo "a.ts(1,1): error TS2322" >&2; exit 2', lint: 'echo lint ok' }));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^jest ran with: \nlint: passed/);
    expect(r.stderr).toBe('typecheck: FAILED (exit 2): echo "a.ts(1,1): error TS2322" >&2; exit 2\na.ts(1,1): error TS2322\n');
  });

  it('fails when jest fails, and gives jest CHECKPOINT_DISABLE=1', () => {
    const r = run(fakePackage({ typecheck: 'true', lint: 'true' }, 'echo "checkpoint=$CHECKPOINT_DISABLE"; exit 1'));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^checkpoint=1\n/);
  });

  it('fails when a script is missing', () => {
    const r = run(fakePackage({ typecheck: 'true' }));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('lint: FAILED (exit 1): \npackage.json has no "lint" script\n');
  });
});
