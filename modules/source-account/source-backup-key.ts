import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { accountRootArn } from '../shared/arn';
import { BackupKey } from '../shared/backup-key';
import { allowAccountAdministration, allowKeyUse, allowLaunchServicesThroughEc2 } from '../shared/key-policy-statements';
import { policyDocument } from '../shared/policy-document';

/** The source key's alias (without `alias/`); the optional SCP protects keys by this alias. */
export const SOURCE_KEY_ALIAS = 'org-backup';

export interface SourceBackupKeyProps {
  readonly partition: string;
  /** The key's region: EC2 Auto Scaling and Spot may use it only through EC2 here. */
  readonly region: string;
  /** The source account that owns the key. */
  readonly accountId: string;
  /** The Backup account, which copies recovery points out and back. */
  readonly backupAccountId: string;
  /** Logical id of the key and alias, e.g. `backup_eu-west-1`. */
  readonly address: string;
  /** @default 'org-backup' */
  readonly aliasName?: string;
  readonly provider: TerraformProvider;
}

/**
 * The source account's backup key. It encrypts the local vault and (as the default EBS key) the
 * volumes whose snapshots are copied, so the Backup account can use it for those copies and for
 * copies back (restore path), and may create grants only for AWS resources. AWS-managed keys such
 * as aws/ebs cannot be shared, which is why this key exists. As the default EBS key it must also
 * serve EC2 Auto Scaling and EC2 Spot, which launch volumes through their service-linked roles.
 */
export class SourceBackupKey extends BackupKey {
  constructor(scope: Construct, id: string, props: SourceBackupKeyProps) {
    super(scope, id, {
      address: props.address,
      aliasName: props.aliasName ?? SOURCE_KEY_ALIAS,
      description: 'AWS Backup and default EBS key, shareable with the organization Backup account',
      provider: props.provider,
      policy: policyDocument([
        allowAccountAdministration(props.partition, props.accountId),
        ...allowKeyUse('BackupAccount', { AWS: accountRootArn(props.partition, props.backupAccountId) }),
        ...allowLaunchServicesThroughEc2(props.partition, props.region, props.accountId),
      ]),
    });
  }
}
