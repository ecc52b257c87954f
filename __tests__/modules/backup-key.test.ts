import { BackupKey } from '../../modules/shared/backup-key';
import { CentralBackupKey } from '../../modules/backup-account/central-backup-key';
import { policyDocument } from '../../modules/shared/policy-document';
import { SourceBackupKey } from '../../modules/source-account/source-backup-key';
import { synthConstruct } from '../support/scope';
import { jsonAttribute, resource } from '../support/synth';

describe('BackupKey', () => {
  const json = synthConstruct((stack, provider) => {
    new BackupKey(stack, 'k', { address: 'test', aliasName: 'test-key', description: 'd', policy: policyDocument([]), provider });
  });

  it('turns rotation on, waits 30 days before deletion and cannot be destroyed by Terraform', () => {
    const key = resource(json, 'aws_kms_key.test');
    expect(key.enable_key_rotation).toBe(true);
    expect(key.deletion_window_in_days).toBe(30);
    expect(key.lifecycle).toEqual({ prevent_destroy: true });
  });

  it('has an alias pointing at the key', () => {
    expect(resource(json, 'aws_kms_alias.test')).toMatchObject({ name: 'alias/test-key', target_key_id: '${aws_kms_key.test.key_id}' });
  });

  it('rejects a deletion window AWS would refuse', () => {
    expect(() =>
      synthConstruct((stack, provider) => {
        new BackupKey(stack, 'k', { address: 'x', aliasName: 'x', description: 'd', policy: policyDocument([]), deletionWindowInDays: 3, provider });
      }),
    ).toThrow('deletionWindowInDays is 3; allowed: 7 to 30');
  });

  it('accepts a deletion window of 7 to 30 days and refuses one day beyond either end (KMS PendingWindowInDays)', () => {
    const windowOf = (days: number) =>
      resource(
        synthConstruct((stack, provider) => {
          new BackupKey(stack, 'k', { address: 'x', aliasName: 'x', description: 'd', policy: policyDocument([]), deletionWindowInDays: days, provider });
        }),
        'aws_kms_key.x',
      ).deletion_window_in_days;
    expect([windowOf(7), windowOf(30)]).toEqual([7, 30]);
    expect(() => windowOf(6)).toThrow(new Error('BackupKey x: deletionWindowInDays is 6; allowed: 7 to 30'));
    expect(() => windowOf(31)).toThrow(new Error('BackupKey x: deletionWindowInDays is 31; allowed: 7 to 30'));
  });
});

describe('SourceBackupKey', () => {
  const json = synthConstruct((stack, provider) => {
    new SourceBackupKey(stack, 'k', { partition: 'aws', region: 'eu-west-1', accountId: '333333333333', backupAccountId: '222222222222', address: 'backup_eu-west-1', provider });
  });
  const policy = jsonAttribute(json, 'aws_kms_key.backup_eu-west-1', 'policy');
  const statement = (sid: string) => policy.Statement.find((s: { Sid: string }) => s.Sid === sid);

  it('lets only the owning account administer the key', () => {
    const admin = policy.Statement.filter((s: { Action: unknown }) => s.Action === 'kms:*');
    expect(admin).toEqual([expect.objectContaining({ Principal: { AWS: 'arn:aws:iam::333333333333:root' } })]);
  });

  it('lets the Backup account use the key for copies and restores, without administration', () => {
    expect(statement('BackupAccountUse')).toEqual({
      Sid: 'BackupAccountUse',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::222222222222:root' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
    });
  });

  it('lets the Backup account create grants only for AWS resources', () => {
    expect(statement('BackupAccountGrantsForAwsResources')).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::222222222222:root' },
      Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    });
  });
});

describe('CentralBackupKey', () => {
  const json = synthConstruct((stack, provider) => {
    new CentralBackupKey(stack, 'k', {
      partition: 'aws',
      region: 'eu-west-1',
      accountId: '222222222222',
      organizationId: 'o-a1b2c3d4e5',
      breakGlassRoleArns: ['arn:aws:iam::222222222222:role/break-glass'],
      deploymentRoleArn: 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole',
      address: 'central_eu-west-1',
      provider,
    });
  });
  const policy = jsonAttribute(json, 'aws_kms_key.central_eu-west-1', 'policy');
  const statement = (sid: string) => policy.Statement.find((s: { Sid: string }) => s.Sid === sid);

  it('lets organization principals use the key only through AWS Backup in its region', () => {
    const wildcard = policy.Statement.filter((s: { Effect: string; Principal: { AWS: string } }) => s.Effect === 'Allow' && s.Principal.AWS === '*');
    expect(wildcard).toHaveLength(2);
    for (const s of wildcard) {
      expect(s.Condition.StringEquals).toEqual({
        'aws:PrincipalOrgID': 'o-a1b2c3d4e5',
        'kms:ViaService': ['backup.eu-west-1.amazonaws.com', 'ec2.eu-west-1.amazonaws.com', 'rds.eu-west-1.amazonaws.com'],
      });
      expect(s.Action).not.toContain('kms:*');
      expect(s.Action.some((a: string) => /ScheduleKeyDeletion|DisableKey|PutKeyPolicy/.test(a))).toBe(false);
    }
  });

  it('denies disabling or deleting the key to everyone but the break-glass roles', () => {
    expect(statement('DenyKeyDestruction')).toEqual({
      Sid: 'DenyKeyDestruction',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['kms:ScheduleKeyDeletion', 'kms:DisableKey'],
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::222222222222:role/break-glass'] } },
    });
  });

  it('denies key policy and rotation changes to everyone but the break-glass and deployment roles', () => {
    expect(statement('DenyKeyProtectionChanges')).toEqual({
      Sid: 'DenyKeyProtectionChanges',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['kms:PutKeyPolicy', 'kms:DisableKeyRotation'],
      Resource: '*',
      Condition: {
        ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::222222222222:role/break-glass', 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole'] },
      },
    });
  });

  it('keeps administration with the Backup account', () => {
    const admin = policy.Statement.filter((s: { Action: unknown }) => s.Action === 'kms:*');
    expect(admin).toEqual([expect.objectContaining({ Principal: { AWS: 'arn:aws:iam::222222222222:root' } })]);
  });
});
