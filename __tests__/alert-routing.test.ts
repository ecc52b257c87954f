/**
 * Where each alert goes (stacks/alerts.ts), for every shape of `alerts`: a topic created per region,
 * or an existing topic in one region that the other regions forward to through the Backup account's
 * forwarder role; which rules exist with `tamper`, `jobFailures` and `sourceAccounts` off; and which
 * buses each forwarder role may put events on. One source account keeps the synths small.
 */
import { App } from 'cdktf';
import type { OrgConfigInput } from '../envs/schema';
import { AccountStack } from '../stacks/account-stack';
import { DelegatedAdminStack } from '../stacks/delegated-admin-stack';
import { exampleConfig, jsonAttribute, synthApp } from './support/synth';

const BACKUP = '222222222222';
const SOURCE = 'source-workloads-prod';
const TOPIC = `arn:aws:sns:eu-west-1:${BACKUP}:ops-alerts`;
const bus = (region: string) => `arn:aws:events:${region}:${BACKUP}:event-bus/default`;
const ALL_KINDS = ['backup_job_failed', 'copy_job_failed', 'restore_job_failed', 'tamper_key', 'tamper_key_grant', 'tamper_vault'];
const TAMPER_KINDS = ['tamper_key', 'tamper_key_grant', 'tamper_vault'];
const JOB_KINDS = ['backup_job_failed', 'copy_job_failed', 'restore_job_failed'];

function synthAlerts(alerts: NonNullable<OrgConfigInput['alerts']>) {
  const config = exampleConfig((c) => {
    // One source account, and the policies attached where it still exists.
    const dropped = c.sourceAccounts.slice(1).map((a) => a.accountId);
    c.sourceAccounts = c.sourceAccounts.slice(0, 1);
    for (const policy of c.policies) policy.targets = policy.targets.filter((t) => !dropped.includes(t));
    c.alerts = alerts;
  });
  return synthApp(config).stacks;
}

const names = (block: Record<string, unknown> | undefined) => Object.keys(block ?? {}).sort();

describe('alerts to an existing topic in eu-west-1, the second region', () => {
  const stacks = synthAlerts({ snsTopicArn: TOPIC });
  const backup = stacks['backup-account'];
  const targets = backup.resource?.aws_cloudwatch_event_target as Record<string, { arn: string; role_arn?: string }>;

  it('creates no topic, and the bus policy only in the topic region', () => {
    expect(backup.resource?.aws_sns_topic).toBeUndefined();
    expect(names(backup.resource?.aws_cloudwatch_event_bus_policy)).toEqual(['alerts_eu-west-1']);
  });

  it('has the topic region rules publish to the topic directly, without a role', () => {
    for (const kind of ALL_KINDS) expect([targets[`${kind}_eu-west-1`].arn, targets[`${kind}_eu-west-1`].role_arn]).toEqual([TOPIC, undefined]);
  });

  it("has the other region's rules forward to the topic region's bus through the forwarder role", () => {
    for (const kind of ALL_KINDS) expect(targets[`${kind}_ap-southeast-2`]).toMatchObject({ arn: bus('eu-west-1'), role_arn: '${aws_iam_role.alerts_forwarder.arn}' });
    expect(jsonAttribute(backup, 'aws_iam_role_policy.alerts_forwarder', 'policy').Statement).toEqual([
      { Sid: 'PutAlertEvents', Effect: 'Allow', Action: 'events:PutEvents', Resource: [bus('eu-west-1')] },
    ]);
  });

  it("has every source region forward to the topic region's bus, and its role put events there only", () => {
    const source = stacks[SOURCE];
    const forwards = source.resource?.aws_cloudwatch_event_target as Record<string, { arn: string; role_arn?: string }>;
    expect(names(forwards)).toEqual(['forward_alerts_ap-southeast-2', 'forward_alerts_eu-west-1']);
    for (const target of Object.values(forwards)) expect(target).toMatchObject({ arn: bus('eu-west-1'), role_arn: '${aws_iam_role.alerts_forwarder.arn}' });
    expect(jsonAttribute(source, 'aws_iam_role_policy.alerts_forwarder', 'policy').Statement[0].Resource).toEqual([bus('eu-west-1')]);
  });
});

describe('alerts to a topic created in each region', () => {
  const stacks = synthAlerts({ emails: ['oncall@example.com'] });
  const backup = stacks['backup-account'];

  it('creates a topic and a bus policy in every region, and no forwarder role in the Backup account', () => {
    expect(names(backup.resource?.aws_sns_topic)).toEqual(['alerts_ap-southeast-2', 'alerts_eu-west-1']);
    expect(names(backup.resource?.aws_cloudwatch_event_bus_policy)).toEqual(['alerts_ap-southeast-2', 'alerts_eu-west-1']);
    expect(backup.resource?.aws_iam_role?.alerts_forwarder).toBeUndefined();
  });

  it("has each region's rules publish to that region's topic, without a role", () => {
    const targets = backup.resource?.aws_cloudwatch_event_target as Record<string, { arn: string; role_arn?: string }>;
    for (const region of ['ap-southeast-2', 'eu-west-1']) {
      for (const kind of ALL_KINDS) {
        const target = targets[`${kind}_${region}`];
        expect([target.arn, target.role_arn]).toEqual([`\${aws_sns_topic.alerts_${region}.arn}`, undefined]);
      }
    }
  });

  it("has each source region forward to the same region's bus, and its role put events on both", () => {
    const source = stacks[SOURCE];
    const forwards = source.resource?.aws_cloudwatch_event_target as Record<string, { arn: string }>;
    expect(forwards['forward_alerts_ap-southeast-2'].arn).toBe(bus('ap-southeast-2'));
    expect(forwards['forward_alerts_eu-west-1'].arn).toBe(bus('eu-west-1'));
    expect(jsonAttribute(source, 'aws_iam_role_policy.alerts_forwarder', 'policy').Statement[0].Resource).toEqual([bus('ap-southeast-2'), bus('eu-west-1')]);
  });
});

describe('alert kinds and forwarding switched off', () => {
  const ruleKinds = (stacks: ReturnType<typeof synthAlerts>) =>
    names(stacks['backup-account'].resource?.aws_cloudwatch_event_rule).filter((n) => n.endsWith('_eu-west-1')).map((n) => n.replace(/_eu-west-1$/, ''));

  it('tamper: false leaves the job rules only', () => {
    expect(ruleKinds(synthAlerts({ emails: ['oncall@example.com'], tamper: false }))).toEqual(JOB_KINDS);
  });

  it('jobFailures: false leaves the tamper rules only', () => {
    expect(ruleKinds(synthAlerts({ emails: ['oncall@example.com'], jobFailures: false }))).toEqual(TAMPER_KINDS);
  });

  it('sourceAccounts: false: no forwarding rule or role in the source accounts, and no bus policy', () => {
    const stacks = synthAlerts({ emails: ['oncall@example.com'], sourceAccounts: false });
    expect(stacks[SOURCE].resource?.aws_cloudwatch_event_rule).toBeUndefined();
    expect(stacks[SOURCE].resource?.aws_iam_role?.alerts_forwarder).toBeUndefined();
    expect(stacks['backup-account'].resource?.aws_cloudwatch_event_bus_policy).toBeUndefined();
    expect(ruleKinds(stacks)).toEqual(ALL_KINDS);
  });
});

describe('stack misuse fails loudly', () => {
  it('a provider of a region the stack was not created with', () => {
    const stack = new AccountStack(new App(), 'probe', exampleConfig(), BACKUP, ['eu-west-1'], undefined);
    expect(stack.provider('eu-west-1')).toBeDefined();
    expect(() => stack.provider('us-east-1')).toThrow('stack probe has no provider for region us-east-1');
  });

  it('the delegated-admin stack without a delegated administrator', () => {
    expect(() => new DelegatedAdminStack(new App(), exampleConfig())).toThrow('DelegatedAdminStack: the configuration has no delegatedAdministrator');
  });
});
