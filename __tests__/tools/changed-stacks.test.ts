/**
 * Change detection for `plan-matrix --changed-since`, on generated organizations (the git-ref base
 * is synthesized as users run it, by `npm run synth` in an export of the commit): adding an account plans that
 * account's stack and management, changing one rule plans management, changing the central vault
 * lock plans backup-account; and, on a small organization, what reads a changed output is planned.
 * The organization has 20 accounts: what is planned does not depend on the count (every source
 * stack is built alike), and `npm run bench` checks the same three changes at 1,000 accounts.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generateOrganization } from '../../bench/org';
import type { OrgConfigInput } from '../../envs/schema';
import { UsageError } from '../../tools/args';
import { normalized, stackChanges, SynthFolder } from '../../tools/changed-stacks';
import { changedPlanMatrixOf } from '../../tools/plan-matrix';
import { validateConfig } from '../../envs/load';
import { synthApp } from '../support/synth';

const ROOT = path.resolve(__dirname, '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'org-backup-changed-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Each organization's output folder, as `app.synth()` writes it (synthesized once per source version and configuration, synth-cache.ts). */
function synthAll(orgs: Record<string, OrgConfigInput>): Record<string, SynthFolder> {
  return Object.fromEntries(Object.entries(orgs).map(([name, org]) => [name, new SynthFolder(synthApp(validateConfig(org, name)).dir)]));
}

const change = (accounts: number, edit: (org: any) => void): OrgConfigInput => {
  const org = generateOrganization(accounts);
  edit(org);
  return org;
};
const planned = (base: SynthFolder, head: SynthFolder) => stackChanges(base, head).changed.map((c) => `${c.stack} ${c.reason}`);

describe('normalized', () => {
  it('ignores key order and cdktf metadata, not values', () => {
    expect(normalized({ b: 1, a: { '//': { path: 'x' }, c: [1, 2] } })).toBe(normalized({ a: { c: [1, 2], '//': { path: 'y' } }, b: 1 }));
    expect(normalized({ a: { c: [1, 2] } })).not.toBe(normalized({ a: { c: [2, 1] } }));
  });
});

/** Enough accounts for the source stacks to be many of the same kind; the bench runs 1,000. */
const ACCOUNTS = 20;

describe(`in a ${ACCOUNTS}-account organization`, () => {
  let out: Record<string, SynthFolder>;
  const addedStack = `source-account-${String(ACCOUNTS).padStart(5, '0')}`;
  beforeAll(() => {
    out = synthAll({
      base: generateOrganization(ACCOUNTS),
      added: generateOrganization(ACCOUNTS + 1),
      rule: change(ACCOUNTS, (org) => void (org.policies[0].rules[0].lifecycle.deleteAfterDays = 36)),
      lock: change(ACCOUNTS, (org) => void (org.backupAccount.vaultLock.maxRetentionDays = 3000)),
    });
  }, 180_000);

  it('plans nothing against itself', () => {
    expect(stackChanges(out.base, out.base)).toEqual({ changed: [], removed: [], total: ACCOUNTS + 2 });
  });
  // The backup-account stack changes too: its output policy_covered_accounts, which the management
  // stack's reach preconditions read, lists the account.
  it('adding one account plans exactly that account\'s stack, the backup-account stack and management', () => {
    expect(planned(out.base, out.added)).toEqual(['backup-account changed', 'management dependencies-changed', `${addedStack} new`]);
  });
  it('removing it plans the backup-account stack and management, and reports the removed stack', () => {
    expect(stackChanges(out.added, out.base)).toMatchObject({ changed: [{ stack: 'backup-account' }, { stack: 'management' }], removed: [addedStack] });
  });
  it('changing one rule plans only management', () => {
    expect(planned(out.base, out.rule)).toEqual(['management changed']);
  });
  it('changing the central vault lock plans backup-account, and nothing reads an output it changed', () => {
    expect(planned(out.base, out.lock)).toEqual(['backup-account changed']);
  });
});

describe('a changed output read through remote state', () => {
  let out: Record<string, SynthFolder>;
  beforeAll(() => {
    out = synthAll({
      small: generateOrganization(3),
      // The central keys' policy changes: the vaults naming the keys may change, and with them the
      // vault ARN outputs the management stack reads; the management stack's own JSON does not change.
      breakGlass: change(3, (org) => void org.backupAccount.breakGlassRoleArns.push('arn:aws:iam::222222222222:role/second-break-glass')),
    });
  }, 120_000);

  it('plans the stacks reading it, naming the outputs read', () => {
    expect(stackChanges(out.small, out.breakGlass).changed).toEqual([
      { stack: 'backup-account', reason: 'changed' },
      { stack: 'management', reason: 'reads-changed-output', reads: ['backup-account.central_vault_arn_eu_west_1', 'backup-account.central_vault_arn_us_east_1'] },
    ]);
  });
});

describe('plan-matrix --changed-since', () => {
  it('takes a git ref: synthesizes that commit with the same configuration, and plans what changed since', () => {
    // A repository holding the sources as they are now, so that the ref and the working tree agree
    // on everything but the configuration, whatever is uncommitted here.
    const repo = path.join(scratch, 'repo');
    const listed = spawnSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    for (const file of listed) {
      if (!existsSync(path.join(ROOT, file))) continue; // deleted, not yet committed
      mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      copyFileSync(path.join(ROOT, file), path.join(repo, file));
    }
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, encoding: 'utf8' });
    expect(git('init', '-q').status).toBe(0);
    expect(git('add', '-A').status).toBe(0);
    expect(git('commit', '-qm', 'base').status).toBe(0);

    const config = path.join(scratch, 'ref-org.json');
    writeFileSync(config, JSON.stringify(generateOrganization(3)));
    const head = synthAll({ refHead: generateOrganization(4) });
    const saved = process.env.BACKUP_CONFIG;
    process.env.BACKUP_CONFIG = config;
    try {
      const matrix = changedPlanMatrixOf(head.refHead.dir, 'HEAD', 256, repo);
      // The backup-account stack too: its policy_covered_accounts output lists the new account.
      expect(matrix.changedSince).toMatchObject({ base: expect.stringMatching(/^HEAD \([0-9a-f]{12}\)$/), removed: [], unchanged: 3 });
      expect(matrix.waves).toEqual([['backup-account'], ['source-account-00003'], ['management']]);
      expect(matrix.jobs.map((j) => j.stacks)).toEqual([['backup-account'], ['source-account-00003'], ['management']]);
    } finally {
      if (saved === undefined) delete process.env.BACKUP_CONFIG;
      else process.env.BACKUP_CONFIG = saved;
    }
  }, 120_000);

  it('refuses, in one line, a base that is neither a synthesized folder nor a commit', () => {
    const outdir = path.join(scratch, 'no-stacks');
    mkdirSync(outdir, { recursive: true });
    writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ stacks: {} }));
    expect(() => changedPlanMatrixOf(outdir, 'no-such-ref-anywhere')).toThrow(
      new UsageError('--changed-since no-such-ref-anywhere: neither a folder nor a git ref of this repository (git rev-parse found no commit)'),
    );
    expect(() => changedPlanMatrixOf(outdir, ROOT)).toThrow(/the folder has no manifest.json; give a synthesized output folder or a git ref$/);
  });
});
