import { awsPrincipals, conditionValues, coversAction } from '../policy';
import { compliant, noncompliant, notApplicable, type Rule } from '../rule';
import { otherAccountsReached, resourcePolicyOf } from '../resource-policies';

/**
 * Compliant when every key policy statement that lets another account (or `*`) create grants
 * requires `kms:GrantIsForAWSResource` to be true: grants let AWS services (EBS, RDS, AWS Backup)
 * use the key, never an arbitrary principal of that account.
 */
export const grantsOnlyForAwsResources: Rule = (resource) => {
  if (resource.type !== 'aws_kms_key') return notApplicable();
  const statements = resourcePolicyOf(resource) ?? [];
  const problems: string[] = [];
  statements.forEach((s, i) => {
    if (s.effect !== 'Allow') return;
    const grants = s.notAction || s.actions.some((a) => coversAction(a, 'kms:CreateGrant'));
    if (!grants || otherAccountsReached(resource, awsPrincipals(s)).length === 0) return;
    const forAws = conditionValues(s, ['Bool'], 'kms:GrantIsForAWSResource');
    if (!(forAws?.length === 1 && forAws[0] === 'true')) problems.push(`${s.sid ?? `statement ${i}`} lets another account create grants without kms:GrantIsForAWSResource = true`);
  });
  return problems.length === 0 ? compliant() : noncompliant(problems.join('; '));
};
