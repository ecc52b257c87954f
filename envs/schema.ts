/**
 * The configuration schema: one runtime validator, and the TypeScript type inferred from it.
 *
 * Every field an AWS API would reject is rejected here first, before anything is synthesized.
 * Field-level rules (patterns, ranges, the schedule grammar) sit on the fields (fields.ts); rules
 * that relate several fields (lifecycle arithmetic, retention inside the vault lock, duplicates,
 * AWS Organizations limits, the rendered policy size) are in `refineConfig` (rules.ts). Both kinds
 * are reported together. Descriptions feed the JSON Schema (`npm run schema`) and the README.
 */
import { z } from 'zod';
import { alertsSchema, auditSchema } from './alerts';
import { orgFeatureFields, policyFeatureFields, ruleFeatureFields, selectionSchema } from './policy-features';
import { RESOURCE_TYPE_OPT_IN } from './resource-type-opt-in';
import { EXCLUDED_ACCOUNTS } from './policy-targets';
import { refineConfig } from './rules';
import { BACKUP_ACCOUNT_DEPLOYMENT_ROLE, managementSchema, SOURCE_ACCOUNT_DEPLOYMENT_ROLE } from './deployment-roles';
import { airGappedCopySchema, airGappedVaultSchema, delegatedAdministratorSchema, restoreTestingSchema } from './air-gap-schema';
import {
  ACCOUNT_ID,
  OU_LABEL,
  BUCKET_NAME,
  CHANGEABLE_FOR_DAYS,
  COLD_STORAGE_DAYS,
  COMPLETION_WINDOW_MINUTES,
  COPY_RETENTION_DAYS,
  IAM_ROLE_ARN,
  IAM_ROLE_NAME,
  LOCK_DAYS,
  ORG_ID,
  PARTITION,
  POLICY_NAME,
  REGION,
  RETENTION_DAYS,
  ROOT_ID,
  RULE_NAME,
  SCHEDULE,
  STACK_NAME,
  START_WINDOW_MINUTES,
  STATE_KEY_PREFIX,
  TAG_KEY,
  TAG_VALUE,
  TARGET,
  VAULT_NAME,
} from './fields';

const lifecycle = z.strictObject({
  moveToColdStorageAfterDays: COLD_STORAGE_DAYS.optional().describe(
    'Days after creation at which the recovery point moves to cold storage (1 to 36500); deleteAfterDays must then be at least 90 more.',
  ),
  deleteAfterDays: RETENTION_DAYS.optional().describe('Days after creation at which the recovery point is deleted (1 to 36500).'),
});

const copyLifecycle = z.strictObject({
  moveToColdStorageAfterDays: COLD_STORAGE_DAYS.optional().describe(
    'Days after creation at which the copy moves to cold storage (1 to 36500); deleteAfterDays must then be at least 90 more.',
  ),
  deleteAfterDays: COPY_RETENTION_DAYS.describe(
    "Days after creation at which the copy is deleted, between the central vault lock's minRetentionDays and maxRetentionDays.",
  ),
});

const rule = z.strictObject({
  name: RULE_NAME.describe('Rule name: 1 to 50 of letters, digits and -_. ; unique in its policy.'),
  schedule: SCHEDULE.describe(
    'AWS six-field cron(minutes hours day-of-month month day-of-week year) in UTC, with ? in day-of-month or day-of-week, or rate(N hours|days); at most once an hour.',
  ),
  startWindowMinutes: START_WINDOW_MINUTES.default(60).describe('Minutes after the scheduled time within which the backup must start (60 to 52560000).'),
  completionWindowMinutes: COMPLETION_WINDOW_MINUTES.default(360).describe(
    'Minutes after the scheduled time within which the backup must complete; greater than startWindowMinutes, at most 52560000.',
  ),
  lifecycle: lifecycle.describe('Retention of the recovery point in the source account vault.'),
  copyToBackupAccount: copyLifecycle
    .optional()
    .describe(
      "Copy every recovery point to the central vault of the same region in the Backup account, with this lifecycle; omit to not copy.",
    ),
  ...ruleFeatureFields,
  copyToAirGappedVault: airGappedCopySchema
    .optional()
    .describe("Also (or instead) copy every recovery point to the Backup account's air-gapped vault of the same region; needs backupAccount.airGappedVault."),
});

const policy = z.strictObject({
  name: POLICY_NAME.describe('Policy name (letters, digits, - and _); the backup plans are <name>-<region>, at most 50 characters.'),
  targets: z.array(TARGET).min(1).describe('Where the policy is attached: root, an OU id (ou-xxxx-xxxxxxxx) or a 12-digit account id; at most 10 policies per target.'),
  selection: selectionSchema,
  rules: z.array(rule).min(1).describe('Backup rules: schedule, windows, retention, copy.'),
  ...policyFeatureFields,
});

const vaultLock = z.strictObject({
  mode: z.enum(['governance', 'compliance']).default('governance').describe('governance: the lock can be removed; compliance: final after changeableForDays.'),
  minRetentionDays: LOCK_DAYS.default(7).describe('Shortest retention the central vault accepts (1 to 36500).'),
  maxRetentionDays: LOCK_DAYS.default(3650).describe('Longest retention the central vault accepts (greater than minRetentionDays, at most 36500).'),
  changeableForDays: CHANGEABLE_FOR_DAYS.optional().describe('Compliance mode only, and required there: days (at least 3) before the lock becomes immutable.'),
});

const sourceAccount = z.strictObject({
  accountId: ACCOUNT_ID.describe('12-digit account id, as a string; not the management or Backup account.'),
  name: STACK_NAME.describe('Short unique name; the stack is source-<name>.'),
  ebsDefaultEncryption: z.boolean().default(true).describe("Turn on default EBS encryption with this account's backup-shareable key."),
  ou: OU_LABEL.optional().describe('Where the account sits: an OU id or a path of OU names (Workloads/Prod); the review report groups accounts by it.'),
  deploymentRoleName: SOURCE_ACCOUNT_DEPLOYMENT_ROLE,
});

export const configSchema = z
  .strictObject({
    partition: PARTITION.default('aws').describe('AWS partition of every ARN and region.'),
    organization: z
      .strictObject({
        id: ORG_ID.describe('Organization id, o- and 10 to 32 lowercase letters or digits.'),
        rootId: ROOT_ID.describe('Root id (r-...), where targets: [root] attaches policies.'),
        managementAccountId: ACCOUNT_ID.describe('The management account: 12 digits, as a string.'),
      })
      .describe('The AWS Organization.'),
    regions: z.array(REGION).min(1).describe('Regions of the partition where vaults and keys exist and backup plans run; each once.'),
    deploymentRoleName: IAM_ROLE_NAME.default('OrganizationAccountAccessRole').describe('Role each provider assumes in its account, unless the stack overrides it (management, backupAccount, sourceAccounts[]).'),
    management: managementSchema.optional(),
    state: z
      .strictObject({
        bucket: BUCKET_NAME.describe('S3 bucket of the Terraform state (S3 bucket naming rules).'),
        region: REGION.describe('Region of the state bucket, in the partition.'),
        keyPrefix: STATE_KEY_PREFIX.default('org-backup').describe('State key is <keyPrefix>/<stack>.tfstate.'),
        roleArn: IAM_ROLE_ARN.optional().describe('Role to assume for the state bucket (same partition).'),
      })
      .describe('Terraform remote state (S3 backend), one state file per stack.'),
    backupAccount: z
      .strictObject({
        accountId: ACCOUNT_ID.describe('The dedicated Backup account: 12 digits, as a string; not the management account.'),
        vaultName: VAULT_NAME.default('org-central-backup').describe('Central vault name: 2 to 50 of letters, digits, - and _.'),
        vaultLock: vaultLock.prefault({}).describe('Vault lock of the central vault.'),
        deploymentRoleName: BACKUP_ACCOUNT_DEPLOYMENT_ROLE,
        breakGlassRoleArns: z
          .array(IAM_ROLE_ARN)
          .default([])
          .describe("The only principals exempt from the central vault's delete and re-key denies (same partition)."),
        airGappedVault: airGappedVaultSchema.optional().describe('A logically air-gapped vault per region in the Backup account, shared through AWS RAM for restores; omit for none.'),
        restoreTesting: restoreTestingSchema.optional().describe('Restore testing plans in the Backup account over the central (and air-gapped) vaults; omit for none.'),
      })
      .describe('The dedicated Backup account that receives a copy of every recovery point.'),
    sourceAccounts: z.array(sourceAccount).min(1).describe('Member accounts whose resources are backed up; each once.'),
    excludedAccounts: EXCLUDED_ACCOUNTS,
    backupRoleName: IAM_ROLE_NAME.default('OrgBackupServiceRole').describe('IAM role AWS Backup assumes in every source account.'),
    sourceVaultName: VAULT_NAME.default('org-local-backup').describe('Vault name in every source account: 2 to 50 of letters, digits, - and _.'),
    resourceTypeOptIn: RESOURCE_TYPE_OPT_IN,
    policies: z.array(policy).min(1).describe('One AWS Organizations BACKUP_POLICY each (at most 1000; each at most 10000 characters rendered).'),
    tags: z.record(TAG_KEY, TAG_VALUE).default({}).describe('Default tags on every resource (at most 50; keys 1 to 128 characters, not aws:, values up to 256).'),
    manageOrganization: z
      .boolean()
      .default(false)
      .describe('Manage aws_organizations_organization (new organizations only); default: verify it at plan time.'),
    protectBackupsScp: z.boolean().default(false).describe('Attach a service control policy that keeps member-account admins off the backup resources.'),
    ...orgFeatureFields,
    delegatedAdministrator: delegatedAdministratorSchema.optional().describe('Register this account as the AWS Backup delegated administrator; omit for none.'),

    alerts: alertsSchema.optional(),
    audit: auditSchema.optional(),
  })
  // Cross-field rules run even when a field failed, so that every problem is reported at once.
  .superRefine(refineConfig, { when: () => true });

/** A configuration as written by a person (defaults not yet applied). */
export type OrgConfigInput = z.input<typeof configSchema>;
/** A validated configuration with every default applied: what stacks and modules receive. */
export type OrgConfig = z.output<typeof configSchema>;
export type BackupPolicyConfig = OrgConfig['policies'][number];
export type SourceAccountConfig = OrgConfig['sourceAccounts'][number];
