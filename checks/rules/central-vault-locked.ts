import { compliant, noncompliant, notApplicable, type Rule } from '../rule';
import { isOrganizationCopyTarget, vaultLockOf } from '../vaults';

/**
 * Compliant when a vault that accepts copies from the whole organization (the central vault) has a
 * vault lock in the same stack: the lock bounds every recovery point's retention and, in compliance
 * mode, survives even a compromise of the Backup account. A logically air-gapped vault is compliant
 * by construction: AWS locks it in compliance mode at creation, with its own retention bounds.
 */
export const centralVaultLocked: Rule = (resource, app) => {
  if (!isOrganizationCopyTarget(app, resource)) return notApplicable();
  if (resource.type === 'aws_backup_logically_air_gapped_vault') return compliant();
  return vaultLockOf(app, resource) ? compliant() : noncompliant('the vault accepts copies from the organization but has no aws_backup_vault_lock_configuration');
};
