import { BACKUP_POLICY_MAX_CHARACTERS, buildBackupPolicyDocument, type BackupPolicyDocumentProps } from '../../modules/management/backup-policy-document';
import { readJsonDocument } from '../../output/terraform-expression';
import { exampleConfig, resource, synthApp } from '../support/synth';

const central = (region: string) => `arn:aws:backup:${region}:222222222222:backup-vault:org-central-backup`;
const props: BackupPolicyDocumentProps = {
  name: 'standard',
  regions: ['eu-west-1', 'us-east-1'],
  partition: 'aws',
  roleName: 'OrgBackupServiceRole',
  vaultName: 'org-local-backup',
  selection: { tagKey: 'backup-plan', tagValues: ['standard'] },
  rules: [
    {
      name: 'daily',
      schedule: 'cron(0 17 ? * * *)',
      startWindowMinutes: 60,
      completionWindowMinutes: 360,
      lifecycle: { deleteAfterDays: 35 },
      copyToBackupAccount: { deleteAfterDays: 90 },
    },
    {
      name: 'monthly',
      schedule: 'cron(0 17 1 * ? *)',
      startWindowMinutes: 120,
      completionWindowMinutes: 1440,
      lifecycle: { moveToColdStorageAfterDays: 30, deleteAfterDays: 365 },
    },
  ],
  copyTargets: {
    'eu-west-1': { key: central('eu-west-1'), arn: central('eu-west-1') },
    'us-east-1': { key: central('us-east-1'), arn: central('us-east-1') },
  },
};

describe('buildBackupPolicyDocument', () => {
  const doc = buildBackupPolicyDocument(props) as any;

  it('has one plan per region, each limited to its region', () => {
    expect(Object.keys(doc)).toEqual(['plans']);
    expect(Object.keys(doc.plans)).toEqual(['standard-eu-west-1', 'standard-us-east-1']);
    expect(doc.plans['standard-us-east-1'].regions).toEqual({ '@@assign': ['us-east-1'] });
  });

  it('renders a rule in AWS syntax, numbers as strings under @@assign', () => {
    const daily = doc.plans['standard-eu-west-1'].rules.daily;
    expect(daily).toEqual({
      schedule_expression: { '@@assign': 'cron(0 17 ? * * *)' },
      start_backup_window_minutes: { '@@assign': '60' },
      complete_backup_window_minutes: { '@@assign': '360' },
      target_backup_vault_name: { '@@assign': 'org-local-backup' },
      lifecycle: { delete_after_days: { '@@assign': '35' } },
      copy_actions: {
        [central('eu-west-1')]: {
          target_backup_vault_arn: { '@@assign': central('eu-west-1') },
          lifecycle: { delete_after_days: { '@@assign': '90' } },
        },
      },
    });
  });

  it('keys each copy action by the central vault of the plan region', () => {
    expect(Object.keys(doc.plans['standard-us-east-1'].rules.daily.copy_actions)).toEqual([central('us-east-1')]);
  });

  it('renders cold storage and omits copy_actions for a rule that does not copy', () => {
    const monthly = doc.plans['standard-eu-west-1'].rules.monthly;
    expect(monthly.lifecycle).toEqual({ move_to_cold_storage_after_days: { '@@assign': '30' }, delete_after_days: { '@@assign': '365' } });
    expect(monthly.copy_actions).toBeUndefined();
  });

  it('selects by tag with the backup role of each account ($account)', () => {
    expect(doc.plans['standard-eu-west-1'].selections).toEqual({
      tags: {
        standard: {
          iam_role_arn: { '@@assign': 'arn:aws:iam::$account:role/OrgBackupServiceRole' },
          tag_key: { '@@assign': 'backup-plan' },
          tag_value: { '@@assign': ['standard'] },
        },
      },
    });
  });

  it('refuses a copying rule for a region without a central vault', () => {
    expect(() => buildBackupPolicyDocument({ ...props, copyTargets: {} })).toThrow('no central vault is known for eu-west-1');
  });
});

describe('BACKUP_POLICY in the synthesized management stack', () => {
  const config = exampleConfig();
  const management = synthApp(config).stacks.management;
  const content = (name: string) => resource(management, `aws_organizations_policy.backup_${name}`).content as string;

  it('is serialized with jsonencode, its copy target read from the backup-account remote state', () => {
    expect(content('standard')).toMatch(/^\$\{jsonencode\(/);
    const doc = readJsonDocument(content('standard')) as any;
    const copy = doc.plans['standard-eu-west-1'].rules.daily.copy_actions;
    expect(copy).toEqual({
      [central('eu-west-1')]: {
        target_backup_vault_arn: { '@@assign': '${data.terraform_remote_state.backup_account.outputs.central_vault_arn_eu_west_1}' },
        lifecycle: { delete_after_days: { '@@assign': '90' } },
      },
    });
  });

  it.each(['standard', 'critical'])('%s: one plan per configured region, every rule of the config, in AWS syntax', (name) => {
    const policy = config.policies.find((p) => p.name === name)!;
    const doc = readJsonDocument(content(name)) as any;
    expect(Object.keys(doc.plans)).toEqual(config.regions.map((r) => `${name}-${r}`));
    for (const region of config.regions) {
      const plan = doc.plans[`${name}-${region}`];
      expect(plan.regions['@@assign']).toEqual([region]);
      expect(Object.keys(plan.rules)).toEqual(policy.rules.map((r) => r.name));
      for (const rule of policy.rules) {
        const rendered = plan.rules[rule.name];
        expect(rendered.schedule_expression['@@assign']).toBe(rule.schedule);
        expect(Number(rendered.start_backup_window_minutes['@@assign'])).toBe(rule.startWindowMinutes);
        expect(Number(rendered.complete_backup_window_minutes['@@assign'])).toBe(rule.completionWindowMinutes);
        expect(Number(rendered.lifecycle.delete_after_days['@@assign'])).toBe(rule.lifecycle.deleteAfterDays);
        const copy = rendered.copy_actions?.[central(region)];
        expect(Number(copy?.lifecycle.delete_after_days['@@assign'])).toBe(rule.copyToBackupAccount?.deleteAfterDays ?? NaN);
      }
      expect(plan.selections.tags[name].tag_value['@@assign']).toEqual(policy.selection.tagValues);
    }
  });

  it.each(['standard', 'critical'])('%s: stays under the 10,000-character limit once Terraform renders it', (name) => {
    // Worst case: the remote-state reference replaced by a real ARN of the longest possible vault name.
    const rendered = JSON.stringify(readJsonDocument(content(name))).replace(
      /\$\{data\.terraform_remote_state[^}]+\}/g,
      `arn:aws:backup:ap-southeast-2:222222222222:backup-vault:${'v'.repeat(50)}`,
    );
    expect(rendered.length).toBeLessThanOrEqual(BACKUP_POLICY_MAX_CHARACTERS);
  });

  it('is attached to root, OUs and accounts by id', () => {
    const attachments = management.resource?.aws_organizations_policy_attachment ?? {};
    expect(Object.keys(attachments).sort()).toEqual(['backup_critical_555555555555', 'backup_critical_ou-a1b2-c3d4e5f6', 'backup_standard_r-a1b2']);
    expect(attachments['backup_standard_r-a1b2']).toMatchObject({ target_id: 'r-a1b2', policy_id: '${aws_organizations_policy.backup_standard.id}' });
  });
});

describe('buildBackupPolicyDocument: the edges of selections, lifecycles and air-gapped copies', () => {
  const one = { ...props, regions: ['eu-west-1'] };
  const planOf = (p: BackupPolicyDocumentProps) => (buildBackupPolicyDocument(p) as any).plans['standard-eu-west-1'];
  const role = { '@@assign': 'arn:aws:iam::$account:role/OrgBackupServiceRole' };
  const types = ['arn:aws:dynamodb:*:*:table/*'];

  it('selects by a tag key with no values as an empty value list', () => {
    expect(planOf({ ...one, selection: { tagKey: 'backup-plan' } }).selections).toEqual({
      tags: { standard: { iam_role_arn: role, tag_key: { '@@assign': 'backup-plan' }, tag_value: { '@@assign': [] } } },
    });
  });

  it('selects by type alone, with no condition, when the tag key or its value is missing', () => {
    const byType = { resources: { standard: { iam_role_arn: role, resource_types: { '@@assign': types } } } };
    expect(planOf({ ...one, selection: { resourceTypes: types } }).selections).toEqual(byType);
    expect(planOf({ ...one, selection: { resourceTypes: types, tagKey: 'backup-plan' } }).selections).toEqual(byType);
    expect(planOf({ ...one, selection: { resourceTypes: types, tagKey: 'backup-plan', tagValues: [] } }).selections).toEqual(byType);
    expect(planOf({ ...one, selection: { resourceTypes: types, tagValues: ['standard'] } }).selections).toEqual(byType);
  });

  it('selects by type and tag with the first tag value as the condition', () => {
    expect(planOf({ ...one, selection: { resourceTypes: types, tagKey: 'backup-plan', tagValues: ['standard', 'other'] } }).selections.resources.standard.conditions).toEqual({
      string_equals: { tag: { condition_key: { '@@assign': 'aws:ResourceTag/backup-plan' }, condition_value: { '@@assign': 'standard' } } },
    });
  });

  it('writes a lifecycle with cold storage only, or nothing, without delete_after_days', () => {
    const rule = props.rules[1];
    const lifecycles = planOf({ ...one, rules: [{ ...rule, lifecycle: { moveToColdStorageAfterDays: 30 } }, { ...rule, name: 'bare', lifecycle: {} }] }).rules;
    expect(lifecycles.monthly.lifecycle).toEqual({ move_to_cold_storage_after_days: { '@@assign': '30' } });
    expect(lifecycles.bare.lifecycle).toEqual({});
  });

  it('refuses a rule copying to an air-gapped vault for a region without one', () => {
    const rule = { ...props.rules[1], copyToAirGappedVault: { deleteAfterDays: 90 } };
    const message = 'backup policy standard: rule monthly copies to an air-gapped vault, but none is known for eu-west-1';
    expect(() => buildBackupPolicyDocument({ ...one, rules: [rule] })).toThrow(new Error(message));
    expect(() => buildBackupPolicyDocument({ ...one, rules: [rule], airGappedTargets: { 'us-east-1': { key: 'k', arn: 'a' } } })).toThrow(new Error(message));
    expect(planOf({ ...one, rules: [rule], airGappedTargets: { 'eu-west-1': { key: 'k', arn: 'a' } } }).rules.monthly.copy_actions).toEqual({
      k: { target_backup_vault_arn: { '@@assign': 'a' }, lifecycle: { delete_after_days: { '@@assign': '90' } } },
    });
  });
});
