/**
 * One temporary folder per test run. The tests and the commands they start make hundreds of
 * temporary folders a run (outputs, configurations, copies of the checkout); under the system's
 * temporary folder they would pile up run after run. The global set-up points TMPDIR (which
 * `os.tmpdir()` and every child process read) at a folder of its own before the workers start,
 * and the global teardown removes it. A run killed before its teardown leaves its folder: the next
 * run removes the folders of runs whose process is gone.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const PREFIX = 'org-backup-jest-';
const STATE = 'ORG_BACKUP_TEST_RUN_TMPDIR';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Points TMPDIR at a new folder of this run; removes the folders of earlier runs that died. */
export function useRunTmpdir(): string {
  const parent = tmpdir();
  for (const entry of readdirSync(parent)) {
    const pid = Number(new RegExp(`^${PREFIX}(\\d+)-`).exec(entry)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) rmSync(path.join(parent, entry), { recursive: true, force: true });
  }
  const dir = mkdtempSync(path.join(parent, `${PREFIX}${process.pid}-`));
  process.env[STATE] = dir;
  process.env.TMPDIR = dir;
  return dir;
}

export function removeRunTmpdir(): void {
  const dir = process.env[STATE];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
