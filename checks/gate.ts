/**
 * Synthesis behind the security gate. The app is synthesized into a staging folder beside the output
 * folder, the rule pack runs on exactly what was written there, and only a clean result replaces the
 * output folder, in one atomic step (`output-folder.ts`). A failed check, like a configuration error
 * before it, leaves the previous output as it was; a good run leaves no stale stack from an account
 * that was removed; a run killed at any moment leaves the old output or the new one, whole.
 */
import { mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { App, TerraformStack } from 'cdktf';
import { readSynthOutput } from '../output/synth-output';
import { collectGarbage } from './collect-garbage';
import { buildAndSynth } from './fast-synth';
import { SynthesizedApp } from './model';
import { OutputFolder, type PublishStep } from './output-folder';
import { blocking, runPack, SecurityCheckError, type Finding } from './pack';
import { suppressionIndex } from './suppressions';

export { OutputBusyError } from './output-folder';

/** How long a run waits for another run writing the same output folder before it gives up. */
export const LOCK_WAIT_MS = 120_000;

export interface CheckedSynthOptions {
  /** The folder to (re)place: `cdktf.out`, or what `cdktf synth` asks for in CDKTF_OUTDIR. */
  readonly outdir: string;
  /** Adds the stacks to the app and returns them (their suppressions are read from the constructs). */
  readonly build: (app: App) => readonly TerraformStack[];
  /** How long to wait for another run holding the output folder's lock. @default LOCK_WAIT_MS */
  readonly lockWaitMs?: number;
  /**
   * Leave an empty folder for each stack folder of the previous output that the new one no longer
   * has. cdktf-cli lists `stacks/*` before it runs the app and afterwards deletes those the app did
   * not write, failing (ENOENT) on one that is already gone; the empty folder is what it deletes.
   * @default false
   */
  readonly leaveRemovedStackFolders?: boolean;
  /** Called at each step of the publication (fault tests stop the process there). */
  readonly onPublishStep?: (step: PublishStep) => void;
  /**
   * Called with the stacks once they are written, before the check, for what the caller needs from
   * the construct tree (main.ts counts the resources). Neither the gate nor the app keeps the tree
   * after this: at 10,000 accounts it is about 400 MB the check, which reads the written files, does
   * not need.
   */
  readonly onSynthesized?: (stacks: readonly TerraformStack[]) => void;
}

/**
 * Builds and writes the app into `staging`; returns its suppressions, read from the constructs.
 * The construct tree is released on return (its tokens are dropped from cdktf's token map on the
 * fast path, and nothing here holds the stacks).
 */
function synthesize(staging: string, options: CheckedSynthOptions): ReturnType<typeof suppressionIndex> {
  const { built: stacks } = buildAndSynth({ outdir: staging, build: options.build, releaseTokens: true });
  const suppressions = suppressionIndex(stacks);
  options.onSynthesized?.(stacks);
  return suppressions;
}

/** Synthesizes, checks, then publishes. Throws SecurityCheckError on an error-level finding. */
export function synthesizeChecked(options: CheckedSynthOptions): Finding[] {
  const folder = new OutputFolder(options.outdir);
  const unlock = folder.lock(options.lockWaitMs ?? LOCK_WAIT_MS);
  try {
    folder.recoverOutput();
    folder.removeLeftovers();
    const staging = folder.createStaging();
    try {
      const suppressions = synthesize(staging, options);
      // The construct tree is garbage now: collected before the output is read back onto it.
      collectGarbage();
      const written = readSynthOutput(staging);
      const findings = runPack(new SynthesizedApp(written.stacks), suppressions);
      const errors = blocking(findings);
      if (errors.length > 0) throw new SecurityCheckError(errors);
      if (options.leaveRemovedStackFolders) {
        const kept = new Set(Object.values(written.manifest.stacks).map((stack) => stack.name));
        for (const name of folder.stackFolders().filter((n) => !kept.has(n))) mkdirSync(path.join(staging, 'stacks', name), { recursive: true });
      }
      folder.publish(staging, options.onPublishStep);
      return findings;
    } finally {
      // Gone once published; left by a failed build or check.
      rmSync(staging, { recursive: true, force: true });
    }
  } finally {
    unlock();
  }
}
