import type { App } from 'cdktf';
import type { OrgConfig } from '../envs/schema';
import type { AccountStack } from './account-stack';
import { BackupAccountStack } from './backup-account-stack';
import { DelegatedAdminStack } from './delegated-admin-stack';
import { ManagementStack } from './management-stack';
import { SourceAccountStack } from './source-account-stack';

export interface OrgBackupStacks {
  readonly backupAccount: BackupAccountStack;
  readonly sources: readonly SourceAccountStack[];
  readonly management: ManagementStack;
  /** With `delegatedAdministrator.deployBackupPolicies`: the backup policies, from that account. */
  readonly delegatedAdmin?: DelegatedAdminStack;
}

/** Every stack, in deploy order. */
export function allStacks(stacks: OrgBackupStacks): AccountStack[] {
  return [stacks.backupAccount, ...stacks.sources, stacks.management, ...(stacks.delegatedAdmin ? [stacks.delegatedAdmin] : [])];
}

/**
 * Every stack of the organization, in deploy order: the Backup account's vaults must exist before a
 * source account's plan copies to them, and the policy that schedules backups comes last, once
 * every account has its vault and role.
 */
export function buildStacks(app: App, config: OrgConfig): OrgBackupStacks {
  const backupAccount = new BackupAccountStack(app, config);
  const sources = config.sourceAccounts.map((account) => {
    const stack = new SourceAccountStack(app, config, account);
    stack.addDependency(backupAccount);
    return stack;
  });
  const management = new ManagementStack(app, config);
  management.addDependency(backupAccount);
  sources.forEach((source) => management.addDependency(source));
  if (!config.delegatedAdministrator?.deployBackupPolicies) return { backupAccount, sources, management };
  // The policies come last, as from the management stack, and after the delegation they need.
  const delegatedAdmin = new DelegatedAdminStack(app, config);
  delegatedAdmin.addDependency(backupAccount);
  delegatedAdmin.addDependency(management);
  return { backupAccount, sources, management, delegatedAdmin };
}
