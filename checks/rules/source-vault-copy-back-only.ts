import { awsPrincipals, conditionValues, type Statement } from '../policy';
import { compliant, noncompliant, notApplicable, type Rule } from '../rule';
import { isOrganizationCopyTarget, vaultPolicyStatements, VAULT_TYPES } from '../vaults';

/** The one thing a local vault's access policy may let another principal do: copy a recovery point in. */
const COPY_IN = 'backup:CopyIntoBackupVault';
/** Operators that pin `aws:PrincipalArn` to the roles named (no negation, no `IfExists`). */
const ROLE_OPERATORS = ['ArnEquals', 'ArnLike'];
/** A role ARN without wildcards: one role, not a path or a name pattern. */
const ONE_ROLE = /^arn:[\w-]+:iam::\d{12}:role\/[^*?]+$/;

/** Why an Allow of a local vault's policy lets more than the copy back in, or undefined if it does not. */
function excess(s: Statement): string | undefined {
  const label = s.sid ?? 'an Allow';
  if (s.notAction || s.notPrincipal) return `${label} uses NotAction or NotPrincipal`;
  const other = s.actions.filter((a) => a.toLowerCase() !== COPY_IN.toLowerCase());
  if (other.length > 0) return `${label} allows ${other.join(', ')} (only ${COPY_IN} is for the copy back)`;
  const roles = conditionValues(s, ROLE_OPERATORS, 'aws:PrincipalArn');
  const wide = awsPrincipals(s).filter((p) => !ONE_ROLE.test(p));
  if (wide.length > 0 && !(roles && roles.length > 0 && roles.every((r) => ONE_ROLE.test(r)))) {
    return `${label} lets ${wide.join(', ')} copy in, not one role (narrow it by ArnEquals aws:PrincipalArn to the Backup account's AWS Backup role)`;
  }
  return undefined;
}

/**
 * Compliant when the access policy of a local vault (any vault that is not open to the
 * organization's copies) allows nothing but `backup:CopyIntoBackupVault`, and only to named roles:
 * role ARNs as principals, or an account principal narrowed by `ArnEquals`/`ArnLike` on
 * `aws:PrincipalArn` to role ARNs without wildcards (SourceVault: the Backup account's AWS Backup
 * role, which the copy back runs as). Not applicable to a vault without an access policy.
 */
export const sourceVaultCopyBackOnly: Rule = (resource, app) => {
  if (!VAULT_TYPES.includes(resource.type) || isOrganizationCopyTarget(app, resource)) return notApplicable();
  const statements = vaultPolicyStatements(app, resource);
  if (statements.length === 0) return notApplicable();
  const problems = statements.filter((s) => s.effect === 'Allow').flatMap((s) => excess(s) ?? []);
  return problems.length === 0 ? compliant() : noncompliant(problems.join('; '));
};
