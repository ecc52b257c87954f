/**
 * An organization under AWS Control Tower, as its landing zone really is: `AWSControlTowerExecution`
 * in every enrolled member account (Control Tower creates it there, and only there), no such role in
 * the management account, which the pipeline deploys with its own credentials, and the Central
 * Backup account that Control Tower's AWS Backup integration asks for (Security OU) as the Backup
 * account. Control Tower's own vault there is `aws-controltower-central-backupvault-*`; this
 * project's central vault sits beside it under another name. One account older than the landing
 * zone, created through Organizations and not enrolled, keeps `OrganizationAccountAccessRole`.
 * `BACKUP_ENV=control-tower npm run synth`; the tests synthesize it.
 */
import type { OrgConfigInput } from './schema';

export const config = {
  partition: 'aws',
  organization: { id: 'o-ct7example01', rootId: 'r-ct01', managementAccountId: '710000000001' },
  regions: ['us-east-1', 'eu-west-1'],
  // Control Tower's execution role: in enrolled member accounts only.
  deploymentRoleName: 'AWSControlTowerExecution',
  // The management account has no AWSControlTowerExecution: the pipeline's own identity deploys it.
  management: { deploymentRoleArn: 'none' },
  state: { bucket: 'example-ct-org-backup-state', region: 'us-east-1', keyPrefix: 'org-backup' },
  backupAccount: {
    // Control Tower's Central Backup account (Security OU): Control Tower deploys into it through AWSControlTowerExecution.
    accountId: '710000000005',
    vaultName: 'org-central-backup',
    vaultLock: { mode: 'governance', minRetentionDays: 7, maxRetentionDays: 3650 },
    breakGlassRoleArns: ['arn:aws:iam::710000000005:role/backup-break-glass'],
  },
  sourceAccounts: [
    { accountId: '710000000011', name: 'workloads-prod', ou: 'Workloads/Prod' },
    { accountId: '710000000012', name: 'workloads-sdlc', ou: 'Workloads/SDLC' },
    // Created before the landing zone and not enrolled: Organizations' own role, not Control Tower's.
    { accountId: '710000000013', name: 'legacy-erp', ou: 'Legacy', deploymentRoleName: 'OrganizationAccountAccessRole' },
  ],
  policies: [
    {
      name: 'workloads',
      targets: ['ou-ct01-wkld0001'],
      // Not Control Tower's aws-control-tower-backup* tags: those drive Control Tower's own plans.
      selection: { tagKey: 'backup-plan', tagValues: ['standard'] },
      rules: [
        { name: 'daily', schedule: 'cron(0 5 ? * * *)', lifecycle: { deleteAfterDays: 35 }, copyToBackupAccount: { deleteAfterDays: 90 } },
      ],
    },
    {
      name: 'legacy',
      targets: ['710000000013'],
      selection: { tagKey: 'backup-plan', tagValues: ['standard'] },
      rules: [{ name: 'daily', schedule: 'cron(0 6 ? * * *)', lifecycle: { deleteAfterDays: 35 }, copyToBackupAccount: { deleteAfterDays: 90 } }],
    },
  ],
  tags: { owner: 'platform-team' },
  protectBackupsScp: true,
} satisfies OrgConfigInput;
