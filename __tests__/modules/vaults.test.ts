import { CentralVault } from '../../modules/backup-account/central-vault';
import { EbsDefaultEncryption } from '../../modules/source-account/ebs-default-encryption';
import { SourceVault } from '../../modules/source-account/source-vault';
import { synthConstruct } from '../support/scope';
import { jsonAttribute, resource } from '../support/synth';

describe('SourceVault', () => {
  const json = synthConstruct((stack, provider) => {
    new SourceVault(stack, 'v', {
      partition: 'aws',
      vaultName: 'org-local-backup',
      kmsKeyArn: 'arn:aws:kms:eu-west-1:333333333333:key/abc',
      backupAccountId: '222222222222',
      copyBackRoleName: 'OrgBackupServiceRole',
      address: 'local_eu-west-1',
      provider,
    });
  });

  it('is encrypted with the given key and cannot be destroyed by Terraform', () => {
    expect(resource(json, 'aws_backup_vault.local_eu-west-1')).toMatchObject({
      name: 'org-local-backup',
      kms_key_arn: 'arn:aws:kms:eu-west-1:333333333333:key/abc',
      lifecycle: { prevent_destroy: true },
    });
  });

  it("lets the Backup account's AWS Backup role copy recovery points back, and nothing else", () => {
    expect(jsonAttribute(json, 'aws_backup_vault_policy.local_eu-west-1', 'policy').Statement).toEqual([
      {
        Sid: 'AllowCopyBackFromBackupAccount',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::222222222222:root' },
        Action: 'backup:CopyIntoBackupVault',
        Resource: '*',
        Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::222222222222:role/OrgBackupServiceRole' } },
      },
    ]);
  });
});

describe('EbsDefaultEncryption', () => {
  it('turns default EBS encryption on with the customer-managed key', () => {
    const json = synthConstruct((stack, provider) => {
      new EbsDefaultEncryption(stack, 'e', { kmsKeyArn: 'arn:aws:kms:eu-west-1:333333333333:key/abc', address: 'eu-west-1', provider });
    });
    expect(resource(json, 'aws_ebs_encryption_by_default.eu-west-1').enabled).toBe(true);
    expect(resource(json, 'aws_ebs_default_kms_key.eu-west-1').key_arn).toBe('arn:aws:kms:eu-west-1:333333333333:key/abc');
  });
});

describe('CentralVault', () => {
  const props = {
    vaultName: 'org-central-backup',
    kmsKeyArn: 'arn:aws:kms:eu-west-1:222222222222:key/central',
    organizationId: 'o-a1b2c3d4e5',
    organizationRootId: 'r-a1b2',
    breakGlassRoleArns: ['arn:aws:iam::222222222222:role/break-glass'],
    deploymentRoleArn: 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole',
    address: 'central_eu-west-1',
  };
  const governance = { mode: 'governance' as const, minRetentionDays: 7, maxRetentionDays: 3650 };
  const synth = (overrides: Partial<typeof props> & { lock?: typeof governance | object } = {}) =>
    synthConstruct((stack, provider) => {
      new CentralVault(stack, 'v', { ...props, lock: governance, ...overrides, provider } as never);
    });
  const json = synth();
  const statements = jsonAttribute(json, 'aws_backup_vault_policy.central_eu-west-1', 'policy').Statement;
  const statement = (sid: string) => statements.find((s: { Sid: string }) => s.Sid === sid);

  it('is encrypted with the central key and cannot be destroyed by Terraform', () => {
    expect(resource(json, 'aws_backup_vault.central_eu-west-1')).toMatchObject({
      kms_key_arn: props.kmsKeyArn,
      lifecycle: { prevent_destroy: true },
    });
  });

  it('allows CopyIntoBackupVault only to principals of the organization', () => {
    const allows = statements.filter((s: { Effect: string }) => s.Effect === 'Allow');
    expect(allows).toEqual([
      {
        Sid: 'AllowCopyIntoFromOrganization',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'backup:CopyIntoBackupVault',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      },
    ]);
  });

  it('denies deleting or shortening recovery points, and deleting the vault, to all but break-glass roles', () => {
    expect(statement('DenyRecoveryPointDestruction')).toEqual({
      Sid: 'DenyRecoveryPointDestruction',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle', 'backup:DeleteBackupVault'],
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::222222222222:role/break-glass'] } },
    });
  });

  it('denies policy and lock changes to all but break-glass roles and the deployment role', () => {
    expect(statement('DenyVaultProtectionChanges')).toMatchObject({
      Effect: 'Deny',
      Action: ['backup:PutBackupVaultAccessPolicy', 'backup:DeleteBackupVaultAccessPolicy', 'backup:PutBackupVaultLockConfiguration', 'backup:DeleteBackupVaultLockConfiguration'],
      Condition: { ArnNotLike: { 'aws:PrincipalArn': [...props.breakGlassRoleArns, props.deploymentRoleArn] } },
    });
  });

  it('denies copies out to vaults outside the organization to all but break-glass roles', () => {
    expect(statement('DenyCopyOutOfOrganization')).toMatchObject({
      Effect: 'Deny',
      Action: 'backup:CopyFromBackupVault',
      Condition: {
        'ForAllValues:StringNotLike': { 'backup:CopyTargetOrgPaths': ['o-a1b2c3d4e5/r-a1b2/*'] },
        ArnNotLike: { 'aws:PrincipalArn': props.breakGlassRoleArns },
      },
    });
  });

  it('denies destruction to everyone when there is no break-glass role', () => {
    const none = jsonAttribute(synth({ breakGlassRoleArns: [] }), 'aws_backup_vault_policy.central_eu-west-1', 'policy');
    expect(none.Statement.find((s: { Sid: string }) => s.Sid === 'DenyRecoveryPointDestruction').Condition).toBeUndefined();
  });

  it('locks the vault in governance mode without a grace period', () => {
    const lock = resource(json, 'aws_backup_vault_lock_configuration.central_eu-west-1');
    expect(lock).toMatchObject({ min_retention_days: 7, max_retention_days: 3650, backup_vault_name: '${aws_backup_vault.central_eu-west-1.name}' });
    expect(lock.changeable_for_days).toBeUndefined();
  });

  it('keeps Terraform from replacing the lock: prevent_destroy (every argument forces replacement in the provider)', () => {
    expect(resource(json, 'aws_backup_vault_lock_configuration.central_eu-west-1').lifecycle).toEqual({ prevent_destroy: true });
  });

  it('locks the vault in compliance mode with the grace period', () => {
    const lock = resource(
      synth({ lock: { mode: 'compliance', minRetentionDays: 7, maxRetentionDays: 3650, changeableForDays: 3 } }),
      'aws_backup_vault_lock_configuration.central_eu-west-1',
    );
    expect(lock.changeable_for_days).toBe(3);
  });

  it.each([
    [{ mode: 'governance', minRetentionDays: 0, maxRetentionDays: 10 }, 'minRetentionDays is 0'],
    [{ mode: 'governance', minRetentionDays: 10, maxRetentionDays: 10 }, 'must be greater than minRetentionDays'],
    [{ mode: 'governance', minRetentionDays: 1, maxRetentionDays: 40000 }, 'maxRetentionDays is 40000'],
    [{ mode: 'compliance', minRetentionDays: 1, maxRetentionDays: 10, changeableForDays: 2 }, 'changeableForDays of at least 3'],
  ])('rejects the lock %j', (lock, message) => {
    expect(() => synth({ lock })).toThrow(message);
  });
});
