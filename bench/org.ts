/**
 * Generated organizations for the benchmark and the scale test: any number of source accounts in
 * two regions, two backup policies attached to the root and to an OU (the common case, where no
 * policy names an account, so the management stack does not grow with the organization).
 */
import type { OrgConfigInput } from '../envs/schema';

export const BENCH_REGIONS = ['eu-west-1', 'us-east-1'] as const;

export interface GeneratedOrganizationOptions {
  /** Attach the second policy to these targets instead of an OU (e.g. account ids). @default - an OU */
  readonly criticalTargets?: readonly string[];
}

/** The account id of the i-th generated source account (0-based): 12 digits, never a reserved one. */
export function sourceAccountId(i: number): string {
  return String(300_000_000_000 + i);
}

/** A valid organization of `accounts` source accounts; every fourth one without default EBS encryption. */
export function generateOrganization(accounts: number, options: GeneratedOrganizationOptions = {}): OrgConfigInput {
  if (!Number.isInteger(accounts) || accounts < 1 || accounts > 99_999) {
    throw new Error(`accounts must be an integer from 1 to 99999; given ${accounts}`);
  }
  return {
    partition: 'aws',
    organization: { id: 'o-bench0scale1', rootId: 'r-b3n4', managementAccountId: '111111111111' },
    regions: [...BENCH_REGIONS],
    state: { bucket: 'bench-org-backup-tfstate', region: 'eu-west-1', keyPrefix: 'org-backup' },
    backupAccount: {
      accountId: '222222222222',
      vaultLock: { mode: 'governance', minRetentionDays: 7, maxRetentionDays: 3650 },
      breakGlassRoleArns: ['arn:aws:iam::222222222222:role/backup-break-glass'],
    },
    sourceAccounts: Array.from({ length: accounts }, (_, i) => ({
      accountId: sourceAccountId(i),
      name: `account-${String(i).padStart(5, '0')}`,
      ebsDefaultEncryption: i % 4 !== 3,
    })),
    policies: [
      {
        name: 'standard',
        targets: ['root'],
        selection: { tagKey: 'backup-plan', tagValues: ['standard'] },
        rules: [
          {
            name: 'daily',
            schedule: 'cron(0 3 ? * * *)',
            lifecycle: { deleteAfterDays: 35 },
            copyToBackupAccount: { deleteAfterDays: 90 },
          },
        ],
      },
      {
        name: 'critical',
        targets: [...(options.criticalTargets ?? ['ou-b3n4-crit1cal'])],
        selection: { tagKey: 'backup-plan', tagValues: ['critical'] },
        rules: [
          {
            name: 'hourly',
            schedule: 'cron(0 * ? * * *)',
            lifecycle: { deleteAfterDays: 7 },
            copyToBackupAccount: { deleteAfterDays: 14 },
          },
          {
            name: 'monthly',
            schedule: 'cron(0 5 1 * ? *)',
            lifecycle: { moveToColdStorageAfterDays: 30, deleteAfterDays: 365 },
            copyToBackupAccount: { deleteAfterDays: 2555 },
          },
        ],
      },
    ],
    tags: { owner: 'platform-team' },
  };
}
