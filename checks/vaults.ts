/** How the rules relate a backup vault to its access policy and its lock, within one stack. */
import type { SynthesizedApp, SynthesizedResource } from './model';
import { awsPrincipals, conditionValues, coversAction, parsePolicy, type Statement } from './policy';

/** Does a `backup_vault_name` value (a reference to the vault, or its literal name) name this vault? */
function namesVault(app: SynthesizedApp, from: SynthesizedResource, value: unknown, vault: SynthesizedResource): boolean {
  const target = app.referenced(from, value);
  if (target) return target.address === vault.address;
  return typeof value === 'string' && value === vault.body.name;
}

function attachedTo(app: SynthesizedApp, type: string, vault: SynthesizedResource): SynthesizedResource | undefined {
  return app.inStack(vault.stack, type).find((r) => namesVault(app, r, r.body.backup_vault_name, vault));
}

export function vaultPolicyStatements(app: SynthesizedApp, vault: SynthesizedResource): readonly Statement[] {
  const policy = attachedTo(app, 'aws_backup_vault_policy', vault);
  return (policy && parsePolicy(policy.body.policy)) ?? [];
}

export function vaultLockOf(app: SynthesizedApp, vault: SynthesizedResource): SynthesizedResource | undefined {
  return attachedTo(app, 'aws_backup_vault_lock_configuration', vault);
}

/** Backup vaults: standard ones, and logically air-gapped ones (which take the same access policy). */
export const VAULT_TYPES = ['aws_backup_vault', 'aws_backup_logically_air_gapped_vault'];

const ORGANIZATION_KEYS = ['aws:PrincipalOrgID', 'aws:PrincipalOrgPaths'];

/**
 * A vault open to copies from the whole organization (its policy allows CopyIntoBackupVault to any
 * principal, limited by an organization condition): it holds the organization's last good copies.
 */
export function isOrganizationCopyTarget(app: SynthesizedApp, vault: SynthesizedResource): boolean {
  if (!VAULT_TYPES.includes(vault.type)) return false;
  return vaultPolicyStatements(app, vault).some(
    (s) =>
      s.effect === 'Allow' &&
      !s.notAction &&
      s.actions.some((a) => coversAction(a, 'backup:CopyIntoBackupVault')) &&
      awsPrincipals(s).includes('*') &&
      ORGANIZATION_KEYS.some((key) => conditionValues(s, ['StringEquals', 'StringLike', 'ForAnyValue:StringEquals', 'ForAnyValue:StringLike'], key)),
  );
}

/**
 * A retention bound (`min_retention_days`, `max_retention_days`) as Terraform reads it: a number,
 * or a string of digits, which Terraform converts to that number. Undefined when unset or an
 * unresolved reference (`${var.min}`), whose value is not known before apply.
 */
export function retentionDays(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
}
