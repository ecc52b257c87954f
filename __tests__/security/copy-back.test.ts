/**
 * The copy back (restore path, issue 9 item 6), as synthesized for the example: the Backup account's
 * AWS Backup role that StartCopyJob passes (IamRoleArn), trusted by AWS Backup alone and holding the
 * backup and restore managed policies, is the very role every source vault lets copy in. The
 * scenarios (start in the Backup account, land in the source vault, use the source key) are in
 * security/properties.ts and proven in policy-proofs.test.ts; this file holds what is not a resource
 * policy decision: the role itself, and its trust policy evaluated for AWS Backup and another service.
 */
import { awsManagedPolicyArn, roleArn } from '../../modules/shared/arn';
import { decideForService } from '../../security/evaluation';
import { readSecuritySubjects } from '../../security/subjects';
import { exampleConfig, jsonAttribute, resource, synthApp } from '../support/synth';

const config = exampleConfig();
const out = synthApp(config);
const backup = out.stacks['backup-account'];
const BACKUP = config.backupAccount.accountId;

describe("the Backup account's AWS Backup role", () => {
  it('is named backupRoleName, like the role of every source account', () => {
    expect(resource(backup, 'aws_iam_role.backup').name).toBe(config.backupRoleName);
    expect(readSecuritySubjects(out).backupAccount.backupRoleName).toBe(config.backupRoleName);
  });

  it('holds the AWS Backup backup and restore managed policies', () => {
    const attached = Object.values(backup.resource?.aws_iam_role_policy_attachment ?? {})
      .filter((a) => a.role === '${aws_iam_role.backup.name}')
      .map((a) => a.policy_arn);
    expect(attached).toEqual(
      expect.arrayContaining([
        awsManagedPolicyArn(config.partition, 'service-role/AWSBackupServiceRolePolicyForBackup'),
        awsManagedPolicyArn(config.partition, 'service-role/AWSBackupServiceRolePolicyForRestores'),
      ]),
    );
  });

  describe('trust policy, evaluated', () => {
    const trust = jsonAttribute(backup, 'aws_iam_role.backup', 'assume_role_policy');
    const assume = (service: string) =>
      decideForService({ service, action: 'sts:AssumeRole', resource: roleArn(config.partition, BACKUP, config.backupRoleName), resourceAccount: BACKUP, resourcePolicy: trust, context: {} });

    it('lets AWS Backup assume it', async () => expect(await assume('backup.amazonaws.com')).toBe('Allowed'));
    it('refuses another service', async () => expect(await assume('ec2.amazonaws.com')).toBe('ImplicitlyDenied'));
  });

  it('is the only principal each source vault lets copy back in, in every region', () => {
    const expected = roleArn(config.partition, BACKUP, String(resource(backup, 'aws_iam_role.backup').name));
    const policies = config.sourceAccounts.flatMap((a) => config.regions.map((r) => jsonAttribute(out.stacks[`source-${a.name}`], `aws_backup_vault_policy.local_${r}`, 'policy')));
    expect(policies).toHaveLength(config.sourceAccounts.length * config.regions.length);
    for (const policy of policies) {
      expect(policy.Statement).toEqual([expect.objectContaining({ Sid: 'AllowCopyBackFromBackupAccount', Action: 'backup:CopyIntoBackupVault', Condition: { ArnEquals: { 'aws:PrincipalArn': expected } } })]);
    }
  });
});
