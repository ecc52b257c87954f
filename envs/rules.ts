/**
 * Rules that relate several fields of the configuration. Each adds an issue at the path of the
 * value to fix, saying what was given and what is allowed; all are reported together.
 */
import type { z } from 'zod';
import { REGIONS_BY_PARTITION } from './regions';

type Ctx = z.RefinementCtx;
type Path = (string | number)[];
type Lifecycle = { moveToColdStorageAfterDays?: number; deleteAfterDays?: number };

/** The shape the rules read: the parsed config, defaults applied. */
interface ConfigView {
  partition: string;
  organization: { managementAccountId: string };
  regions: string[];
  state: { region: string };
  backupAccount: {
    accountId: string;
    vaultLock: { mode: string; minRetentionDays: number; maxRetentionDays: number; changeableForDays?: number };
  };
  sourceAccounts: { accountId: string; name: string }[];
  policies: {
    name: string;
    rules: {
      name: string;
      startWindowMinutes: number;
      completionWindowMinutes: number;
      lifecycle: Lifecycle;
      copyToBackupAccount?: Lifecycle;
    }[];
  }[];
}

const COLD_STORAGE_MINIMUM_DAYS = 90;
/** AWS Backup's upper bound for the completion window (CompletionWindowMinutes). */
export const MAX_COMPLETION_WINDOW_MINUTES = 99_999;

function fail(ctx: Ctx, path: Path, message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

export function refineConfig(cfg: ConfigView, ctx: Ctx): void {
  checkRegions(cfg, ctx);
  checkAccounts(cfg, ctx);
  checkVaultLock(cfg, ctx);
  checkPolicies(cfg, ctx);
}

function checkRegions(cfg: ConfigView, ctx: Ctx): void {
  const known = REGIONS_BY_PARTITION[cfg.partition] ?? [];
  const inPartition = (region: string, path: Path) => {
    if (!known.includes(region)) {
      fail(ctx, path, `region "${region}" is not in partition ${cfg.partition} (allowed: ${known.join(', ')})`);
    }
  };
  cfg.regions.forEach((region, i) => inPartition(region, ['regions', i]));
  inPartition(cfg.state.region, ['state', 'region']);
  duplicates(cfg.regions).forEach((i) => fail(ctx, ['regions', i], `region "${cfg.regions[i]}" is listed twice`));
}

function checkAccounts(cfg: ConfigView, ctx: Ctx): void {
  const special: Record<string, string> = {
    [cfg.organization.managementAccountId]: 'the management account',
    [cfg.backupAccount.accountId]: 'the Backup account',
  };
  if (cfg.backupAccount.accountId === cfg.organization.managementAccountId) {
    fail(ctx, ['backupAccount', 'accountId'], 'the Backup account must not be the management account');
  }
  cfg.sourceAccounts.forEach((account, i) => {
    const role = special[account.accountId];
    if (role) {
      fail(ctx, ['sourceAccounts', i, 'accountId'], `"${account.accountId}" is ${role}, which cannot be a source account`);
    }
  });
  const ids = cfg.sourceAccounts.map((a) => a.accountId);
  duplicates(ids).forEach((i) => fail(ctx, ['sourceAccounts', i, 'accountId'], `account "${ids[i]}" is listed twice`));
  const names = cfg.sourceAccounts.map((a) => a.name);
  duplicates(names).forEach((i) => fail(ctx, ['sourceAccounts', i, 'name'], `name "${names[i]}" is used twice`));
}

function checkVaultLock(cfg: ConfigView, ctx: Ctx): void {
  const lock = cfg.backupAccount.vaultLock;
  const path: Path = ['backupAccount', 'vaultLock'];
  if (lock.maxRetentionDays <= lock.minRetentionDays) {
    fail(ctx, [...path, 'maxRetentionDays'], `${lock.maxRetentionDays} must be greater than minRetentionDays (${lock.minRetentionDays})`);
  }
  if (lock.mode === 'compliance' && (lock.changeableForDays === undefined || lock.changeableForDays < 3)) {
    fail(ctx, [...path, 'changeableForDays'], `compliance mode needs changeableForDays of at least 3 (given ${lock.changeableForDays ?? 'none'})`);
  }
  if (lock.mode === 'governance' && lock.changeableForDays !== undefined) {
    fail(ctx, [...path, 'changeableForDays'], 'changeableForDays applies to compliance mode only; remove it or set mode: compliance');
  }
}

function checkPolicies(cfg: ConfigView, ctx: Ctx): void {
  const lock = cfg.backupAccount.vaultLock;
  duplicates(cfg.policies.map((p) => p.name)).forEach((i) =>
    fail(ctx, ['policies', i, 'name'], `policy name "${cfg.policies[i].name}" is used twice`),
  );
  cfg.policies.forEach((policy, p) => {
    duplicates(policy.rules.map((r) => r.name)).forEach((i) =>
      fail(ctx, ['policies', p, 'rules', i, 'name'], `rule name "${policy.rules[i].name}" is used twice in policy "${policy.name}"`),
    );
    policy.rules.forEach((rule, r) => {
      const at: Path = ['policies', p, 'rules', r];
      if (rule.completionWindowMinutes <= rule.startWindowMinutes || rule.completionWindowMinutes > MAX_COMPLETION_WINDOW_MINUTES) {
        fail(
          ctx,
          [...at, 'completionWindowMinutes'],
          `${rule.completionWindowMinutes} must be greater than startWindowMinutes (${rule.startWindowMinutes}) and at most ${MAX_COMPLETION_WINDOW_MINUTES}`,
        );
      }
      checkLifecycle(ctx, rule.lifecycle, [...at, 'lifecycle']);
      if (rule.copyToBackupAccount) {
        const copyAt: Path = [...at, 'copyToBackupAccount'];
        checkLifecycle(ctx, rule.copyToBackupAccount, copyAt);
        const keep = rule.copyToBackupAccount.deleteAfterDays;
        if (keep === undefined) {
          fail(ctx, [...copyAt, 'deleteAfterDays'], `required: the central vault is locked, so copies must expire between ${lock.minRetentionDays} and ${lock.maxRetentionDays} days`);
        } else if (keep < lock.minRetentionDays || keep > lock.maxRetentionDays) {
          fail(
            ctx,
            [...copyAt, 'deleteAfterDays'],
            `${keep} is outside the central vault lock's retention bounds (${lock.minRetentionDays} to ${lock.maxRetentionDays} days): AWS Backup would refuse every copy`,
          );
        }
      }
    });
  });
}

function checkLifecycle(ctx: Ctx, lifecycle: Lifecycle, at: Path): void {
  const { moveToColdStorageAfterDays: cold, deleteAfterDays: del } = lifecycle;
  if (cold !== undefined && del !== undefined && del < cold + COLD_STORAGE_MINIMUM_DAYS) {
    fail(ctx, [...at, 'deleteAfterDays'], `${del} must be at least moveToColdStorageAfterDays + ${COLD_STORAGE_MINIMUM_DAYS} (${cold + COLD_STORAGE_MINIMUM_DAYS}): cold storage keeps a recovery point 90 days at least`);
  }
}

/** Indexes of values that already appeared earlier in the list. */
function duplicates(values: readonly string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((v, i) => (seen.has(v) ? [i] : (seen.add(v), [])));
}
