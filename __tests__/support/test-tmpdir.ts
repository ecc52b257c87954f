/**
 * One temporary folder per test run. The tests and the commands they start make hundreds of
 * temporary folders a run (outputs, configurations, copies of the checkout); under the system's
 * temporary folder they would pile up run after run. The global set-up points TMPDIR (which
 * `os.tmpdir()` and every child process read) at a folder of its own before the workers start,
 * and the global teardown removes it.
 *
 * The removal runs in a detached process, after the run has reported: a run leaves about 9,000
 * files (130 MB, mostly copies of 1,000-account outputs), and deleting them took 19 s of waiting on
 * the disk here, longer than the slowest test file. The teardown only renames the folder (one
 * step), so a rerun never sees it. A run killed before its teardown leaves its folder, and a
 * deletion that died leaves a renamed one: the next run removes the folders of runs whose process
 * is gone and renamed folders older than an hour.
 */
import { mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { removeInBackground } from '../../checks/output-folder';

const PREFIX = 'org-backup-jest-';
const STATE = 'ORG_BACKUP_TEST_RUN_TMPDIR';
/** The suffix of a finished run's folder, renamed for its deletion. */
const FINISHED = '.finished';
/** A finished run's folder older than this has lost its deleting process. */
const STALE_FINISHED_MS = 60 * 60 * 1000;
/** A run's folder (`<prefix><pid>-<random>`), finished or not. */
const RUN_FOLDER = new RegExp(`^${PREFIX}(\\d+)-[^.]*(\\${FINISHED})?$`);

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
    const match = RUN_FOLDER.exec(entry);
    if (!match) continue;
    const folder = path.join(parent, entry);
    const stale = match[2] ? Date.now() - statSync(folder).mtimeMs > STALE_FINISHED_MS : Number(match[1]) !== process.pid && !alive(Number(match[1]));
    if (stale) rmSync(folder, { recursive: true, force: true });
  }
  const dir = mkdtempSync(path.join(parent, `${PREFIX}${process.pid}-`));
  process.env[STATE] = dir;
  process.env.TMPDIR = dir;
  return dir;
}

/** Renames the run's folder and deletes it from a detached process that outlives the run. */
export function removeRunTmpdir(): void {
  const dir = process.env[STATE];
  if (!dir) return;
  const finished = `${dir}${FINISHED}`;
  renameSync(dir, finished);
  // The synth's own way of deleting a replaced output (a detached `rm -rf`).
  removeInBackground([finished]);
}
