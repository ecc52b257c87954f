/**
 * The configuration schema of envs/schema.ts on the smallest configuration: every default it
 * applies, every list that must not be empty, each section keeping what is written, and the
 * cross-field rules reported together with the field problems.
 */
import { configSchema } from '../../envs/schema';

type Draft = any;

function minimal(): Draft {
  return {
    organization: { id: 'o-a1b2c3d4e5', rootId: 'r-a1b2', managementAccountId: '111111111111' },
    regions: ['eu-west-1'],
    state: { bucket: 'org-state', region: 'eu-west-1' },
    backupAccount: { accountId: '222222222222' },
    sourceAccounts: [{ accountId: '333333333333', name: 'app' }],
    policies: [
      {
        name: 'daily',
        targets: ['root'],
        selection: { tagKey: 'backup', tagValues: ['daily'] },
        rules: [{ name: 'daily', schedule: 'cron(0 5 ? * * *)', lifecycle: { deleteAfterDays: 35 } }],
      },
    ],
  };
}

function problems(change: (c: Draft) => void): string[] {
  const draft = minimal();
  change(draft);
  const result = configSchema.safeParse(draft);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

function parsed(change: (c: Draft) => void = () => undefined): Draft {
  const draft = minimal();
  change(draft);
  return configSchema.parse(draft);
}

describe('the configuration schema', () => {
  it('applies every default to the smallest configuration', () => {
    expect(parsed()).toEqual({
      partition: 'aws',
      organization: { id: 'o-a1b2c3d4e5', rootId: 'r-a1b2', managementAccountId: '111111111111' },
      regions: ['eu-west-1'],
      deploymentRoleName: 'OrganizationAccountAccessRole',
      state: { bucket: 'org-state', region: 'eu-west-1', keyPrefix: 'org-backup' },
      backupAccount: {
        accountId: '222222222222',
        vaultName: 'org-central-backup',
        vaultLock: { mode: 'governance', minRetentionDays: 7, maxRetentionDays: 3650 },
        breakGlassRoleArns: [],
      },
      sourceAccounts: [{ accountId: '333333333333', name: 'app', ebsDefaultEncryption: true }],
      excludedAccounts: [],
      backupRoleName: 'OrgBackupServiceRole',
      sourceVaultName: 'org-local-backup',
      resourceTypeOptIn: {},
      policies: [
        {
          name: 'daily',
          targets: ['root'],
          selection: { tagKey: 'backup', tagValues: ['daily'] },
          rules: [{ name: 'daily', schedule: 'cron(0 5 ? * * *)', startWindowMinutes: 60, completionWindowMinutes: 360, lifecycle: { deleteAfterDays: 35 } }],
        },
      ],
      tags: {},
      manageOrganization: false,
      protectBackupsScp: false,
      malwareScanRoleName: 'OrgBackupMalwareScanRole',
    });
  });

  it('keeps what is written in place of each default of its own sections', () => {
    const out = parsed((c) => {
      Object.assign(c, {
        partition: 'aws-us-gov',
        regions: ['us-gov-west-1'],
        deploymentRoleName: 'Deployer',
        backupRoleName: 'BackupService',
        sourceVaultName: 'local',
        tags: { team: 'platform' },
        manageOrganization: true,
        protectBackupsScp: true,
      });
      c.organization.id = 'o-z9y8x7w6v5';
      c.state = { bucket: 'org-state', region: 'us-gov-west-1', keyPrefix: 'backup/state', roleArn: 'arn:aws-us-gov:iam::111111111111:role/state' };
      c.backupAccount = {
        accountId: '222222222222',
        vaultName: 'central',
        vaultLock: { mode: 'compliance', minRetentionDays: 14, maxRetentionDays: 400, changeableForDays: 3 },
        breakGlassRoleArns: ['arn:aws-us-gov:iam::222222222222:role/break-glass'],
      };
      c.sourceAccounts[0] = { accountId: '333333333333', name: 'app', ebsDefaultEncryption: false, ou: 'Workloads/Prod' };
      c.policies[0].rules[0] = {
        name: 'daily',
        schedule: 'rate(12 hours)',
        startWindowMinutes: 120,
        completionWindowMinutes: 480,
        lifecycle: { moveToColdStorageAfterDays: 30, deleteAfterDays: 120 },
        copyToBackupAccount: { moveToColdStorageAfterDays: 10, deleteAfterDays: 100 },
      };
    });
    expect([out.partition, out.regions, out.deploymentRoleName, out.backupRoleName, out.sourceVaultName, out.tags, out.manageOrganization, out.protectBackupsScp]).toEqual([
      'aws-us-gov',
      ['us-gov-west-1'],
      'Deployer',
      'BackupService',
      'local',
      { team: 'platform' },
      true,
      true,
    ]);
    expect(out.state).toEqual({ bucket: 'org-state', region: 'us-gov-west-1', keyPrefix: 'backup/state', roleArn: 'arn:aws-us-gov:iam::111111111111:role/state' });
    expect(out.backupAccount).toEqual({
      accountId: '222222222222',
      vaultName: 'central',
      vaultLock: { mode: 'compliance', minRetentionDays: 14, maxRetentionDays: 400, changeableForDays: 3 },
      breakGlassRoleArns: ['arn:aws-us-gov:iam::222222222222:role/break-glass'],
    });
    expect(out.sourceAccounts).toEqual([{ accountId: '333333333333', name: 'app', ebsDefaultEncryption: false, ou: 'Workloads/Prod' }]);
    expect(out.policies[0].rules).toEqual([
      {
        name: 'daily',
        schedule: 'rate(12 hours)',
        startWindowMinutes: 120,
        completionWindowMinutes: 480,
        lifecycle: { moveToColdStorageAfterDays: 30, deleteAfterDays: 120 },
        copyToBackupAccount: { moveToColdStorageAfterDays: 10, deleteAfterDays: 100 },
      },
    ]);
  });

  it('refuses an empty list of regions, source accounts, policies, targets or rules', () => {
    expect(
      problems((c) => {
        c.regions = [];
        c.sourceAccounts = [];
        c.policies[0].targets = [];
        c.policies[0].rules = [];
      }),
    ).toEqual([
      'regions: Too small: expected array to have >=1 items',
      'sourceAccounts: Too small: expected array to have >=1 items',
      'policies.0.targets: Too small: expected array to have >=1 items',
      'policies.0.rules: Too small: expected array to have >=1 items',
    ]);
    expect(problems((c) => (c.policies = []))).toEqual(['policies: Too small: expected array to have >=1 items']);
  });

  it('refuses an unknown key in every section it defines', () => {
    expect(
      problems((c) => {
        c.extra = 1;
        c.organization.extra = 1;
        c.state.extra = 1;
        c.backupAccount.extra = 1;
        c.backupAccount.vaultLock = { extra: 1 };
        c.sourceAccounts[0].extra = 1;
        c.policies[0].extra = 1;
        c.policies[0].rules[0].extra = 1;
        c.policies[0].rules[0].lifecycle.extra = 1;
        c.policies[0].rules[0].copyToBackupAccount = { deleteAfterDays: 35, extra: 1 };
      }),
    ).toEqual([
      'organization: Unrecognized key: "extra"',
      'state: Unrecognized key: "extra"',
      'backupAccount.vaultLock: Unrecognized key: "extra"',
      'backupAccount: Unrecognized key: "extra"',
      'sourceAccounts.0: Unrecognized key: "extra"',
      'policies.0.rules.0.lifecycle: Unrecognized key: "extra"',
      'policies.0.rules.0.copyToBackupAccount: Unrecognized key: "extra"',
      'policies.0.rules.0: Unrecognized key: "extra"',
      'policies.0: Unrecognized key: "extra"',
      ': Unrecognized key: "extra"',
    ]);
  });

  it('requires the retention of a copy to the central vault, which is locked', () => {
    expect(problems((c) => (c.policies[0].rules[0].copyToBackupAccount = {}))).toEqual([
      "policies.0.rules.0.copyToBackupAccount.deleteAfterDays: required: the central vault is locked, so copies must expire between backupAccount.vaultLock's minRetentionDays and maxRetentionDays",
    ]);
  });

  it('reports the rules between fields together with a field problem', () => {
    expect(
      problems((c) => {
        c.organization.id = 'x';
        c.backupAccount.accountId = '111111111111';
      }),
    ).toEqual([
      'organization.id: expected o- followed by 10 to 32 lowercase letters or digits',
      'backupAccount.accountId: the Backup account must not be the management account (organization.managementAccountId)',
    ]);
  });

  it('reports the rules between fields even when a field has the wrong type', () => {
    expect(
      problems((c) => {
        c.organization.id = 5;
        c.backupAccount.accountId = '111111111111';
      }),
    ).toEqual([
      'organization.id: Invalid input: expected string, received number',
      'backupAccount.accountId: the Backup account must not be the management account (organization.managementAccountId)',
    ]);
  });
});
