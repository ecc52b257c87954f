import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { OrgConfig } from '../envs/schema';
import { roleArn } from '../modules/shared/arn';
import { CentralBackupKey } from '../modules/backup-account/central-backup-key';
import { CentralVault } from '../modules/backup-account/central-vault';
import { AccountStack } from './account-stack';

export const BACKUP_ACCOUNT_STACK = 'backup-account';

/** The output through which the management stack reads a region's central vault ARN. */
export function centralVaultOutputName(region: string): string {
  return `central_vault_arn_${region.replace(/-/g, '_')}`;
}

/** The output that carries a region's central key ARN. */
export function centralKeyOutputName(region: string): string {
  return `central_key_arn_${region.replace(/-/g, '_')}`;
}

/** `backup-account`: the central key and locked vault of every region, receiving every copy. */
export class BackupAccountStack extends AccountStack {
  constructor(scope: Construct, config: OrgConfig) {
    super(scope, BACKUP_ACCOUNT_STACK, config, config.backupAccount.accountId, config.regions);
    const { backupAccount, organization, partition } = config;
    for (const region of config.regions) {
      const provider = this.provider(region);
      const key = new CentralBackupKey(this, `key-${region}`, {
        partition,
        region,
        accountId: backupAccount.accountId,
        organizationId: organization.id,
        breakGlassRoleArns: backupAccount.breakGlassRoleArns,
        deploymentRoleArn: roleArn(partition, backupAccount.accountId, config.deploymentRoleName),
        address: `central_${region}`,
        provider,
      });
      const central = new CentralVault(this, `vault-${region}`, {
        vaultName: backupAccount.vaultName,
        kmsKeyArn: key.key.arn,
        organizationId: organization.id,
        organizationRootId: organization.rootId,
        breakGlassRoleArns: backupAccount.breakGlassRoleArns,
        deploymentRoleArn: roleArn(partition, backupAccount.accountId, config.deploymentRoleName),
        lock: backupAccount.vaultLock,
        address: `central_${region}`,
        provider,
      });
      // An explicit, non-sensitive output: ARNs are not secrets, and plan reviewers must see them.
      new TerraformOutput(this, centralVaultOutputName(region), {
        value: central.vault.arn,
        description: `ARN of the central backup vault in ${region}`,
      });
      new TerraformOutput(this, centralKeyOutputName(region), {
        value: key.key.arn,
        description: `ARN of the central backup vault's KMS key in ${region}`,
      });
    }
  }
}
