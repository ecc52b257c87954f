/**
 * The resource types of AWS Backup's service opt-in (the keys of UpdateRegionSettings'
 * `ResourceTypeOptInPreference`, as DescribeRegionSettings returns them), in one place for the
 * config validator, the region settings construct, the rule pack and the published modules.
 *
 * Sources: AWS Backup API reference, GetSupportedResourceTypes (Aurora, CloudFormation, DocumentDB,
 * DynamoDB, EBS, EC2, EFS, EKS, FSx, Neptune, RDS, Redshift, S3, SAP HANA on Amazon EC2, Storage
 * Gateway, Timestream, VirtualMachine), and the AWS provider's aws_backup_region_settings page,
 * which adds DSQL and Redshift Serverless. Keys match AWS's pattern ^[a-zA-Z0-9\-\_\.]{1,50}$ and
 * also carry spaces ("Storage Gateway"), as the API returns them.
 */
export const BACKUP_RESOURCE_TYPES = [
  'Aurora',
  'CloudFormation',
  'DocumentDB',
  'DSQL',
  'DynamoDB',
  'EBS',
  'EC2',
  'EFS',
  'EKS',
  'FSx',
  'Neptune',
  'RDS',
  'Redshift',
  'Redshift Serverless',
  'S3',
  'SAP HANA on Amazon EC2',
  'Storage Gateway',
  'Timestream',
  'VirtualMachine',
] as const;

export type BackupResourceType = (typeof BACKUP_RESOURCE_TYPES)[number];

/**
 * Types whose backups AWS Backup manages fully (`ResourceTypeManagementPreference`): with it, a
 * DynamoDB backup taken by a backup policy is an AWS Backup recovery point encrypted with the vault
 * key, so it can be copied to another account and moved to cold storage (advanced DynamoDB backup);
 * without it, the copy rule silently does nothing for DynamoDB.
 */
export const FULLY_MANAGED_RESOURCE_TYPES: readonly BackupResourceType[] = ['DynamoDB', 'EFS'];

/** The full opt-in map: every type explicit, opted in unless the overrides say otherwise. */
export function resourceTypeOptIn(overrides: Readonly<Record<string, boolean | undefined>> = {}): Record<string, boolean> {
  return Object.fromEntries(BACKUP_RESOURCE_TYPES.map((type) => [type, overrides[type] ?? true]));
}
