/**
 * Key policy statements shared by the source and central backup keys, named by intent.
 */
import { accountRootArn } from './arn';
import { dnsSuffix } from './dns-suffix';
import { denyToAllButRoles, type ConditionBlock, type PolicyStatement } from './policy-document';

/** What a copy or restore needs of a key it does not own: data-key use, no administration. */
export const KEY_USE_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];
/** Grants let AWS services (EBS, RDS, AWS Backup) use the key on the caller's behalf. */
export const KEY_GRANT_ACTIONS = ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'];
/** Actions after which nothing encrypted with the key can be read: vault lock does not stop them. */
export const KEY_DESTRUCTION_ACTIONS = ['kms:ScheduleKeyDeletion', 'kms:DisableKey'];
/**
 * The shortest pending window anyone may give `kms:ScheduleKeyDeletion`. The caller picks 7 to 30
 * days (`deletion_window_in_days` only applies when Terraform destroys the key), so the key policy
 * itself refuses anything shorter than the longest window KMS allows.
 */
export const MIN_PENDING_DELETION_WINDOW_DAYS = 30;
/** Actions that change who may use or destroy the key, or weaken it. */
export const KEY_PROTECTION_CHANGE_ACTIONS = ['kms:PutKeyPolicy', 'kms:DisableKeyRotation'];

/** The owning account administers its key through IAM (the AWS default key policy statement). */
export function allowAccountAdministration(partition: string, accountId: string): PolicyStatement {
  return {
    Sid: 'EnableOwningAccountAdministration',
    Effect: 'Allow',
    Principal: { AWS: accountRootArn(partition, accountId) },
    Action: 'kms:*',
    Resource: '*',
  };
}

/**
 * Denies `kms:ScheduleKeyDeletion` with a pending window shorter than 30 days to every principal,
 * with no exemption: break-glass and the owning account's administrators included. A request
 * without a window gets KMS's default of 30 days, which the condition lets through.
 */
export function denyShortDeletionWindow(): PolicyStatement {
  return {
    Sid: 'DenyShortKeyDeletionWindow',
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: 'kms:ScheduleKeyDeletion',
    Resource: '*',
    Condition: { NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': String(MIN_PENDING_DELETION_WINDOW_DAYS) } },
  };
}

/**
 * The service-linked roles through which EC2 Auto Scaling and EC2 Spot launch instances, with their
 * volumes encrypted under the account's default EBS key. They get KMS rights only from the key
 * policy (their own permissions cover AWS managed keys only). `AWSServiceRoleForAutoScaling*` also
 * covers Auto Scaling's custom-suffix roles (`AWSServiceRoleForAutoScaling_<suffix>`); only the
 * service can create a role under the `aws-service-role/` path.
 */
export function launchServiceLinkedRoleArns(partition: string, accountId: string): string[] {
  return [
    `arn:${partition}:iam::${accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling*`,
    `arn:${partition}:iam::${accountId}:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot`,
  ];
}

/**
 * Key use for EC2 Auto Scaling and EC2 Spot of the owning account, through EC2 only: the
 * statements of the EC2 Auto Scaling user guide ("Required AWS KMS key policy for use with encrypted
 * volumes": key use, and CreateGrant only for AWS resources), on principal `*` narrowed by
 * `aws:PrincipalArn` and `aws:PrincipalAccount`. Naming the roles as principals instead would make
 * KMS reject the policy in an account where a role does not exist yet.
 */
export function allowLaunchServicesThroughEc2(partition: string, region: string, accountId: string): PolicyStatement[] {
  const conditions: ConditionBlock = {
    StringEquals: { 'aws:PrincipalAccount': accountId, 'kms:ViaService': `ec2.${region}.${dnsSuffix(partition)}` },
    ArnLike: { 'aws:PrincipalArn': launchServiceLinkedRoleArns(partition, accountId) },
  };
  return [
    { Sid: 'AutoScalingAndSpotThroughEc2Use', Effect: 'Allow', Principal: { AWS: '*' }, Action: KEY_USE_ACTIONS, Resource: '*', Condition: conditions },
    {
      Sid: 'AutoScalingAndSpotThroughEc2GrantsForAwsResources',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: mergeConditions(conditions, { Bool: { 'kms:GrantIsForAWSResource': 'true' } }),
    },
  ];
}

/**
 * Denies creating grants that are not for an AWS resource to every principal but the exempt roles.
 * `CreateGrant` is the only operation that creates a grant, whether the caller's permission comes
 * from a policy or from a grant that allows CreateGrant; an explicit deny in the key policy also
 * overrides a grant. `BoolIfExists` also denies a request that carries no
 * `kms:GrantIsForAWSResource` at all.
 */
export function denyGrantsNotForAwsResources(exemptRoleArns: readonly string[], exemptRoleIds?: Readonly<Record<string, string>>): PolicyStatement[] {
  return denyToAllButRoles('DenyGrantsNotForAwsResources', ['kms:CreateGrant'], exemptRoleArns, exemptRoleIds, {
    BoolIfExists: { 'kms:GrantIsForAWSResource': 'false' },
  });
}

/** Key use (and AWS-resource grants) for a principal, limited by extra conditions. */
export function allowKeyUse(
  sidPrefix: string,
  principal: PolicyStatement['Principal'],
  conditions: ConditionBlock = {},
): PolicyStatement[] {
  return [
    {
      Sid: `${sidPrefix}Use`,
      Effect: 'Allow',
      Principal: principal,
      Action: KEY_USE_ACTIONS,
      Resource: '*',
      ...(Object.keys(conditions).length > 0 ? { Condition: conditions } : {}),
    },
    {
      Sid: `${sidPrefix}GrantsForAwsResources`,
      Effect: 'Allow',
      Principal: principal,
      Action: KEY_GRANT_ACTIONS,
      Resource: '*',
      Condition: mergeConditions(conditions, { Bool: { 'kms:GrantIsForAWSResource': 'true' } }),
    },
  ];
}

function mergeConditions(a: ConditionBlock, b: ConditionBlock): ConditionBlock {
  const merged: Record<string, Record<string, string | boolean | readonly string[]>> = {};
  for (const block of [a, b]) {
    for (const [operator, entries] of Object.entries(block)) {
      merged[operator] = { ...merged[operator], ...entries };
    }
  }
  return merged;
}
