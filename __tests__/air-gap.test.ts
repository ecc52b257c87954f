/**
 * The environment with every option on (envs/full.ts): the air-gapped vaults, their RAM shares,
 * copies into them, restore testing and the delegated administrator, synthesized once, with the
 * addresses they add pinned.
 */
import { SynthesizedApp } from '../checks/model';
import { AIR_GAP_RULE_IDS, blocking, runPack, SECURITY_RULES } from '../checks/pack';
import { validateConfig } from '../envs/load';
import { config as full, DELEGATED_ADMINISTRATOR_ID, RECOVERY_ACCOUNT_ID } from '../envs/full';
import { dataSourcesOf, resourcesOf, type StackJson } from '../output/synth-output';
import { readJsonDocument } from '../output/terraform-expression';
import { exampleConfig, jsonAttribute, resource, synthApp } from './support/synth';

const config = validateConfig(structuredClone(full), 'envs/full.ts');
const out = synthApp(config);
const backup = out.stacks['backup-account'];
const management = out.stacks.management;
const delegated = out.stacks['delegated-admin'];
const REGIONS = ['ap-southeast-2', 'eu-west-1'];
const SOURCES = ['333333333333', '444444444444', '555555555555', '666666666666'];
const addresses = (stack: StackJson) => [...resourcesOf(stack), ...dataSourcesOf(stack)].map((r) => r.address).sort();

/** What the options add to the example's stacks, per region: the address contract of this issue. */
const ADDED: Record<string, string[]> = {
  'backup-account': [
    'aws_iam_role.restore_testing',
    'aws_iam_role_policy_attachment.restore_testing_AWSBackupServiceRolePolicyForRestores',
    'aws_iam_role_policy_attachment.restore_testing_AWSBackupServiceRolePolicyForS3Restore',
    ...REGIONS.flatMap((r) => [
      `aws_backup_logically_air_gapped_vault.air_gapped_${r}`,
      `aws_backup_vault_policy.air_gapped_${r}`,
      `aws_kms_key.air_gapped_${r}`,
      `aws_kms_alias.air_gapped_${r}`,
      `aws_ram_resource_share.air_gapped_${r}`,
      `aws_ram_resource_association.air_gapped_${r}`,
      ...[...SOURCES, RECOVERY_ACCOUNT_ID].map((a) => `aws_ram_principal_association.air_gapped_${r}_${a}`),
      `aws_backup_restore_testing_plan.restore_test_${r}`,
      ...['ebs', 'ec2', 'rds', 's3'].map((t) => `aws_backup_restore_testing_selection.restore_test_${r}_${t}`),
    ]),
  ],
};
/** The backup policies, their attachments and the remote state move to the delegated administrator's stack. */
const POLICY_ADDRESSES = [
  'aws_organizations_policy.backup_critical',
  'aws_organizations_policy.backup_standard',
  'aws_organizations_policy_attachment.backup_critical_555555555555',
  'aws_organizations_policy_attachment.backup_critical_ou-a1b2-c3d4e5f6',
  'aws_organizations_policy_attachment.backup_standard_r-a1b2',
  'data.aws_organizations_organizational_unit_descendant_accounts.ou-a1b2-c3d4e5f6',
  'data.terraform_remote_state.backup_account',
];
/** The delegated administrator reads the root's accounts as an OU's (it has no organization data source). */
const DELEGATED_ADDED = ['data.aws_organizations_organizational_unit_descendant_accounts.r-a1b2'];
const MANAGEMENT_ADDED = [
  'aws_organizations_delegated_administrator.backup',
  'aws_organizations_resource_policy.backup_policy_delegation',
  'aws_organizations_policy.protect_backups',
  'aws_organizations_policy_attachment.protect_backups_r-a1b2',
];

describe('the environment with every option on (envs/full.ts)', () => {
  const example = synthApp(exampleConfig());

  it.each(Object.keys(ADDED))('%s: the example addresses plus exactly the pinned new ones', (name) => {
    expect(addresses(out.stacks[name])).toEqual([...addresses(example.stacks[name]), ...ADDED[name]].sort());
  });

  it('management: the delegation and the SCP; the backup policies left for the delegated administrator', () => {
    expect(addresses(management)).toEqual([...addresses(example.stacks.management).filter((a) => !POLICY_ADDRESSES.includes(a)), ...MANAGEMENT_ADDED].sort());
  });

  it("delegated-admin: the backup policies at the management stack's addresses, in the delegated account, deployed last", () => {
    expect(addresses(delegated)).toEqual([...POLICY_ADDRESSES, ...DELEGATED_ADDED].sort());
    expect((delegated.provider?.aws as any[]).map((p) => [p.alias, p.allowed_account_ids, p.assume_role[0].role_arn])).toEqual([
      ['ap-southeast-2', [DELEGATED_ADMINISTRATOR_ID], `arn:aws:iam::${DELEGATED_ADMINISTRATOR_ID}:role/OrganizationAccountAccessRole`],
    ]);
    expect(resource(delegated, 'aws_organizations_policy.backup_standard')).not.toHaveProperty('depends_on');
    expect(out.manifest.stacks['delegated-admin'].dependencies.sort()).toEqual(['backup-account', 'management']);
  });

  it('leaves the source stacks as they are', () => {
    for (const name of Object.keys(example.stacks).filter((n) => n.startsWith('source-'))) {
      expect(addresses(out.stacks[name])).toEqual(addresses(example.stacks[name]));
    }
  });

  it('passes the security rule pack, and every air-gap rule applies to it', () => {
    const app = new SynthesizedApp(out.stacks);
    expect(blocking(runPack(app))).toEqual([]);
    for (const id of AIR_GAP_RULE_IDS) {
      const rule = SECURITY_RULES.find((r) => r.id === id)!;
      expect(app.resources.filter((r) => rule.check(r, app).status === 'compliant').length).toBeGreaterThan(0);
    }
  });
});

describe.each(REGIONS)('the air-gapped vault in %s', (region) => {
  it('is a logically air-gapped vault with the configured bounds, its own key and prevent_destroy', () => {
    expect(resource(backup, `aws_backup_logically_air_gapped_vault.air_gapped_${region}`)).toMatchObject({
      name: 'org-air-gapped',
      min_retention_days: 30,
      max_retention_days: 3650,
      encryption_key_arn: `\${aws_kms_key.air_gapped_${region}.arn}`,
      lifecycle: { prevent_destroy: true },
      provider: `aws.${region}`,
    });
    expect(resource(backup, `aws_kms_alias.air_gapped_${region}`)).toMatchObject({ name: 'alias/org-air-gapped' });
  });

  it("has the central key's hardening on its key and the central vault's statements on its access policy", () => {
    const sids = (doc: { Statement: { Sid: string }[] }) => doc.Statement.map((s) => s.Sid);
    // The policies hold the exempt roles' unique ids (Terraform references): read as jsonencode.
    const jsonAttribute = (stack: typeof backup, address: string, attribute: string) => readJsonDocument(resource(stack, address)[attribute] as string) as { Statement: { Sid: string }[] };
    expect(jsonAttribute(backup, `aws_kms_key.air_gapped_${region}`, 'policy')).toEqual(jsonAttribute(backup, `aws_kms_key.central_${region}`, 'policy'));
    expect(resource(backup, `aws_kms_key.air_gapped_${region}`)).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    const policy = jsonAttribute(backup, `aws_backup_vault_policy.air_gapped_${region}`, 'policy');
    expect(policy).toEqual(jsonAttribute(backup, `aws_backup_vault_policy.central_${region}`, 'policy'));
    expect(sids(policy)).toEqual([
      'AllowCopyIntoFromOrganization',
      'DenyRecoveryPointDestruction',
      'DenyRecoveryPointDestructionByRoleId',
      'DenyVaultProtectionChanges',
      'DenyVaultProtectionChangesByRoleId',
      'DenyCopyOutOfOrganization',
      'DenyCopyOutOfOrganizationByRoleId',
    ]);
    expect(resource(backup, `aws_backup_vault_policy.air_gapped_${region}`).backup_vault_name).toBe(`\${aws_backup_logically_air_gapped_vault.air_gapped_${region}.name}`);
  });

  it('is shared through AWS RAM inside the organization only, with every source account and the recovery account', () => {
    expect(resource(backup, `aws_ram_resource_share.air_gapped_${region}`)).toMatchObject({ name: `org-air-gapped-${region}`, allow_external_principals: false });
    expect(resource(backup, `aws_ram_resource_association.air_gapped_${region}`)).toMatchObject({
      resource_arn: `\${aws_backup_logically_air_gapped_vault.air_gapped_${region}.arn}`,
      resource_share_arn: `\${aws_ram_resource_share.air_gapped_${region}.arn}`,
    });
    const principals = Object.values(backup.resource?.aws_ram_principal_association ?? {}).filter((p: any) => p.provider === `aws.${region}`).map((p: any) => p.principal);
    expect(principals.sort()).toEqual([...SOURCES, RECOVERY_ACCOUNT_ID].sort());
  });

  it('is an output of the backup-account stack, read by the policies through remote state', () => {
    expect(backup.output?.[`air_gapped_vault_arn_${region.replace(/-/g, '_')}`]).toMatchObject({ value: `\${aws_backup_logically_air_gapped_vault.air_gapped_${region}.arn}` });
    expect(backup.output?.[`air_gapped_vault_arn_${region.replace(/-/g, '_')}`]).not.toHaveProperty('sensitive', true);
  });

  it('receives a copy of the rules that copy to it, in its own region, with their retention', () => {
    const doc = readJsonDocument(String(resource(delegated, 'aws_organizations_policy.backup_standard').content)) as any;
    const arn = `arn:aws:backup:${region}:222222222222:backup-vault:org-air-gapped`;
    expect(doc.plans[`standard-${region}`].rules.daily.copy_actions[arn]).toEqual({
      target_backup_vault_arn: { '@@assign': `\${data.terraform_remote_state.backup_account.outputs.air_gapped_vault_arn_${region.replace(/-/g, '_')}}` },
      lifecycle: { delete_after_days: { '@@assign': '90' } },
    });
    // The central copy stays beside it.
    expect(Object.keys(doc.plans[`standard-${region}`].rules.daily.copy_actions)).toEqual([`arn:aws:backup:${region}:222222222222:backup-vault:org-central-backup`, arn]);
    // A rule without copyToAirGappedVault copies to the central vault only.
    const critical = readJsonDocument(String(resource(delegated, 'aws_organizations_policy.backup_critical').content)) as any;
    expect(Object.keys(critical.plans[`critical-${region}`].rules.daily.copy_actions)).toEqual([`arn:aws:backup:${region}:222222222222:backup-vault:org-central-backup`]);
  });

  it('is restore-tested weekly with the central vault: the latest snapshot of the last 7 days, one selection per type', () => {
    expect(resource(backup, `aws_backup_restore_testing_plan.restore_test_${region}`)).toMatchObject({
      name: 'org_backup_restore_test',
      schedule_expression: 'cron(0 5 ? * SUN *)',
      start_window_hours: 24,
      recovery_point_selection: [
        {
          algorithm: 'LATEST_WITHIN_WINDOW',
          include_vaults: [`\${aws_backup_vault.central_${region}.arn}`, `\${aws_backup_logically_air_gapped_vault.air_gapped_${region}.arn}`],
          recovery_point_types: ['SNAPSHOT'],
          selection_window_days: 7,
        },
      ],
    });
    expect(resource(backup, `aws_backup_restore_testing_selection.restore_test_${region}_ebs`)).toMatchObject({
      name: 'ebs',
      protected_resource_type: 'EBS',
      protected_resource_arns: ['*'],
      iam_role_arn: '${aws_iam_role.restore_testing.arn}',
      restore_testing_plan_name: `\${aws_backup_restore_testing_plan.restore_test_${region}.name}`,
    });
  });
});

describe('the restore testing role', () => {
  it('is trusted by AWS Backup only and holds the AWS restore policies, nothing to back up or delete with', () => {
    expect(jsonAttribute(backup, 'aws_iam_role.restore_testing', 'assume_role_policy')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'AwsBackupOnly', Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    // The role's own attachments (the account's AWS Backup role, for the policy attached to the root, has others).
    const attached = Object.values(backup.resource?.aws_iam_role_policy_attachment ?? {})
      .filter((a: any) => a.role === '${aws_iam_role.restore_testing.name}')
      .map((a: any) => a.policy_arn)
      .sort();
    expect(attached).toEqual(['arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore', 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores']);
  });
});

describe('the AWS Backup delegated administrator', () => {
  it('is registered for backup.amazonaws.com, after the organization prerequisites', () => {
    expect(resource(management, 'aws_organizations_delegated_administrator.backup')).toMatchObject({
      account_id: DELEGATED_ADMINISTRATOR_ID,
      service_principal: 'backup.amazonaws.com',
      depends_on: ['data.aws_organizations_organization.this', 'aws_backup_global_settings.cross_account'],
    });
  });

  it('lets AWS Backup keep its Organizations permissions in step (isDelegatedAdministratorEnabled), no longer ignored', () => {
    expect(resource(management, 'aws_backup_global_settings.cross_account')).toMatchObject({
      global_settings: { isCrossAccountBackupEnabled: 'true', isDelegatedAdministratorEnabled: 'true' },
      lifecycle: { ignore_changes: ['global_settings["isMpaEnabled"]'] },
    });
  });

  it('gets, through the Organizations resource policy, organization reads and the management of backup policies only', () => {
    const policy = jsonAttribute(management, 'aws_organizations_resource_policy.backup_policy_delegation', 'content');
    const principal = { AWS: `arn:aws:iam::${DELEGATED_ADMINISTRATOR_ID}:root` };
    expect(policy.Statement.map((s: any) => [s.Sid, s.Principal, s.Condition])).toEqual([
      ['DelegateOrganizationRead', principal, undefined],
      ['DelegateBackupPolicyRead', principal, { StringLikeIfExists: { 'organizations:PolicyType': 'BACKUP_POLICY' } }],
      ['DelegateBackupPolicyManagement', principal, { StringLikeIfExists: { 'organizations:PolicyType': 'BACKUP_POLICY' } }],
    ]);
    expect(policy.Statement[2].Action).toEqual(['organizations:CreatePolicy', 'organizations:UpdatePolicy', 'organizations:DeletePolicy', 'organizations:AttachPolicy', 'organizations:DetachPolicy']);
    expect(policy.Statement[2].Resource).toEqual([
      'arn:aws:organizations::111111111111:root/o-a1b2c3d4e5/r-a1b2',
      'arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/*',
      'arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/*',
      'arn:aws:organizations::111111111111:policy/o-a1b2c3d4e5/backup_policy/*',
    ]);
  });

  it('is absent, and the setting left to its owner, without delegatedAdministrator', () => {
    const plain = synthApp(exampleConfig()).stacks.management;
    expect(plain.resource).not.toHaveProperty('aws_organizations_delegated_administrator');
    expect(resource(plain, 'aws_backup_global_settings.cross_account')).toMatchObject({ global_settings: { isCrossAccountBackupEnabled: 'true' } });
  });
});

describe('variants', () => {
  it('an AWS-owned key (the default) adds no key and no encryption_key_arn', () => {
    const stack = synthApp(exampleConfig((c) => void (c.backupAccount.airGappedVault = {}))).stacks['backup-account'];
    // The central keys, and the Backup account's own backup keys (a policy is attached to the root): none for the air-gapped vault.
    expect(Object.keys(stack.resource?.aws_kms_key ?? {}).sort()).toEqual(['backup_ap-southeast-2', 'backup_eu-west-1', 'central_ap-southeast-2', 'central_eu-west-1']);
    expect(resource(stack, 'aws_backup_logically_air_gapped_vault.air_gapped_eu-west-1')).not.toHaveProperty('encryption_key_arn');
    expect(resource(stack, 'aws_backup_logically_air_gapped_vault.air_gapped_eu-west-1')).toMatchObject({ name: 'org-air-gapped', min_retention_days: 30, max_retention_days: 3650 });
    // Shared by default with every source account.
    const principals = Object.values(stack.resource?.aws_ram_principal_association ?? {}).map((p: any) => p.principal);
    expect([...new Set(principals)].sort()).toEqual(SOURCES);
    expect(stack.resource).not.toHaveProperty('aws_backup_restore_testing_plan');
  });

  it('restore testing without an air-gapped vault tests the central vault, every supported type by default', () => {
    const stack = synthApp(exampleConfig((c) => void (c.backupAccount.restoreTesting = {}))).stacks['backup-account'];
    expect(resource(stack, 'aws_backup_restore_testing_plan.restore_test_eu-west-1')).toMatchObject({
      recovery_point_selection: [{ include_vaults: ['${aws_backup_vault.central_eu-west-1.arn}'] }],
    });
    expect(Object.keys(stack.resource?.aws_backup_restore_testing_selection ?? {}).filter((a) => a.includes('eu-west-1')).length).toBe(10);
    expect(stack.resource).not.toHaveProperty('aws_backup_logically_air_gapped_vault');
  });

  it('restore testing defaults to the types in use when every policy selects by resource type', () => {
    const stack = synthApp(
      exampleConfig((c) => {
        c.policies[0].selection = { resourceTypes: ['arn:aws:ec2:*:*:volume/*', 'arn:aws:cloudformation:*:*:stack/*'] } as any;
        c.policies[1].selection = { resourceTypes: ['arn:aws:rds:*:*:db:*', 'arn:aws:rds:*:*:cluster:*'] } as any;
        c.backupAccount.restoreTesting = {};
      }),
    ).stacks['backup-account'];
    const types = Object.values(stack.resource?.aws_backup_restore_testing_selection ?? {}).filter((s: any) => s.provider === 'aws.eu-west-1').map((s: any) => s.protected_resource_type);
    expect(types).toEqual(['Aurora', 'DocumentDB', 'EBS', 'Neptune', 'RDS']);
  });

  it('the delegated administrator in full.ts is neither the Backup account nor a source account', () => {
    expect(config.delegatedAdministrator?.accountId).toBe(DELEGATED_ADMINISTRATOR_ID);
    expect([config.backupAccount.accountId, ...SOURCES]).not.toContain(DELEGATED_ADMINISTRATOR_ID);
  });
});
