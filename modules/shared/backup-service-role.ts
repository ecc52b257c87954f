import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from './address';
import { attachManagedPolicies, serviceTrustPolicy } from './service-role';

/** AWS managed policies the backup role needs, by path under `arn:<partition>:iam::aws:policy/`. */
export const BACKUP_ROLE_MANAGED_POLICIES: readonly string[] = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'service-role/AWSBackupServiceRolePolicyForRestores',
  'AWSBackupServiceRolePolicyForS3Backup',
  'AWSBackupServiceRolePolicyForS3Restore',
];

/** The AWS managed policy that lets AWS Backup start GuardDuty malware scans and pass the scanner role. */
export const BACKUP_ROLE_SCAN_POLICY = 'AWSBackupServiceRolePolicyForScans';

export interface BackupServiceRoleProps {
  readonly partition: string;
  /** The role name; the organization backup policy refers to it as `arn:...:$account:role/<name>`. */
  readonly roleName: string;
  /** Also attach AWSBackupServiceRolePolicyForScans, for rules that scan for malware. @default false */
  readonly malwareScans?: boolean;
  readonly provider: TerraformProvider;
}

/** The IAM role AWS Backup assumes in a source account to back up and restore resources. */
export class BackupServiceRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: BackupServiceRoleProps) {
    super(scope, id);
    this.role = pinAddress(
      new IamRole(this, 'role', {
        provider: props.provider,
        name: props.roleName,
        description: 'Assumed by AWS Backup to run the organization backup policy',
        assumeRolePolicy: serviceTrustPolicy('AwsBackupOnly', 'backup.amazonaws.com'),
      }),
      'backup',
    );
    attachManagedPolicies(this, {
      // One reference for all attachments: cdktf captures a stack trace for every reference created.
      roleName: this.role.name,
      partition: props.partition,
      paths: [...BACKUP_ROLE_MANAGED_POLICIES, ...(props.malwareScans ? [BACKUP_ROLE_SCAN_POLICY] : [])],
      addressPrefix: 'backup',
      provider: props.provider,
    });
  }
}
