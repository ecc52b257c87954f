/**
 * The configuration schema: one runtime validator, and the TypeScript type inferred from it.
 *
 * Every field an AWS API would reject is rejected here first, before anything is synthesized.
 * Field-level rules (patterns, ranges) sit on the fields; rules that relate several fields
 * (lifecycle arithmetic, retention inside the vault lock, duplicate accounts) are in `refineConfig`.
 */
import { z } from 'zod';
import { refineConfig } from './rules';
import {
  ACCOUNT_ID,
  BUCKET_NAME,
  IAM_ROLE_ARN,
  IAM_ROLE_NAME,
  ORG_ID,
  POLICY_NAME,
  REGION,
  RULE_NAME,
  SCHEDULE,
  STACK_NAME,
  TAG_KEY,
  TAG_VALUE,
  TARGET,
  VAULT_NAME,
  ROOT_ID,
  STATE_KEY_PREFIX,
} from './fields';

const lifecycle = z.strictObject({
  /** Days after creation at which the recovery point moves to cold storage. */
  moveToColdStorageAfterDays: z.number().int().min(1).optional(),
  /** Days after creation at which the recovery point is deleted. */
  deleteAfterDays: z.number().int().min(1).optional(),
});

const rule = z.strictObject({
  name: RULE_NAME,
  /** AWS six-field cron(...) or rate(...) expression, UTC. */
  schedule: SCHEDULE,
  startWindowMinutes: z.number().int().min(60).default(60),
  completionWindowMinutes: z.number().int().default(360),
  lifecycle: lifecycle,
  /** Copy every recovery point of this rule into the Backup account's vault, with this lifecycle. */
  copyToBackupAccount: lifecycle.optional(),
});

const policy = z.strictObject({
  name: POLICY_NAME,
  /** Where the policy is attached: `root`, an OU id or an account id. */
  targets: z.array(TARGET).min(1),
  selection: z.strictObject({
    tagKey: TAG_KEY,
    tagValues: z.array(TAG_VALUE).min(1),
  }),
  rules: z.array(rule).min(1),
});

const vaultLock = z.strictObject({
  mode: z.enum(['governance', 'compliance']).default('governance'),
  minRetentionDays: z.number().int().min(1).default(7),
  maxRetentionDays: z.number().int().max(36500).default(3650),
  /** Compliance mode only: grace days before the lock becomes immutable (at least 3). */
  changeableForDays: z.number().int().optional(),
});

const sourceAccount = z.strictObject({
  accountId: ACCOUNT_ID,
  /** Short name, used in the stack name `source-<name>`. */
  name: STACK_NAME,
  /** Turn on default EBS encryption with this account's backup-shareable key. */
  ebsDefaultEncryption: z.boolean().default(true),
});

export const configSchema = z
  .strictObject({
    partition: z.enum(['aws', 'aws-us-gov', 'aws-cn']).default('aws'),
    organization: z.strictObject({
      id: ORG_ID,
      rootId: ROOT_ID,
      managementAccountId: ACCOUNT_ID,
    }),
    regions: z.array(REGION).min(1),
    deploymentRoleName: IAM_ROLE_NAME.default('OrganizationAccountAccessRole'),
    state: z.strictObject({
      bucket: BUCKET_NAME,
      region: REGION,
      keyPrefix: STATE_KEY_PREFIX.default('org-backup'),
      roleArn: IAM_ROLE_ARN.optional(),
    }),
    backupAccount: z.strictObject({
      accountId: ACCOUNT_ID,
      vaultName: VAULT_NAME.default('org-central-backup'),
      vaultLock: vaultLock.prefault({}),
      /** The only principals exempt from the central vault's delete and re-key denies. */
      breakGlassRoleArns: z.array(IAM_ROLE_ARN).default([]),
    }),
    sourceAccounts: z.array(sourceAccount).min(1),
    backupRoleName: IAM_ROLE_NAME.default('OrgBackupServiceRole'),
    sourceVaultName: VAULT_NAME.default('org-local-backup'),
    policies: z.array(policy).min(1),
    tags: z.record(TAG_KEY, TAG_VALUE).default({}),
    /** Manage aws_organizations_organization (new organizations only); default: verify it. */
    manageOrganization: z.boolean().default(false),
    /** Attach a service control policy that keeps member-account admins off the backup resources. */
    protectBackupsScp: z.boolean().default(false),
  })
  .superRefine(refineConfig);

/** A configuration as written by a person (defaults not yet applied). */
export type OrgConfigInput = z.input<typeof configSchema>;
/** A validated configuration with every default applied: what stacks and modules receive. */
export type OrgConfig = z.output<typeof configSchema>;
export type BackupPolicyConfig = OrgConfig['policies'][number];
export type BackupRuleConfig = BackupPolicyConfig['rules'][number];
export type LifecycleConfig = BackupRuleConfig['lifecycle'];
export type SourceAccountConfig = OrgConfig['sourceAccounts'][number];
export type VaultLockConfig = OrgConfig['backupAccount']['vaultLock'];
export type Partition = OrgConfig['partition'];
