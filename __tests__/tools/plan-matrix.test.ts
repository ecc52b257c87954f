import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Manifest } from '../../output/synth-output';
import { dependencyWaves, planMatrix } from '../../tools/plan-matrix';
import { synthApp } from '../support/synth';

const ROOT = path.resolve(__dirname, '../..');

function manifestOf(deps: Record<string, string[]>): Manifest {
  return {
    stacks: Object.fromEntries(
      Object.entries(deps).map(([name, dependencies]) => [name, { name, dependencies, synthesizedStackPath: `stacks/${name}/cdk.tf.json` }]),
    ),
  };
}

describe('plan matrix', () => {
  const out = synthApp();

  it('layers the example into backup account, then every source account, then management', () => {
    expect(dependencyWaves(out.manifest)).toEqual([
      ['backup-account'],
      ['source-data-prod', 'source-shared-services', 'source-workloads-prod', 'source-workloads-staging'],
      ['management'],
    ]);
  });

  it('lists every stack once in the flat include list, with its wave', () => {
    const matrix = planMatrix(out.manifest);
    expect(matrix.include).toHaveLength(Object.keys(out.manifest.stacks).length);
    expect(matrix.include.find((e) => e.stack === 'management')).toEqual({ stack: 'management', wave: 2 });
  });

  it('follows whatever dependencies the manifest records', () => {
    expect(dependencyWaves(manifestOf({ d: ['b', 'c'], c: ['a'], b: [], a: [] }))).toEqual([['a', 'b'], ['c'], ['d']]);
  });

  it('refuses a cycle and names the stacks in it', () => {
    expect(() => dependencyWaves(manifestOf({ a: ['b'], b: ['a'], c: [] }))).toThrow('dependency cycle between stacks: a, b');
  });

  it('refuses a dependency on a stack the manifest does not have', () => {
    expect(() => dependencyWaves(manifestOf({ a: ['ghost'] }))).toThrow('stack a depends on ghost');
  });

  it('prints JSON for the synthesized folder, and a one-line error where there is none', () => {
    const run = (dir: string) =>
      spawnSync(process.execPath, [require.resolve('tsx/cli'), 'tools/plan-matrix.ts', dir], { cwd: ROOT, encoding: 'utf8' });
    const ok = run(out.dir);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).waves[0]).toEqual(['backup-account']);
    const empty = mkdtempSync(path.join(tmpdir(), 'org-backup-empty-'));
    const missing = run(empty);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe(`error: ${path.join(empty, 'manifest.json')} does not exist: run \`npm run synth\` first`);
  });
});
