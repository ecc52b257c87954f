/**
 * Synthesis behind the security gate. The app is synthesized into a staging folder beside the output
 * folder, the rule pack runs on exactly what was written there, and only a clean result replaces the
 * output folder. A failed check, like a configuration error before it, leaves the previous output
 * as it was; a good run leaves no stale stack from an account that was removed.
 */
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { App, type TerraformStack } from 'cdktf';
import { readSynthOutput } from '../output/synth-output';
import { SynthesizedApp } from './model';
import { blocking, runPack, SecurityCheckError, type Finding } from './pack';
import { suppressionIndex } from './suppressions';

export interface CheckedSynthOptions {
  /** The folder to (re)place: `cdktf.out`, or what `cdktf synth` asks for in CDKTF_OUTDIR. */
  readonly outdir: string;
  /** Adds the stacks to the app and returns them (their suppressions are read from the constructs). */
  readonly build: (app: App) => readonly TerraformStack[];
}

/** Synthesizes, checks, then publishes. Throws SecurityCheckError on an error-level finding. */
export function synthesizeChecked(options: CheckedSynthOptions): Finding[] {
  const outdir = path.resolve(options.outdir);
  const staging = mkdtempSync(path.join(path.dirname(outdir), `.${path.basename(outdir)}.staging-`));
  try {
    const app = new App({ outdir: staging });
    const stacks = options.build(app);
    app.synth();
    const written = readSynthOutput(staging);
    const findings = runPack(new SynthesizedApp(written.stacks), suppressionIndex(stacks));
    const errors = blocking(findings);
    if (errors.length > 0) throw new SecurityCheckError(errors);
    rmSync(outdir, { recursive: true, force: true });
    renameSync(staging, outdir);
    return findings;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
