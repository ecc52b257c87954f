import { backupPolicyDelegationStatements } from '../../modules/management/backup-delegated-administrator';

describe('backupPolicyDelegationStatements', () => {
  // AWS Organizations user guide, "Example: Consolidated permissions to manage an organization's backup policies".
  const statements = backupPolicyDelegationStatements({ accountId: '333333333333', partition: 'aws', managementAccountId: '111111111111', organizationId: 'o-abc123', rootId: 'r-ab12' });
  const principal = { AWS: 'arn:aws:iam::333333333333:root' };
  const backupPoliciesOnly = { StringLikeIfExists: { 'organizations:PolicyType': 'BACKUP_POLICY' } };

  it('lets the delegated administrator read the organization', () => {
    expect(statements[0]).toEqual({
      Sid: 'DelegateOrganizationRead',
      Effect: 'Allow',
      Principal: principal,
      Action: [
        'organizations:DescribeOrganization',
        'organizations:DescribeOrganizationalUnit',
        'organizations:DescribeAccount',
        'organizations:ListRoots',
        'organizations:ListOrganizationalUnitsForParent',
        'organizations:ListParents',
        'organizations:ListChildren',
        'organizations:ListAccounts',
        'organizations:ListAccountsForParent',
        'organizations:ListTagsForResource',
      ],
      Resource: '*',
    });
  });

  it('lets it read backup policies only', () => {
    expect(statements[1]).toEqual({
      Sid: 'DelegateBackupPolicyRead',
      Effect: 'Allow',
      Principal: principal,
      Action: ['organizations:DescribePolicy', 'organizations:DescribeEffectivePolicy', 'organizations:ListPolicies', 'organizations:ListPoliciesForTarget', 'organizations:ListTargetsForPolicy'],
      Resource: '*',
      Condition: backupPoliciesOnly,
    });
  });

  it('lets it manage backup policies on the root, OUs and accounts of this organization, not the policy type', () => {
    expect(statements.slice(2)).toEqual([
      {
        Sid: 'DelegateBackupPolicyManagement',
        Effect: 'Allow',
        Principal: principal,
        Action: ['organizations:CreatePolicy', 'organizations:UpdatePolicy', 'organizations:DeletePolicy', 'organizations:AttachPolicy', 'organizations:DetachPolicy'],
        Resource: [
          'arn:aws:organizations::111111111111:root/o-abc123/r-ab12',
          'arn:aws:organizations::111111111111:ou/o-abc123/*',
          'arn:aws:organizations::111111111111:account/o-abc123/*',
          'arn:aws:organizations::111111111111:policy/o-abc123/backup_policy/*',
        ],
        Condition: backupPoliciesOnly,
      },
    ]);
  });
});
