/**
 * The configuration of the copy that survives a compromised Backup account: the logically
 * air-gapped vault per region and its RAM share, copies into it, restore testing, and the AWS
 * Backup delegated administrator. Field rules here; the rules between fields in air-gap-rules.ts.
 */
import { z } from 'zod';
import { AIR_GAPPED_MIN_RETENTION_DAYS, RESTORE_TESTING_RESOURCE_TYPES, type RestoreTestingResourceType } from '../modules/backup-account/facts';
import { ACCOUNT_ID, MAX_DAYS, SCHEDULE, VAULT_NAME } from './fields';

const airGappedLockDays = z
  .number()
  .int({ message: 'expected a whole number of days' })
  .min(AIR_GAPPED_MIN_RETENTION_DAYS, { message: `expected at least ${AIR_GAPPED_MIN_RETENTION_DAYS} days (AWS Backup's minimum for a logically air-gapped vault)` })
  .max(MAX_DAYS, { message: `expected at most ${MAX_DAYS} days (100 years, AWS's maximum)` });

/** `organization`, an OU id or a 12-digit account id; OUs are refused by a rule, with AWS's reason. */
const SHARE_PRINCIPAL = z.string().regex(/^(organization|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/, {
  message: 'expected organization, an OU id (ou-xxxx-xxxxxxxx) or a 12-digit account id',
});

export const airGappedVaultSchema = z.strictObject({
  name: VAULT_NAME.default('org-air-gapped').describe('Air-gapped vault name in every region: 2 to 50 of letters, digits, - and _; not the central vault name.'),
  minRetentionDays: airGappedLockDays.default(30).describe('Shortest retention the air-gapped vault accepts (7 to 36500); copies kept shorter are refused.'),
  maxRetentionDays: airGappedLockDays
    .default(3650)
    .describe('Longest retention the air-gapped vault accepts (greater than minRetentionDays, at most 36500); fixed at creation.'),
  encryption: z
    .enum(['aws-owned', 'customer-managed'])
    .default('aws-owned')
    .describe('aws-owned (AWS recommends it): a key AWS Backup owns; customer-managed: a dedicated key per region in the Backup account, hardened like the central key.'),
  shareWith: z
    .array(SHARE_PRINCIPAL)
    .min(1)
    .default(['organization'])
    .describe('Who may restore from the vault through an AWS RAM share inside the organization: organization (every source account) or account ids.'),
});

export const restoreTestingSchema = z.strictObject({
  schedule: SCHEDULE.default('cron(0 5 ? * SUN *)').describe('When restore tests run: AWS cron in UTC, at most once an hour; default weekly, Sunday 05:00.'),
  resourceTypes: z
    .array(z.enum(RESTORE_TESTING_RESOURCE_TYPES))
    .min(1)
    .optional()
    .describe(
      `Resource types to restore, one selection each (${RESTORE_TESTING_RESOURCE_TYPES.join(', ')}); default: the types the policies select, or all of them when a policy selects by tag alone or *.`,
    ),
  recoveryPoint: z
    .enum(['latest', 'random'])
    .default('latest')
    .describe('Which recovery point of the selection window is restored: the latest or a random one.'),
  selectionWindowDays: z.number().int().min(1).max(365).default(7).describe('Recovery points from this many recent days are eligible (1 to 365).'),
  startWindowHours: z.number().int().min(1).max(168).default(24).describe('Hours within which a test must start (1 to 168).'),
  includeAirGappedVault: z.boolean().default(true).describe('Also test restores from the air-gapped vault, when there is one.'),
});

export const airGappedCopySchema = z.strictObject({
  deleteAfterDays: z
    .number({ error: (issue) => (issue.input === undefined ? "required: the air-gapped vault is locked, so copies must expire between its minRetentionDays and maxRetentionDays" : undefined) })
    .int({ message: 'expected a whole number of days' })
    .min(1, { message: 'expected a retention of at least 1 day' })
    .max(MAX_DAYS, { message: `expected a retention of at most ${MAX_DAYS} days (100 years, AWS's maximum)` })
    .describe("Days after creation at which the air-gapped copy is deleted, between the air-gapped vault's minRetentionDays and maxRetentionDays."),
});

export const delegatedAdministratorSchema = z.strictObject({
  accountId: ACCOUNT_ID.describe('The AWS Backup delegated administrator: 12 digits, as a string; neither the management nor the Backup account.'),
  deployBackupPolicies: z
    .boolean()
    .default(false)
    .describe('true: the backup policies are created from this account (stack delegated-admin, after management) instead of the management account.'),
});

/**
 * The accounts the air-gapped vaults are shared with: `organization` stands for every source account
 * (AWS RAM shares such a vault with accounts only), then the account ids listed, each once, never
 * the Backup account itself.
 */
export function airGappedShareAccounts(config: {
  readonly sourceAccounts: readonly { readonly accountId: string }[];
  readonly backupAccount: { readonly accountId: string; readonly airGappedVault?: { readonly shareWith: readonly string[] } };
}): string[] {
  const shareWith = config.backupAccount.airGappedVault?.shareWith ?? [];
  const accounts = shareWith.flatMap((p) => (p === 'organization' ? config.sourceAccounts.map((a) => a.accountId) : /^\d{12}$/.test(p) ? [p] : []));
  return [...new Set(accounts)].filter((id) => id !== config.backupAccount.accountId);
}

/** The restore testing type of each selectable resource type (by service and resource, any partition). */
const RESTORE_TESTING_TYPES_OF: readonly [RegExp, readonly RestoreTestingResourceType[]][] = [
  [/^arn:[^:]+:dynamodb:\*:\*:table\/\*$/, ['DynamoDB']],
  [/^arn:[^:]+:ec2:\*:\*:instance\/\*$/, ['EC2']],
  [/^arn:[^:]+:ec2:\*:\*:volume\/\*$/, ['EBS']],
  [/^arn:[^:]+:elasticfilesystem:\*:\*:file-system\/\*$/, ['EFS']],
  // Aurora, DocumentDB and Neptune clusters share one ARN form.
  [/^arn:[^:]+:rds:\*:\*:cluster:\*$/, ['Aurora', 'DocumentDB', 'Neptune']],
  [/^arn:[^:]+:rds:\*:\*:db:\*$/, ['RDS']],
  [/^arn:[^:]+:s3:::\*$/, ['S3']],
  [/^arn:[^:]+:fsx:\*:\*:(file-system|volume)\/\*$/, ['FSx']],
];

/**
 * The types restore testing restores: those configured, else the types in use, that is the ones
 * the policies select (`selection.resourceTypes` less `notResourceTypes`), else, when any policy
 * selects by tag alone or `*`, every type restore testing supports (a type with no recovery point
 * has nothing to restore). Empty when the policies select only types restore testing cannot test.
 */
export function restoreTestingTypes(config: {
  readonly backupAccount: { readonly restoreTesting?: { readonly resourceTypes?: readonly RestoreTestingResourceType[] } };
  readonly policies: readonly { readonly selection: { readonly resourceTypes?: readonly string[]; readonly notResourceTypes?: readonly string[] } }[];
}): RestoreTestingResourceType[] {
  const configured = config.backupAccount.restoreTesting?.resourceTypes;
  if (configured) return [...configured];
  const selected = config.policies.map((p) => p.selection.resourceTypes?.filter((t) => !(p.selection.notResourceTypes ?? []).includes(t)));
  if (selected.some((types) => types === undefined || types.includes('*'))) return [...RESTORE_TESTING_RESOURCE_TYPES];
  const inUse = new Set(selected.flat().flatMap((type) => RESTORE_TESTING_TYPES_OF.find(([pattern]) => pattern.test(type as string))?.[1] ?? []));
  return RESTORE_TESTING_RESOURCE_TYPES.filter((type) => inUse.has(type));
}
