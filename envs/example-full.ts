/**
 * Every option on: the air-gapped vault, restore testing, delegated administrator and SCP of
 * envs/full.ts, and besides them selection by resource type,
 * malware scans, backup indexes, continuous backups, Windows VSS and plan tags in the backup
 * policies; tamper and job-failure alerts; Backup Audit Manager evidence. `BACKUP_ENV=example-full npm run synth`; the tests synthesize it.
 */
import { config as full } from './full';
import type { OrgConfigInput } from './schema';

export const config = {
  ...full,
  alerts: { emails: ['security@example.com', 'backup-oncall@example.com'] },
  audit: { enabled: true },
  policies: [
    ...full.policies,
    {
      name: 'databases',
      targets: ['ou-a1b2-c3d4e5f6'],
      selection: {
        resourceTypes: ['arn:aws:dynamodb:*:*:table/*', 'arn:aws:rds:*:*:db:*', 'arn:aws:ec2:*:*:instance/*', 'arn:aws:ec2:*:*:volume/*'],
        tagKey: 'backup',
        tagValues: ['true'],
      },
      windowsVss: true,
      planTags: { 'data-class': 'confidential' },
      malwareScanResourceTypes: ['EBS', 'EC2'],
      rules: [
        {
          name: 'daily-scanned',
          schedule: 'cron(0 16 ? * * *)',
          startWindowMinutes: 60,
          completionWindowMinutes: 480,
          lifecycle: { deleteAfterDays: 35 },
          copyToBackupAccount: { deleteAfterDays: 90 },
          malwareScan: { mode: 'incremental' },
          backupIndex: { resourceTypes: ['EBS'] },
        },
        {
          name: 'weekly-full-scan',
          schedule: 'cron(0 3 ? * SAT *)',
          startWindowMinutes: 60,
          completionWindowMinutes: 1440,
          lifecycle: { deleteAfterDays: 90 },
          malwareScan: { mode: 'full' },
        },
        {
          name: 'point-in-time',
          schedule: 'cron(0 * ? * * *)',
          startWindowMinutes: 60,
          completionWindowMinutes: 120,
          lifecycle: { deleteAfterDays: 14 },
          continuousBackup: true,
        },
      ],
    },
  ],
} satisfies OrgConfigInput;
