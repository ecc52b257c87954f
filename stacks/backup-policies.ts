import { DataTerraformRemoteStateS3, type ITerraformDependable, type TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { backupPolicyContent, backupPolicyDescription } from '../envs/backup-policy-content';
import type { OrgConfig } from '../envs/schema';
import { backupVaultArn } from '../modules/shared/arn';
import type { CopyTarget } from '../modules/management/backup-policy-document';
import { backupPolicyName, OrganizationPolicy } from '../modules/management/organization-policy';
import { PolicyTargetAccounts, reachCondition } from '../modules/management/policy-reach';
import { ROOT_TARGET } from '../envs/policy-targets';
import { stateBackend } from './account-stack';
import { airGappedVaultOutputName, BACKUP_ACCOUNT_STACK, centralVaultOutputName, COVERED_ACCOUNTS_OUTPUT } from './backup-account-stack';

/**
 * One BACKUP_POLICY per configured policy, and its attachments, in the given stack: the management
 * stack's, or the delegated administrator's (`delegatedAdministrator.deployBackupPolicies`). The copy
 * targets (central and air-gapped vault ARNs) are read from the backup-account stack's remote state.
 *
 * Each attachment to the root or an OU carries a precondition: the plan fails, naming each active
 * account under the target that has no backup role and vault (not a source account, not the
 * management or Backup account where they have a local vault, not in `excludedAccounts`: the list the
 * backup-account stack outputs). The root's
 * accounts come from `organizationAccounts` (the organization's account list) where the stack has it,
 * else from the root's descendant accounts.
 */
export function addBackupPolicies(
  scope: Construct,
  config: OrgConfig,
  provider: TerraformProvider,
  dependsOn?: ITerraformDependable[],
  organizationAccounts?: string,
): void {
  const backupAccountState = new DataTerraformRemoteStateS3(scope, 'backup_account', stateBackend(config, BACKUP_ACCOUNT_STACK));
  const targets = (vaultName: string, output: (region: string) => string): Record<string, CopyTarget> =>
    Object.fromEntries(
      config.regions.map((region) => [
        region,
        { key: backupVaultArn(config.partition, region, config.backupAccount.accountId, vaultName), arn: backupAccountState.getString(output(region)) },
      ]),
    );
  const copyTargets = targets(config.backupAccount.vaultName, centralVaultOutputName);
  const airGapped = config.backupAccount.airGappedVault;
  const airGappedTargets = airGapped ? targets(airGapped.name, airGappedVaultOutputName) : {};
  const targetId = (target: string) => (target === ROOT_TARGET ? config.organization.rootId : target);
  // Account ids are not read: the validator already holds each to a prepared account.
  const reachTargets = config.policies.flatMap((policy) => policy.targets.map(targetId)).filter((id) => !/^\d{12}$/.test(id));
  const reached = new PolicyTargetAccounts(scope, 'policy-target-accounts', {
    targetIds: reachTargets,
    rootId: config.organization.rootId,
    ...(organizationAccounts ? { organizationAccounts } : {}),
    provider,
  });
  // Read from the backup-account stack's state (deployed first): the list grows with the organization, this stack does not.
  const covered = `keys(data.terraform_remote_state.${backupAccountState.friendlyUniqueId}.outputs.${COVERED_ACCOUNTS_OUTPUT})`;
  for (const policy of config.policies) {
    const targetIds = policy.targets.map(targetId);
    const preconditions = Object.fromEntries(
      targetIds
        .filter((id) => reachTargets.includes(id))
        .map((id) => [
          id,
          [
            reachCondition({
              policyName: backupPolicyName(policy.name),
              targetId: id,
              accounts: reached.accountsOf(id),
              coveredAccounts: covered,
              backupRoleName: config.backupRoleName,
              vaultName: config.sourceVaultName,
              remedy: `Add each to sourceAccounts and deploy its stack before this one, or list it in excludedAccounts to leave it out deliberately (the covered accounts are read from the output ${COVERED_ACCOUNTS_OUTPUT} of the ${BACKUP_ACCOUNT_STACK} stack, which is applied first)`,
            }),
          ],
        ]),
    );
    new OrganizationPolicy(scope, `policy-${policy.name}`, {
      type: 'BACKUP_POLICY',
      name: backupPolicyName(policy.name),
      description: backupPolicyDescription(policy),
      content: backupPolicyContent(config, policy, copyTargets, airGappedTargets),
      targetIds,
      targetPreconditions: preconditions,
      address: `backup_${policy.name}`,
      ...(dependsOn ? { dependsOn } : {}),
      provider,
    });
  }
}
