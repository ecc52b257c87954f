import { Token } from 'cdktf';
import { AirGappedVault, type AirGappedVaultProps } from '../../modules/backup-account/air-gapped-vault';
import { keyDenyStatements, vaultPolicyStatements } from '../support/protected-statements';
import { synthConstruct } from '../support/scope';
import { jsonAttribute, resource } from '../support/synth';

describe('AirGappedVault', () => {
  const deploymentRoleArn = 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole';
  const base = {
    vaultName: 'org-air-gapped-backup',
    minRetentionDays: 7,
    maxRetentionDays: 3650,
    partition: 'aws',
    region: 'eu-west-1',
    accountId: '222222222222',
    organizationId: 'o-a1b2c3d4e5',
    organizationRootId: 'r-a1b2',
    deploymentRoleArn,
    address: 'air_gapped_eu-west-1',
  };
  type Overrides = Partial<Omit<AirGappedVaultProps, 'provider'>>;
  const synth = (overrides: Overrides = {}) =>
    synthConstruct((stack, provider) => {
      new AirGappedVault(stack, 'a', { ...base, ...overrides, provider });
    });
  const vault = (overrides: Overrides) => resource(synth(overrides), 'aws_backup_logically_air_gapped_vault.air_gapped_eu-west-1');
  const rejection = (overrides: Overrides) => () => synth(overrides);
  // Customer-managed, without break-glass roles: the one synthesis most tests read.
  const json = synth({ encryption: 'customer-managed' });

  it('is encrypted with its own key, aliased org-air-gapped, and cannot be destroyed by Terraform', () => {
    expect(resource(json, 'aws_backup_logically_air_gapped_vault.air_gapped_eu-west-1')).toMatchObject({
      name: 'org-air-gapped-backup',
      min_retention_days: 7,
      max_retention_days: 3650,
      encryption_key_arn: '${aws_kms_key.air_gapped_eu-west-1.arn}',
      lifecycle: { prevent_destroy: true },
    });
    expect(resource(json, 'aws_kms_alias.air_gapped_eu-west-1').name).toBe('alias/org-air-gapped');
  });

  it('uses the AWS-owned key by default', () => {
    const aws = synth();
    expect(resource(aws, 'aws_backup_logically_air_gapped_vault.air_gapped_eu-west-1').encryption_key_arn).toBeUndefined();
    expect(aws.resource?.aws_kms_key).toBeUndefined();
  });

  it('exempts nobody from destruction or copies out, and only the deployment role from protection changes, without break-glass roles', () => {
    expect(jsonAttribute(json, 'aws_backup_vault_policy.air_gapped_eu-west-1', 'policy').Statement).toEqual(vaultPolicyStatements(deploymentRoleArn));
  });

  it("exempts nobody from its key's destruction and grant denies, and only the deployment role from policy changes, without break-glass roles", () => {
    const denies = jsonAttribute(json, 'aws_kms_key.air_gapped_eu-west-1', 'policy').Statement.filter((s: { Effect: string }) => s.Effect === 'Deny');
    expect(denies.slice(0, 3)).toEqual(keyDenyStatements(deploymentRoleArn));
  });

  it('accepts the limits: a minimum of 7 days, a maximum of 36500 days, a maximum one day above the minimum', () => {
    expect(vault({ minRetentionDays: 7, maxRetentionDays: 36500 })).toMatchObject({ min_retention_days: 7, max_retention_days: 36500 });
    expect(vault({ minRetentionDays: 30, maxRetentionDays: 31 })).toMatchObject({ min_retention_days: 30, max_retention_days: 31 });
  });

  it('leaves retentions known only at plan time to AWS', () => {
    expect(vault({ minRetentionDays: Token.asNumber('${var.min}') })).toMatchObject({ min_retention_days: '${var.min}', max_retention_days: 3650 });
    expect(vault({ maxRetentionDays: Token.asNumber('${var.max}') })).toMatchObject({ min_retention_days: 7, max_retention_days: '${var.max}' });
  });

  it.each<[Overrides, string]>([
    [{ minRetentionDays: 6 }, 'minRetentionDays is 6; allowed: at least 7'],
    [{ maxRetentionDays: 36501 }, 'maxRetentionDays is 36501; allowed: at most 36500'],
    [{ minRetentionDays: 30, maxRetentionDays: 30 }, 'maxRetentionDays (30) must be greater than minRetentionDays (30)'],
  ])('rejects %j', (overrides, problem) => {
    expect(rejection(overrides)).toThrow(new Error(`AirGappedVault air_gapped_eu-west-1: ${problem}`));
  });

  it('reports every retention problem at once', () => {
    expect(rejection({ minRetentionDays: 6, maxRetentionDays: 5 })).toThrow(
      new Error('AirGappedVault air_gapped_eu-west-1: minRetentionDays is 6; allowed: at least 7; maxRetentionDays (5) must be greater than minRetentionDays (6)'),
    );
    expect(rejection({ minRetentionDays: 40000, maxRetentionDays: 36501 })).toThrow(
      new Error('AirGappedVault air_gapped_eu-west-1: maxRetentionDays is 36501; allowed: at most 36500; maxRetentionDays (36501) must be greater than minRetentionDays (40000)'),
    );
  });
});
