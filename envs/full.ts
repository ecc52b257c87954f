/**
 * The example organization with every option on (`BACKUP_ENV=full`): a logically air-gapped vault per
 * region under a customer-managed key, shared with the source accounts and a dedicated recovery
 * account, rules that copy into it, weekly restore tests, an AWS Backup delegated administrator
 * that deploys the backup policies (stack delegated-admin), and the protection SCP.
 */
import { config as example } from './example';
import type { OrgConfigInput } from './schema';

/** A dedicated account that restores from the air-gapped vaults when the Backup account is lost. */
export const RECOVERY_ACCOUNT_ID = '777777777777';
/** The AWS Backup delegated administrator: neither the Backup account nor a source account. */
export const DELEGATED_ADMINISTRATOR_ID = '888888888888';

export const config = {
  ...example,
  backupAccount: {
    ...example.backupAccount,
    airGappedVault: {
      name: 'org-air-gapped',
      minRetentionDays: 30,
      maxRetentionDays: 3650,
      encryption: 'customer-managed',
      shareWith: ['organization', RECOVERY_ACCOUNT_ID],
    },
    restoreTesting: {
      schedule: 'cron(0 5 ? * SUN *)',
      resourceTypes: ['EBS', 'EC2', 'RDS', 'S3'],
    },
  },
  policies: example.policies.map((policy) => ({
    ...policy,
    // The long-lived copies also go to the air-gapped vault, which survives the Backup account.
    rules: policy.rules.map((rule) => (rule.copyToBackupAccount.deleteAfterDays >= 90 ? { ...rule, copyToAirGappedVault: { deleteAfterDays: rule.copyToBackupAccount.deleteAfterDays } } : rule)),
  })),
  delegatedAdministrator: { accountId: DELEGATED_ADMINISTRATOR_ID, deployBackupPolicies: true },
  protectBackupsScp: true,
} satisfies OrgConfigInput;
