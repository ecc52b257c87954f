/** Rules between the fields of `alerts` and `audit`, and between them and the rest of the configuration. */
import { duplicates, fail, type Clean, type Ctx } from './rules';
import type { OrgConfig } from './schema';

export function checkDetection(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  checkAlerts(cfg, ctx, clean);
  checkAudit(cfg, ctx, clean);
}

function checkAlerts(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  const alerts = cfg.alerts;
  if (alerts === undefined || !clean.shaped(['alerts'])) return;
  if (clean(['alerts', 'emails']) && clean(['alerts', 'snsTopicArn'])) {
    if (alerts.emails.length === 0 && alerts.snsTopicArn === undefined) {
      fail(ctx, ['alerts', 'emails'], 'no email and no snsTopicArn: the alerts would reach nobody; add an address or a topic', alerts.emails);
    }
    if (alerts.emails.length > 0 && alerts.snsTopicArn !== undefined) {
      fail(ctx, ['alerts', 'emails'], 'with snsTopicArn no topic is created to subscribe these to: subscribe them to that topic, or remove snsTopicArn', alerts.emails);
    }
  }
  if (clean(['alerts', 'emails'])) {
    duplicates(alerts.emails.map((e) => e.toLowerCase())).forEach((i) => fail(ctx, ['alerts', 'emails', i], 'listed twice; list each address once', alerts.emails[i]));
  }
  if (clean(['alerts', 'tamper']) && clean(['alerts', 'jobFailures']) && !alerts.tamper && !alerts.jobFailures) {
    fail(ctx, ['alerts'], 'tamper and jobFailures are both false: nothing to alert on; remove alerts or turn one on');
  }
  const arn = alerts.snsTopicArn;
  if (arn === undefined || !clean(['alerts', 'snsTopicArn'])) return;
  const [, partition, , region, account] = arn.split(':');
  const at = ['alerts', 'snsTopicArn'];
  if (clean(['partition']) && partition !== cfg.partition) fail(ctx, at, `the ARN is in partition ${partition}, but partition is ${cfg.partition}`, arn);
  if (clean(['backupAccount', 'accountId']) && account !== cfg.backupAccount.accountId) {
    fail(ctx, at, `the topic is in account ${account}; it must be in the Backup account (${cfg.backupAccount.accountId}), whose rules publish to it`, arn);
  }
  if (clean.shaped(['regions']) && !cfg.regions.includes(region)) fail(ctx, at, `the topic's region ${region} is not one of regions (${cfg.regions.join(', ')})`, arn);
}

function checkAudit(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  const audit = cfg.audit;
  if (audit === undefined || !clean.shaped(['audit'])) return;
  if (clean(['audit', 'enabled']) && !audit.enabled) {
    for (const key of ['bucketName', 'reportRegion'] as const) {
      if (audit[key] !== undefined && clean(['audit', key])) fail(ctx, ['audit', key], 'has no effect while audit.enabled is false', audit[key]);
    }
  }
  if (audit.reportRegion !== undefined && clean(['audit', 'reportRegion']) && clean.shaped(['regions']) && !cfg.regions.includes(audit.reportRegion)) {
    fail(ctx, ['audit', 'reportRegion'], `not one of regions (${cfg.regions.join(', ')}): the report plans and bucket live in a region the stacks manage`, audit.reportRegion);
  }
}
