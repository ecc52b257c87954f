import { BACKUP_RESOURCE_TYPES, FULLY_MANAGED_RESOURCE_TYPES } from '../../modules/shared/backup-resource-types';
import { compliant, noncompliant, notApplicable, type Rule } from '../rule';

/**
 * Compliant when the account and region of a backup vault have `aws_backup_region_settings` (same
 * stack, same account and region) whose opt-in map names every resource type of AWS Backup
 * explicitly and which puts DynamoDB and EFS under full AWS Backup management. Without it, what a
 * tag-based backup policy backs up there is whatever the account was left with, and DynamoDB
 * backups are never copied to the Backup account.
 */
export const backupRegionSettingsExplicit: Rule = (resource, app) => {
  if (resource.type !== 'aws_backup_vault') return notApplicable();
  const settings = app
    .inStack(resource.stack, 'aws_backup_region_settings')
    .find((s) => s.account === resource.account && s.region === resource.region);
  if (!settings) return noncompliant(`no aws_backup_region_settings for account ${resource.account ?? '?'} in ${resource.region ?? '?'}`);
  const optIn = (settings.body.resource_type_opt_in_preference ?? {}) as Record<string, unknown>;
  const management = (settings.body.resource_type_management_preference ?? {}) as Record<string, unknown>;
  const problems = [
    ...BACKUP_RESOURCE_TYPES.filter((type) => typeof optIn[type] !== 'boolean').map((type) => `opt-in of ${type} is not set`),
    ...FULLY_MANAGED_RESOURCE_TYPES.filter((type) => management[type] !== true).map((type) => `${type} is not under full AWS Backup management`),
  ];
  return problems.length === 0 ? compliant() : noncompliant(`${settings.address}: ${problems.join('; ')}`);
};
