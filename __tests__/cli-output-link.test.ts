/**
 * `cdktf synth` (the CLI, through cdktf.json) over an output that is a link to a generation folder
 * and that has a stack folder the new synth does not write: the CLI deletes that folder itself
 * and fails if it is already gone, so the gate leaves it empty for the CLI (checks/gate.ts).
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { OutputFolder } from '../checks/output-folder';
import { cdkCliScript } from './support/cdk-cli';

const ROOT = path.resolve(__dirname, '..');

describe('cdktf synth over a linked output with a removed stack', () => {
  const outdir = path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-cli-link-')), 'cdktf.out');
  const folder = new OutputFolder(outdir);
  const staging = folder.createStaging();
  mkdirSync(path.join(staging, 'stacks', 'source-retired'), { recursive: true });
  writeFileSync(path.join(staging, 'manifest.json'), '{"version":"0.21.0","stacks":{}}\n');
  writeFileSync(path.join(staging, 'stacks', 'source-retired', 'cdk.tf.json'), '{"resource":{}}\n');
  folder.publish(staging);

  const run = spawnSync(process.execPath, [cdkCliScript(), 'synth', '--output', outdir], {
    cwd: ROOT,
    env: { ...process.env, BACKUP_ENV: 'example', CHECKPOINT_DISABLE: '1', CI: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 40000,
  });

  it('succeeds', () => {
    expect([run.status, run.stderr]).toEqual([0, expect.not.stringMatching(/ENOENT|Error/)]);
  });

  it('leaves the new stacks, through a link, without the removed one', () => {
    expect(lstatSync(outdir).isSymbolicLink()).toBe(true);
    expect(readdirSync(path.join(outdir, 'stacks')).sort()).toEqual([
      'backup-account',
      'management',
      'source-data-prod',
      'source-shared-services',
      'source-workloads-prod',
      'source-workloads-staging',
    ]);
  });
});
