/**
 * The example with every optional feature on (envs/example-full.ts), synthesized once: the newer
 * backup policy elements as the management stack renders them, the scanner role in every source
 * account, and the addresses of everything this adds, pinned.
 */
import { config as fullExample } from '../envs/example-full';
import { validateConfig } from '../envs/load';
import { renderedPolicySize } from '../envs/rules';
import { BACKUP_POLICY_MAX_CHARACTERS } from '../modules/management/backup-policy-document';
import { resourcesOf } from '../output/synth-output';
import { readJsonDocument } from '../output/terraform-expression';
import { DELEGATED_ADMIN_STACK } from '../stacks/delegated-admin-stack';
import { resource, synthApp } from './support/synth';

const config = validateConfig(fullExample, 'envs/example-full.ts');
const out = synthApp(config);
const addresses = (stack: string) => resourcesOf(out.stacks[stack]).map((r) => r.address);
/** The stack that holds the backup policies: the delegated administrator's, as envs/full.ts deploys them from there. */
const POLICY_STACK = config.delegatedAdministrator?.deployBackupPolicies ? DELEGATED_ADMIN_STACK : 'management';
const policy = (name: string) => readJsonDocument(resource(out.stacks[POLICY_STACK], `aws_organizations_policy.backup_${name}`).content as string) as any;

/** New addresses of the full example: a contract like the example's (addresses.test.ts). */
const PINNED: Record<string, string[]> = {
  [POLICY_STACK]: ['aws_organizations_policy.backup_databases', 'aws_organizations_policy_attachment.backup_databases_ou-a1b2-c3d4e5f6'],
  'backup-account': [
    ...['bucket', 'bucket_ownership_controls', 'bucket_policy', 'bucket_public_access_block', 'bucket_server_side_encryption_configuration', 'bucket_versioning'].map((t) => `aws_s3_${t}.audit_reports`),
    ...['backup_job_report', 'copy_job_report', 'restore_job_report', 'control_compliance_report'].map((r) => `aws_backup_report_plan.${r}`),
    'aws_backup_framework.audit_ap-southeast-2',
    'aws_backup_framework.audit_eu-west-1',
    'aws_iam_service_linked_role.backup_reports',
  ].concat(['ap-southeast-2', 'eu-west-1'].flatMap((r) => [
    `aws_kms_key.alerts_${r}`,
    `aws_kms_alias.alerts_${r}`,
    `aws_sns_topic.alerts_${r}`,
    `aws_sns_topic_policy.alerts_${r}`,
    `aws_sns_topic_subscription.alerts_${r}_security_example_com`,
    `aws_sns_topic_subscription.alerts_${r}_backup-oncall_example_com`,
    `aws_cloudwatch_event_bus_policy.alerts_${r}`,
    ...['tamper_key', 'tamper_key_grant', 'tamper_vault', 'backup_job_failed', 'copy_job_failed', 'restore_job_failed'].flatMap((k) => [
      `aws_cloudwatch_event_rule.${k}_${r}`,
      `aws_cloudwatch_event_target.${k}_${r}`,
    ]),
  ])),
  'source-workloads-prod': [
    'aws_backup_framework.audit_ap-southeast-2',
    'aws_backup_framework.audit_eu-west-1',
    'aws_iam_role.alerts_forwarder',
    'aws_iam_role_policy.alerts_forwarder',
    'aws_cloudwatch_event_rule.forward_alerts_ap-southeast-2',
    'aws_cloudwatch_event_target.forward_alerts_ap-southeast-2',
    'aws_cloudwatch_event_rule.forward_alerts_eu-west-1',
    'aws_cloudwatch_event_target.forward_alerts_eu-west-1',
    'aws_iam_role.malware_scan',
    'aws_iam_role_policy_attachment.malware_scan_AWSBackupGuardDutyRolePolicyForScans',
    'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForScans',
  ],
};

describe('the full example', () => {
  it('keeps the alert topic key like every backup key: rotation, 30-day window, prevent_destroy', () => {
    expect(resource(out.stacks['backup-account'], 'aws_kms_key.alerts_eu-west-1')).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    expect(resource(out.stacks['backup-account'], 'aws_sns_topic.alerts_eu-west-1').kms_master_key_id).toBe('${aws_kms_key.alerts_eu-west-1.arn}');
  });

  it.each(Object.entries(PINNED))('keeps the pinned addresses of %s', (stack, pinned) => {
    expect(addresses(stack)).toEqual(expect.arrayContaining(pinned));
  });

  it('renders the policy that selects by type and tag, scans, indexes and backs up continuously', () => {
    const plan = policy('databases').plans['databases-eu-west-1'];
    expect(plan.selections.resources.databases.resource_types['@@assign']).toEqual(config.policies[2].selection.resourceTypes);
    expect(plan.selections.resources.databases.conditions.string_equals.tag.condition_key['@@assign']).toBe('aws:ResourceTag/backup');
    expect(plan.advanced_backup_settings.ec2.windows_vss['@@assign']).toBe('enabled');
    expect(plan.backup_plan_tags['data-class'].tag_value['@@assign']).toBe('confidential');
    expect(plan.scan_settings.GUARDDUTY.scanner_role_arn['@@assign']).toBe('arn:aws:iam::$account:role/OrgBackupMalwareScanRole');
    expect(plan.rules['daily-scanned'].scan_actions.GUARDDUTY.scan_mode['@@assign']).toBe('INCREMENTAL_SCAN');
    expect(plan.rules['daily-scanned'].index_actions.resource_types['@@assign']).toEqual(['EBS']);
    expect(plan.rules['weekly-full-scan'].scan_actions.GUARDDUTY.scan_mode['@@assign']).toBe('FULL_SCAN');
    expect(plan.rules['point-in-time'].enable_continuous_backup['@@assign']).toBe(true);
  });

  it('audits each source account with the controls of what the project promises, and reports into the bucket', () => {
    const controls = (stack: string) => (resource(out.stacks[stack], 'aws_backup_framework.audit_eu-west-1').control as { name: string; input_parameter: { name: string; value: string }[] }[]);
    expect(controls('source-workloads-prod').map((c) => c.name)).toEqual([
      'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
      'BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT',
      'BACKUP_LAST_RECOVERY_POINT_CREATED',
      'BACKUP_RECOVERY_POINT_ENCRYPTED',
      'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
    ]);
    expect(controls('source-workloads-prod')[1].input_parameter).toEqual([{ name: 'crossAccountList', value: config.backupAccount.accountId }]);
    expect(controls('backup-account').map((c) => c.name)).toContain('BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED');
    const plan = resource(out.stacks['backup-account'], 'aws_backup_report_plan.control_compliance_report') as any;
    expect(plan.report_delivery_channel).toMatchObject({ s3_bucket_name: '${aws_s3_bucket.audit_reports.bucket}', formats: ['CSV', 'JSON'] });
    expect(plan.report_setting).toMatchObject({ report_template: 'CONTROL_COMPLIANCE_REPORT', number_of_frameworks: 1 });
    expect(resource(out.stacks['backup-account'], 'aws_s3_bucket.audit_reports').bucket).toBe(`org-backup-audit-${config.backupAccount.accountId}-ap-southeast-2`);
  });

  it('measures the size limit on the rendered documents, features included', () => {
    const sizes = config.policies.map((p) => renderedPolicySize(config, p));
    expect(sizes.every((size) => size < BACKUP_POLICY_MAX_CHARACTERS)).toBe(true);
    expect(sizes[2]).toBeGreaterThan(sizes[0]);
  });

  it('creates the scanner role trusted by GuardDuty Malware Protection only, with its managed policy', () => {
    const stack = out.stacks['source-workloads-prod'];
    const trust = JSON.parse(resource(stack, 'aws_iam_role.malware_scan').assume_role_policy as string);
    expect(trust.Statement).toEqual([
      { Sid: 'GuardDutyMalwareProtectionOnly', Effect: 'Allow', Principal: { Service: 'malware-protection.guardduty.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(resource(stack, 'aws_iam_role.malware_scan').name).toBe('OrgBackupMalwareScanRole');
    expect(resource(stack, 'aws_iam_role_policy_attachment.backup_AWSBackupServiceRolePolicyForScans').policy_arn).toBe('arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForScans');
  });
});
