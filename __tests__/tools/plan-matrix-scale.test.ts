/**
 * The plan matrix of a generated organization of 1,000 source accounts, the size a GitHub Actions
 * matrix (256 jobs at most) cannot hold one stack per job.
 */
import { readSynthOutput, resourcesOf } from '../../output/synth-output';
import { dependencyWaves, planMatrixOf } from '../../tools/plan-matrix';
import { largeOrganization, synthesizedByCommand } from '../support/run-app';

const ACCOUNTS = 1000;
// The same output as the review's scale test (one synthesis by the compiled app, npm run synth's command, for both).
const out = readSynthOutput(synthesizedByCommand(largeOrganization(ACCOUNTS)));
const matrix = planMatrixOf(out.dir, 256);
const waveOf = new Map(dependencyWaves(out.manifest).flatMap((stacks, wave) => stacks.map((s) => [s, wave] as const)));

describe(`plan-matrix --max-jobs 256 at ${ACCOUNTS} source accounts`, () => {
  it('has at most 256 jobs in every wave, and uses all 256 for the source accounts', () => {
    const perWave = [0, 1, 2].map((w) => matrix.jobs.filter((j) => j.wave === w).length);
    expect(perWave).toEqual([1, 256, 1]);
  });

  it('lists every stack of the manifest exactly once', () => {
    const listed = matrix.jobs.flatMap((j) => j.stacks);
    expect(listed).toHaveLength(ACCOUNTS + 2);
    expect(new Set(listed)).toEqual(new Set(Object.keys(out.manifest.stacks)));
  });

  it('puts every stack after all its dependencies: jobs in wave order, each dependency in an earlier wave', () => {
    const waves = matrix.jobs.map((j) => j.wave);
    expect(waves).toEqual([...waves].sort((a, b) => a - b));
    for (const job of matrix.jobs) {
      for (const stack of job.stacks) {
        expect(waveOf.get(stack)).toBe(job.wave);
        for (const dep of out.manifest.stacks[stack].dependencies) expect(waveOf.get(dep)!).toBeLessThan(job.wave);
      }
    }
  });

  it('balances the source jobs by resource count: the largest and smallest differ by at most one stack', () => {
    const sources = matrix.jobs.filter((j) => j.wave === 1);
    const resources = sources.map((j) => j.resources);
    const heaviestStack = Math.max(...Object.keys(out.stacks).filter((s) => s.startsWith('source-')).map((s) => resourcesOf(out.stacks[s]).length));
    expect(Math.max(...resources) - Math.min(...resources)).toBeLessThanOrEqual(heaviestStack);
    expect(Math.max(...sources.map((j) => j.stacks.length))).toBe(Math.ceil(ACCOUNTS / 256));
  });
});
