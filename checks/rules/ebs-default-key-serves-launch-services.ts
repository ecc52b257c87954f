import type { SynthesizedApp, SynthesizedResource } from '../model';
import { awsPrincipals, conditionValues, coversAction, wildcardMatches, type Statement } from '../policy';
import { resourcePolicyOf } from '../resource-policies';
import { compliant, noncompliant, notApplicable, type Rule } from '../rule';

/** The service-linked roles that launch volumes for EC2 Auto Scaling and EC2 Spot, by path and name. */
export const LAUNCH_SERVICE_LINKED_ROLES = ['autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling', 'spot.amazonaws.com/AWSServiceRoleForEC2Spot'];
/** What the EC2 Auto Scaling user guide's key policy gives them: key use, and grants for AWS resources. */
const NEEDED_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey', 'kms:CreateGrant'];

function isDefaultEbsKey(app: SynthesizedApp, key: SynthesizedResource): boolean {
  return app.inStack(key.stack, 'aws_ebs_default_kms_key').some((d) => app.referenced(d, d.body.key_arn)?.address === key.address);
}


/** The aws:PrincipalArn operators whose values are IAM wildcard patterns: ArnEquals matches as ArnLike does. */
const PATTERN_OPERATORS = ['ArnLike', 'ArnEquals', 'StringLike'];

/**
 * Does the Allow statement reach this principal ARN (by name, or `*` narrowed by aws:PrincipalArn)?
 * Every operator present must hold: StringEquals compares exactly, so a `*` in its value is no wildcard.
 */
function reaches(s: Statement, arn: string): boolean {
  if (s.effect !== 'Allow' || s.notPrincipal) return false;
  const principals = awsPrincipals(s);
  if (principals.includes(arn)) return true;
  if (!principals.includes('*')) return false;
  const patterns = conditionValues(s, PATTERN_OPERATORS, 'aws:PrincipalArn');
  const exact = conditionValues(s, ['StringEquals'], 'aws:PrincipalArn');
  if (patterns === undefined && exact === undefined) return false;
  return (patterns === undefined || patterns.some((p) => wildcardMatches(p, arn))) && (exact === undefined || exact.includes(arn));
}

/**
 * Compliant when the account's default EBS key lets EC2 Auto Scaling's and EC2 Spot's
 * service-linked roles of its own account use it and create grants: they launch every volume of an
 * Auto Scaling group or Spot request, and get KMS rights to a customer-managed key only from its
 * key policy. Without them, launches with encrypted volumes fail.
 */
export const ebsDefaultKeyServesLaunchServices: Rule = (resource, app) => {
  if (resource.type !== 'aws_kms_key' || !isDefaultEbsKey(app, resource)) return notApplicable();
  const statements = resourcePolicyOf(resource) ?? [];
  const account = resource.account ?? '*';
  const missing = LAUNCH_SERVICE_LINKED_ROLES.flatMap((role) => {
    const arn = `arn:aws:iam::${account}:role/aws-service-role/${role}`;
    // Which statements reach the role does not depend on the action: decided once per statement.
    const reaching = statements.filter((s) => !s.notAction && reaches(s, arn.replace(/^arn:aws:/, `arn:${partitionOf(s)}:`)));
    const absent = NEEDED_ACTIONS.filter((action) => !reaching.some((s) => s.actions.some((a) => coversAction(a, action))));
    return absent.length > 0 ? [`${role.split('/')[1]} lacks ${absent.join(', ')}`] : [];
  });
  return missing.length === 0 ? compliant() : noncompliant(missing.join('; '));
};

/** The partition the statement's principal ARN patterns use (so aws-us-gov and aws-cn match too). */
function partitionOf(s: Statement): string {
  const pattern = conditionValues(s, ['ArnLike', 'ArnEquals', 'StringLike', 'StringEquals'], 'aws:PrincipalArn')?.[0] ?? awsPrincipals(s)[0] ?? '';
  return pattern.split(':')[1] || 'aws';
}
