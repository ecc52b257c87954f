import { dataSourcesOf, resourcesOf } from '../output/synth-output';
import { exampleConfig, synthApp } from './support/synth';

/**
 * The address contract: Terraform identifies a resource by its address, so a refactor that renames
 * one would destroy a vault or schedule a key for deletion. Any change to this list must be a decision.
 */
const EXPECTED: Record<string, string[]> = {
  'backup-account': [
    'aws_backup_region_settings.ap-southeast-2',
    'aws_backup_region_settings.eu-west-1',
    'aws_backup_vault.central_ap-southeast-2',
    'aws_backup_vault.central_eu-west-1',
    'aws_backup_vault_lock_configuration.central_ap-southeast-2',
    'aws_backup_vault_lock_configuration.central_eu-west-1',
    'aws_backup_vault_policy.central_ap-southeast-2',
    'aws_backup_vault_policy.central_eu-west-1',
    'aws_kms_alias.central_ap-southeast-2',
    'aws_kms_alias.central_eu-west-1',
    'aws_kms_key.central_ap-southeast-2',
    'aws_kms_key.central_eu-west-1',
    'data.aws_iam_role.break_glass_backup-break-glass',
    'data.aws_iam_role.deployment',
    // The role (in any case: the copy back to the source accounts passes it) and the local vault a
    // policy attached to the root needs in this account too.
    'aws_backup_vault.local_ap-southeast-2',
    'aws_backup_vault.local_eu-west-1',
    'aws_backup_vault_policy.local_ap-southeast-2',
    'aws_backup_vault_policy.local_eu-west-1',
    'aws_iam_role.backup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForBackup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForRestores',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForS3Backup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForS3Restore',
    'aws_kms_alias.backup_ap-southeast-2',
    'aws_kms_alias.backup_eu-west-1',
    'aws_kms_key.backup_ap-southeast-2',
    'aws_kms_key.backup_eu-west-1',
  ],
  'management': [
    'aws_backup_region_settings.ap-southeast-2',
    'aws_backup_region_settings.eu-west-1',
    'aws_backup_global_settings.cross_account',
    'aws_organizations_policy.backup_critical',
    'aws_organizations_policy.backup_standard',
    'aws_organizations_policy_attachment.backup_critical_555555555555',
    'aws_organizations_policy_attachment.backup_critical_ou-a1b2-c3d4e5f6',
    'aws_organizations_policy_attachment.backup_standard_r-a1b2',
    'data.aws_organizations_organization.this',
    // The accounts under the OU a policy is attached to, read at plan time.
    'data.aws_organizations_organizational_unit_descendant_accounts.ou-a1b2-c3d4e5f6',
    'data.terraform_remote_state.backup_account',
    // The role (in any case: the copy back to the source accounts passes it) and the local vault a
    // policy attached to the root needs in this account too.
    'aws_backup_vault.local_ap-southeast-2',
    'aws_backup_vault.local_eu-west-1',
    'aws_backup_vault_policy.local_ap-southeast-2',
    'aws_backup_vault_policy.local_eu-west-1',
    'aws_iam_role.backup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForBackup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForRestores',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForS3Backup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForS3Restore',
    'aws_kms_alias.backup_ap-southeast-2',
    'aws_kms_alias.backup_eu-west-1',
    'aws_kms_key.backup_ap-southeast-2',
    'aws_kms_key.backup_eu-west-1',
  ],
  'source-data-prod': [
    'aws_backup_region_settings.ap-southeast-2',
    'aws_backup_region_settings.eu-west-1',
    'aws_backup_vault.local_ap-southeast-2',
    'aws_backup_vault.local_eu-west-1',
    'aws_backup_vault_policy.local_ap-southeast-2',
    'aws_backup_vault_policy.local_eu-west-1',
    'aws_ebs_default_kms_key.ap-southeast-2',
    'aws_ebs_default_kms_key.eu-west-1',
    'aws_ebs_encryption_by_default.ap-southeast-2',
    'aws_ebs_encryption_by_default.eu-west-1',
    'aws_iam_role.backup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForBackup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForRestores',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForS3Backup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForS3Restore',
    'aws_kms_alias.backup_ap-southeast-2',
    'aws_kms_alias.backup_eu-west-1',
    'aws_kms_key.backup_ap-southeast-2',
    'aws_kms_key.backup_eu-west-1',
  ],
  'source-shared-services': [
    'aws_backup_region_settings.ap-southeast-2',
    'aws_backup_region_settings.eu-west-1',
    'aws_backup_vault.local_ap-southeast-2',
    'aws_backup_vault.local_eu-west-1',
    'aws_backup_vault_policy.local_ap-southeast-2',
    'aws_backup_vault_policy.local_eu-west-1',
    'aws_iam_role.backup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForBackup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForRestores',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForS3Backup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForS3Restore',
    'aws_kms_alias.backup_ap-southeast-2',
    'aws_kms_alias.backup_eu-west-1',
    'aws_kms_key.backup_ap-southeast-2',
    'aws_kms_key.backup_eu-west-1',
  ],
  'source-workloads-prod': [
    'aws_backup_region_settings.ap-southeast-2',
    'aws_backup_region_settings.eu-west-1',
    'aws_backup_vault.local_ap-southeast-2',
    'aws_backup_vault.local_eu-west-1',
    'aws_backup_vault_policy.local_ap-southeast-2',
    'aws_backup_vault_policy.local_eu-west-1',
    'aws_ebs_default_kms_key.ap-southeast-2',
    'aws_ebs_default_kms_key.eu-west-1',
    'aws_ebs_encryption_by_default.ap-southeast-2',
    'aws_ebs_encryption_by_default.eu-west-1',
    'aws_iam_role.backup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForBackup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForRestores',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForS3Backup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForS3Restore',
    'aws_kms_alias.backup_ap-southeast-2',
    'aws_kms_alias.backup_eu-west-1',
    'aws_kms_key.backup_ap-southeast-2',
    'aws_kms_key.backup_eu-west-1',
  ],
  'source-workloads-staging': [
    'aws_backup_region_settings.ap-southeast-2',
    'aws_backup_region_settings.eu-west-1',
    'aws_backup_vault.local_ap-southeast-2',
    'aws_backup_vault.local_eu-west-1',
    'aws_backup_vault_policy.local_ap-southeast-2',
    'aws_backup_vault_policy.local_eu-west-1',
    'aws_ebs_default_kms_key.ap-southeast-2',
    'aws_ebs_default_kms_key.eu-west-1',
    'aws_ebs_encryption_by_default.ap-southeast-2',
    'aws_ebs_encryption_by_default.eu-west-1',
    'aws_iam_role.backup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForBackup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForRestores',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForS3Backup',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForS3Restore',
    'aws_kms_alias.backup_ap-southeast-2',
    'aws_kms_alias.backup_eu-west-1',
    'aws_kms_key.backup_ap-southeast-2',
    'aws_kms_key.backup_eu-west-1',
  ],
};

describe('resource addresses of the example environment', () => {
  const out = synthApp();

  it.each(Object.keys(EXPECTED))('%s: exactly the pinned addresses', (name) => {
    const stack = out.stacks[name];
    const actual = [...resourcesOf(stack), ...dataSourcesOf(stack)].map((r) => r.address).sort();
    expect(actual).toEqual([...EXPECTED[name]].sort());
  });

  it('covers every stack', () => {
    expect(Object.keys(out.stacks).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('has no hashed logical ids', () => {
    const all = Object.values(EXPECTED).flat();
    expect(all.filter((address) => /_[0-9A-F]{8}$/.test(address))).toEqual([]);
  });

  it('adds only the optional resources, at pinned addresses, when the options are on', () => {
    const withOptions = synthApp(exampleConfig((c) => {
      c.protectBackupsScp = true;
      c.manageOrganization = true;
    })).stacks.management;
    const actual = [...resourcesOf(withOptions), ...dataSourcesOf(withOptions)].map((r) => r.address).sort();
    const expected = EXPECTED.management
      .filter((address) => address !== 'data.aws_organizations_organization.this')
      .concat(['aws_organizations_organization.this', 'aws_organizations_policy.protect_backups', 'aws_organizations_policy_attachment.protect_backups_r-a1b2']);
    expect(actual).toEqual(expected.sort());
  });
});
