/**
 * From a configured policy to its BACKUP_POLICY document. Shared by the management stack, which
 * synthesizes it, and by the validator, which measures it against AWS's size limit before anything
 * is synthesized: both see the same document.
 */
import { buildBackupPolicyDocument, type CopyTarget } from '../modules/backup-policy-document';
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
