/**
 * From a configured policy to its BACKUP_POLICY document. Shared by the management stack, which
 * synthesizes it, and by the validator, which measures it against AWS's size limit before anything
 * is synthesized: both see the same document.
 */
import { backupVaultArn } from '../modules/shared/arn';
import { buildBackupPolicyDocument, type CopyTarget } from '../modules/management/backup-policy-document';
import type { BackupPolicyConfig, OrgConfig } from './schema';

/** The BACKUP_POLICY document of one configured policy. */
export function backupPolicyContent(
  config: Pick<OrgConfig, 'regions' | 'partition' | 'backupRoleName' | 'sourceVaultName'>,
  policy: Pick<BackupPolicyConfig, 'name' | 'selection' | 'rules'>,
  copyTargets: Record<string, CopyTarget>,
): object {
  return buildBackupPolicyDocument({
    name: policy.name,
    regions: config.regions,
    partition: config.partition,
    roleName: config.backupRoleName,
    vaultName: config.sourceVaultName,
    selection: policy.selection,
    rules: policy.rules,
    copyTargets,
  });
}

/**
 * The central vault of each region with its ARN written out (key and value alike), as Terraform
 * renders the policy once the remote-state values are known: for measuring and publishing it.
 */
export function literalCopyTargets(
  config: Pick<OrgConfig, 'regions' | 'partition'> & { backupAccount: Pick<OrgConfig['backupAccount'], 'accountId' | 'vaultName'> },
): Record<string, CopyTarget> {
  return Object.fromEntries(
    config.regions.map((region) => {
      const arn = backupVaultArn(config.partition, region, config.backupAccount.accountId, config.backupAccount.vaultName);
      return [region, { key: arn, arn }];
    }),
  );
}
