import { compliant, noncompliant, notApplicable, type Rule } from '../rule';

/**
 * Resource types whose destruction loses backups (or, for the organization, every account), or, for
 * a vault lock, leaves the vault unlocked: the provider can only replace a lock, never update it.
 */
export const MUST_NOT_BE_DESTROYED = [
  'aws_kms_key',
  'aws_backup_vault',
  'aws_backup_logically_air_gapped_vault',
  'aws_backup_vault_lock_configuration',
  'aws_organizations_organization',
];

/** Compliant when a key, vault, vault lock or managed organization carries `lifecycle { prevent_destroy = true }`. */
export const preventDestroy: Rule = (resource) => {
  if (!MUST_NOT_BE_DESTROYED.includes(resource.type)) return notApplicable();
  const lifecycle = resource.body.lifecycle as { prevent_destroy?: unknown } | undefined;
  return lifecycle?.prevent_destroy === true ? compliant() : noncompliant('lifecycle.prevent_destroy is not true');
};
