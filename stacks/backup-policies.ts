import { DataTerraformRemoteStateS3, type ITerraformDependable, type TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { backupPolicyContent, backupPolicyDescription } from '../envs/backup-policy-content';
import type { OrgConfig } from '../envs/schema';
import { backupVaultArn } from '../modules/shared/arn';
import type { CopyTarget } from '../modules/management/backup-policy-document';
import { backupPolicyName, OrganizationPolicy } from '../modules/management/organization-policy';
import { stateBackend } from './account-stack';
import { airGappedVaultOutputName, BACKUP_ACCOUNT_STACK, centralVaultOutputName } from './backup-account-stack';

/**
 * One BACKUP_POLICY per configured policy, and its attachments, in the given stack: the management
 * stack's, or the delegated administrator's (`delegatedAdministrator.deployBackupPolicies`). The copy
 * targets (central and air-gapped vault ARNs) are read from the backup-account stack's remote state.
 */
export function addBackupPolicies(scope: Construct, config: OrgConfig, provider: TerraformProvider, dependsOn?: ITerraformDependable[]): void {
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
  for (const policy of config.policies) {
    new OrganizationPolicy(scope, `policy-${policy.name}`, {
      type: 'BACKUP_POLICY',
      name: backupPolicyName(policy.name),
      description: backupPolicyDescription(policy),
      content: backupPolicyContent(config, policy, copyTargets, airGappedTargets),
      targetIds: policy.targets.map((target) => (target === 'root' ? config.organization.rootId : target)),
      address: `backup_${policy.name}`,
      ...(dependsOn ? { dependsOn } : {}),
      provider,
    });
  }
}
