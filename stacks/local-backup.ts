import { policyScansForMalware } from '../envs/backup-policy-content';
import type { OrgConfig } from '../envs/schema';
import { BackupServiceRole } from '../modules/shared/backup-service-role';
import { MalwareScanRole } from '../modules/source-account/malware-scan-role';
import { SourceBackupKey } from '../modules/source-account/source-backup-key';
import { SourceVault } from '../modules/source-account/source-vault';
import type { AccountStack } from './account-stack';

/**
 * What an account needs for the organization's backup policies to run in it: the role AWS Backup
 * assumes (`backupRoleName`, once per account: IAM is global) and, in every region, the local vault
 * (`sourceVaultName`) under a backup key of the account's own, shareable with the Backup account for
 * the copies. Every source account has them, and so do the management and Backup accounts when a
 * policy reaches them (`accountsWithLocalVault`): the same constructs, so the same key and vault
 * policies, rules and proofs, at the same addresses in every stack.
 */
export function addBackupRole(stack: AccountStack, config: OrgConfig): BackupServiceRole {
  // The roles are created once, from the home region's provider.
  const malwareScans = config.policies.some(policyScansForMalware);
  const role = new BackupServiceRole(stack, 'backup-role', {
    partition: config.partition,
    roleName: config.backupRoleName,
    malwareScans,
    provider: stack.provider(stack.homeRegion),
  });
  if (malwareScans) {
    new MalwareScanRole(stack, 'malware-scan-role', {
      partition: config.partition,
      roleName: config.malwareScanRoleName,
      provider: stack.provider(stack.homeRegion),
    });
  }
  return role;
}

export interface LocalVault {
  readonly key: SourceBackupKey;
  /** The key's ARN, one reference for every user: cdktf captures a stack trace for every reference created. */
  readonly keyArn: string;
  readonly vault: SourceVault;
}

/**
 * The backup key (`aws_kms_key.backup_<region>`) and local vault (`aws_backup_vault.local_<region>`)
 * of one region. `idPrefix` keeps the construct ids apart from others of the stack (the Backup
 * account's central key and vault); the addresses do not depend on it.
 */
export function addLocalVault(stack: AccountStack, config: OrgConfig, region: string, idPrefix = ''): LocalVault {
  const provider = stack.provider(region);
  const key = new SourceBackupKey(stack, `${idPrefix}key-${region}`, {
    partition: config.partition,
    region,
    accountId: stack.accountId,
    backupAccountId: config.backupAccount.accountId,
    address: `backup_${region}`,
    provider,
  });
  const keyArn = key.key.arn;
  const vault = new SourceVault(stack, `${idPrefix}vault-${region}`, {
    partition: config.partition,
    vaultName: config.sourceVaultName,
    kmsKeyArn: keyArn,
    backupAccountId: config.backupAccount.accountId,
    copyBackRoleName: config.backupRoleName,
    address: `local_${region}`,
    provider,
  });
  return { key, keyArn, vault };
}
