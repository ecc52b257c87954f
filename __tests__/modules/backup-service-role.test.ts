import { BackupServiceRole } from '../../modules/shared/backup-service-role';
import { synthConstruct } from '../support/scope';
import { jsonAttribute, resource } from '../support/synth';

describe('BackupServiceRole', () => {
  const synth = (partition: string) =>
    synthConstruct((stack, provider) => new BackupServiceRole(stack, 'r', { partition, roleName: 'OrgBackupServiceRole', provider }));

  it('is named as configured and trusted by AWS Backup only', () => {
    const json = synth('aws');
    expect(resource(json, 'aws_iam_role.backup').name).toBe('OrgBackupServiceRole');
    expect(jsonAttribute(json, 'aws_iam_role.backup', 'assume_role_policy').Statement).toEqual([
      { Sid: 'AwsBackupOnly', Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
  });

  it.each([['aws'], ['aws-us-gov'], ['aws-cn']])('attaches the four AWS Backup managed policies in the %s partition', (partition) => {
    const attachments = synth(partition).resource?.aws_iam_role_policy_attachment ?? {};
    expect(Object.values(attachments).map((a) => a.policy_arn).sort()).toEqual([
      `arn:${partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup`,
      `arn:${partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore`,
      `arn:${partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup`,
      `arn:${partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores`,
    ]);
    expect(Object.values(attachments).every((a) => a.role === '${aws_iam_role.backup.name}')).toBe(true);
  });
});
