import { CentralBackupKey } from '../../modules/backup-account/central-backup-key';
import { keyDenyStatements } from '../support/protected-statements';
import { synthConstruct } from '../support/scope';
import { jsonAttribute, resource } from '../support/synth';

describe('CentralBackupKey without break-glass roles', () => {
  const deploymentRoleArn = 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole';
  const json = synthConstruct((stack, provider) => {
    new CentralBackupKey(stack, 'k', {
      partition: 'aws',
      region: 'eu-west-1',
      accountId: '222222222222',
      organizationId: 'o-a1b2c3d4e5',
      deploymentRoleArn,
      address: 'central_eu-west-1',
      provider,
    });
  });

  it('is aliased org-central-backup with its default description', () => {
    expect(resource(json, 'aws_kms_alias.central_eu-west-1').name).toBe('alias/org-central-backup');
    expect(resource(json, 'aws_kms_key.central_eu-west-1').description).toBe('Central backup vault key: organization use through the copy services only');
  });

  it('denies destruction and non-AWS-resource grants to everyone, and policy changes to all but the deployment role', () => {
    const denies = jsonAttribute(json, 'aws_kms_key.central_eu-west-1', 'policy').Statement.filter((s: { Effect: string }) => s.Effect === 'Deny');
    expect(denies).toEqual([
      ...keyDenyStatements(deploymentRoleArn),
      {
        Sid: 'DenyShortKeyDeletionWindow',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:ScheduleKeyDeletion',
        Resource: '*',
        Condition: { NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' } },
      },
    ]);
  });
});
