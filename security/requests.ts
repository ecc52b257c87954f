/**
 * The requests the security proofs evaluate: who asks (a role with its identity policies, its
 * organization and the service control policies above its account), for which action, on which
 * resource under which resource policy. Plain data: evaluating a request is `evaluation.ts`.
 */
import { createHash } from 'node:crypto';

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
export type PolicyJson = { Version: string; Statement: unknown[] };
export type Context = Record<string, string | string[]>;

/** The AWS managed policy AdministratorAccess: `*` on `*`. */
export const ADMINISTRATOR_ACCESS: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
/** A principal whose identity policies grant nothing: what it can do, a resource policy gave it. */
export const NO_PERMISSIONS: PolicyJson = { Version: '2012-10-17', Statement: [] };
/** The SCP AWS attaches to every root, OU and account by default (FullAWSAccess). */
export const FULL_AWS_ACCESS: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
/** A resource policy that denies everything: the "can" scenarios must fail against it. */
export const DENY_EVERYTHING: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }] };
/** A resource policy that allows everything: each "cannot" must change outcome against it. */
export const ALLOW_EVERYTHING: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };
/** A service control policy that denies everything. */
export const SCP_DENY_EVERYTHING: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] };

/**
 * The statements of AWSBackupServiceRolePolicyForBackup (service-role) that a copy uses, by their
 * Sids in AWS's managed policy reference
 * (docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSBackupServiceRolePolicyForBackup.html),
 * copied from a public copy of the document: the backup role's own permissions, attached by this
 * project to every source account's role. An excerpt, not the whole policy.
 */
export const BACKUP_ROLE_COPY_STATEMENTS: PolicyJson = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'BackupVaultPermissions', Effect: 'Allow', Action: ['backup:DescribeBackupVault', 'backup:CopyIntoBackupVault'], Resource: 'arn:aws:backup:*:*:backup-vault:*' },
    { Sid: 'BackupVaultCopyPermissions', Effect: 'Allow', Action: ['backup:CopyFromBackupVault'], Resource: '*' },
    { Sid: 'KMSPermissions', Effect: 'Allow', Action: 'kms:DescribeKey', Resource: '*' },
    { Sid: 'KMSCreateGrantPermissions', Effect: 'Allow', Action: 'kms:CreateGrant', Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } },
  ],
};

/**
 * The statement of AWSBackupServiceRolePolicyForBackup that lets the AWS Backup role share the EBS
 * snapshots and AMIs AWS Backup made (tagged `aws:backup:source-resource`), as in AWS's managed
 * policy reference: what a cross-account copy of an EBS recovery point uses.
 */
export const BACKUP_ROLE_SNAPSHOT_SHARING_STATEMENTS: PolicyJson = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'EC2ModifyPermissions',
      Effect: 'Allow',
      Action: ['ec2:ModifySnapshotAttribute', 'ec2:ModifyImageAttribute'],
      Resource: '*',
      Condition: { Null: { 'aws:ResourceTag/aws:backup:source-resource': 'false' } },
    },
  ],
};

/**
 * The KMS statements of AWSBackupServiceLinkedRolePolicyForBackup, the policy of AWS Backup's
 * service-linked role AWSServiceRoleForBackup, by their Sids in AWS's managed policy reference
 * (docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSBackupServiceLinkedRolePolicyForBackup.html,
 * version 16 as published): "for cross-account backup, the destination account uses a service-linked
 * role to pull backups into the destination vault" (AWS Backup developer guide, service-linked roles),
 * so this role of a source account is what uses the source key when a copy comes back. An excerpt.
 */
export const BACKUP_SERVICE_LINKED_ROLE_KMS_STATEMENTS: PolicyJson = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'KMSDescribePermissions', Effect: 'Allow', Action: 'kms:DescribeKey', Resource: '*' },
    {
      Sid: 'KMSGrantPermissions',
      Effect: 'Allow',
      Action: ['kms:ListGrants', 'kms:ReEncryptFrom', 'kms:GenerateDataKeyWithoutPlaintext'],
      Resource: '*',
      Condition: { StringLike: { 'kms:ViaService': ['ec2.*.amazonaws.com', 'rds.*.amazonaws.com', 'fsx.*.amazonaws.com'] } },
    },
    {
      Sid: 'KMSCreateGrantPermissions',
      Effect: 'Allow',
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' }, StringLike: { 'kms:ViaService': ['ec2.*.amazonaws.com', 'rds.*.amazonaws.com', 'fsx.*.amazonaws.com'] } },
    },
  ],
};

/** Service control policies attached at one level of the organization (root, OU or account). */
export interface ScpLevel {
  readonly orgIdentifier: string;
  readonly policies: readonly { readonly name: string; readonly policy: PolicyJson }[];
}

export interface Caller {
  /** The role ARN; also `aws:PrincipalArn`. */
  readonly arn: string;
  readonly account: string;
  /** `aws:PrincipalOrgID`; absent for a principal outside any organization. */
  readonly orgId?: string;
  readonly identityPolicies: readonly PolicyJson[];
  /** SCPs above the caller's account, root first; none for the management account or outside the organization. */
  readonly scps?: readonly ScpLevel[];
  /** The role's unique id (`AROA...`); `aws:userid` is `<id>:<session>`. */
  readonly userId: string;
}

/**
 * The role's unique id, as the policies model it: AWS gives every role an id (`AROA` and 17 more
 * characters) when it is created, and a new one when it is re-created under the same name. Here it
 * is derived from the account and role name, so the id the Backup account's `aws_iam_role` data
 * sources read (`subjects.ts`) and the id of the caller that is that role agree; a re-created role
 * is a caller with another id.
 */
export function modelledRoleId(accountId: string, roleName: string): string {
  const digest = createHash('sha256').update(`${accountId}/${roleName}`).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return `AROA${Array.from(digest.subarray(0, 17), (byte) => alphabet[byte % 32]).join('')}`;
}

/** A role session; `userId` defaults to the role's modelled id (the role as it exists). */
export function role(arn: string, identity: PolicyJson, orgId?: string, userId?: string): Caller {
  const account = arn.split(':')[4];
  return { arn, account, orgId, identityPolicies: [identity], userId: userId ?? modelledRoleId(account, arn.slice(arn.lastIndexOf('/') + 1)) };
}

/** The same caller under the given service control policies (root, then the account). */
export function underScps(caller: Caller, rootId: string, scps: readonly PolicyJson[]): Caller {
  return {
    ...caller,
    scps: [
      { orgIdentifier: rootId, policies: scps.map((policy, i) => ({ name: `root-${i}`, policy })) },
      { orgIdentifier: caller.account, policies: [{ name: 'FullAWSAccess', policy: FULL_AWS_ACCESS }] },
    ],
  };
}

export interface Request {
  readonly caller: Caller;
  readonly action: string;
  /** Full ARN of the resource, its account read from it; `*` for actions on no resource (in the caller's account). */
  readonly resource: string;
  /** The resource's account where its ARN has none (EBS snapshots: `arn:aws:ec2:<region>::snapshot/<id>`). */
  readonly resourceAccount?: string;
  /** The resource's policy as synthesized (vault access policy, key policy), if it has one. */
  readonly resourcePolicy?: PolicyJson;
  /** Service condition keys of the request (kms:ViaService, backup:CopyTargetOrgPaths, ...). */
  readonly context?: Context;
}
