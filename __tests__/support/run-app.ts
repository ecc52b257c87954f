/** Runs the app exactly as `npm run synth` does (its package.json command), into a temporary folder. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
/** The `synth` script of package.json, run by a shell as npm would run it. */
export const SYNTH_COMMAND = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.synth;

export interface AppRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outdir: string;
}

/** `npm run synth -- <args>` with `env`, into `outdir`. */
export function runApp(env: Record<string, string>, outdir = mkdtempSync(path.join(tmpdir(), 'org-backup-run-')), args: readonly string[] = []): AppRun {
  const result = spawnSync('sh', ['-c', `${SYNTH_COMMAND} "$@"`, 'sh', ...args], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outdir };
}
