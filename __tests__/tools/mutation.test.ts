/**
 * `npm run mutation`'s score: the formula of the issue (timeouts count as killed, no-coverage as
 * survived, errors and ignored mutants in neither), per folder, never rounded up to a threshold.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { folderScore, incrementalFile, lowerAutogroup, MUTATED_FOLDERS, scoreLine, selectedFolders } from '../../tools/mutation';

const mutants = (...statuses: string[]) => ({ mutants: statuses.map((status) => ({ status })) });

describe('folderScore', () => {
  const report = {
    files: {
      'stacks/a.ts': mutants('Killed', 'Killed', 'Timeout', 'Survived'),
      'stacks/b/c.ts': mutants('NoCoverage', 'Killed', 'CompileError', 'RuntimeError', 'Ignored'),
      'stacksish/d.ts': mutants('Survived', 'Survived'),
      'security/e.ts': mutants('Survived'),
    },
  };

  it('counts each status of the folder only, and scores (killed + timeout) / (killed + timeout + survived + no coverage)', () => {
    expect(folderScore('stacks', report)).toEqual({ folder: 'stacks', killed: 3, timeout: 1, survived: 1, noCoverage: 1, other: 3, score: (100 * 4) / 6, files: 2 });
    expect(folderScore('security', report)).toMatchObject({ killed: 0, survived: 1, score: 0 });
  });

  it('has no score when no mutant was tested', () => {
    expect(folderScore('envs', report).score).toBeUndefined();
    expect(scoreLine(folderScore('envs', report))).toBe('envs/: no mutant tested (killed 0, timeout 0, survived 0, no coverage 0; not counted 0)');
  });

  it('prints the score truncated, so that 89.999% never reads as 90%', () => {
    const line = scoreLine({ folder: 'checks', killed: 89999, timeout: 0, survived: 1001, noCoverage: 0, other: 0, score: 89.999, files: 3 });
    expect(line).toBe('checks/: 89.99% (killed 89999, timeout 0, survived 1001, no coverage 0; not counted 0)');
  });

  it("says when a report holds only some of the folder's files", () => {
    const s = folderScore('stacks', report);
    expect(scoreLine(s, 2)).toBe('stacks/: 66.66% (killed 3, timeout 1, survived 1, no coverage 1; not counted 3)');
    expect(scoreLine(s, 10)).toBe('stacks/: 66.66% (killed 3, timeout 1, survived 1, no coverage 1; not counted 3, only 2 of its 10 files)');
  });
});

describe('selectedFolders', () => {
  it('is every folder by default, or the comma-separated names given', () => {
    expect(selectedFolders(undefined)).toEqual([...MUTATED_FOLDERS]);
    expect(selectedFolders('stacks, security/')).toEqual(['stacks', 'security']);
  });

  it('refuses a folder that is not mutated, naming it and the allowed ones', () => {
    expect(() => selectedFolders('tools')).toThrow('--folder: "tools" is not a mutated folder; allowed: stacks, security, checks, envs, modules');
  });

  it('keeps one incremental file per folder', () => {
    expect(new Set(MUTATED_FOLDERS.map(incrementalFile)).size).toBe(MUTATED_FOLDERS.length);
  });
});

describe('lowerAutogroup', () => {
  it("writes niceness 19 to the session's autogroup file, and says false where there is none", () => {
    const proc = mkdtempSync(path.join(tmpdir(), 'org-backup-proc-'));
    mkdirSync(path.join(proc, '4242'));
    writeFileSync(path.join(proc, '4242', 'autogroup'), '/autogroup-7 nice 0\n');
    expect(lowerAutogroup(4242, proc)).toBe(true);
    expect(readFileSync(path.join(proc, '4242', 'autogroup'), 'utf8')).toBe('19');
    expect(lowerAutogroup(4243, proc)).toBe(false);
  });

  (existsSync('/proc/self/autogroup') ? it : it.skip)('gives a process started in a session of its own the lowest priority on this kernel', async () => {
    const child = spawn('sleep', ['5'], { detached: true, stdio: 'ignore' });
    try {
      expect(lowerAutogroup(child.pid!)).toBe(true);
      expect(readFileSync(`/proc/${child.pid}/autogroup`, 'utf8')).toMatch(/ nice 19\n$/);
      // This test's own session keeps its priority.
      expect(readFileSync('/proc/self/autogroup', 'utf8')).not.toMatch(/ nice 19\n$/);
    } finally {
      child.kill();
    }
  });
});
