/**
 * Schema pieces for the backup policy's newer elements (AWS Organizations backup policy syntax):
 * selection by resource type, malware scans, backup indexes, continuous backups, Windows VSS and
 * the plan's own tags. The rules between these fields are in policy-feature-rules.ts.
 */
import { z } from 'zod';
import {
  INDEX_RESOURCE_TYPES,
  MALWARE_SCAN_MODES,
  MALWARE_SCAN_RESOURCE_TYPES,
  SELECTABLE_RESOURCE_TYPES,
} from '../modules/management/backup-policy-features';
import { IAM_ROLE_NAME, TAG_KEY, TAG_VALUE } from './fields';

/**
 * A resource type of `selections.resources`: `*` or an ARN pattern of AWS's list, in any partition
 * (checked against the configured partition by the rules).
 */
const RESOURCE_TYPE = z.string().regex(/^(\*|arn:aws(-us-gov|-cn)?:[a-z0-9-]+:[^\s]*)$/, {
  message: `expected * or a resource type of AWS's list, such as ${SELECTABLE_RESOURCE_TYPES[2]}`,
});

export const selectionSchema = z
  .strictObject({
    tagKey: TAG_KEY.optional().describe('Tag key that selects resources for this policy; with resourceTypes, a condition on the selected types.'),
    tagValues: z.array(TAG_VALUE).min(1).optional().describe('Tag values that select resources (any of them); exactly one beside resourceTypes.'),
    resourceTypes: z
      .array(RESOURCE_TYPE)
      .min(1)
      .optional()
      .describe('Resource types to back up (selections.resources): * or ARN patterns of AWS\'s list, e.g. arn:aws:dynamodb:*:*:table/*.'),
    notResourceTypes: z.array(RESOURCE_TYPE).min(1).optional().describe('Resource types left out of resourceTypes (same list; not *).'),
  })
  .describe('Resources backed up: by tag (tagKey and tagValues), by resource type (resourceTypes), or by type and one tag.');

export const malwareScanSchema = z
  .strictObject({
    mode: z
      .enum(Object.keys(MALWARE_SCAN_MODES) as [keyof typeof MALWARE_SCAN_MODES, ...(keyof typeof MALWARE_SCAN_MODES)[]])
      .describe('full: scan the whole recovery point every time; incremental: only what changed since the last scanned one.'),
  })
  .describe('Scan each new recovery point with Amazon GuardDuty Malware Protection for AWS Backup (scan_actions); billed by GuardDuty per GB scanned.');

export const backupIndexSchema = z
  .strictObject({
    resourceTypes: z.array(z.enum(INDEX_RESOURCE_TYPES)).min(1).describe('Recovery point types to index for backup search: EBS, S3.'),
  })
  .describe('Create a backup index of the recovery points for backup search (index_actions).');

/** Rule fields of the newer elements, merged into the rule schema. */
export const ruleFeatureFields = {
  malwareScan: malwareScanSchema.optional(),
  backupIndex: backupIndexSchema.optional(),
  continuousBackup: z
    .boolean()
    .optional()
    .describe('Continuous backups for point-in-time restore (enable_continuous_backup); retention at most 35 days, no cold storage.'),
};

/** Policy fields of the newer elements, merged into the policy schema. */
export const policyFeatureFields = {
  windowsVss: z.boolean().optional().describe('Windows VSS (application-consistent) backups of EC2 instances (advanced_backup_settings).'),
  planTags: z
    .record(TAG_KEY, TAG_VALUE)
    .optional()
    .describe('Tags on the backup plans themselves (backup_plan_tags; at most 50, keys not aws:).'),
  malwareScanResourceTypes: z
    .array(z.enum(MALWARE_SCAN_RESOURCE_TYPES))
    .min(1)
    .optional()
    .describe('Recovery point types GuardDuty scans where a rule has malwareScan (scan_settings): EBS, EC2, S3; default all three.'),
};

/** Top-level fields of the newer elements. */
export const orgFeatureFields = {
  malwareScanRoleName: IAM_ROLE_NAME.default('OrgBackupMalwareScanRole')
    .describe('IAM role GuardDuty Malware Protection assumes in every source account, created there when a rule has malwareScan.'),
};
