/**
 * Rules of the security pack for what detection adds (the malware scanner role, the alert topic,
 * the audit report bucket): Compliance and Noncompliance per rule, on the smallest stack.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { backupRoleTrust } from '../../checks/rules/backup-role-trust';
import { bucketPublicAccessBlocked } from '../../checks/rules/bucket-public-access-blocked';
import { topicEncryptedWithCmk } from '../../checks/rules/topic-encrypted-with-cmk';
import { AuditReportBucket } from '../../modules/backup-account/audit-report-bucket';
import { AlertTopic } from '../../modules/backup-account/alert-topic';
import { EventForwarderRole } from '../../modules/shared/event-forwarder-role';
import { MalwareScanRole } from '../../modules/source-account/malware-scan-role';
import { expectCompliant, expectNoncompliant, OWN_ACCOUNT, policy, stackApp } from '../support/checks';

describe('OB-ROLE-TRUST-BACKUP backupRoleTrust on the malware scanner role', () => {
  it('Compliance: MalwareScanRole trusts GuardDuty Malware Protection only', () => {
    expectCompliant(backupRoleTrust, stackApp((stack, provider) => new MalwareScanRole(stack, 'scan', { partition: 'aws', roleName: 'OrgBackupMalwareScanRole', provider })));
  });
  it('Noncompliance 1: the scanner role trusting AWS Backup instead', () => {
    const app = stackApp((stack, provider) =>
      new IamRole(stack, 'r', { provider, name: 'r', assumeRolePolicy: policy({ Sid: 'Trust', Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }) }).overrideLogicalId('malware_scan'),
    );
    expectNoncompliant(backupRoleTrust, app, 'aws_iam_role.malware_scan', 'Trust trusts Service backup.amazonaws.com');
  });
});

describe('OB-SNS-CMK topicEncryptedWithCmk', () => {
  const topic = (kmsMasterKeyId?: string) =>
    stackApp((stack, provider) => new SnsTopic(stack, 't', { provider, name: 'alerts', ...(kmsMasterKeyId ? { kmsMasterKeyId } : {}) }).overrideLogicalId('t'));
  it('Compliance: AlertTopic encrypts with its own key', () => {
    expectCompliant(topicEncryptedWithCmk, stackApp((stack, provider) => new AlertTopic(stack, 'a', { partition: 'aws', region: 'eu-west-1', accountId: OWN_ACCOUNT, organizationId: 'o-a1b2c3d4e5', address: 'alerts', provider })));
  });
  it('Noncompliance 1: no key', () => {
    expectNoncompliant(topicEncryptedWithCmk, topic(), 'aws_sns_topic.t', 'kms_master_key_id is unset');
  });
  it('Noncompliance 2: the AWS managed key', () => {
    expectNoncompliant(topicEncryptedWithCmk, topic('alias/aws/sns'), 'aws_sns_topic.t', 'AWS managed key alias/aws/sns');
  });
});

describe('OB-ROLE-TRUST-BACKUP backupRoleTrust on the alert forwarder role', () => {
  it('Compliance: EventForwarderRole trusts EventBridge only', () => {
    expectCompliant(backupRoleTrust, stackApp((stack, provider) => new EventForwarderRole(stack, 'f', { accountId: OWN_ACCOUNT, roleName: 'OrgBackupAlertForwarder', targetBusArns: ['arn:aws:events:eu-west-1:222222222222:event-bus/default'], provider })));
  });
});

describe('OB-S3-PUBLIC-ACCESS-BLOCKED bucketPublicAccessBlocked', () => {
  const bucket = (block?: Record<string, boolean>) =>
    stackApp((stack, provider) => {
      const b = new S3Bucket(stack, 'b', { provider, bucket: 'reports' });
      b.overrideLogicalId('b');
      if (block) new S3BucketPublicAccessBlock(stack, 'pab', { provider, bucket: b.id, ...block }).overrideLogicalId('pab');
    });
  it('Compliance: AuditReportBucket blocks every public access', () => {
    expectCompliant(bucketPublicAccessBlocked, stackApp((stack, provider) => new AuditReportBucket(stack, 'a', { partition: 'aws', accountId: OWN_ACCOUNT, organizationId: 'o-a1b2c3d4e5', bucketName: 'reports', provider })));
  });
  it('Noncompliance 1: no public access block', () => {
    expectNoncompliant(bucketPublicAccessBlocked, bucket(), 'aws_s3_bucket.b', 'no aws_s3_bucket_public_access_block refers to the bucket');
  });
  it('Noncompliance 2: a block that leaves public policies allowed', () => {
    expectNoncompliant(bucketPublicAccessBlocked, bucket({ blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true }), 'aws_s3_bucket.b', 'block_public_policy not true');
  });
});
