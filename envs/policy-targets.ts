/**
 * Where the backup policies reach. AWS Organizations applies a backup policy attached to the root
 * to every account of the organization, and one attached to an OU to every account below it, the
 * management and Backup accounts and accounts added later included ("Attaching and detaching backup
 * policies", "Viewing effective backup policies"). A backup runs only where the account has the role
 * and the local vault the policy names, so every account a policy reaches must be prepared, or be
 * listed here as deliberately left out.
 *
 * What the configuration shows is checked here, at synth; what only AWS knows (the accounts under the
 * root or an OU) is checked at plan time by a precondition on each attachment (stacks/backup-policies.ts).
 */
import { z } from 'zod';
import { ACCOUNT_ID } from './fields';
import { duplicates, fail, type Clean, type Ctx } from './rules';
import type { OrgConfig } from './schema';

export const EXCLUDED_ACCOUNTS = z
  .array(ACCOUNT_ID)
  .default([])
  .describe(
    'Accounts a backup policy may reach (under the root or a targeted OU) that are deliberately left without the backup role and vault: the plan-time check does not name them. Not a source account; each once. The policy still reaches them, and its backups fail there.',
  );

/** The root target as written in the configuration. */
export const ROOT_TARGET = 'root';
const ACCOUNT_TARGET = /^\d{12}$/;

/**
 * The management and Backup accounts always sit under the root: when a policy is attached to the
 * root (or names one of them as a target) they get the backup role and a local vault too, so the
 * policy works there as well. The config does not say which OU they sit in, so an OU target alone
 * gives them nothing (the plan-time check then names them).
 */
export function accountsWithLocalVault(config: OrgConfig): { management: boolean; backup: boolean } {
  const targets = new Set(config.policies.flatMap((policy) => policy.targets));
  const root = targets.has(ROOT_TARGET);
  return {
    management: root || targets.has(config.organization.managementAccountId),
    backup: root || targets.has(config.backupAccount.accountId),
  };
}

/**
 * The accounts a backup policy may reach without failing, each with why: the source accounts, the
 * management and Backup accounts where they have a local vault, and the deliberately excluded ones.
 * Keys in account-id order.
 */
export function coveredAccounts(config: OrgConfig): Record<string, string> {
  const local = accountsWithLocalVault(config);
  const covered = new Map<string, string>();
  for (const id of config.excludedAccounts) covered.set(id, 'excluded (excludedAccounts)');
  if (local.management) covered.set(config.organization.managementAccountId, 'the management account');
  if (local.backup) covered.set(config.backupAccount.accountId, 'the Backup account');
  for (const account of config.sourceAccounts) covered.set(account.accountId, `source account ${account.name}`);
  return Object.fromEntries([...covered].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The ids of `coveredAccounts`, sorted. */
export function coveredAccountIds(config: OrgConfig): string[] {
  return Object.keys(coveredAccounts(config));
}

/** The rules between targets, accounts and `excludedAccounts` that the configuration alone can decide. */
export function checkPolicyTargets(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  const sources = new Map<string, number>();
  if (clean.shaped(['sourceAccounts'])) {
    cfg.sourceAccounts.forEach((account, i) => {
      if (clean(['sourceAccounts', i, 'accountId']) && !sources.has(account.accountId)) sources.set(account.accountId, i);
    });
  }
  const sourcesKnown = clean(['sourceAccounts']);
  if (clean.shaped(['excludedAccounts'])) {
    const excluded = cfg.excludedAccounts.map((id, i) => (clean(['excludedAccounts', i]) ? id : undefined));
    duplicates(excluded).forEach((i) =>
      fail(ctx, ['excludedAccounts', i], `already listed at excludedAccounts[${excluded.indexOf(excluded[i])}]; list each account once`, excluded[i]),
    );
    excluded.forEach((id, i) => {
      const source = id === undefined ? undefined : sources.get(id);
      if (source === undefined) return;
      fail(
        ctx,
        ['excludedAccounts', i],
        `this is sourceAccounts[${source}] (${cfg.sourceAccounts[source].name}), which has the backup role and vault: remove it from excludedAccounts, or from sourceAccounts to leave it out`,
        id,
      );
    });
  }
  checkLocalVaultName(cfg, ctx, clean);
  // Only with every source account known: an account id missing from a broken list proves nothing.
  if (!sourcesKnown || !clean(['organization', 'managementAccountId']) || !clean(['backupAccount', 'accountId']) || !clean.shaped(['policies'])) return;
  const prepared = new Set([...sources.keys(), cfg.organization.managementAccountId, cfg.backupAccount.accountId]);
  cfg.policies.forEach((policy, p) => {
    if (!clean.shaped(['policies', p, 'targets'])) return;
    policy.targets.forEach((target, t) => {
      if (!clean(['policies', p, 'targets', t]) || !ACCOUNT_TARGET.test(target) || prepared.has(target)) return;
      fail(
        ctx,
        ['policies', p, 'targets', t],
        'this account is not a source account, nor the management or Backup account, so it has no backup role or vault and every backup of the policy would fail there: add it to sourceAccounts, or attach the policy elsewhere',
        target,
      );
    });
  });
}

/** The Backup account's local vault is named `sourceVaultName`: it must not be one of the vaults already there. */
function checkLocalVaultName(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  const inputs = [['sourceVaultName'], ['policies'], ['backupAccount', 'accountId'], ['backupAccount', 'vaultName'], ['backupAccount', 'airGappedVault']];
  if (!inputs.every(clean) || !accountsWithLocalVault(cfg).backup) return;
  const taken: [string | undefined, string][] = [
    [cfg.backupAccount.vaultName, 'the central vault (backupAccount.vaultName)'],
    [cfg.backupAccount.airGappedVault?.name, 'the air-gapped vault (backupAccount.airGappedVault.name)'],
  ];
  const clash = taken.find(([name]) => name === cfg.sourceVaultName);
  if (clash) {
    fail(
      ctx,
      ['sourceVaultName'],
      `is also ${clash[1]}; a policy attached to the root gives the Backup account a local vault of this name, and vault names are unique in an account and region`,
      cfg.sourceVaultName,
    );
  }
}
