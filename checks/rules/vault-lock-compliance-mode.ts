import { compliant, noncompliant, notApplicable, type Rule } from '../rule';

/**
 * Compliant when a vault lock is in compliance mode (`changeable_for_days` set): once that grace
 * time has passed nobody, not even the Backup account's root user or AWS, can remove the lock or
 * shorten a recovery point's retention. A governance-mode lock can be lifted by any principal
 * allowed `backup:DeleteBackupVaultLockConfiguration`.
 */
export const vaultLockComplianceMode: Rule = (resource) => {
  if (resource.type !== 'aws_backup_vault_lock_configuration') return notApplicable();
  const grace = resource.body.changeable_for_days;
  return grace !== undefined && grace !== null ? compliant() : noncompliant('governance mode: the lock can be lifted by the roles exempt from the vault policy denies');
};
