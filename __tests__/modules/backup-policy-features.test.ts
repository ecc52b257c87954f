/**
 * The backup policy's newer elements, rendered in the syntax of AWS's "Backup policy syntax and
 * examples" page: selections.resources, advanced_backup_settings, backup_plan_tags, scan_settings,
 * and on rules scan_actions, index_actions, enable_continuous_backup.
 */
import { buildBackupPolicyDocument, type BackupPolicyDocumentProps, type PolicyRule } from '../../modules/management/backup-policy-document';
import { continuousBackupResourceTypes, selectableResourceTypes, SELECTABLE_RESOURCE_TYPES } from '../../modules/management/backup-policy-features';

const daily: PolicyRule = { name: 'daily', schedule: 'cron(0 17 ? * * *)', startWindowMinutes: 60, completionWindowMinutes: 360, lifecycle: { deleteAfterDays: 35 } };
const base: BackupPolicyDocumentProps = {
  name: 'dynamo',
  regions: ['eu-west-1'],
  partition: 'aws',
  roleName: 'OrgBackupServiceRole',
  vaultName: 'org-local-backup',
  selection: { resourceTypes: ['arn:aws:dynamodb:*:*:table/*'] },
  rules: [daily],
  copyTargets: {},
};
const plan = (props: Partial<BackupPolicyDocumentProps>) => (buildBackupPolicyDocument({ ...base, ...props }) as any).plans['dynamo-eu-west-1'];

describe('selection by resource type', () => {
  it('renders selections.resources with the backup role and the types, and no tags block', () => {
    expect(plan({}).selections).toEqual({
      resources: {
        dynamo: {
          iam_role_arn: { '@@assign': 'arn:aws:iam::$account:role/OrgBackupServiceRole' },
          resource_types: { '@@assign': ['arn:aws:dynamodb:*:*:table/*'] },
        },
      },
    });
  });

  it('adds not_resource_types and a string_equals condition on the tag when given', () => {
    const selections = plan({ selection: { resourceTypes: ['*'], notResourceTypes: ['arn:aws:ec2:*:*:volume/*'], tagKey: 'backup', tagValues: ['true'] } }).selections;
    expect(selections.resources.dynamo).toEqual({
      iam_role_arn: { '@@assign': 'arn:aws:iam::$account:role/OrgBackupServiceRole' },
      resource_types: { '@@assign': ['*'] },
      not_resource_types: { '@@assign': ['arn:aws:ec2:*:*:volume/*'] },
      conditions: { string_equals: { tag: { condition_key: { '@@assign': 'aws:ResourceTag/backup' }, condition_value: { '@@assign': 'true' } } } },
    });
    expect(selections.tags).toBeUndefined();
  });

  it('keeps selection by tag alone as selections.tags', () => {
    expect(Object.keys(plan({ selection: { tagKey: 'backup-plan', tagValues: ['a', 'b'] } }).selections)).toEqual(['tags']);
  });

  it("lists AWS's resource types per partition", () => {
    expect(SELECTABLE_RESOURCE_TYPES).toHaveLength(15);
    expect(selectableResourceTypes('aws-us-gov')).toContain('arn:aws-us-gov:ec2:*:*:volume/*');
    expect(selectableResourceTypes('aws-us-gov')).toEqual(SELECTABLE_RESOURCE_TYPES.map((type) => `arn:aws-us-gov:${type.slice('arn:aws:'.length)}`));
  });

  it('lists the resource types AWS Backup takes continuous backups of, per partition', () => {
    expect(continuousBackupResourceTypes('aws-cn')).toEqual(['arn:aws-cn:rds:*:*:db:*', 'arn:aws-cn:rds:*:*:cluster:*', 'arn:aws-cn:s3:::*', 'arn:aws-cn:ssm-sap:*:*:HANA/*']);
  });
});

describe('plan settings', () => {
  it('renders Windows VSS and the plan tags as the syntax page shows them', () => {
    const p = plan({ windowsVss: true, planTags: { team: 'platform', 'cost-center': 'security' } });
    expect(p.advanced_backup_settings).toEqual({ ec2: { windows_vss: { '@@assign': 'enabled' } } });
    expect(p.backup_plan_tags).toEqual({
      team: { tag_key: { '@@assign': 'team' }, tag_value: { '@@assign': 'platform' } },
      'cost-center': { tag_key: { '@@assign': 'cost-center' }, tag_value: { '@@assign': 'security' } },
    });
  });

  it('renders no optional element that was not asked for', () => {
    const p = plan({ malwareScanning: { roleName: 'Scanner', resourceTypes: ['EBS'] } });
    expect(Object.keys(p)).toEqual(['regions', 'rules', 'selections']);
    expect(Object.keys(p.rules.daily)).toEqual(['schedule_expression', 'start_backup_window_minutes', 'complete_backup_window_minutes', 'target_backup_vault_name', 'lifecycle']);
  });
});

describe('rule actions', () => {
  const rule: PolicyRule = { ...daily, malwareScan: { mode: 'incremental' }, backupIndex: { resourceTypes: ['EBS', 'S3'] }, continuousBackup: true };
  const p = plan({ rules: [rule], malwareScanning: { roleName: 'OrgBackupMalwareScanRole', resourceTypes: ['EBS', 'S3'] } });

  it('renders scan_actions with the GuardDuty scanner and the scan mode', () => {
    expect(p.rules.daily.scan_actions).toEqual({ GUARDDUTY: { malware_scanner: { '@@assign': 'GUARDDUTY' }, scan_mode: { '@@assign': 'INCREMENTAL_SCAN' } } });
  });

  it('renders the plan scan_settings with the scanner role of every account', () => {
    expect(p.scan_settings).toEqual({
      GUARDDUTY: {
        malware_scanner: { '@@assign': 'GUARDDUTY' },
        resource_types: { '@@assign': ['EBS', 'S3'] },
        scanner_role_arn: { '@@assign': 'arn:aws:iam::$account:role/OrgBackupMalwareScanRole' },
      },
    });
  });

  it('renders index_actions and enable_continuous_backup', () => {
    expect(p.rules.daily.index_actions).toEqual({ resource_types: { '@@assign': ['EBS', 'S3'] } });
    expect(p.rules.daily.enable_continuous_backup).toEqual({ '@@assign': true });
  });

  it('maps full to FULL_SCAN', () => {
    const full = plan({ rules: [{ ...daily, malwareScan: { mode: 'full' } }], malwareScanning: { roleName: 'r', resourceTypes: ['EC2'] } });
    expect(full.rules.daily.scan_actions.GUARDDUTY.scan_mode).toEqual({ '@@assign': 'FULL_SCAN' });
  });

  it('refuses a scanning rule without a scanner role: the scan jobs would fail', () => {
    expect(() => plan({ rules: [rule] })).toThrow('a rule scans for malware, but no scanner role is given');
  });
});
