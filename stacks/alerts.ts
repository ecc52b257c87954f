/**
 * Where the tamper and job-failure alerts go in each stack: in the Backup account, one rule per
 * alert kind and region to the alert topic; in every source account, one rule per region that
 * forwards the same events to the Backup account's event bus, whose policy admits the organization.
 */
import type { OrgConfig, SourceAccountConfig } from '../envs/schema';
import { AlertTopic } from '../modules/backup-account/alert-topic';
import { defaultEventBusArn, OrganizationEventBusPolicy } from '../modules/backup-account/organization-event-bus-policy';
import { alertPatterns, anyOf, JOB_KINDS, TAMPER_KINDS, type AlertKind } from '../modules/shared/alert-patterns';
import { AlertRule } from '../modules/shared/alert-rule';
import { EventForwarderRole } from '../modules/shared/event-forwarder-role';
import type { AccountStack } from './account-stack';

/** The role EventBridge assumes in an account to forward alert events to the Backup account. */
export const ALERT_FORWARDER_ROLE_NAME = 'OrgBackupAlertForwarder';

const DESCRIPTIONS: Record<AlertKind, string> = {
  'tamper-key': 'A KMS key was scheduled for deletion, disabled or re-policied',
  'tamper-key-grant': 'A KMS grant was created by a caller that is not an AWS service',
  'tamper-vault': 'A backup vault, its access policy, lock or notifications, or a recovery point was deleted or changed',
  'backup-job-failed': 'A backup job failed, expired, was aborted, or completed partially or with issues',
  'copy-job-failed': 'A copy job failed or completed partially',
  'restore-job-failed': 'A restore job failed or was aborted',
};

function alertKinds(alerts: NonNullable<OrgConfig['alerts']>): AlertKind[] {
  return [...(alerts.tamper ? TAMPER_KINDS : []), ...(alerts.jobFailures ? JOB_KINDS : [])];
}

/** The region of the configured topic, or undefined when each region has its own created topic. */
function topicRegion(alerts: NonNullable<OrgConfig['alerts']>): string | undefined {
  return alerts.snsTopicArn?.split(':')[3];
}

/** The Backup account's alerts of one region. */
export function addBackupAccountAlerts(stack: AccountStack, config: OrgConfig, region: string): void {
  const { alerts } = config;
  if (!alerts) return;
  const { partition, backupAccount, organization } = config;
  const provider = stack.provider(region);
  const home = topicRegion(alerts);
  const receives = alerts.sourceAccounts && (home === undefined || home === region);
  if (receives) {
    new OrganizationEventBusPolicy(stack, `alerts-bus-policy-${region}`, {
      partition,
      region,
      accountId: backupAccount.accountId,
      organizationId: organization.id,
      address: `alerts_${region}`,
      provider,
    });
  }
  let target: { arn: string; roleArn?: string };
  if (alerts.snsTopicArn === undefined) {
    const topic = new AlertTopic(stack, `alerts-${region}`, {
      partition,
      region,
      accountId: backupAccount.accountId,
      organizationId: organization.id,
      emails: alerts.emails,
      address: `alerts_${region}`,
      provider,
    });
    target = { arn: topic.topic.arn };
  } else if (home === region) {
    target = { arn: alerts.snsTopicArn };
  } else {
    target = { arn: defaultEventBusArn(partition, home as string, backupAccount.accountId), roleArn: forwarderRoleArn(stack, config, backupAccount.accountId, [home as string]) };
  }
  const patterns = alertPatterns();
  for (const kind of alertKinds(alerts)) {
    new AlertRule(stack, `alert-${kind}-${region}`, {
      ruleName: `org-backup-${kind}`,
      description: DESCRIPTIONS[kind],
      pattern: patterns[kind],
      targetArn: target.arn,
      roleArn: target.roleArn,
      address: `${kind.replace(/-/g, '_')}_${region}`,
      provider,
    });
  }
}

/** A source account's forwarding rule of one region. */
export function addSourceAccountAlerts(stack: AccountStack, config: OrgConfig, account: SourceAccountConfig, region: string): void {
  const { alerts } = config;
  if (!alerts?.sourceAccounts) return;
  const home = topicRegion(alerts);
  const targetRegion = home ?? region;
  const patterns = alertPatterns({ vaultNames: [config.sourceVaultName] });
  new AlertRule(stack, `alert-forward-${region}`, {
    ruleName: 'org-backup-forward-alerts',
    description: 'Forwards org-backup tamper and job-failure events to the Backup account',
    pattern: anyOf(alertKinds(alerts).map((kind) => patterns[kind])),
    targetArn: defaultEventBusArn(config.partition, targetRegion, config.backupAccount.accountId),
    roleArn: forwarderRoleArn(stack, config, account.accountId, home ? [home] : config.regions),
    address: `forward_alerts_${region}`,
    provider: stack.provider(region),
  });
}

/** The stack's forwarder role (IAM is global: one per account, from the home region), created on first use. */
function forwarderRoleArn(stack: AccountStack, config: OrgConfig, accountId: string, busRegions: readonly string[]): string {
  const existing = stack.node.tryFindChild('alerts-forwarder') as EventForwarderRole | undefined;
  const role =
    existing ??
    new EventForwarderRole(stack, 'alerts-forwarder', {
      accountId,
      roleName: ALERT_FORWARDER_ROLE_NAME,
      targetBusArns: busRegions.map((r) => defaultEventBusArn(config.partition, r, config.backupAccount.accountId)),
      provider: stack.provider(stack.homeRegion),
    });
  return role.role.arn;
}
