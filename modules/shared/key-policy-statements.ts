/**
 * Key policy statements shared by the source and central backup keys, named by intent.
 */
import { accountRootArn } from './arn';
import type { ConditionBlock, PolicyStatement } from './policy-document';

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
