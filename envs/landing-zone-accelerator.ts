/**
 * An organization run by Landing Zone Accelerator on AWS (with Control Tower): LZA's
 * `managementAccountAccessRole` (global-config.yaml) is `AWSControlTowerExecution`, so that is the
 * role in member accounts; LZA's mandatory accounts are Management, LogArchive and Audit, and LZA
 * creates no backup account, so the Backup account is one declared in LZA's accounts-config.yaml
 * under the Security OU. Its stack is deployed by a dedicated role that LZA's iam-config.yaml creates
 * there (`OrgBackupDeploy`, trusted by the pipeline), which the central vault and key policies
 * exempt instead of `AWSControlTowerExecution`; the management stack assumes the pipeline's role in
 * the management account. LZA's own `AWSAccelerator-*` roles are left to LZA.
 * `BACKUP_ENV=landing-zone-accelerator npm run synth`; the tests synthesize it.
 */
import type { OrgConfigInput } from './schema';

export const config = {
  partition: 'aws',
  organization: { id: 'o-lza7example1', rootId: 'r-lz01', managementAccountId: '720000000001' },
  regions: ['eu-central-1', 'eu-west-1'],
  deploymentRoleName: 'AWSControlTowerExecution',
  management: { deploymentRoleArn: 'arn:aws:iam::720000000001:role/OrgBackupPipeline' },
  state: { bucket: 'example-lza-org-backup-state', region: 'eu-central-1', keyPrefix: 'org-backup' },
  backupAccount: {
    accountId: '720000000004',
    vaultName: 'org-central-backup',
    deploymentRoleName: 'OrgBackupDeploy',
    vaultLock: { mode: 'compliance', minRetentionDays: 7, maxRetentionDays: 3650, changeableForDays: 3 },
    breakGlassRoleArns: ['arn:aws:iam::720000000004:role/backup-break-glass'],
  },
  sourceAccounts: [
    { accountId: '720000000010', name: 'network', ou: 'Infrastructure' },
    { accountId: '720000000011', name: 'shared-services', ou: 'Infrastructure' },
    { accountId: '720000000020', name: 'app-prod', ou: 'Workloads/Prod' },
  ],
  policies: [
    {
      name: 'standard',
      targets: ['ou-lz01-infra001', 'ou-lz01-wkld0001'],
      selection: { tagKey: 'backup-plan', tagValues: ['standard'] },
      rules: [
        { name: 'daily', schedule: 'cron(0 2 ? * * *)', lifecycle: { deleteAfterDays: 35 }, copyToBackupAccount: { deleteAfterDays: 35 } },
        { name: 'monthly', schedule: 'cron(0 3 1 * ? *)', lifecycle: { deleteAfterDays: 365 }, copyToBackupAccount: { deleteAfterDays: 365 } },
      ],
    },
  ],
  tags: { owner: 'cloud-foundation' },
  protectBackupsScp: true,
} satisfies OrgConfigInput;
