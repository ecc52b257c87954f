import { buildBackupProtectionScp, SCP_MAX_CHARACTERS } from '../../modules/management/backup-protection-scp';

/** The role actions the SCP denies on the exempt roles, written out (not read from the construct). */
const ROLE_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
];

describe('buildBackupProtectionScp', () => {
  const props = {
    partition: 'aws',
    vaultNames: ['org-local-backup', 'org-central-backup'],
    backupRoleName: 'OrgBackupServiceRole',
    deploymentRoleNames: ['OrganizationAccountAccessRole'],
    keyAliases: ['org-backup', 'org-central-backup'],
    backupAccountId: '222222222222',
    breakGlassRoleArns: ['arn:aws:iam::222222222222:role/backup-break-glass'],
  };
  const scp = buildBackupProtectionScp(props);
  const statement = (sid: string) => scp.Statement.find((s) => s.Sid === sid)!;
  const exempt = {
    'aws:PrincipalArn': [
      'arn:aws:iam::*:role/OrganizationAccountAccessRole',
      'arn:aws:iam::*:role/OrgBackupServiceRole',
      'arn:aws:iam::222222222222:role/backup-break-glass',
    ],
  };

  it('is a deny-only policy: it never grants anything', () => {
    expect(scp.Statement.map((s) => s.Effect)).toEqual(['Deny', 'Deny', 'Deny', 'Deny', 'Deny', 'Deny', 'Deny', 'Deny']);
    expect(scp.Statement.every((s) => s.Principal === undefined)).toBe(true);
  });

  it('scopes the vault statement to the vault names, everyone but the exempt roles', () => {
    expect(statement('ProtectBackupVaults')).toMatchObject({
      Resource: ['arn:aws:backup:*:*:backup-vault:org-local-backup', 'arn:aws:backup:*:*:backup-vault:org-central-backup'],
      Condition: { ArnNotLike: exempt },
    });
    expect(statement('ProtectBackupVaults').Action).toEqual([
      'backup:CreateBackupVault',
      'backup:DeleteBackupVault',
      'backup:PutBackupVaultAccessPolicy',
      'backup:DeleteBackupVaultAccessPolicy',
      'backup:PutBackupVaultLockConfiguration',
      'backup:DeleteBackupVaultLockConfiguration',
    ]);
  });

  it('scopes the role statement to the backup role', () => {
    expect(statement('ProtectBackupRole')).toMatchObject({ Resource: 'arn:aws:iam::*:role/OrgBackupServiceRole', Condition: { ArnNotLike: exempt } });
  });

  it('keeps the exempt roles (deployment, break-glass) from being re-trusted, re-permissioned or created by anyone but the deployment role', () => {
    expect(statement('ProtectExemptRoles')).toMatchObject({
      Resource: ['arn:aws:iam::*:role/OrganizationAccountAccessRole', 'arn:aws:iam::222222222222:role/backup-break-glass'],
      Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/OrganizationAccountAccessRole'] } },
    });
    expect(statement('ProtectExemptRoles').Action).toEqual(ROLE_ACTIONS);
  });

  it('scopes the key statements to the backup key aliases', () => {
    expect(statement('ProtectBackupKeys').Condition).toEqual({
      ArnNotLike: exempt,
      'ForAnyValue:StringEquals': { 'kms:ResourceAliases': ['alias/org-backup', 'alias/org-central-backup'] },
    });
    expect(statement('ProtectBackupKeyAliases').Resource).toEqual(['arn:aws:kms:*:*:alias/org-backup', 'arn:aws:kms:*:*:alias/org-central-backup']);
  });

  it('keeps snapshot sharing through EC2 and RDS in the Backup account to break-glass and the AWS Backup role', () => {
    expect(statement('ProtectBackupAccountSnapshots')).toEqual({
      Sid: 'ProtectBackupAccountSnapshots',
      Effect: 'Deny',
      Action: ['ec2:ModifySnapshotAttribute', 'rds:ModifyDBSnapshotAttribute', 'rds:ModifyDBClusterSnapshotAttribute'],
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:PrincipalAccount': '222222222222' },
        ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::222222222222:role/OrgBackupServiceRole', 'arn:aws:iam::222222222222:role/backup-break-glass'] },
      },
    });
  });

  it('keeps member accounts in the organization, only the deployment role exempt', () => {
    expect(statement('StayInTheOrganization')).toMatchObject({
      Action: ['organizations:LeaveOrganization'],
      Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/OrganizationAccountAccessRole'] } },
    });
  });

  it('uses the partition in every ARN', () => {
    const json = JSON.stringify(buildBackupProtectionScp({ ...props, partition: 'aws-us-gov', breakGlassRoleArns: [] }));
    expect(json).not.toContain('arn:aws:');
    expect(json).toContain('arn:aws-us-gov:iam::*:role/OrgBackupServiceRole');
  });

  it('refuses a policy longer than AWS allows', () => {
    const many = Array.from({ length: 60 }, (_, i) => `arn:aws:iam::222222222222:role/break-glass-role-with-a-long-name-${i}`);
    expect(() => buildBackupProtectionScp({ ...props, breakGlassRoleArns: many })).toThrow(`AWS allows at most ${SCP_MAX_CHARACTERS}`);
  });
});

describe('buildBackupProtectionScp: AWS Backup settings', () => {
  const scp = buildBackupProtectionScp({ partition: 'aws', vaultNames: ['v'], backupRoleName: 'b', deploymentRoleNames: ['Deploy'], keyAliases: ['k'], backupAccountId: '222222222222', breakGlassRoleArns: ['arn:aws:iam::222222222222:role/bg'] });
  it('denies UpdateRegionSettings and UpdateGlobalSettings to all but the deployment and break-glass roles', () => {
    expect(scp.Statement.find((s) => s.Sid === 'ProtectBackupSettings')).toEqual({
      Sid: 'ProtectBackupSettings',
      Effect: 'Deny',
      Action: ['backup:UpdateRegionSettings', 'backup:UpdateGlobalSettings'],
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/Deploy', 'arn:aws:iam::222222222222:role/bg'] } },
    });
  });
});

describe('buildBackupProtectionScp: actions, no break-glass role, and the size limit', () => {
  const props = { partition: 'aws', vaultNames: ['v'], backupRoleName: 'b', deploymentRoleNames: ['Deploy'], keyAliases: ['k'], backupAccountId: '222222222222' };

  it('denies exactly these actions, statement by statement', () => {
    const roleActions = ROLE_ACTIONS;
    expect(Object.fromEntries(buildBackupProtectionScp(props).Statement.map((s) => [s.Sid, s.Action]))).toEqual({
      ProtectBackupVaults: [
        'backup:CreateBackupVault',
        'backup:DeleteBackupVault',
        'backup:PutBackupVaultAccessPolicy',
        'backup:DeleteBackupVaultAccessPolicy',
        'backup:PutBackupVaultLockConfiguration',
        'backup:DeleteBackupVaultLockConfiguration',
      ],
      ProtectBackupRole: roleActions,
      ProtectExemptRoles: roleActions,
      ProtectBackupKeys: ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy', 'kms:DisableKeyRotation'],
      ProtectBackupKeyAliases: ['kms:DeleteAlias', 'kms:UpdateAlias'],
      ProtectBackupAccountSnapshots: ['ec2:ModifySnapshotAttribute', 'rds:ModifyDBSnapshotAttribute', 'rds:ModifyDBClusterSnapshotAttribute'],
      ProtectBackupSettings: ['backup:UpdateRegionSettings', 'backup:UpdateGlobalSettings'],
      StayInTheOrganization: ['organizations:LeaveOrganization'],
    });
  });

  it('exempts only the deployment and AWS Backup roles when no break-glass role is given', () => {
    const conditions = Object.fromEntries(buildBackupProtectionScp(props).Statement.map((s) => [s.Sid, [s.Resource, s.Condition]]));
    const exempt = { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/Deploy', 'arn:aws:iam::*:role/b'] } };
    const deployOnly = { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/Deploy'] } };
    expect(conditions).toEqual({
      ProtectBackupVaults: [['arn:aws:backup:*:*:backup-vault:v'], exempt],
      ProtectBackupRole: ['arn:aws:iam::*:role/b', exempt],
      ProtectExemptRoles: [['arn:aws:iam::*:role/Deploy'], deployOnly],
      ProtectBackupKeys: ['*', { ...exempt, 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': ['alias/k'] } }],
      ProtectBackupKeyAliases: [['arn:aws:kms:*:*:alias/k'], exempt],
      ProtectBackupAccountSnapshots: ['*', { StringEquals: { 'aws:PrincipalAccount': '222222222222' }, ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::222222222222:role/b'] } }],
      ProtectBackupSettings: ['*', deployOnly],
      StayInTheOrganization: ['*', deployOnly],
    });
  });

  it('accepts a policy of exactly the limit and refuses one character more', () => {
    const base = JSON.stringify(buildBackupProtectionScp(props)).length;
    // The vault name appears once in the document: each character of it is one of the policy.
    const sized = (length: number) => ({ ...props, vaultNames: ['v'.repeat(1 + length - base)] });
    expect(JSON.stringify(buildBackupProtectionScp(sized(SCP_MAX_CHARACTERS))).length).toBe(SCP_MAX_CHARACTERS);
    expect(() => buildBackupProtectionScp(sized(SCP_MAX_CHARACTERS + 1))).toThrow(
      new Error(`backup protection SCP: ${SCP_MAX_CHARACTERS + 1} characters; AWS allows at most 5120 (fewer break-glass roles shorten it)`),
    );
  });
});
