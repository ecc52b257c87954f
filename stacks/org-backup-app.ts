import type { App } from 'cdktf';
import { enforceSecurityRules, type EnforceOptions } from '../checks/enforce';
import type { OrgConfig } from '../envs/schema';
import { BackupAccountStack } from './backup-account-stack';
import { ManagementStack } from './management-stack';
import { SourceAccountStack } from './source-account-stack';

export interface OrgBackupStacks {
  readonly backupAccount: BackupAccountStack;
  readonly sources: readonly SourceAccountStack[];
  readonly management: ManagementStack;
}

/**
 * Every stack of the organization, in deploy order: the Backup account's vaults must exist before a
 * source account's plan copies to them, and the policy that schedules backups comes last, once
 * every account has its vault and role. The security rule pack checks the synthesized stacks at
 * every synth; an error-level finding stops it.
 */
export function buildStacks(app: App, config: OrgConfig, options: EnforceOptions = {}): OrgBackupStacks {
  const backupAccount = new BackupAccountStack(app, config);
  const sources = config.sourceAccounts.map((account) => {
    const stack = new SourceAccountStack(app, config, account);
    stack.addDependency(backupAccount);
    return stack;
  });
  const management = new ManagementStack(app, config);
  management.addDependency(backupAccount);
  sources.forEach((source) => management.addDependency(source));
  enforceSecurityRules([backupAccount, ...sources, management], options);
  return { backupAccount, sources, management };
}
