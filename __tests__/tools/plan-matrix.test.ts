import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Manifest } from '../../output/synth-output';
import { dependencyWaves, packWave, planMatrix, planMatrixOf } from '../../tools/plan-matrix';
import { synthApp } from '../support/synth';

const ROOT = path.resolve(__dirname, '../..');

function manifestOf(deps: Record<string, string[]>): Manifest {
  return {
    stacks: Object.fromEntries(
      Object.entries(deps).map(([name, dependencies]) => [name, { name, dependencies, synthesizedStackPath: `stacks/${name}/cdk.tf.json` }]),
    ),
  };
}

/** The command as built for `npm run plan-matrix` (the tests' global set-up builds dist/js). */
const run = (...args: string[]) => spawnSync(process.execPath, ['dist/js/tools/plan-matrix.js', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('plan matrix', () => {
  const out = synthApp();

  it('layers the example into backup account, then every source account, then management', () => {
    expect(dependencyWaves(out.manifest)).toEqual([
      ['backup-account'],
      ['source-data-prod', 'source-shared-services', 'source-workloads-prod', 'source-workloads-staging'],
      ['management'],
    ]);
  });

  it('gives every stack of the example its own job while the wave fits, weighted by its resources', () => {
    const matrix = planMatrixOf(out.dir);
    expect(matrix.maxJobs).toBe(256);
    expect(matrix.jobs.map((j) => [j.wave, j.stacks])).toEqual([
      [0, ['backup-account']],
      [1, ['source-data-prod']],
      [1, ['source-shared-services']],
      [1, ['source-workloads-prod']],
      [1, ['source-workloads-staging']],
      [2, ['management']],
    ]);
    const managed = Object.values(out.stacks.management.resource ?? {}).reduce((n, r) => n + Object.keys(r).length, 0);
    expect(matrix.jobs.at(-1)?.resources).toBeGreaterThanOrEqual(managed);
  });

  it('packs a wave into at most n jobs, heaviest stacks spread first, each stack once', () => {
    const weights: Record<string, number> = { a: 10, b: 9, c: 5, d: 4, e: 3, f: 1, g: 1 };
    const jobs = packWave(1, Object.keys(weights), (s) => weights[s], 3);
    expect(jobs).toEqual([
      { wave: 1, stacks: ['a', 'g'], resources: 11 },
      { wave: 1, stacks: ['b', 'e'], resources: 12 },
      { wave: 1, stacks: ['c', 'd', 'f'], resources: 10 },
    ]);
  });

  it('follows whatever dependencies the manifest records', () => {
    expect(dependencyWaves(manifestOf({ d: ['b', 'c'], c: ['a'], b: [], a: [] }))).toEqual([['a', 'b'], ['c'], ['d']]);
    expect(planMatrix(manifestOf({ d: ['b', 'c'], c: ['a'], b: [], a: [] }), { maxJobs: 1 }).jobs).toEqual([
      { wave: 0, stacks: ['a', 'b'], resources: 2 },
      { wave: 1, stacks: ['c'], resources: 1 },
      { wave: 2, stacks: ['d'], resources: 1 },
    ]);
  });

  it('refuses a cycle and names the stacks in it', () => {
    expect(() => dependencyWaves(manifestOf({ a: ['b'], b: ['a'], c: [] }))).toThrow('dependency cycle between stacks: a, b');
  });

  it('refuses a dependency on a stack the manifest does not have', () => {
    expect(() => dependencyWaves(manifestOf({ a: ['ghost'] }))).toThrow('stack a depends on ghost');
  });

  it('prints JSON for the synthesized folder, and a one-line error where there is none', () => {
    const ok = run(out.dir, '--max-jobs', '2');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).jobs.filter((j: { wave: number }) => j.wave === 1)).toHaveLength(2);
    const empty = mkdtempSync(path.join(tmpdir(), 'org-backup-empty-'));
    const missing = run(empty);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe(`error: ${path.join(empty, 'manifest.json')} does not exist: run \`npm run synth\` first`);
  });

  it('writes pure JSON with --out, without the banner npm prints on standard output', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-matrix-')), 'matrix.json');
    const npm = spawnSync('npm', ['run', 'plan-matrix', '--', out.dir, '--out', file], { cwd: ROOT, encoding: 'utf8' });
    expect(npm.status).toBe(0);
    expect(npm.stdout).toContain('> org-backup@'); // the banner went to standard output, not into the file
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(planMatrixOf(out.dir));
  });

  it('has --help, and refuses an unknown flag or a bad job count in one line', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: npm run plan-matrix -- [<dir>] [--max-jobs <n>] [--out <file>] [--changed-since <dir|git ref>] [--help]');
    const unknown = run(out.dir, '--max-job', '3');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^error: unknown flag --max-job for npm run plan-matrix; usage: .*\n$/);
    for (const bad of ['0', '-1', '2.5', 'many']) {
      const r = run(out.dir, `--max-jobs=${bad}`);
      expect([r.status, r.stderr]).toEqual([1, `error: --max-jobs must be a whole number of at least 1, given "${bad}"\n`]);
    }
    const two = run(out.dir, out.dir);
    expect([two.status, two.stderr.split(';')[0]]).toEqual([1, `error: unexpected argument "${out.dir}"`]);
  });
});
