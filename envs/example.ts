/**
 * A realistic organization: a management account, a dedicated Backup account, four workload
 * accounts in two regions, and two backup policies (daily/weekly/monthly, one with cold storage).
 */
import type { OrgConfigInput } from './schema';

export const config = {
  partition: 'aws',
  organization: {
    id: 'o-a1b2c3d4e5',
    rootId: 'r-a1b2',
    managementAccountId: '111111111111',
  },
  regions: ['ap-southeast-2', 'eu-west-1'],
  deploymentRoleName: 'OrganizationAccountAccessRole',
  state: {
    bucket: 'acme-org-backup-tfstate',
    region: 'ap-southeast-2',
    keyPrefix: 'org-backup',
    roleArn: 'arn:aws:iam::111111111111:role/tf-state',
  },
  backupAccount: {
    accountId: '222222222222',
    vaultName: 'org-central-backup',
    vaultLock: { mode: 'governance', minRetentionDays: 7, maxRetentionDays: 3650 },
    breakGlassRoleArns: ['arn:aws:iam::222222222222:role/backup-break-glass'],
  },
  sourceAccounts: [
    { accountId: '333333333333', name: 'workloads-prod', ebsDefaultEncryption: true },
    { accountId: '444444444444', name: 'workloads-staging', ebsDefaultEncryption: true },
    { accountId: '555555555555', name: 'data-prod', ebsDefaultEncryption: true },
    { accountId: '666666666666', name: 'shared-services', ebsDefaultEncryption: false },
  ],
  backupRoleName: 'OrgBackupServiceRole',
  sourceVaultName: 'org-local-backup',
  policies: [
    {
      name: 'standard',
      targets: ['root'],
      selection: { tagKey: 'backup-plan', tagValues: ['standard'] },
      rules: [
        {
          name: 'daily',
          schedule: 'cron(0 17 ? * * *)',
          startWindowMinutes: 60,
          completionWindowMinutes: 360,
          lifecycle: { deleteAfterDays: 35 },
          copyToBackupAccount: { deleteAfterDays: 90 },
        },
        {
          name: 'weekly',
          schedule: 'cron(0 18 ? * SUN *)',
          startWindowMinutes: 60,
          completionWindowMinutes: 720,
          lifecycle: { deleteAfterDays: 90 },
          copyToBackupAccount: { deleteAfterDays: 180 },
        },
      ],
    },
    {
      name: 'critical',
      targets: ['ou-a1b2-c3d4e5f6', '555555555555'],
      selection: { tagKey: 'backup-plan', tagValues: ['critical', 'regulated'] },
      rules: [
        {
          name: 'daily',
          schedule: 'cron(0 17 ? * * *)',
          startWindowMinutes: 60,
          completionWindowMinutes: 360,
          lifecycle: { deleteAfterDays: 35 },
          copyToBackupAccount: { deleteAfterDays: 35 },
        },
        {
          name: 'monthly',
          schedule: 'cron(0 17 1 * ? *)',
          startWindowMinutes: 120,
          completionWindowMinutes: 1440,
          lifecycle: { moveToColdStorageAfterDays: 30, deleteAfterDays: 365 },
          copyToBackupAccount: { deleteAfterDays: 2555 },
        },
      ],
    },
  ],
  tags: { owner: 'platform-team', 'cost-center': 'security' },
  manageOrganization: false,
  protectBackupsScp: false,
} satisfies OrgConfigInput;
