import { awsPrincipals, coversAction } from '../policy';
import { compliant, noncompliant, notApplicable, type Rule } from '../rule';
import { isOrganizationCopyTarget, vaultPolicyStatements } from '../vaults';

/** What nobody but named exceptions may do to the organization's last good copy. */
export const CENTRAL_VAULT_DENIED_ACTIONS = [
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
  'backup:DeleteBackupVault',
  'backup:PutBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultLockConfiguration',
];
/** A deny may exempt roles by ARN; any other condition could let it lapse. */
const EXEMPTION_OPERATORS = ['ArnNotLike', 'ArnNotEquals'];

/**
 * Compliant when the central vault's access policy explicitly denies, to principal `*`, deleting or
 * shortening recovery points, deleting the vault, and changing or removing its policy or lock, with
 * exemptions only by `aws:PrincipalArn` (the break-glass and deployment roles).
 */
export const centralVaultDeniesDestruction: Rule = (resource, app) => {
  if (!isOrganizationCopyTarget(app, resource)) return notApplicable();
  const denies = vaultPolicyStatements(app, resource).filter(
    (s) =>
      s.effect === 'Deny' &&
      !s.notAction &&
      !s.notPrincipal &&
      awsPrincipals(s).includes('*') &&
      Object.entries(s.conditions).every(([op, entries]) => EXEMPTION_OPERATORS.includes(op) && Object.keys(entries).every((k) => k.toLowerCase() === 'aws:principalarn')),
  );
  const missing = CENTRAL_VAULT_DENIED_ACTIONS.filter((action) => !denies.some((s) => s.actions.some((a) => coversAction(a, action))));
  return missing.length === 0 ? compliant() : noncompliant(`no unconditional deny to principal * of ${missing.join(', ')}`);
};
