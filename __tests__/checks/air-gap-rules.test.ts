/**
 * The air-gap rules of the security pack, each with the smallest stack that shows it compliant and
 * the smallest stacks that show each way it can fail; and the vault rules on a logically
 * air-gapped vault.
 */
import { BackupLogicallyAirGappedVault } from '@cdktf/provider-aws/lib/backup-logically-air-gapped-vault';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { airGappedCopyRetention } from '../../checks/rules/air-gapped-copy-retention';
import { centralVaultDeniesDestruction } from '../../checks/rules/central-vault-denies-destruction';
import { centralVaultLocked } from '../../checks/rules/central-vault-locked';
import { preventDestroy } from '../../checks/rules/prevent-destroy';
import { ramShareInsideOrganization } from '../../checks/rules/ram-share-inside-organization';
import { AirGappedVault } from '../../modules/backup-account/air-gapped-vault';
import { AirGappedVaultShare } from '../../modules/backup-account/air-gapped-vault-share';
import { expectCompliant, expectNoncompliant, OWN_ACCOUNT, stackApp } from '../support/checks';

const airGappedVault = (stack: any, provider: any, extra: { encryption?: 'aws-owned' | 'customer-managed' } = {}) =>
  new AirGappedVault(stack, 'lag', {
    vaultName: 'org-air-gapped',
    minRetentionDays: 30,
    maxRetentionDays: 365,
    partition: 'aws',
    region: 'eu-west-1',
    accountId: OWN_ACCOUNT,
    organizationId: 'o-a1b2c3d4e5',
    organizationRootId: 'r-a1b2',
    deploymentRoleArn: `arn:aws:iam::${OWN_ACCOUNT}:role/OrganizationAccountAccessRole`,
    address: 'air_gapped',
    provider,
    ...extra,
  });

describe('OB-AIR-GAPPED-COPY-RETENTION airGappedCopyRetention', () => {
  const withCopy = (lifecycle: object) =>
    stackApp((stack, provider) => {
      airGappedVault(stack, provider);
      const target = `arn:aws:backup:eu-west-1:${OWN_ACCOUNT}:backup-vault:org-air-gapped`;
      const content = { plans: { 'standard-eu-west-1': { rules: { daily: { copy_actions: { [target]: { target_backup_vault_arn: { '@@assign': target }, lifecycle } } } } } } };
      new OrganizationsPolicy(stack, 'bp', { provider, name: 'bp', type: 'BACKUP_POLICY', content: JSON.stringify(content) }).overrideLogicalId('bp');
    });
  it('Compliance: a copy kept 90 days into an air-gapped vault bounded by 30 and 365 days', () => {
    expectCompliant(airGappedCopyRetention, withCopy({ delete_after_days: { '@@assign': '90' } }));
  });
  it('Noncompliance 1: a copy kept shorter than the vault minimum', () => {
    expectNoncompliant(airGappedCopyRetention, withCopy({ delete_after_days: { '@@assign': '7' } }), 'aws_organizations_policy.bp', "kept 7 days, under the vault's minimum of 30 days");
  });
  it('Noncompliance 2: a copy kept longer than the vault maximum', () => {
    expectNoncompliant(airGappedCopyRetention, withCopy({ delete_after_days: { '@@assign': '400' } }), 'aws_organizations_policy.bp', "over the vault's maximum of 365 days");
  });
  it('Noncompliance 3: a copy kept forever', () => {
    expectNoncompliant(airGappedCopyRetention, withCopy({}), 'aws_organizations_policy.bp', 'no delete_after_days (kept forever)');
  });
});

describe('OB-RAM-SHARE-INSIDE-ORGANIZATION ramShareInsideOrganization', () => {
  it('Compliance: AirGappedVaultShare refuses external principals', () => {
    expectCompliant(
      ramShareInsideOrganization,
      stackApp((stack, provider) => {
        const vault = airGappedVault(stack, provider);
        new AirGappedVaultShare(stack, 'share', { name: 'lag', vaultArn: vault.vault.arn, accountIds: ['333333333333'], address: 'air_gapped', provider });
      }),
    );
  });
  it('Noncompliance 1: a share that allows external principals', () => {
    const app = stackApp((stack, provider) => new RamResourceShare(stack, 's', { provider, name: 'open', allowExternalPrincipals: true }).overrideLogicalId('open'));
    expectNoncompliant(ramShareInsideOrganization, app, 'aws_ram_resource_share.open', 'allow_external_principals is true');
  });
  it("Noncompliance 2: a share that leaves it unset (RAM's default is true)", () => {
    const app = stackApp((stack, provider) => new RamResourceShare(stack, 's', { provider, name: 'open' }).overrideLogicalId('open'));
    expectNoncompliant(ramShareInsideOrganization, app, 'aws_ram_resource_share.open', 'unset (true)');
  });
});

describe('the vault rules on a logically air-gapped vault', () => {
  const app = stackApp((stack, provider) => airGappedVault(stack, provider, { encryption: 'customer-managed' }));
  it('Compliance: AirGappedVault denies destruction, is locked by construction and carries prevent_destroy', () => {
    expectCompliant(centralVaultDeniesDestruction, app);
    expectCompliant(centralVaultLocked, app);
    expectCompliant(preventDestroy, app);
  });
  it('Noncompliance: an air-gapped vault without prevent_destroy', () => {
    const bare = stackApp((stack, provider) =>
      new BackupLogicallyAirGappedVault(stack, 'v', { provider, name: 'bare', minRetentionDays: 7, maxRetentionDays: 30 }).overrideLogicalId('bare'),
    );
    expectNoncompliant(preventDestroy, bare, 'aws_backup_logically_air_gapped_vault.bare', 'prevent_destroy is not true');
  });
});
