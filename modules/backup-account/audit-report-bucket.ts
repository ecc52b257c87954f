import { IamServiceLinkedRole } from '@cdktf/provider-aws/lib/iam-service-linked-role';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from '../shared/address';
import { denyReadOutsideOrganization, policyDocument, renderJson, type PolicyDocument } from '../shared/policy-document';

/** The service-linked role Backup Audit Manager writes reports with. */
export function backupReportsRoleArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`;
}

export interface AuditReportBucketProps {
  readonly partition: string;
  readonly accountId: string;
  readonly organizationId: string;
  readonly bucketName: string;
  readonly provider: TerraformProvider;
}

/**
 * The bucket Backup Audit Manager delivers its reports to: versioned, encrypted (SSE-S3), owner-
 * enforced, every public access blocked; only the report service's role may write, only TLS, and
 * nobody outside the organization may read. The policy names Backup Audit Manager's service-linked
 * role as its principal (AWS's required bucket policy), and S3 refuses a policy whose principal does
 * not exist: so the role is created here, before the policy (where it exists already, import it:
 * `terraform import aws_iam_service_linked_role.backup_reports <its ARN>`).
 */
export class AuditReportBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: AuditReportBucketProps) {
    super(scope, id);
    const { provider } = props;
    const address = 'audit_reports';
    const reportsRole = pinAddress(
      new IamServiceLinkedRole(this, 'reports-role', { provider, awsServiceName: 'reports.backup.amazonaws.com', description: 'Backup Audit Manager reports (org-backup)' }),
      'backup_reports',
    );
    this.bucket = pinAddress(new S3Bucket(this, 'bucket', { provider, bucket: props.bucketName, lifecycle: { preventDestroy: true } }), address);
    const bucket = this.bucket.id;
    pinAddress(new S3BucketVersioningA(this, 'versioning', { provider, bucket, versioningConfiguration: { status: 'Enabled' } }), address);
    pinAddress(
      new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', { provider, bucket, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] }),
      address,
    );
    pinAddress(
      new S3BucketPublicAccessBlock(this, 'public-access', { provider, bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
      address,
    );
    pinAddress(new S3BucketOwnershipControls(this, 'ownership', { provider, bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } }), address);
    pinAddress(new S3BucketPolicy(this, 'policy', { provider, bucket, policy: renderJson(auditBucketPolicy(props, this.bucket.arn, reportsRole.arn)) }), address);
  }
}

/** `reportsRolePrincipal`: the service-linked role as Terraform knows it (its ARN, once created). */
export function auditBucketPolicy(props: Pick<AuditReportBucketProps, 'partition' | 'accountId' | 'organizationId'>, bucketArn: string, reportsRolePrincipal: string): PolicyDocument {
  const reports = backupReportsRoleArn(props.partition, props.accountId);
  const objects = `${bucketArn}/*`;
  return policyDocument([
    {
      Sid: 'BackupAuditManagerWritesReports',
      Effect: 'Allow',
      Principal: { AWS: reportsRolePrincipal },
      Action: 's3:PutObject',
      Resource: objects,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    },
    {
      Sid: 'DenyWritesExceptBackupAuditManager',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:PutObject',
      Resource: objects,
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': reports } },
    },
    denyReadOutsideOrganization(['s3:GetObject', 's3:GetObjectVersion'], objects, props.organizationId),
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:*',
      Resource: [bucketArn, objects],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ]);
}
