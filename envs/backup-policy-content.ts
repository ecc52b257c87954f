/**
 * From a configured policy to its BACKUP_POLICY document. Shared by the management stack, which
 * synthesizes it, and by the validator, which measures it against AWS's size limit before anything
 * is synthesized: both see the same document.
 */
import { backupVaultArn } from '../modules/shared/arn';
import { buildBackupPolicyDocument, type CopyTarget } from '../modules/management/backup-policy-document';
import { MALWARE_SCAN_RESOURCE_TYPES } from '../modules/management/backup-policy-features';
import type { BackupPolicyConfig, OrgConfig } from './schema';

/** The BACKUP_POLICY document of one configured policy. */
export function backupPolicyContent(
  config: Pick<OrgConfig, 'regions' | 'partition' | 'backupRoleName' | 'sourceVaultName' | 'malwareScanRoleName'>,
  policy: Pick<BackupPolicyConfig, 'name' | 'selection' | 'rules' | 'windowsVss' | 'planTags' | 'malwareScanResourceTypes'>,
  copyTargets: Record<string, CopyTarget>,
  airGappedTargets: Record<string, CopyTarget> = {},
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
    windowsVss: policy.windowsVss,
    planTags: policy.planTags,
    malwareScanning: policyScansForMalware(policy)
      ? { roleName: config.malwareScanRoleName, resourceTypes: policy.malwareScanResourceTypes ?? [...MALWARE_SCAN_RESOURCE_TYPES] }
      : undefined,
    airGappedTargets,
  });
}

/** Whether any rule of the policy scans its recovery points for malware. */
export function policyScansForMalware(policy: Pick<BackupPolicyConfig, 'rules'>): boolean {
  return policy.rules.some((rule) => rule.malwareScan !== undefined);
}

/** The `aws_organizations_policy` description: what the policy selects. */
export function backupPolicyDescription(policy: Pick<BackupPolicyConfig, 'selection'>): string {
  const { tagKey, tagValues, resourceTypes } = policy.selection;
  const byTag = tagKey !== undefined && tagValues !== undefined ? `tag ${tagKey}=${tagValues.join('|')}` : undefined;
  const byType = resourceTypes !== undefined ? `${resourceTypes.length} resource type${resourceTypes.length === 1 ? '' : 's'}` : undefined;
  return `Backups by ${[byType, byTag].filter(Boolean).join(' and ')}, copied to the Backup account`;
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

/**
 * The air-gapped vault of each region with its ARN written out: the copy target of
 * `copyToAirGappedVault`, none when `backupAccount.airGappedVault` is not configured.
 */
export function literalAirGappedTargets(
  config: Pick<OrgConfig, 'regions' | 'partition'> & { backupAccount: Pick<OrgConfig['backupAccount'], 'accountId' | 'airGappedVault'> },
): Record<string, CopyTarget> {
  const vault = config.backupAccount.airGappedVault;
  if (!vault) return {};
  return Object.fromEntries(
    config.regions.map((region) => {
      const arn = backupVaultArn(config.partition, region, config.backupAccount.accountId, vault.name);
      return [region, { key: arn, arn }];
    }),
  );
}
