/**
 * Facts of the Backup account's resources that the configuration's validator checks too, apart from
 * the constructs so that it reads them without loading cdktf and the provider.
 */

/** AWS Backup refuses a logically air-gapped vault whose minimum retention is under 7 days. */
export const AIR_GAPPED_MIN_RETENTION_DAYS = 7;

/** The protected resource types a restore testing selection accepts (AWS Backup API, RestoreTestingSelectionForCreate). */
export const RESTORE_TESTING_RESOURCE_TYPES = ['Aurora', 'DocumentDB', 'DynamoDB', 'EBS', 'EC2', 'EFS', 'FSx', 'Neptune', 'RDS', 'S3'] as const;
export type RestoreTestingResourceType = (typeof RESTORE_TESTING_RESOURCE_TYPES)[number];
