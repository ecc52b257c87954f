/** Runs the app exactly as `npm run synth` does, in a child process, into a temporary folder. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface AppRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outdir: string;
}

export function runApp(env: Record<string, string>, outdir = mkdtempSync(path.join(tmpdir(), 'org-backup-run-'))): AppRun {
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'main.ts'], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outdir };
}
