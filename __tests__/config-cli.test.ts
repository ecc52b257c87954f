/**
 * `cdktf synth` (the CLI, through cdktf.json) with an invalid configuration: the CLI runs the app
 * into the existing output folder, so the folder must survive the app's refusal. Measured here:
 * the CLI does not clear the folder before running the app, and on the app's failure it stops
 * before its own clean-up of orphaned stack folders.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cdkCliScript } from './support/cdk-cli';

const ROOT = path.resolve(__dirname, '..');

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, full)] = readFileSync(full, 'utf8');
    }
  }
  return out;
}

describe('cdktf synth with an invalid configuration', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'org-backup-cli-'));
  const outdir = path.join(work, 'cdktf.out');
  // An earlier output, including a stack folder the failed run would not produce.
  mkdirSync(path.join(outdir, 'stacks', 'source-retired'), { recursive: true });
  writeFileSync(path.join(outdir, 'manifest.json'), '{"version":"0.21.0","stacks":{}}\n');
  writeFileSync(path.join(outdir, 'stacks', 'source-retired', 'cdk.tf.json'), '{"resource":{}}\n');
  const before = files(outdir);
  const config = path.join(work, 'bad.json');
  writeFileSync(config, JSON.stringify({ partition: 'aws-moon' }));

  const run = spawnSync(process.execPath, [cdkCliScript(), 'synth', '--output', outdir], {
    cwd: ROOT,
    env: { ...process.env, BACKUP_CONFIG: config, CHECKPOINT_DISABLE: '1', CI: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 25000,
  });

  it('fails with the validator message', () => {
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toContain('partition = "aws-moon": expected one of "aws", "aws-us-gov", "aws-cn"');
  });

  it('leaves the existing output folder as it was', () => {
    expect(files(outdir)).toEqual(before);
  });
});
