/**
 * Backup Audit Manager evidence (`audit.enabled`): a framework per account and region (source
 * accounts: the promises about the protected resources; the Backup account: about the central
 * copies), and in the Backup account's report region the report bucket and report plans.
 */
import type { OrgConfig } from '../envs/schema';
import { AuditReportBucket } from '../modules/backup-account/audit-report-bucket';
import { AuditReportPlans } from '../modules/backup-account/audit-report-plans';
import { backupAccountControls, BackupAuditFramework, sourceAccountControls, type AuditControlOptions } from '../modules/shared/backup-audit-framework';
import type { AccountStack } from './account-stack';

function controlOptions(config: OrgConfig): AuditControlOptions | undefined {
  const audit = config.audit;
  if (!audit?.enabled) return undefined;
  return {
    backupAccountId: config.backupAccount.accountId,
    minRetentionDays: audit.minRetentionDays,
    recoveryPointMaxAgeHours: audit.recoveryPointMaxAgeHours,
    deletionPrincipalArns: config.backupAccount.breakGlassRoleArns,
  };
}

const frameworkName = (region: string) => `org_backup_${region.replace(/-/g, '_')}`;

/** The report region's bucket name. */
export function auditBucketName(config: OrgConfig): string {
  return config.audit?.bucketName ?? `org-backup-audit-${config.backupAccount.accountId}-${auditReportRegion(config)}`;
}

export function auditReportRegion(config: OrgConfig): string {
  return config.audit?.reportRegion ?? config.regions[0];
}

export function addBackupAccountAudit(stack: AccountStack, config: OrgConfig): void {
  const options = controlOptions(config);
  if (!options) return;
  const frameworks = config.regions.map(
    (region) =>
      new BackupAuditFramework(stack, `audit-${region}`, {
        frameworkName: frameworkName(region),
        description: 'org-backup: the central copies are encrypted, kept long enough, and not deleted by hand',
        controls: backupAccountControls(options),
        address: `audit_${region}`,
        provider: stack.provider(region),
      }),
  );
  const region = auditReportRegion(config);
  const provider = stack.provider(region);
  const bucket = new AuditReportBucket(stack, 'audit-reports', {
    partition: config.partition,
    accountId: config.backupAccount.accountId,
    organizationId: config.organization.id,
    bucketName: auditBucketName(config),
    provider,
  });
  const reports = new AuditReportPlans(stack, 'audit-report-plans', {
    bucketName: bucket.bucket.bucket,
    frameworkArns: [frameworks[config.regions.indexOf(region)].framework.arn],
    provider,
  });
  reports.node.addDependency(bucket);
}

export function addSourceAccountAudit(stack: AccountStack, config: OrgConfig, region: string): void {
  const options = controlOptions(config);
  if (!options) return;
  new BackupAuditFramework(stack, `audit-${region}`, {
    frameworkName: frameworkName(region),
    description: 'org-backup: resources in a backup plan, copied to the Backup account, recently, encrypted, kept long enough',
    controls: sourceAccountControls(options),
    address: `audit_${region}`,
    provider: stack.provider(region),
  });
}
