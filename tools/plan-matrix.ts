/**
 * `npm run plan-matrix`: the stacks of `cdktf.out/manifest.json` grouped in dependency waves, as JSON
 * for a CI matrix. Wave n holds every stack whose dependencies all sit in earlier waves, so the stacks
 * of one wave can be planned or deployed in parallel. Computed from the manifest, not assumed.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Manifest } from '../output/synth-output';

export interface PlanMatrix {
  /** Stack names per wave, in deploy order; each wave sorted by name. */
  readonly waves: string[][];
  /** The same, flat: one entry per stack with its wave number (0-based), for `strategy.matrix.include`. */
  readonly include: { stack: string; wave: number }[];
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

export function planMatrix(manifest: Manifest): PlanMatrix {
  const waves = dependencyWaves(manifest);
  return { waves, include: waves.flatMap((stacks, wave) => stacks.map((stack) => ({ stack, wave }))) };
}

export function readManifest(outdir: string): Manifest {
  const file = path.join(outdir, 'manifest.json');
  if (!existsSync(file)) {
    throw new UsageError(`${file} does not exist: run \`npm run synth\` first`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/** A mistake of the caller (no synth output, bad argument): a message, not a stack trace. */
export class UsageError extends Error {}

function main(): void {
  const outdir = process.argv[2] ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  process.stdout.write(`${JSON.stringify(planMatrix(readManifest(outdir)), null, 2)}\n`);
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
