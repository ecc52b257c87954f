/**
 * What the newer elements of an AWS Organizations backup policy accept, as AWS's "Backup policy
 * syntax and examples" page (orgs_manage_policies_backup_syntax) and the AWS Backup API reference
 * (ScanAction, ScanSetting, IndexAction) list them. One source for the document builder, the
 * validator and the README.
 */

/**
 * Resource types a `selections.resources` block accepts in `resource_types` and
 * `not_resource_types`, written for the `aws` partition (AWS's list); `"*"` selects every type.
 * Other partitions write their own partition in the ARN (`arn:aws-us-gov:ec2:*:*:volume/*`).
 */
export const SELECTABLE_RESOURCE_TYPES = [
  'arn:aws:backup-gateway:*:*:vm/*',
  'arn:aws:cloudformation:*:*:stack/*',
  'arn:aws:dynamodb:*:*:table/*',
  'arn:aws:ec2:*:*:instance/*',
  'arn:aws:ec2:*:*:volume/*',
  'arn:aws:elasticfilesystem:*:*:file-system/*',
  'arn:aws:rds:*:*:cluster:*',
  'arn:aws:rds:*:*:db:*',
  'arn:aws:redshift:*:*:cluster:*',
  'arn:aws:s3:::*',
  'arn:aws:ssm-sap:*:*:HANA/*',
  'arn:aws:storagegateway:*:*:gateway/*',
  'arn:aws:timestream:*:*:database/*',
  'arn:aws:fsx:*:*:file-system/*',
  'arn:aws:fsx:*:*:volume/*',
] as const;

/** The selectable resource types written for a partition. */
export function selectableResourceTypes(partition: string): string[] {
  return SELECTABLE_RESOURCE_TYPES.map((type) => type.replace(/^arn:aws:/, `arn:${partition}:`));
}

/** The resource type of EC2 instances, the only one Windows VSS applies to. */
export function ec2InstanceResourceType(partition: string): string {
  return `arn:${partition}:ec2:*:*:instance/*`;
}

/** AWS Backup limits a selection to 30 tag conditions (syntax page, `conditions`). */
export const MAX_SELECTION_CONDITIONS = 30;

/** GuardDuty Malware Protection for AWS Backup scans these recovery points (plan `scan_settings`). */
export const MALWARE_SCAN_RESOURCE_TYPES = ['EBS', 'EC2', 'S3'] as const;
export type MalwareScanResourceType = (typeof MALWARE_SCAN_RESOURCE_TYPES)[number];

/** The only malware scanner AWS Backup supports (ScanAction.MalwareScanner). */
export const MALWARE_SCANNER = 'GUARDDUTY';

/** `full`: every scan reads the whole recovery point; `incremental`: only what changed since the last scanned one. */
export const MALWARE_SCAN_MODES = { full: 'FULL_SCAN', incremental: 'INCREMENTAL_SCAN' } as const;
export type MalwareScanMode = keyof typeof MALWARE_SCAN_MODES;

/** Backup indexes (backup search) exist for EBS snapshots and S3 backups only (`index_actions`). */
export const INDEX_RESOURCE_TYPES = ['EBS', 'S3'] as const;
export type IndexResourceType = (typeof INDEX_RESOURCE_TYPES)[number];

/** Continuous backups (point-in-time restore) keep at most this many days (syntax page, `enable_continuous_backup`). */
export const CONTINUOUS_BACKUP_MAX_RETENTION_DAYS = 35;

/**
 * Resource types AWS Backup takes continuous backups of (AWS Backup's feature availability table,
 * "Continuous backup / point-in-time restore"): RDS databases, Aurora clusters, S3, SAP HANA.
 */
export function continuousBackupResourceTypes(partition: string): string[] {
  return ['rds:*:*:db:*', 'rds:*:*:cluster:*', 's3:::*', 'ssm-sap:*:*:HANA/*'].map((type) => `arn:${partition}:${type}`);
}
