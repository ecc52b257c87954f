/**
 * `npm run plan-matrix -- [<dir>] [--max-jobs <n>] [--out <file>]`: the stacks of
 * `cdktf.out/manifest.json` grouped in dependency waves, and each wave packed into at most n CI jobs,
 * as JSON for a CI matrix. Wave w holds every stack whose dependencies all sit in earlier waves, so
 * the jobs of one wave can plan or deploy in parallel. Computed from the manifest, not assumed.
 *
 * With `--changed-since <dir|git ref>`, only the stacks that change against that base are in the
 * jobs (tools/changed-stacks.ts); the waves keep their numbers, so a wave can be empty.
 *
 * Why packing: a GitHub Actions matrix holds at most 256 jobs, so one job per stack stops working
 * past about 250 accounts. Each job gets a list of stacks, balanced by resource count (a plan's time
 * grows with the resources it refreshes).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Manifest, StackJson } from '../output/synth-output';
import { parseCommandLine, positiveInteger, UsageError, type CommandSpec } from './args';
import { BaseError, resolveBase, stackChanges, SynthFolder, type ChangedStack } from './changed-stacks';
import { PROJECT_ROOT } from './project-root';

/** The GitHub Actions limit on the jobs of one matrix. */
export const DEFAULT_MAX_JOBS = 256;

export interface PlanJob {
  /** The wave (0-based): every stack's dependencies are in earlier waves. */
  readonly wave: number;
  /** The stacks this job plans or applies, one after the other, sorted by name. */
  readonly stacks: string[];
  /** Managed resources and data sources of those stacks together: what the packing balances. */
  readonly resources: number;
}

export interface PlanMatrix {
  /** The most jobs any one wave was allowed. */
  readonly maxJobs: number;
  /** Stack names per wave, in deploy order; each wave sorted by name. */
  readonly waves: string[][];
  /** Every stack exactly once, in at most `maxJobs` jobs per wave; wave 0's jobs first. */
  readonly jobs: PlanJob[];
  /** With --changed-since: the base, and why each planned stack is planned. */
  readonly changedSince?: { readonly base: string; readonly changed: ChangedStack[]; readonly removed: string[]; readonly unchanged: number };
}

/** Topological layering of the manifest's stack dependencies (Kahn's algorithm, one layer at a time). */
export function dependencyWaves(manifest: Manifest): string[][] {
  const pending = new Map(Object.values(manifest.stacks).map((s) => [s.name, new Set(s.dependencies)]));
  for (const [name, deps] of pending) {
    for (const dep of deps) {
      if (!pending.has(dep)) throw new Error(`stack ${name} depends on ${dep}, which is not in the manifest`);
    }
  }
  const waves: string[][] = [];
  const done = new Set<string>();
  while (pending.size > 0) {
    const ready = [...pending].filter(([, deps]) => [...deps].every((d) => done.has(d))).map(([name]) => name).sort();
    if (ready.length === 0) {
      throw new Error(`dependency cycle between stacks: ${[...pending.keys()].sort().join(', ')}`);
    }
    for (const name of ready) {
      pending.delete(name);
      done.add(name);
    }
    waves.push(ready);
  }
  return waves;
}

/**
 * Packs one wave's stacks into min(maxJobs, stacks) jobs: the heaviest stack first into the
 * lightest job so far (longest-processing-time first; within 4/3 of the best possible largest job).
 * Ties go by name and job order, so the same input always gives the same jobs.
 */
export function packWave(wave: number, stacks: readonly string[], weight: (stack: string) => number, maxJobs: number): PlanJob[] {
  const count = Math.min(maxJobs, stacks.length);
  const bins = Array.from({ length: count }, () => ({ stacks: [] as string[], resources: 0 }));
  const heaviestFirst = [...stacks].sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : a > b ? 1 : 0));
  for (const stack of heaviestFirst) {
    let lightest = bins[0];
    for (const bin of bins) if (bin.resources < lightest.resources) lightest = bin;
    lightest.stacks.push(stack);
    lightest.resources += weight(stack);
  }
  return bins
    .map((bin) => ({ wave, stacks: bin.stacks.sort(), resources: bin.resources }))
    .sort((a, b) => (a.stacks[0] < b.stacks[0] ? -1 : 1));
}

/** The matrix for `manifest`; `weight` gives a stack's resource count (at least 1: every plan costs something). */
export function planMatrix(
  manifest: Manifest,
  options: { maxJobs?: number; weight?: (stack: string) => number; /** Only these stacks (the waves keep their numbers). */ only?: ReadonlySet<string> } = {},
): PlanMatrix {
  const maxJobs = options.maxJobs ?? DEFAULT_MAX_JOBS;
  const weight = options.weight ?? (() => 1);
  const only = options.only;
  const waves = dependencyWaves(manifest).map((wave) => (only ? wave.filter((stack) => only.has(stack)) : wave));
  return { maxJobs, waves, jobs: waves.flatMap((stacks, wave) => packWave(wave, stacks, (s) => Math.max(1, weight(s)), maxJobs)) };
}

/** Managed resources plus data sources of one synthesized stack. */
export function resourceCount(stack: StackJson): number {
  const count = (blocks: StackJson['resource']) => Object.values(blocks ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  return count(stack.resource) + count(stack.data);
}

export function readManifest(outdir: string): Manifest {
  const file = path.join(outdir, 'manifest.json');
  if (!existsSync(file)) {
    throw new UsageError(`${file} does not exist: run \`npm run synth\` first`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/** The matrix of a synthesized folder, weighted by each stack's resources as written in it. */
export function planMatrixOf(outdir: string, maxJobs = DEFAULT_MAX_JOBS, only?: ReadonlySet<string>): PlanMatrix {
  const manifest = readManifest(outdir);
  const weights = new Map(
    Object.values(manifest.stacks).map((s) => [
      s.name,
      resourceCount(JSON.parse(readFileSync(path.join(outdir, s.synthesizedStackPath), 'utf8')) as StackJson),
    ]),
  );
  return planMatrix(manifest, { maxJobs, weight: (s) => weights.get(s) ?? 1, only });
}

/** The matrix of only the stacks of `outdir` that change against `baseSpec` (a folder or a git ref). */
export function changedPlanMatrixOf(outdir: string, baseSpec: string, maxJobs = DEFAULT_MAX_JOBS, root = PROJECT_ROOT): PlanMatrix {
  readManifest(outdir); // the usual message when there is no synth output
  let base;
  try {
    base = resolveBase(baseSpec, root);
  } catch (err) {
    if (err instanceof BaseError) throw new UsageError(err.message);
    throw err;
  }
  try {
    const changes = stackChanges(base.folder, new SynthFolder(outdir));
    const matrix = planMatrixOf(outdir, maxJobs, new Set(changes.changed.map((c) => c.stack)));
    return {
      ...matrix,
      changedSince: { base: base.description, changed: changes.changed, removed: changes.removed, unchanged: changes.total - changes.changed.length },
    };
  } finally {
    base.dispose();
  }
}

export const PLAN_MATRIX_COMMAND: CommandSpec = {
  command: 'plan-matrix',
  summary: 'Prints the synthesized stacks in dependency waves, packed into CI jobs, as JSON.',
  positionals: [{ name: 'dir', description: 'the synthesized folder (default: $CDKTF_OUTDIR or cdktf.out)' }],
  flags: {
    'max-jobs': { type: 'string', value: '<n>', description: `at most n jobs per wave (default ${DEFAULT_MAX_JOBS}, the GitHub Actions matrix limit)` },
    out: { type: 'string', value: '<file>', description: 'write the JSON to this file instead of standard output' },
    'changed-since': {
      type: 'string',
      value: '<dir|git ref>',
      description: 'only the stacks whose Terraform differs from that synthesized folder or commit, and those reading a changed output',
    },
  },
};

function main(): void {
  const line = parseCommandLine(PLAN_MATRIX_COMMAND, process.argv.slice(2));
  if (line === undefined) return;
  const outdir = line.positionals[0] ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const maxJobs = positiveInteger('max-jobs', line.values['max-jobs'], DEFAULT_MAX_JOBS);
  const base = line.values['changed-since'];
  const matrix = typeof base === 'string' ? changedPlanMatrixOf(outdir, base, maxJobs) : planMatrixOf(outdir, maxJobs);
  const json = `${JSON.stringify(matrix, null, 2)}\n`;
  const out = line.values.out;
  if (typeof out !== 'string') {
    process.stdout.write(json);
    return;
  }
  try {
    writeFileSync(out, json);
  } catch (err) {
    throw new UsageError(`--out ${out}: cannot write the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`error: ${err.message}\n`);
    process.exit(1);
  }
}
