/**
 * `npm run mutation`'s score: the formula of the issue (timeouts count as killed, no-coverage as
 * survived, errors and ignored mutants in neither), per folder, never rounded up to a threshold.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { budgetSeconds, DEFAULT_BUDGET_SECONDS, folderScore, incrementalFile, latestResults, lowerAutogroup, MUTATED_FOLDERS, scoreLine, selectedFiles, selectedFolders, survivorLines, type TestedMutant } from '../../tools/mutation';

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

describe('survivorLines (npm run mutation -- --survivors)', () => {
  const ROOT = path.resolve(__dirname, '../..');
  const mutant = (fileName: string, status: string, line: number, column: number, replacement?: string): TestedMutant => ({
    fileName,
    status,
    mutatorName: 'StringLiteral',
    replacement,
    location: { start: { line, column } },
  });

  it('lists the survivors and the untested, by file and position, with the project-relative path, and counts every status', () => {
    const lines = survivorLines([
      mutant(`${ROOT}/.stryker-tmp/sandbox-AbC123/envs/schedule.ts`, 'Survived', 19, 17, '""'),
      mutant(`${ROOT}/envs/fields.ts`, 'Killed', 3, 1, '""'),
      mutant(`${ROOT}/envs/fields.ts`, 'NoCoverage', 40, 2),
      mutant(`${ROOT}/envs/fields.ts`, 'Survived', 12, 9, '"Stryker was here!"'),
      mutant(`${ROOT}/envs/schedule.ts`, 'Timeout', 5, 5, 'true'),
      mutant(`${ROOT}/envs/schedule.ts`, 'Survived', 19, 3, '[]'),
    ]);
    expect(lines).toEqual([
      'envs/fields.ts:12:9 Survived StringLiteral -> "\\"Stryker was here!\\""',
      'envs/fields.ts:40:2 NoCoverage StringLiteral -> ""',
      'envs/schedule.ts:19:3 Survived StringLiteral -> "[]"',
      'envs/schedule.ts:19:17 Survived StringLiteral -> "\\"\\""',
      '6 mutants tested so far: Killed 1, NoCoverage 1, Survived 3, Timeout 1',
    ]);
  });

  it('says when nothing survived', () => {
    expect(survivorLines([mutant(`${ROOT}/envs/fields.ts`, 'Killed', 3, 1)])).toEqual(['1 mutant tested so far: Killed 1']);
    expect(survivorLines([])).toEqual(['0 mutants tested so far']);
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
    expect(new Set(MUTATED_FOLDERS.map((folder) => incrementalFile(folder))).size).toBe(MUTATED_FOLDERS.length);
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
      const ours = readFileSync('/proc/self/autogroup', 'utf8');
      expect(lowerAutogroup(child.pid!)).toBe(true);
      const theirs = readFileSync(`/proc/${child.pid}/autogroup`, 'utf8');
      expect(theirs).toMatch(/ nice 19\n$/);
      // An autogroup of its own: this test's session (whatever its niceness) is not the one lowered.
      expect(theirs.split(' ')[0]).not.toBe(ours.split(' ')[0]);
      expect(readFileSync('/proc/self/autogroup', 'utf8')).toBe(ours);
    } finally {
      child.kill();
    }
  });
});

describe('file groups', () => {
  it('run into an incremental file of their own, the same for the same files in any order', () => {
    const group = incrementalFile('checks', ['checks/policy.ts', 'checks/vaults.ts']);
    expect(group).toMatch(/^reports\/mutation\/checks-[0-9a-f]{8}-incremental\.json$/);
    expect(incrementalFile('checks', ['checks/vaults.ts', 'checks/policy.ts'])).toBe(group);
    expect(incrementalFile('checks', ['checks/policy.ts'])).not.toBe(group);
    expect(incrementalFile('checks')).toBe('reports/mutation/checks-incremental.json');
  });

  it('are files of one mutated folder that exist', () => {
    expect(selectedFiles('checks/policy.ts, checks/vaults.ts')).toEqual({ folder: 'checks', files: ['checks/policy.ts', 'checks/vaults.ts'] });
    expect(() => selectedFiles('checks/policy.ts,stacks/audit.ts')).toThrow('--files: the files must all be in one of the folders stacks, security, checks, envs, modules; got checks, stacks');
    expect(() => selectedFiles('tools/review.ts')).toThrow('got tools');
    expect(() => selectedFiles('checks/nope.ts')).toThrow('--files: no such TypeScript source: checks/nope.ts');
  });
});

describe('latestResults', () => {
  const run = (files: Record<string, [string, ...string[]]>) => ({
    files: Object.fromEntries(Object.entries(files).map(([file, [source, ...statuses]]) => [file, { source, ...mutants(...statuses) }])),
  });
  const now: Record<string, string> = { 'checks/a.ts': 'a2', 'checks/b.ts': 'b1', 'checks/c.ts': 'c1' };

  it("keeps each file's newest result, only for the file as it is now", () => {
    const older = run({ 'checks/a.ts': ['a1', 'Killed'], 'checks/b.ts': ['b1', 'Survived'], 'checks/c.ts': ['c1', 'Killed'] });
    const newer = run({ 'checks/a.ts': ['a1', 'Survived'], 'checks/b.ts': ['b1', 'Killed', 'Killed'], 'stacks/x.ts': ['x', 'Killed'] });
    const { report, stale } = latestResults('checks', [older, newer], (file) => now[file]);
    expect(Object.keys(report.files).sort()).toEqual(['checks/b.ts', 'checks/c.ts']);
    expect(report.files['checks/b.ts'].mutants).toHaveLength(2);
    expect(stale).toEqual(['checks/a.ts']);
    expect(folderScore('checks', report)).toMatchObject({ killed: 3, survived: 0, files: 2 });
  });

  it('counts a file run again after a change', () => {
    const older = run({ 'checks/a.ts': ['a1', 'Killed'] });
    const rerun = run({ 'checks/a.ts': ['a2', 'Survived'] });
    expect(latestResults('checks', [older, rerun], (file) => now[file])).toEqual({ report: { files: { 'checks/a.ts': rerun.files['checks/a.ts'] } }, stale: [] });
  });
});

describe('the test budget of a mutant', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { withinBudget } = require('../../jest.mutation-sequencer.js') as { withinBudget: <T>(tests: T[], durationMs: (t: T) => number, budgetMs: number) => T[] };
  const files = [{ ms: 400 }, { ms: 500 }, { ms: 100 }, { ms: 50 }];

  it('keeps the leading files whose durations fit, and always the first', () => {
    expect(withinBudget(files, (f) => f.ms, 1000)).toEqual(files.slice(0, 3));
    expect(withinBudget(files, (f) => f.ms, 900)).toEqual(files.slice(0, 2));
    expect(withinBudget(files, (f) => f.ms, 899)).toEqual(files.slice(0, 1));
    expect(withinBudget(files, (f) => f.ms, 1)).toEqual(files.slice(0, 1));
  });

  it('keeps every file without a budget', () => {
    expect(withinBudget(files, (f) => f.ms, 0)).toEqual(files);
    expect(withinBudget(files, (f) => f.ms, Number.NaN)).toEqual(files);
  });

  it('reads --budget as whole seconds, 10 by default, and refuses anything else', () => {
    expect(budgetSeconds(undefined)).toBe(DEFAULT_BUDGET_SECONDS);
    expect(DEFAULT_BUDGET_SECONDS).toBe(10);
    expect(budgetSeconds('0')).toBe(0);
    expect(budgetSeconds(' 120 ')).toBe(120);
    for (const bad of ['-1', '1.5', 'x', '', '123456']) expect(() => budgetSeconds(bad)).toThrow(`--budget: "${bad}" is not a whole number of seconds (0 for no budget)`);
  });
});

describe('the test files named after the mutated source, run first', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { mirrorsSource, mutatedSource } = require('../../jest.mutation-sequencer.js') as {
    mirrorsSource: (testFile: string, source: string) => boolean;
    mutatedSource: (id: string | undefined, rootDir: string) => string | undefined;
  };

  it('are the file of the same path under __tests__, and those of its name and a suffix', () => {
    expect(mirrorsSource('__tests__/envs/rules.test.ts', 'envs/rules.ts')).toBe(true);
    expect(mirrorsSource('__tests__/envs/rules-messages.test.ts', 'envs/rules.ts')).toBe(true);
    expect(mirrorsSource('__tests__/envs/rulesx.test.ts', 'envs/rules.ts')).toBe(false);
    expect(mirrorsSource('__tests__/rules.test.ts', 'envs/rules.ts')).toBe(false);
    expect(mirrorsSource('__tests__/envs/rules-messages.ts', 'envs/rules.ts')).toBe(false);
    expect(mirrorsSource('__tests__/checks/rules/key-deletion-window.test.ts', 'checks/rules/key-deletion-window.ts')).toBe(true);
  });

  it("are found from the active mutant's id in the instrumented sources, read once", () => {
    const root = mkdtempSync(path.join(tmpdir(), 'org-backup-mutated-source-'));
    try {
      mkdirSync(path.join(root, 'envs'), { recursive: true });
      mkdirSync(path.join(root, 'checks', 'rules'), { recursive: true });
      writeFileSync(path.join(root, 'envs', 'a.ts'), 'const x = stryMutAct_9fa48("7") ? 1 : stryMutAct_9fa48("8") ? 2 : 3;');
      writeFileSync(path.join(root, 'checks', 'rules', 'b.ts'), 'if (stryMutAct_9fa48("12")) {}');
      writeFileSync(path.join(root, 'envs', 'c.js'), 'stryMutAct_9fa48("99")');
      // A folder outside the mutated ones is not read.
      mkdirSync(path.join(root, 'tools'));
      writeFileSync(path.join(root, 'tools', 'e.ts'), 'stryMutAct_9fa48("50")');
      writeFileSync(path.join(root, 'stryker.config.json'), JSON.stringify({ mutate: ['envs/**/*.ts', 'checks/**/*.ts'] }));
      delete (globalThis as Record<string, unknown>).orgBackupMutantSources;
      expect(mutatedSource(undefined, root)).toBeUndefined();
      expect(mutatedSource('8', root)).toBe(path.join('envs', 'a.ts'));
      expect(mutatedSource('12', root)).toBe(path.join('checks', 'rules', 'b.ts'));
      expect(mutatedSource('99', root)).toBeUndefined();
      expect(mutatedSource('1', root)).toBeUndefined();
      expect(mutatedSource('50', root)).toBeUndefined();
      // Read once: a file written afterwards is not seen in this process.
      writeFileSync(path.join(root, 'envs', 'd.ts'), 'stryMutAct_9fa48("1")');
      expect(mutatedSource('1', root)).toBeUndefined();
    } finally {
      delete (globalThis as Record<string, unknown>).orgBackupMutantSources;
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("the covering tests read from Stryker's test name pattern", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { strykerPatternNames } = require('../../jest.mutation-sequencer.js') as { strykerPatternNames: (pattern: string) => string[] | undefined };
  // Stryker's jest runner: each test id through @stryker-mutator/util's escapeRegExp, in parentheses, joined by `|`.
  const strykerPattern = (names: string[]) => names.map((n) => `(${n.replace(/[.*+\-?^${}()|[\]\\]/g, '\\$&')})`).join('|');

  it('gives back every name, special characters and all', () => {
    const names = ['a test', 'the vault (eu-west-1) denies backup:Delete*', 'a|b [x] {y} ^$ .+? \\ - done', '', 'naïve ✓'];
    expect(strykerPatternNames(strykerPattern(names))).toEqual(names);
    expect(strykerPatternNames(strykerPattern(['one']))).toEqual(['one']);
  });

  it('refuses any other form, which is then matched as a regular expression', () => {
    for (const other of ['', 'plain', '(a)|', '|(a)', '(a)||(b)', '(a)(b)', '(a', '(a)|b', '(a.b)', '(a)|(b|c)', '(a\\']) {
      expect([other, strykerPatternNames(other)]).toEqual([other, undefined]);
    }
  });
});

describe('the tests of a mutant', () => {
  it('are found through the stacks: the synthesizing tests are related to a construct (jest --findRelatedTests, as Stryker runs it)', () => {
    const root = path.resolve(__dirname, '../..');
    const r = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '-c', 'jest.mutation.config.js', '--listTests', '--findRelatedTests', 'modules/source-account/source-vault.ts'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const related = r.stdout.split('\n').filter(Boolean).map((file) => path.relative(root, file));
    // Neither imports modules/ directly: both synthesize the app through the stacks.
    expect(related).toEqual(expect.arrayContaining(['__tests__/synth-output-pins.test.ts', '__tests__/policy-statements.test.ts']));
    expect(related).not.toContain('__tests__/config-boundaries.test.ts');
  });
});
