/**
 * Every rule of the security pack, with the smallest stack that shows it compliant and the smallest
 * stacks that show each way it can fail.
 */
import { BackupRegionSettings as BackupRegionSettingsResource } from '@cdktf/provider-aws/lib/backup-region-settings';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultLockConfiguration } from '@cdktf/provider-aws/lib/backup-vault-lock-configuration';
import { BackupVaultPolicy } from '@cdktf/provider-aws/lib/backup-vault-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { TerraformStack } from 'cdktf';
import { backupRegionSettingsExplicit } from '../../checks/rules/backup-region-settings-explicit';
import { backupRoleTrust } from '../../checks/rules/backup-role-trust';
// The actions are pinned one by one in rules/central-vault-denies-destruction.test.ts.
import { CENTRAL_VAULT_DENIED_ACTIONS as ALL_CENTRAL_DENIES, centralVaultDeniesDestruction } from '../../checks/rules/central-vault-denies-destruction';
import { centralKeyDeniesForeignGrants } from '../../checks/rules/central-key-denies-foreign-grants';
import { centralVaultLocked } from '../../checks/rules/central-vault-locked';
import { copyRetentionWithinLock } from '../../checks/rules/copy-retention-within-lock';
import { ebsDefaultKeyServesLaunchServices } from '../../checks/rules/ebs-default-key-serves-launch-services';
import { grantsOnlyForAwsResources } from '../../checks/rules/grants-only-for-aws-resources';
import { keyDeletionWindow } from '../../checks/rules/key-deletion-window';
import { keyDeniesShortDeletionWindow } from '../../checks/rules/key-denies-short-deletion-window';
import { keyRotation } from '../../checks/rules/key-rotation';
import { noCrossStackToken } from '../../checks/rules/no-cross-stack-token';
import { noServiceWildcardToOtherAccount } from '../../checks/rules/no-service-wildcard-to-other-account';
import { policyInIamCatalogue } from '../../checks/rules/policy-in-iam-catalogue';
import { preventDestroy } from '../../checks/rules/prevent-destroy';
import { vaultEncryptedWithCmk } from '../../checks/rules/vault-encrypted-with-cmk';
import { sourceVaultCopyBackOnly } from '../../checks/rules/source-vault-copy-back-only';
import { SourceVault } from '../../modules/source-account/source-vault';
import { vaultLockComplianceMode } from '../../checks/rules/vault-lock-compliance-mode';
import { wildcardPrincipalNeedsOrganization } from '../../checks/rules/wildcard-principal-needs-organization';
import { BackupRegionSettings } from '../../modules/shared/backup-region-settings';
import { BackupServiceRole } from '../../modules/shared/backup-service-role';
import { CentralBackupKey } from '../../modules/backup-account/central-backup-key';
import { CentralVault } from '../../modules/backup-account/central-vault';
import { EbsDefaultEncryption } from '../../modules/source-account/ebs-default-encryption';
import { SourceBackupKey } from '../../modules/source-account/source-backup-key';
import { SynthesizedApp } from '../../checks/model';
import { expectCompliant, expectNoncompliant, outcomes, OWN_ACCOUNT, policy, stackApp } from '../support/checks';

const OTHER = '333333333333';
const ORG = 'o-a1b2c3d4e5';
const key = (stack: TerraformStack, provider: AwsProvider, name: string, extra: Record<string, unknown> = {}) => {
  const k = new KmsKey(stack, name, { provider, enableKeyRotation: true, deletionWindowInDays: 30, lifecycle: { preventDestroy: true }, ...extra });
  k.overrideLogicalId(name);
  return k;
};
const centralVault = (stack: TerraformStack, provider: AwsProvider, lock = { mode: 'governance' as const, minRetentionDays: 7, maxRetentionDays: 90 }) =>
  new CentralVault(stack, 'central', {
    vaultName: 'org-central-backup',
    kmsKeyArn: `arn:aws:kms:eu-west-1:${OWN_ACCOUNT}:key/abc`,
    organizationId: ORG,
    organizationRootId: 'r-a1b2',
    breakGlassRoleArns: [`arn:aws:iam::${OWN_ACCOUNT}:role/break-glass`],
    deploymentRoleArn: `arn:aws:iam::${OWN_ACCOUNT}:role/OrganizationAccountAccessRole`,
    lock,
    address: 'central',
    provider,
  });
const centralKey = (stack: TerraformStack, provider: AwsProvider) =>
  new CentralBackupKey(stack, 'central-key', {
    partition: 'aws',
    region: 'eu-west-1',
    accountId: OWN_ACCOUNT,
    organizationId: ORG,
    deploymentRoleArn: `arn:aws:iam::${OWN_ACCOUNT}:role/OrganizationAccountAccessRole`,
    address: 'central',
    provider,
  });
const sourceKey = (stack: TerraformStack, provider: AwsProvider) =>
  new SourceBackupKey(stack, 'source-key', { partition: 'aws', region: 'eu-west-1', accountId: OWN_ACCOUNT, backupAccountId: OTHER, address: 'source', provider });
/** A vault open to the organization's copies, with a policy and (optionally) a lock, from raw resources. */
const openVault = (stack: TerraformStack, provider: AwsProvider, statements: object[], withLock: boolean) => {
  const vault = new BackupVault(stack, 'v', { provider, name: 'open', kmsKeyArn: `arn:aws:kms:eu-west-1:${OWN_ACCOUNT}:key/abc`, lifecycle: { preventDestroy: true } });
  vault.overrideLogicalId('open');
  new BackupVaultPolicy(stack, 'p', { provider, backupVaultName: vault.name, policy: policy(...statements) }).overrideLogicalId('open');
  if (withLock) new BackupVaultLockConfiguration(stack, 'l', { provider, backupVaultName: vault.name, minRetentionDays: 7, maxRetentionDays: 90 });
};
const copyIntoFromOrg = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'backup:CopyIntoBackupVault', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } };

describe('OB-KMS-ROTATION keyRotation', () => {
  it('Compliance: BackupKey turns rotation on', () => {
    expectCompliant(keyRotation, stackApp((stack, provider) => sourceKey(stack, provider)));
  });
  it('Noncompliance 1: rotation unset', () => {
    expectNoncompliant(keyRotation, stackApp((stack, provider) => key(stack, provider, 'k', { enableKeyRotation: undefined })), 'aws_kms_key.k', 'enable_key_rotation is unset');
  });
  it('Noncompliance 2: rotation off', () => {
    expectNoncompliant(keyRotation, stackApp((stack, provider) => key(stack, provider, 'k', { enableKeyRotation: false })), 'aws_kms_key.k', 'enable_key_rotation is false');
  });
});

describe('OB-KMS-DELETION-WINDOW keyDeletionWindow', () => {
  it('Compliance: 30 days, and unset (Terraform defaults to 30)', () => {
    expectCompliant(
      keyDeletionWindow,
      stackApp((stack, provider) => {
        key(stack, provider, 'a');
        key(stack, provider, 'b', { deletionWindowInDays: undefined });
      }),
    );
  });
  it('Noncompliance 1: a shorter window', () => {
    expectNoncompliant(keyDeletionWindow, stackApp((stack, provider) => key(stack, provider, 'k', { deletionWindowInDays: 7 })), 'aws_kms_key.k', 'deletion_window_in_days is 7');
  });
});

describe('OB-KMS-DENIES-SHORT-DELETION keyDeniesShortDeletionWindow', () => {
  const shortWindowDeny = (condition: object) => ({ Sid: 'D', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:ScheduleKeyDeletion', Resource: '*', Condition: condition });
  const keyWith = (...statements: object[]) => stackApp((stack, provider) => key(stack, provider, 'k', { policy: policy(...statements) }));
  it('Compliance: the source and central keys (BackupKey appends the deny), and the <= 29 form', () => {
    expectCompliant(
      keyDeniesShortDeletionWindow,
      stackApp((stack, provider) => {
        sourceKey(stack, provider);
        centralKey(stack, provider);
        key(stack, provider, 'k', { policy: policy(shortWindowDeny({ NumericLessThanEquals: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '29' } })) });
      }),
    );
  });
  it('Noncompliance 1: a key without a policy', () => {
    expectNoncompliant(keyDeniesShortDeletionWindow, stackApp((stack, provider) => key(stack, provider, 'k')), 'aws_kms_key.k', 'no readable key policy');
  });
  it('Noncompliance 2: a deny of windows under 7 days only (a bound below 30)', () => {
    const app = keyWith(shortWindowDeny({ NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '7' } }));
    expectNoncompliant(keyDeniesShortDeletionWindow, app, 'aws_kms_key.k', 'no unconditional deny');
  });
  it('Noncompliance 3: the deny exempts a role', () => {
    const app = keyWith(
      shortWindowDeny({
        NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' },
        ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${OWN_ACCOUNT}:role/break-glass` },
      }),
    );
    expectNoncompliant(keyDeniesShortDeletionWindow, app, 'aws_kms_key.k', 'no unconditional deny');
  });
  it('Noncompliance 4: the deny names one principal, not *', () => {
    const app = keyWith({ ...shortWindowDeny({ NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' } }), Principal: { AWS: `arn:aws:iam::${OWN_ACCOUNT}:role/x` } });
    expectNoncompliant(keyDeniesShortDeletionWindow, app, 'aws_kms_key.k', 'no unconditional deny');
  });
});

describe('OB-KMS-CENTRAL-DENIES-FOREIGN-GRANTS centralKeyDeniesForeignGrants', () => {
  /** A vault open to the organization's copies, encrypted with the given key. */
  const orgVaultUnder = (stack: TerraformStack, provider: AwsProvider, keyArn: string) => {
    const vault = new BackupVault(stack, 'v', { provider, name: 'open', kmsKeyArn: keyArn, lifecycle: { preventDestroy: true } });
    vault.overrideLogicalId('open');
    new BackupVaultPolicy(stack, 'p', { provider, backupVaultName: vault.name, policy: policy(copyIntoFromOrg) }).overrideLogicalId('open');
  };
  const grantDeny = (condition: object) => ({ Sid: 'G', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:CreateGrant', Resource: '*', Condition: condition });
  const keyWith = (...statements: object[]) =>
    stackApp((stack, provider) => orgVaultUnder(stack, provider, key(stack, provider, 'k', { policy: policy(...statements) }).arn));
  it('Compliance: CentralBackupKey under the vault that receives the copies', () => {
    expectCompliant(
      centralKeyDeniesForeignGrants,
      stackApp((stack, provider) => {
        const k = new CentralBackupKey(stack, 'central-key', {
          partition: 'aws', region: 'eu-west-1', accountId: OWN_ACCOUNT, organizationId: ORG,
          breakGlassRoleArns: [`arn:aws:iam::${OWN_ACCOUNT}:role/break-glass`],
          deploymentRoleArn: `arn:aws:iam::${OWN_ACCOUNT}:role/OrganizationAccountAccessRole`, address: 'central', provider,
        });
        orgVaultUnder(stack, provider, k.key.arn);
      }),
    );
  });
  it('Noncompliance 1: no grant deny at all', () => {
    expectNoncompliant(centralKeyDeniesForeignGrants, keyWith({ Sid: 'A', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }), 'aws_kms_key.k', 'no deny');
  });
  it('Noncompliance 2: the deny lapses on another condition (a tag the caller sets)', () => {
    const app = keyWith(grantDeny({ Bool: { 'kms:GrantIsForAWSResource': 'false' }, StringNotEquals: { 'aws:PrincipalTag/team': 'backup' } }));
    expectNoncompliant(centralKeyDeniesForeignGrants, app, 'aws_kms_key.k', 'no deny');
  });
  it('Noncompliance 3: the deny covers only ListGrants', () => {
    const app = keyWith({ ...grantDeny({ Bool: { 'kms:GrantIsForAWSResource': 'false' } }), Action: 'kms:ListGrants' });
    expectNoncompliant(centralKeyDeniesForeignGrants, app, 'aws_kms_key.k', 'no deny');
  });
  it('does not apply to a key that no organization-wide vault uses', () => {
    expect(Object.keys(outcomes(centralKeyDeniesForeignGrants, stackApp((stack, provider) => sourceKey(stack, provider))))).toEqual([]);
  });
});

describe('OB-EBS-KEY-SERVES-AUTO-SCALING ebsDefaultKeyServesLaunchServices', () => {
  const asDefaultEbsKey = (stack: TerraformStack, provider: AwsProvider, keyArn: string) => new EbsDefaultEncryption(stack, 'ebs', { kmsKeyArn: keyArn, address: 'eu-west-1', provider });
  it('Compliance: SourceBackupKey as the default EBS key', () => {
    expectCompliant(
      ebsDefaultKeyServesLaunchServices,
      stackApp((stack, provider) => asDefaultEbsKey(stack, provider, sourceKey(stack, provider).key.arn)),
    );
  });
  it('Noncompliance 1: a key only its account administers', () => {
    const app = stackApp((stack, provider) =>
      asDefaultEbsKey(stack, provider, key(stack, provider, 'k', { policy: policy({ Sid: 'A', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }) }).arn),
    );
    expectNoncompliant(ebsDefaultKeyServesLaunchServices, app, 'aws_kms_key.k', 'AWSServiceRoleForAutoScaling lacks kms:Encrypt');
  });
  it('Noncompliance 2: Auto Scaling named, EC2 Spot forgotten', () => {
    const asg = `arn:aws:iam::${OWN_ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
    const app = stackApp((stack, provider) =>
      asDefaultEbsKey(stack, provider, key(stack, provider, 'k', { policy: policy({ Sid: 'A', Effect: 'Allow', Principal: { AWS: asg }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey', 'kms:CreateGrant'], Resource: '*' }) }).arn),
    );
    expectNoncompliant(ebsDefaultKeyServesLaunchServices, app, 'aws_kms_key.k', 'AWSServiceRoleForEC2Spot lacks');
  });
  it('does not apply to a key that is not the default EBS key', () => {
    expect(Object.keys(outcomes(ebsDefaultKeyServesLaunchServices, stackApp((stack, provider) => sourceKey(stack, provider))))).toEqual([]);
  });
});

describe('OB-PREVENT-DESTROY preventDestroy', () => {
  it('Compliance: the project keys and vaults', () => {
    expectCompliant(
      preventDestroy,
      stackApp((stack, provider) => {
        sourceKey(stack, provider);
        centralVault(stack, provider);
      }),
    );
  });
  it('Noncompliance 1: a key without prevent_destroy', () => {
    expectNoncompliant(preventDestroy, stackApp((stack, provider) => key(stack, provider, 'k', { lifecycle: {} })), 'aws_kms_key.k', 'prevent_destroy');
  });
  it('Noncompliance 2: a vault without prevent_destroy', () => {
    const app = stackApp((stack, provider) => new BackupVault(stack, 'v', { provider, name: 'v' }).overrideLogicalId('v'));
    expectNoncompliant(preventDestroy, app, 'aws_backup_vault.v', 'prevent_destroy');
  });
  it('Noncompliance 3: a vault lock without prevent_destroy', () => {
    const app = stackApp((stack, provider) =>
      new BackupVaultLockConfiguration(stack, 'l', { provider, backupVaultName: 'v', minRetentionDays: 7, maxRetentionDays: 30 }).overrideLogicalId('l'),
    );
    expectNoncompliant(preventDestroy, app, 'aws_backup_vault_lock_configuration.l', 'prevent_destroy');
  });
});

describe('OB-POLICY-WILDCARD-PRINCIPAL wildcardPrincipalNeedsOrganization', () => {
  const keyWith = (statement: object) => stackApp((stack, provider) => key(stack, provider, 'k', { policy: policy(statement) }));
  it('Compliance: the central key and vault, open to the organization only', () => {
    expectCompliant(
      wildcardPrincipalNeedsOrganization,
      stackApp((stack, provider) => {
        centralKey(stack, provider);
        centralVault(stack, provider);
      }),
    );
  });
  it('Noncompliance 1: principal * with no condition', () => {
    const app = keyWith({ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' });
    expectNoncompliant(wildcardPrincipalNeedsOrganization, app, 'aws_kms_key.k', 'Open allows principal * without an organization condition');
  });
  it('Noncompliance 2: AWS * with a condition that is not about the organization', () => {
    const app = keyWith({ Sid: 'ViaOnly', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'backup.eu-west-1.amazonaws.com' } } });
    expectNoncompliant(wildcardPrincipalNeedsOrganization, app, 'aws_kms_key.k', 'ViaOnly allows principal *');
  });
  it('Noncompliance 3: an organization condition with a wildcard value', () => {
    const app = keyWith({ Sid: 'AnyOrg', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringLike: { 'aws:PrincipalOrgID': '*' } } });
    expectNoncompliant(wildcardPrincipalNeedsOrganization, app, 'aws_kms_key.k', 'AnyOrg allows principal *');
  });
  it('Noncompliance 4: an Allow with NotPrincipal', () => {
    const app = keyWith({ Sid: 'Np', Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'kms:Decrypt', Resource: '*' });
    expectNoncompliant(wildcardPrincipalNeedsOrganization, app, 'aws_kms_key.k', 'Np allows NotPrincipal');
  });
});

describe('OB-POLICY-CROSS-ACCOUNT-WILDCARD noServiceWildcardToOtherAccount', () => {
  it('Compliance: kms:* for the owning account only, named actions for the Backup account', () => {
    expectCompliant(noServiceWildcardToOtherAccount, stackApp((stack, provider) => sourceKey(stack, provider)));
  });
  it('Noncompliance 1: kms:* to another account', () => {
    const app = stackApp((stack, provider) =>
      key(stack, provider, 'k', { policy: policy({ Sid: 'Admin', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'kms:*', Resource: '*' }) }),
    );
    expectNoncompliant(noServiceWildcardToOtherAccount, app, 'aws_kms_key.k', `Admin gives kms:* to arn:aws:iam::${OTHER}:root`);
  });
  it('Noncompliance 2: backup:* on a vault to the organization', () => {
    const app = stackApp((stack, provider) => openVault(stack, provider, [{ ...copyIntoFromOrg, Sid: 'All', Action: 'backup:*' }], true));
    expectNoncompliant(noServiceWildcardToOtherAccount, app, 'aws_backup_vault_policy.open', 'All gives backup:* to *');
  });
  it('Noncompliance 3: NotAction to another account (a bare account id)', () => {
    const app = stackApp((stack, provider) => key(stack, provider, 'k', { policy: policy({ Sid: 'Na', Effect: 'Allow', Principal: { AWS: OTHER }, NotAction: 'kms:Decrypt', Resource: '*' }) }));
    expectNoncompliant(noServiceWildcardToOtherAccount, app, 'aws_kms_key.k', `Na gives NotAction to ${OTHER}`);
  });
});

describe('OB-KMS-GRANTS-FOR-AWS-RESOURCES grantsOnlyForAwsResources', () => {
  it('Compliance: the source and central keys', () => {
    expectCompliant(
      grantsOnlyForAwsResources,
      stackApp((stack, provider) => {
        sourceKey(stack, provider);
        centralKey(stack, provider);
      }),
    );
  });
  it('Noncompliance 1: CreateGrant to another account without kms:GrantIsForAWSResource', () => {
    const app = stackApp((stack, provider) =>
      key(stack, provider, 'k', { policy: policy({ Sid: 'Grants', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: ['kms:CreateGrant'], Resource: '*' }) }),
    );
    expectNoncompliant(grantsOnlyForAwsResources, app, 'aws_kms_key.k', 'Grants lets another account create grants');
  });
  it('Noncompliance 2: kms:Create* to the organization, with the condition false', () => {
    const statement = { Sid: 'Any', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Create*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG }, Bool: { 'kms:GrantIsForAWSResource': 'false' } } };
    const app = stackApp((stack, provider) => key(stack, provider, 'k', { policy: policy(statement) }));
    expectNoncompliant(grantsOnlyForAwsResources, app, 'aws_kms_key.k', 'Any lets another account create grants');
  });
});

describe('OB-VAULT-CMK vaultEncryptedWithCmk', () => {
  it('Compliance: a key of the stack, and a customer-managed key ARN', () => {
    expectCompliant(
      vaultEncryptedWithCmk,
      stackApp((stack, provider) => {
        const k = key(stack, provider, 'k');
        new BackupVault(stack, 'a', { provider, name: 'a', kmsKeyArn: k.arn });
        new BackupVault(stack, 'b', { provider, name: 'b', kmsKeyArn: `arn:aws:kms:eu-west-1:${OWN_ACCOUNT}:key/abc` });
      }),
    );
  });
  it('Noncompliance 1: no key (AWS Backup would use aws/backup)', () => {
    const app = stackApp((stack, provider) => new BackupVault(stack, 'v', { provider, name: 'v' }).overrideLogicalId('v'));
    expectNoncompliant(vaultEncryptedWithCmk, app, 'aws_backup_vault.v', 'aws/backup');
  });
  it('Noncompliance 2: the AWS managed key by alias', () => {
    const app = stackApp((stack, provider) => new BackupVault(stack, 'v', { provider, name: 'v', kmsKeyArn: `arn:aws:kms:eu-west-1:${OWN_ACCOUNT}:alias/aws/backup` }).overrideLogicalId('v'));
    expectNoncompliant(vaultEncryptedWithCmk, app, 'aws_backup_vault.v', 'is an AWS managed key');
  });
});

describe('OB-VAULT-LOCKED centralVaultLocked', () => {
  it('Compliance: CentralVault is locked', () => {
    expectCompliant(centralVaultLocked, stackApp((stack, provider) => centralVault(stack, provider)));
  });
  it('Noncompliance 1: a vault open to the organization without a lock', () => {
    const app = stackApp((stack, provider) => openVault(stack, provider, [copyIntoFromOrg], false));
    expectNoncompliant(centralVaultLocked, app, 'aws_backup_vault.open', 'has no aws_backup_vault_lock_configuration');
  });
});

describe('OB-VAULT-DENIES-DESTRUCTION centralVaultDeniesDestruction', () => {
  it('Compliance: CentralVault denies destruction and policy changes', () => {
    expectCompliant(centralVaultDeniesDestruction, stackApp((stack, provider) => centralVault(stack, provider)));
  });
  it('Noncompliance 1: an open vault with no deny at all', () => {
    const app = stackApp((stack, provider) => openVault(stack, provider, [copyIntoFromOrg], true));
    expectNoncompliant(centralVaultDeniesDestruction, app, 'aws_backup_vault.open', 'backup:DeleteRecoveryPoint, backup:UpdateRecoveryPointLifecycle');
  });
  it('Noncompliance 2: a deny that a condition other than the principal ARN can lift', () => {
    const deny = { Effect: 'Deny', Principal: { AWS: '*' }, Action: ALL_CENTRAL_DENIES, Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } };
    const app = stackApp((stack, provider) => openVault(stack, provider, [copyIntoFromOrg, deny], true));
    expectNoncompliant(centralVaultDeniesDestruction, app, 'aws_backup_vault.open', 'no unconditional deny');
  });
  it('Noncompliance 3: a deny that leaves the lock removable', () => {
    const deny = { Effect: 'Deny', Principal: { AWS: '*' }, Action: ALL_CENTRAL_DENIES.filter((a) => a !== 'backup:DeleteBackupVaultLockConfiguration'), Resource: '*' };
    const app = stackApp((stack, provider) => openVault(stack, provider, [copyIntoFromOrg, deny], true));
    expectNoncompliant(centralVaultDeniesDestruction, app, 'aws_backup_vault.open', 'of backup:DeleteBackupVaultLockConfiguration');
  });
});

describe('OB-SOURCE-VAULT-COPY-BACK-ONLY sourceVaultCopyBackOnly', () => {
  const BACKUP_ROLE = `arn:aws:iam::${OTHER}:role/OrgBackupServiceRole`;
  /** A local vault with the given access policy statements, from raw resources. */
  const localVault = (statements: object[]) =>
    stackApp((stack, provider) => {
      const vault = new BackupVault(stack, 'v', { provider, name: 'org-local-backup', kmsKeyArn: `arn:aws:kms:eu-west-1:${OWN_ACCOUNT}:key/abc`, lifecycle: { preventDestroy: true } });
      vault.overrideLogicalId('local');
      new BackupVaultPolicy(stack, 'p', { provider, backupVaultName: vault.name, policy: policy(...statements) }).overrideLogicalId('local');
    });
  const copyBack = { Sid: 'CopyBack', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'backup:CopyIntoBackupVault', Resource: '*' };
  const toTheRole = { ArnEquals: { 'aws:PrincipalArn': BACKUP_ROLE } };

  it("Compliance: SourceVault lets only the Backup account's AWS Backup role copy back in", () => {
    const app = stackApp((stack, provider) => {
      new SourceVault(stack, 'v', {
        partition: 'aws', vaultName: 'org-local-backup', kmsKeyArn: `arn:aws:kms:eu-west-1:${OWN_ACCOUNT}:key/abc`,
        backupAccountId: OTHER, copyBackRoleName: 'OrgBackupServiceRole', address: 'local', provider,
      });
    });
    expectCompliant(sourceVaultCopyBackOnly, app);
  });
  it('Noncompliance 1: the whole Backup account may copy in (no aws:PrincipalArn condition)', () => {
    expectNoncompliant(sourceVaultCopyBackOnly, localVault([copyBack]), 'aws_backup_vault.local', `CopyBack lets arn:aws:iam::${OTHER}:root copy in, not one role`);
  });
  it('Noncompliance 2: more than the copy in (deleting recovery points)', () => {
    const app = localVault([{ ...copyBack, Action: ['backup:CopyIntoBackupVault', 'backup:DeleteRecoveryPoint'], Condition: toTheRole }]);
    expectNoncompliant(sourceVaultCopyBackOnly, app, 'aws_backup_vault.local', 'CopyBack allows backup:DeleteRecoveryPoint');
  });
  it('Noncompliance 3: narrowed to a role pattern, not one role', () => {
    const app = localVault([{ ...copyBack, Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${OTHER}:role/*` } } }]);
    expectNoncompliant(sourceVaultCopyBackOnly, app, 'aws_backup_vault.local', 'not one role');
  });
  it('Noncompliance 4: principal * narrowed by a negated condition', () => {
    const app = localVault([{ ...copyBack, Principal: { AWS: '*' }, Condition: { ArnNotEquals: { 'aws:PrincipalArn': BACKUP_ROLE } } }]);
    expectNoncompliant(sourceVaultCopyBackOnly, app, 'aws_backup_vault.local', 'CopyBack lets * copy in');
  });
});

describe('OB-COPY-RETENTION-IN-LOCK copyRetentionWithinLock', () => {
  const withCopy = (copyLifecycle: object) =>
    stackApp((stack, provider) => {
      centralVault(stack, provider);
      const target = `arn:aws:backup:eu-west-1:${OWN_ACCOUNT}:backup-vault:org-central-backup`;
      const copy = { [target]: { target_backup_vault_arn: { '@@assign': target }, lifecycle: copyLifecycle } };
      const content = { plans: { 'standard-eu-west-1': { rules: { daily: { copy_actions: copy } } } } };
      new OrganizationsPolicy(stack, 'bp', { provider, name: 'bp', type: 'BACKUP_POLICY', content: JSON.stringify(content) }).overrideLogicalId('bp');
    });
  it('Compliance: a copy kept 35 days into a vault locked between 7 and 90 days', () => {
    expectCompliant(copyRetentionWithinLock, withCopy({ delete_after_days: { '@@assign': '35' } }));
  });
  it('Noncompliance 1: a copy kept shorter than the lock minimum', () => {
    expectNoncompliant(copyRetentionWithinLock, withCopy({ delete_after_days: { '@@assign': '3' } }), 'aws_organizations_policy.bp', "kept 3 days, under the lock's minimum of 7 days");
  });
  it('Noncompliance 2: a copy kept longer than the lock maximum', () => {
    expectNoncompliant(copyRetentionWithinLock, withCopy({ delete_after_days: { '@@assign': '365' } }), 'aws_organizations_policy.bp', "kept 365 days, over the lock's maximum of 90 days");
  });
  it('Noncompliance 3: a copy kept forever', () => {
    expectNoncompliant(copyRetentionWithinLock, withCopy({}), 'aws_organizations_policy.bp', 'no delete_after_days (kept forever)');
  });
});

describe('OB-ROLE-TRUST-BACKUP backupRoleTrust', () => {
  const role = (statement: object) =>
    stackApp((stack, provider) =>
      new IamRole(stack, 'r', { provider, name: 'r', assumeRolePolicy: policy({ Sid: 'Trust', Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }) }).overrideLogicalId('r'),
    );
  it('Compliance: BackupServiceRole trusts AWS Backup only', () => {
    expectCompliant(backupRoleTrust, stackApp((stack, provider) => new BackupServiceRole(stack, 'r', { partition: 'aws', roleName: 'OrgBackupServiceRole', provider })));
  });
  it('Noncompliance 1: another service trusted as well', () => {
    expectNoncompliant(backupRoleTrust, role({ Principal: { Service: ['backup.amazonaws.com', 'ec2.amazonaws.com'] } }), 'aws_iam_role.r', 'Trust trusts Service ec2.amazonaws.com');
  });
  it('Noncompliance 2: an account trusted', () => {
    expectNoncompliant(backupRoleTrust, role({ Principal: { AWS: `arn:aws:iam::${OTHER}:root` } }), 'aws_iam_role.r', `Trust trusts AWS arn:aws:iam::${OTHER}:root`);
  });
  it('Noncompliance 3: principal *', () => {
    expectNoncompliant(backupRoleTrust, role({ Principal: '*' }), 'aws_iam_role.r', 'Trust trusts principal *');
  });
});

describe('OB-VAULT-LOCK-COMPLIANCE vaultLockComplianceMode (warning)', () => {
  it('Compliance: a compliance-mode lock', () => {
    const lock = { mode: 'compliance', minRetentionDays: 7, maxRetentionDays: 90, changeableForDays: 3 };
    expectCompliant(vaultLockComplianceMode, stackApp((stack, provider) => centralVault(stack, provider, lock as never)));
  });
  it('Noncompliance 1: a governance-mode lock', () => {
    expectNoncompliant(vaultLockComplianceMode, stackApp((stack, provider) => centralVault(stack, provider)), 'aws_backup_vault_lock_configuration.central', 'governance mode');
  });
});

describe('OB-POLICY-IAM-CATALOGUE policyInIamCatalogue', () => {
  const keyWith = (...statements: object[]) => stackApp((stack, provider) => key(stack, provider, 'k', { policy: policy(...statements) }));
  const deny = (Action: string | string[], Condition?: object) => ({ Effect: 'Deny', Principal: { AWS: '*' }, Action, Resource: '*', ...(Condition ? { Condition } : {}) });
  it('Compliance: the project keys, vaults and role; wildcards that match real actions; global and documented keys', () => {
    expectCompliant(
      policyInIamCatalogue,
      stackApp((stack, provider) => {
        centralKey(stack, provider);
        centralVault(stack, provider);
        sourceKey(stack, provider);
        new BackupServiceRole(stack, 'role', { partition: 'aws', roleName: 'OrgBackupServiceRole', provider });
      }),
    );
    expectCompliant(
      policyInIamCatalogue,
      keyWith(
        deny(['kms:*', 'backup:Delete*'], { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/x'] }, StringEquals: { 'aws:PrincipalTag/team': 'x' } }),
        deny('kms:ScheduleKeyDeletion', { NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' } }),
        deny('kms:Decrypt', { StringEquals: { 'kms:EncryptionContext:aws:backup:source-resource': 'x' } }),
      ),
    );
  });
  it('Noncompliance 1: a misspelt action', () => {
    expectNoncompliant(policyInIamCatalogue, keyWith(deny('backup:DeleteRecoveryPoints')), 'aws_kms_key.k', 'backup has no action "DeleteRecoveryPoints"');
  });
  it('Noncompliance 2: a condition key the action does not support', () => {
    expectNoncompliant(
      policyInIamCatalogue,
      keyWith(deny('kms:DisableKey', { NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' } })),
      'aws_kms_key.k',
      'condition key kms:ScheduleKeyDeletionPendingWindowInDays is not documented for kms:DisableKey',
    );
  });
  it('Noncompliance 3: a wildcard that matches no action, and an unknown service', () => {
    const app = keyWith(deny(['backup:Destroy*', 'bakup:DeleteRecoveryPoint']));
    expectNoncompliant(policyInIamCatalogue, app, 'aws_kms_key.k', '"backup:Destroy*" matches no action of backup');
    expectNoncompliant(policyInIamCatalogue, app, 'aws_kms_key.k', 'no service "bakup"');
  });
  it('Noncompliance 4: a service key on a wildcard none of whose actions supports it', () => {
    expectNoncompliant(
      policyInIamCatalogue,
      keyWith(deny('backup:Delete*', { StringEquals: { 'kms:ViaService': 'backup.eu-west-1.amazonaws.com' } })),
      'aws_kms_key.k',
      'condition key kms:ViaService is not documented for backup:Delete*',
    );
  });
  it('Noncompliance 5: a service control policy with a misspelt action; a backup policy is not an IAM policy', () => {
    const app = stackApp((stack, provider) => {
      new OrganizationsPolicy(stack, 'scp', { provider, name: 'scp', type: 'SERVICE_CONTROL_POLICY', content: policy({ Effect: 'Deny', Action: 'organizations:LeaveOrganisation', Resource: '*' }) }).overrideLogicalId('scp');
      new OrganizationsPolicy(stack, 'bp', { provider, name: 'bp', type: 'BACKUP_POLICY', content: JSON.stringify({ plans: {} }) }).overrideLogicalId('bp');
    });
    expectNoncompliant(policyInIamCatalogue, app, 'aws_organizations_policy.scp', 'organizations has no action "LeaveOrganisation"');
    expect(outcomes(policyInIamCatalogue, app)['aws_organizations_policy.bp']).toBeUndefined();
  });
});

describe('OB-NO-CROSS-STACK-TOKEN noCrossStackToken', () => {
  /** Two stacks as Terraform receives them: `origin` declares a key, `reader` holds one resource. */
  const twoStacks = (reader: Record<string, unknown>) =>
    new SynthesizedApp({
      origin: { resource: { aws_kms_key: { central: {} } } },
      reader: {
        data: { terraform_remote_state: { origin: {} } },
        resource: { aws_kms_key: { own: {} }, aws_kms_alias: { a: { name: 'alias/a', ...reader } } },
      },
    });
  it('Compliance: references to its own resources and remote state, and names that only look like references', () => {
    const app = twoStacks({
      target_key_id: '${aws_kms_key.own.key_id}',
      description: '${data.terraform_remote_state.origin.outputs.central_key_arn}',
      policy: '${jsonencode({"Principal" = {"Service" = "aws_kms_key.central.arn"}, "Resource" = aws_kms_key.own.arn})}',
      tags: { note: 'aws_kms_key.central outside an interpolation, and $${aws_kms_key.central.arn} escaped' },
      depends_on: ['aws_kms_key.own'],
    });
    expectCompliant(noCrossStackToken, app);
  });
  it('Noncompliance 1: a token naming a resource of another stack (what prepareStack would have wired)', () => {
    expectNoncompliant(noCrossStackToken, twoStacks({ target_key_id: '${aws_kms_key.central.key_id}' }), 'aws_kms_alias.a', 'aws_kms_key.central is declared in stack origin, not in reader');
  });
  it('Noncompliance 2: inside a jsonencode document', () => {
    const app = twoStacks({ policy: '${jsonencode({"Resource" = [aws_kms_key.own.arn, aws_kms_key.central.arn]})}' });
    expectNoncompliant(noCrossStackToken, app, 'aws_kms_alias.a', 'aws_kms_key.central is declared in stack origin');
  });
  it('Noncompliance 3: depends_on another stack, and a reference declared nowhere', () => {
    const app = twoStacks({ depends_on: ['aws_kms_key.central'], target_key_id: '${data.aws_kms_key.gone.id}' });
    expectNoncompliant(noCrossStackToken, app, 'aws_kms_alias.a', 'aws_kms_key.central is declared in stack origin, not in reader');
    expectNoncompliant(noCrossStackToken, app, 'aws_kms_alias.a', 'data.aws_kms_key.gone is declared in no stack');
  });
});

describe('OB-BACKUP-REGION-SETTINGS backupRegionSettingsExplicit', () => {
  const vault = (stack: TerraformStack, provider: AwsProvider) =>
    new BackupVault(stack, 'v', { provider, name: 'v', kmsKeyArn: 'arn:aws:kms:eu-west-1:222222222222:key/k', lifecycle: { preventDestroy: true } }).overrideLogicalId('v');
  it('Compliance: a vault beside BackupRegionSettings of its region', () => {
    expectCompliant(
      backupRegionSettingsExplicit,
      stackApp((stack, provider) => {
        vault(stack, provider);
        new BackupRegionSettings(stack, 's', { address: 'eu-west-1', provider });
      }),
    );
  });
  it('Noncompliance 1: no region settings for the vault\'s account and region', () => {
    expectNoncompliant(backupRegionSettingsExplicit, stackApp(vault), 'aws_backup_vault.v', 'no aws_backup_region_settings for account 222222222222 in eu-west-1');
  });
  it('Noncompliance 2: a partial opt-in map, DynamoDB not fully managed', () => {
    const app = stackApp((stack, provider) => {
      vault(stack, provider);
      new BackupRegionSettingsResource(stack, 's', { provider, resourceTypeOptInPreference: { EBS: true }, resourceTypeManagementPreference: { EFS: true } }).overrideLogicalId('s');
    });
    expectNoncompliant(backupRegionSettingsExplicit, app, 'aws_backup_vault.v', 'opt-in of Aurora is not set');
    expectNoncompliant(backupRegionSettingsExplicit, app, 'aws_backup_vault.v', 'DynamoDB is not under full AWS Backup management');
  });
});
