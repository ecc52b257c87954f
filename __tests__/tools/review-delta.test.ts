/**
 * The review against a base as a reviewer and a pipeline see it: the scenario delta catches a deny
 * removed by hand from cdk.tf.json, review.json carries the same findings, `--fail-on weakening`
 * exits 2, and `--base-ref` synthesizes the base from a git ref in a temporary worktree.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SynthOutput } from '../../output/synth-output';
import { parseArgs, runReview, UsageError } from '../../tools/review';
import { exampleConfig, synthApp } from '../support/synth';
import { readJsonDocument } from '../../output/terraform-expression';

const base = synthApp(exampleConfig((c) => void (c.protectBackupsScp = true)));

/** A copy of the output with one stack's cdk.tf.json changed, on disk. */
function editedCopy(out: SynthOutput, stack: string, edit: (json: any) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'org-backup-edited-'));
  cpSync(out.dir, dir, { recursive: true });
  const file = path.join(dir, out.manifest.stacks[stack].synthesizedStackPath);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  edit(json);
  writeFileSync(file, JSON.stringify(json));
  return dir;
}

const changesOf = (report: string) => report.slice(report.indexOf('## Changes against'), report.indexOf('### Accounts'));

describe('a deny removed by hand from cdk.tf.json', () => {
  const weakened = editedCopy(base, 'backup-account', (json) => {
    const policy = json.resource.aws_backup_vault_policy['central_eu-west-1'];
    // The deny and its twin by role id (DenyRecoveryPointDestructionByRoleId).
    const document = readJsonDocument(policy.policy) as { Statement: { Sid?: string }[] };
    document.Statement = document.Statement.filter((s) => !s.Sid?.startsWith('DenyRecoveryPointDestruction'));
    policy.policy = JSON.stringify(document);
  });
  let section: string;
  let json: any;
  let weakening: number;
  beforeAll(async () => {
    const result = await runReview({ out: weakened, base: base.dir });
    section = changesOf(readFileSync(result.file, 'utf8'));
    json = JSON.parse(readFileSync(result.jsonFile, 'utf8'));
    weakening = result.weakening;
  });

  it('is caught by the scenario delta, at the top, in a caution box naming the property', () => {
    expect(section.indexOf('> [!CAUTION]')).toBeLessThan(section.indexOf('### Security scenarios that change'));
    // In its own account nothing else stops an administrator; from a source account the vault policy no longer allows it either.
    expect(section).toContain('> - **Backup-account admin deletes a central recovery point** (eu-west-1; was ExplicitlyDenied): breaks "even an administrator of the Backup account cannot delete central recovery points or the vault"');
    expect(section).toContain('| **NOW ALLOWED** | eu-west-1 | cannot: Backup-account admin deletes the central vault | ExplicitlyDenied | Allowed |');
    expect(section).toContain('| changed | eu-west-1 | cannot: source admin deletes a central recovery point | ExplicitlyDenied | ImplicitlyDenied |');
    expect(section).not.toMatch(/NOW ALLOWED\*\* \| ap-southeast-2/);
  });

  it('and by the policy diff, in words', () => {
    expect(section).toContain('- **WEAKENS** `backup-account`: vault access policy `aws_backup_vault_policy.central_eu-west-1`: the deny `DenyRecoveryPointDestruction` is removed');
  });

  it('is in review.json with the scenario ids, and counts as weakening', () => {
    const opened = json.changes.scenarioDelta.changes.filter((c: any) => c.opens);
    expect(opened.map((c: any) => c.id)).toEqual([
      'resource/eu-west-1/even an administrator of the Backup account cannot delete central recovery points or the vault/Backup-account admin deletes a central recovery point',
      'resource/eu-west-1/even an administrator of the Backup account cannot delete central recovery points or the vault/Backup-account admin deletes the central vault',
      // Without the twin by role id either, a break-glass role re-created under its name is no longer refused.
      'resource/eu-west-1/a role deleted and re-created under the same name (same ARN, a new unique id) is no longer exempt/a re-created break-glass role deletes a central recovery point',
    ]);
    expect(json.changes.findings).toContainEqual(expect.objectContaining({ effect: 'weakens', kind: 'deny-removed', stacks: ['backup-account'] }));
    expect(json.scenarios.filter((s: any) => s.outcome === 'fail').length).toBeGreaterThan(0);
    expect(weakening).toBe(opened.length + json.changes.findings.filter((f: any) => f.effect === 'weakens').length);
  });

  it('makes `--fail-on weakening` exit 2', () => {
    const run = spawnSync(process.execPath, [path.resolve(__dirname, '../../dist/js/tools/review.js'), '--out', weakened, '--base', base.dir, '--fail-on', 'weakening'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/\d+ changes weaken protection/);
    expect(run.status).toBe(2);
  });
});

describe('an unchanged output', () => {
  it('shows no change, no caution, and nothing weakening', async () => {
    const result = await runReview({ out: base.dir, base: base.dir, failOn: 'weakening' });
    const section = changesOf(readFileSync(result.file, 'utf8'));
    expect(result.weakening).toBe(0);
    expect(section).not.toContain('[!CAUTION]');
    expect(section).toMatch(/- none: all \d+ scenarios decide as before/);
    expect(section).toContain('### Weakening changes\n\n- none');
  });
});

describe('the SCP turned off', () => {
  it('shows the scenarios it protected as allowed now, though their suite is gone', async () => {
    const off = synthApp(exampleConfig());
    const result = await runReview({ out: off.dir, base: base.dir });
    const section = changesOf(readFileSync(result.file, 'utf8'));
    expect(section).toContain('> - **source admin deletes the local backup vault** (ap-southeast-2; was ExplicitlyDenied)');
    expect(section).toContain('| **NOW ALLOWED** | ap-southeast-2 | cannot: source admin leaves the organization | ExplicitlyDenied | Allowed |');
    expect(section).toContain('**the backup protection SCP is off**');
  });
});

describe('review arguments for a pipeline', () => {
  it.each([
    [['--base-ref'], '--base-ref needs a git ref'],
    [['--fail-on', 'anything'], '--fail-on anything: the only value is weakening'],
    [['--fail-on', 'weakening'], '--fail-on weakening needs a base'],
    [['--base', 'a', '--base-ref', 'b'], 'give --base or --base-ref, not both'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe('--base-ref', () => {
  it('synthesizes the ref in a temporary worktree and compares, then removes the worktree', async () => {
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
    const current = synthApp();
    const result = await runReview({ out: current.dir, baseRef: 'HEAD' });
    const report = readFileSync(result.file, 'utf8');
    expect(report).toContain(`## Changes against \`HEAD (${head.slice(0, 12)})\``);
    expect(report).toMatch(/### Security scenarios that change\n\n(- none: all \d+ scenarios decide as before|\d+ of \d+ scenarios)/);
    const worktrees = spawnSync('git', ['worktree', 'list'], { encoding: 'utf8' }).stdout;
    expect(worktrees).not.toContain('org-backup-base-ref-');
  });

  it('names a ref that does not exist', async () => {
    await expect(runReview({ out: base.dir, baseRef: 'no-such-ref-anywhere' })).rejects.toThrow('--base-ref no-such-ref-anywhere: no such commit in this repository');
  });
});
