/**
 * envs/backup-policy-content.ts: the BACKUP_POLICY document of a configured policy written out in
 * full (roles, vaults, selection, plan settings, the malware scanner and its default types), the
 * policy's description, and the literal copy targets of every region.
 */
import {
  backupPolicyContent,
  backupPolicyDescription,
  literalAirGappedTargets,
  literalCopyTargets,
  policyScansForMalware,
} from '../../envs/backup-policy-content';
import type { OrgConfig } from '../../envs/schema';
import { configOf } from '../support/config-draft';

type Draft = any;

const A = <T>(value: T) => ({ '@@assign': value });
const INSTANCES = 'arn:aws:ec2:*:*:instance/*';
const CENTRAL_EU = 'arn:aws:backup:eu-west-1:222222222222:backup-vault:org-central-backup';
const CENTRAL_AP = 'arn:aws:backup:ap-southeast-2:222222222222:backup-vault:org-central-backup';

/** One region, one policy of one daily rule, with its own role and vault names. */
function smallConfig(policy: (p: Draft) => void = () => {}): OrgConfig {
  return configOf((c) => {
    c.regions = ['eu-west-1'];
    c.backupRoleName = 'BackupRole';
    c.sourceVaultName = 'local-vault';
    c.malwareScanRoleName = 'ScanRole';
    c.policies = [c.policies[0]];
    c.policies[0].rules = [c.policies[0].rules[0]];
    policy(c.policies[0]);
  });
}

const dailyRule = (extra: object = {}) => ({
  schedule_expression: A('cron(0 17 ? * * *)'),
  start_backup_window_minutes: A('60'),
  complete_backup_window_minutes: A('360'),
  target_backup_vault_name: A('local-vault'),
  lifecycle: { delete_after_days: A('35') },
  copy_actions: { [CENTRAL_EU]: { target_backup_vault_arn: A(CENTRAL_EU), lifecycle: { delete_after_days: A('90') } } },
  ...extra,
});
const SCAN_ACTIONS = { scan_actions: { GUARDDUTY: { malware_scanner: A('GUARDDUTY'), scan_mode: A('INCREMENTAL_SCAN') } } };
const scanSettings = (types: string[]) => ({
  scan_settings: { GUARDDUTY: { malware_scanner: A('GUARDDUTY'), resource_types: A(types), scanner_role_arn: A('arn:aws:iam::$account:role/ScanRole') } },
});

describe('backupPolicyContent', () => {
  test('a policy by tag: the configured role and local vault, the copy to the central vault', () => {
    const config = smallConfig();
    expect(backupPolicyContent(config, config.policies[0], literalCopyTargets(config))).toEqual({
      plans: {
        'standard-eu-west-1': {
          regions: A(['eu-west-1']),
          rules: { daily: dailyRule() },
          selections: { tags: { standard: { iam_role_arn: A('arn:aws:iam::$account:role/BackupRole'), tag_key: A('backup-plan'), tag_value: A(['standard']) } } },
        },
      },
    });
  });

  test('every newer element: by type and tag, VSS, plan tags, a scanning rule and the types scanned', () => {
    const config = smallConfig((p) => {
      p.selection = { resourceTypes: [INSTANCES], tagKey: 'backup-plan', tagValues: ['standard'] };
      p.windowsVss = true;
      p.planTags = { team: 'platform' };
      p.malwareScanResourceTypes = ['EBS'];
      p.rules[0].malwareScan = { mode: 'incremental' };
    });
    expect(backupPolicyContent(config, config.policies[0], literalCopyTargets(config))).toEqual({
      plans: {
        'standard-eu-west-1': {
          regions: A(['eu-west-1']),
          rules: { daily: dailyRule(SCAN_ACTIONS) },
          selections: {
            resources: {
              standard: {
                iam_role_arn: A('arn:aws:iam::$account:role/BackupRole'),
                resource_types: A([INSTANCES]),
                conditions: { string_equals: { tag: { condition_key: A('aws:ResourceTag/backup-plan'), condition_value: A('standard') } } },
              },
            },
          },
          advanced_backup_settings: { ec2: { windows_vss: A('enabled') } },
          backup_plan_tags: { team: { tag_key: A('team'), tag_value: A('platform') } },
          ...scanSettings(['EBS']),
        },
      },
    });
  });

  test('a scanning rule without malwareScanResourceTypes: GuardDuty scans all three types', () => {
    const config = smallConfig((p) => (p.rules[0].malwareScan = { mode: 'incremental' }));
    const plan = (backupPolicyContent(config, config.policies[0], literalCopyTargets(config)) as any).plans['standard-eu-west-1'];
    expect(plan.scan_settings).toEqual(scanSettings(['EBS', 'EC2', 'S3']).scan_settings);
    expect(plan.rules.daily).toEqual(dailyRule(SCAN_ACTIONS));
  });

  test('malwareScanResourceTypes without a scanning rule (refused by the validator): no scanner', () => {
    const config = smallConfig();
    const plan = (backupPolicyContent(config, { ...config.policies[0], malwareScanResourceTypes: ['S3'] }, literalCopyTargets(config)) as any).plans['standard-eu-west-1'];
    expect(Object.keys(plan)).toEqual(['regions', 'rules', 'selections']);
  });

  test('a rule copying to the air-gapped vault copies to the target given for its region', () => {
    const config = smallConfig();
    const policy = { ...config.policies[0], rules: [{ ...config.policies[0].rules[0], copyToAirGappedVault: { deleteAfterDays: 90 } }] };
    const airGapped = { 'eu-west-1': { key: 'air-gapped-key', arn: 'air-gapped-arn' } };
    const plan = (backupPolicyContent(config, policy, literalCopyTargets(config), airGapped) as any).plans['standard-eu-west-1'];
    expect(plan.rules.daily.copy_actions).toEqual({
      [CENTRAL_EU]: { target_backup_vault_arn: A(CENTRAL_EU), lifecycle: { delete_after_days: A('90') } },
      'air-gapped-key': { target_backup_vault_arn: A('air-gapped-arn'), lifecycle: { delete_after_days: A('90') } },
    });
  });
});

describe('policyScansForMalware', () => {
  const rules = (...scans: boolean[]) => ({ rules: scans.map((scan) => (scan ? { malwareScan: { mode: 'full' } } : {})) }) as any;

  test('true when any rule scans', () => {
    expect(policyScansForMalware(rules(false, true))).toBe(true);
    expect(policyScansForMalware(rules(true))).toBe(true);
  });

  test('false when none does', () => {
    expect(policyScansForMalware(rules(false, false))).toBe(false);
    expect(policyScansForMalware(rules())).toBe(false);
  });
});

describe('backupPolicyDescription', () => {
  const described = (selection: object) => backupPolicyDescription({ selection } as any);

  test('by tag: the key and every value', () => {
    expect(described({ tagKey: 'backup-plan', tagValues: ['critical', 'regulated'] })).toBe('Backups by tag backup-plan=critical|regulated, copied to the Backup account');
  });

  test('by type: how many, singular and plural', () => {
    expect(described({ resourceTypes: ['*'] })).toBe('Backups by 1 resource type, copied to the Backup account');
    expect(described({ resourceTypes: [INSTANCES, 'arn:aws:s3:::*'] })).toBe('Backups by 2 resource types, copied to the Backup account');
  });

  test('by type and tag', () => {
    expect(described({ resourceTypes: [INSTANCES, 'arn:aws:s3:::*'], tagKey: 'k', tagValues: ['v'] })).toBe('Backups by 2 resource types and tag k=v, copied to the Backup account');
  });

  test('a tag key without values, or values without a key, is no tag', () => {
    expect(described({ resourceTypes: ['*'], tagKey: 'k' })).toBe('Backups by 1 resource type, copied to the Backup account');
    expect(described({ resourceTypes: ['*'], tagValues: ['v'] })).toBe('Backups by 1 resource type, copied to the Backup account');
  });
});

describe('literal copy targets', () => {
  test('the central vault of every region, key and ARN alike', () => {
    expect(literalCopyTargets(configOf())).toEqual({
      'ap-southeast-2': { key: CENTRAL_AP, arn: CENTRAL_AP },
      'eu-west-1': { key: CENTRAL_EU, arn: CENTRAL_EU },
    });
  });

  test('in another partition, with another vault name', () => {
    const arn = 'arn:aws-cn:backup:cn-north-1:222222222222:backup-vault:central';
    expect(literalCopyTargets({ regions: ['cn-north-1'], partition: 'aws-cn', backupAccount: { accountId: '222222222222', vaultName: 'central' } })).toEqual({
      'cn-north-1': { key: arn, arn },
    });
  });

  test('no air-gapped vault: none', () => {
    expect(literalAirGappedTargets(configOf())).toEqual({});
  });

  test('the air-gapped vault of every region', () => {
    const eu = 'arn:aws:backup:eu-west-1:222222222222:backup-vault:org-air-gapped';
    const ap = 'arn:aws:backup:ap-southeast-2:222222222222:backup-vault:org-air-gapped';
    expect(literalAirGappedTargets(configOf((c) => (c.backupAccount.airGappedVault = {})))).toEqual({
      'ap-southeast-2': { key: ap, arn: ap },
      'eu-west-1': { key: eu, arn: eu },
    });
  });
});
