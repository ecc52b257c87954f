/**
 * The air-gapped vault, restore testing, air-gapped copy and delegated administrator sections of
 * envs/air-gap-schema.ts on their own (bounds on both sides, defaults, exact messages), and its two
 * pure functions: the accounts a vault is shared with, and the types restore testing restores.
 */
import type { z } from 'zod';
import {
  airGappedCopySchema,
  airGappedShareAccounts,
  airGappedVaultSchema,
  delegatedAdministratorSchema,
  restoreTestingSchema,
  restoreTestingTypes,
} from '../../envs/air-gap-schema';
import { RESTORE_TESTING_RESOURCE_TYPES } from '../../modules/backup-account/facts';

function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

type Row = [label: string, value: unknown, expected: string[]];

describe('airGappedVault', () => {
  it('defaults to org-air-gapped, 30 to 3650 days, an AWS-owned key and the whole organization', () => {
    expect(airGappedVaultSchema.parse({})).toEqual({
      name: 'org-air-gapped',
      minRetentionDays: 30,
      maxRetentionDays: 3650,
      encryption: 'aws-owned',
      shareWith: ['organization'],
    });
  });

  it('keeps what is written', () => {
    const written = { name: 'vault_2', minRetentionDays: 7, maxRetentionDays: 36_500, encryption: 'customer-managed', shareWith: ['012345678901', 'ou-a1b2-a1b2c3d4'] };
    expect(airGappedVaultSchema.parse(written)).toEqual(written);
  });

  const atLeast = (key: string) => [`${key}: expected at least 7 days (AWS Backup's minimum for a logically air-gapped vault)`];
  const atMost = (key: string) => [`${key}: expected at most 36500 days (100 years, AWS's maximum)`];
  const share = (i: number) => [`shareWith.${i}: expected organization, an OU id (ou-xxxx-xxxxxxxx) or a 12-digit account id`];
  it.each<Row>([
    ['minRetentionDays 7', { minRetentionDays: 7 }, []],
    ['minRetentionDays 6', { minRetentionDays: 6 }, atLeast('minRetentionDays')],
    ['minRetentionDays 36500', { minRetentionDays: 36_500, maxRetentionDays: 36_500 }, []],
    ['minRetentionDays 36501', { minRetentionDays: 36_501 }, atMost('minRetentionDays')],
    ['minRetentionDays 7.5', { minRetentionDays: 7.5 }, ['minRetentionDays: expected a whole number of days']],
    ['maxRetentionDays 7', { maxRetentionDays: 7 }, []],
    ['maxRetentionDays 6', { maxRetentionDays: 6 }, atLeast('maxRetentionDays')],
    ['maxRetentionDays 36500', { maxRetentionDays: 36_500 }, []],
    ['maxRetentionDays 36501', { maxRetentionDays: 36_501 }, atMost('maxRetentionDays')],
    ['a name of 1 character', { name: 'a' }, ['name: expected 2 to 50 of letters, digits, hyphen and underscore']],
    ['another encryption', { encryption: 'kms' }, ['encryption: Invalid option: expected one of "aws-owned"|"customer-managed"']],
    ['shared with no one', { shareWith: [] }, ['shareWith: Too small: expected array to have >=1 items']],
    ['shared with the shortest OU id', { shareWith: ['ou-a1b2-a1b2c3d4'] }, []],
    ['shared with the longest OU id', { shareWith: [`ou-${'a1'.repeat(16)}-${'b2'.repeat(16)}`] }, []],
    ['shared with an OU root part of 3', { shareWith: ['ou-a1b-a1b2c3d4'] }, share(0)],
    ['shared with an OU root part of 33', { shareWith: [`ou-${'a'.repeat(33)}-a1b2c3d4`] }, share(0)],
    ['shared with an OU part of 7', { shareWith: ['ou-a1b2-a1b2c3d'] }, share(0)],
    ['shared with an OU part of 33', { shareWith: [`ou-a1b2-${'a'.repeat(33)}`] }, share(0)],
    ['shared with an uppercase OU id', { shareWith: ['ou-A1b2-a1b2c3d4'] }, share(0)],
    ['shared with 11 digits', { shareWith: ['01234567890'] }, share(0)],
    ['shared with 13 digits', { shareWith: ['0123456789012'] }, share(0)],
    ['shared with root', { shareWith: ['organization', 'root'] }, share(1)],
    ['shared with organizations', { shareWith: ['organizations'] }, share(0)],
    ['shared with xorganization', { shareWith: ['xorganization'] }, share(0)],
    ['an unknown key', { shared: [] }, [': Unrecognized key: "shared"']],
  ])('%s', (_label, value, expected) => {
    expect(problems(airGappedVaultSchema, value)).toEqual(expected);
  });
});

describe('restoreTesting', () => {
  it('defaults to Sunday 05:00, the latest recovery point of 7 days, 24 hours to start, the air-gapped vault included', () => {
    expect(restoreTestingSchema.parse({})).toEqual({
      schedule: 'cron(0 5 ? * SUN *)',
      recoveryPoint: 'latest',
      selectionWindowDays: 7,
      startWindowHours: 24,
      includeAirGappedVault: true,
    });
  });

  it('keeps what is written', () => {
    const written = { schedule: 'rate(12 hours)', resourceTypes: ['EBS', 'S3'], recoveryPoint: 'random', selectionWindowDays: 1, startWindowHours: 1, includeAirGappedVault: false };
    expect(restoreTestingSchema.parse(written)).toEqual(written);
  });

  it.each<Row>([
    ['selectionWindowDays 365', { selectionWindowDays: 365 }, []],
    ['selectionWindowDays 0', { selectionWindowDays: 0 }, ['selectionWindowDays: Too small: expected number to be >=1']],
    ['selectionWindowDays 366', { selectionWindowDays: 366 }, ['selectionWindowDays: Too big: expected number to be <=365']],
    ['startWindowHours 168', { startWindowHours: 168 }, []],
    ['startWindowHours 0', { startWindowHours: 0 }, ['startWindowHours: Too small: expected number to be >=1']],
    ['startWindowHours 169', { startWindowHours: 169 }, ['startWindowHours: Too big: expected number to be <=168']],
    ['a schedule faster than hourly', { schedule: 'rate(59 minutes)' }, ['schedule: AWS Backup runs at most once an hour: use at least rate(1 hour)']],
    ['every resource type', { resourceTypes: [...RESTORE_TESTING_RESOURCE_TYPES] }, []],
    ['no resource type', { resourceTypes: [] }, ['resourceTypes: Too small: expected array to have >=1 items']],
    ['another recovery point', { recoveryPoint: 'oldest' }, ['recoveryPoint: Invalid option: expected one of "latest"|"random"']],
  ])('%s', (_label, value, expected) => {
    expect(problems(restoreTestingSchema, value)).toEqual(expected);
  });
});

describe('copyToAirGappedVault', () => {
  it.each<Row>([
    ['1 day', { deleteAfterDays: 1 }, []],
    ['36500 days', { deleteAfterDays: 36_500 }, []],
    ['0 days', { deleteAfterDays: 0 }, ['deleteAfterDays: expected a retention of at least 1 day']],
    ['36501 days', { deleteAfterDays: 36_501 }, ["deleteAfterDays: expected a retention of at most 36500 days (100 years, AWS's maximum)"]],
    ['a fraction', { deleteAfterDays: 1.5 }, ['deleteAfterDays: expected a whole number of days']],
    ['a string', { deleteAfterDays: '30' }, ['deleteAfterDays: Invalid input: expected number, received string']],
    ['nothing', {}, ['deleteAfterDays: required: the air-gapped vault is locked, so copies must expire between its minRetentionDays and maxRetentionDays']],
  ])('%s', (_label, value, expected) => {
    expect(problems(airGappedCopySchema, value)).toEqual(expected);
  });
});

describe('delegatedAdministrator', () => {
  it('defaults to policies from the management account', () => {
    expect(delegatedAdministratorSchema.parse({ accountId: '012345678901' })).toEqual({ accountId: '012345678901', deployBackupPolicies: false });
  });

  it('refuses an account id that is not 12 digits', () => {
    expect(problems(delegatedAdministratorSchema, { accountId: '1' })).toEqual(['accountId: expected a 12-digit account id as a string']);
  });
});

describe('airGappedShareAccounts', () => {
  const BACKUP = '999999999999';
  const config = (shareWith?: string[]) => ({
    sourceAccounts: [{ accountId: '111111111111' }, { accountId: '222222222222' }],
    backupAccount: { accountId: BACKUP, ...(shareWith ? { airGappedVault: { shareWith } } : {}) },
  });

  it('is nobody without an air-gapped vault', () => {
    expect(airGappedShareAccounts(config())).toEqual([]);
  });

  it('is every source account for organization', () => {
    expect(airGappedShareAccounts(config(['organization']))).toEqual(['111111111111', '222222222222']);
  });

  it('is the account ids listed, in order', () => {
    expect(airGappedShareAccounts(config(['333333333333', '222222222222']))).toEqual(['333333333333', '222222222222']);
  });

  it('lists each account once, organization first', () => {
    expect(airGappedShareAccounts(config(['222222222222', 'organization', '333333333333', '333333333333']))).toEqual(['222222222222', '111111111111', '333333333333']);
  });

  it('leaves out OU ids, which AWS RAM does not share such a vault with', () => {
    expect(airGappedShareAccounts(config(['ou-a1b2-a1b2c3d4', '333333333333']))).toEqual(['333333333333']);
  });

  it('leaves out what is not exactly 12 digits', () => {
    expect(airGappedShareAccounts(config(['3333333333333', '33333333333', 'x333333333333', '333333333333x']))).toEqual([]);
  });

  it('never shares with the Backup account itself', () => {
    expect(airGappedShareAccounts(config([BACKUP, 'organization']))).toEqual(['111111111111', '222222222222']);
  });
});

describe('restoreTestingTypes', () => {
  type Selection = { resourceTypes?: string[]; notResourceTypes?: string[] };
  const config = (selections: Selection[], resourceTypes?: (typeof RESTORE_TESTING_RESOURCE_TYPES)[number][]) => ({
    backupAccount: { restoreTesting: resourceTypes ? { resourceTypes } : {} },
    policies: selections.map((selection) => ({ selection })),
  });

  it('is what is configured, whatever the policies select', () => {
    expect(restoreTestingTypes(config([{}], ['S3', 'EBS']))).toEqual(['S3', 'EBS']);
  });

  it('is every type when a policy selects by tag alone', () => {
    expect(restoreTestingTypes(config([{ resourceTypes: ['arn:aws:s3:::*'] }, {}]))).toEqual([...RESTORE_TESTING_RESOURCE_TYPES]);
  });

  it('is every type when a policy selects *', () => {
    expect(restoreTestingTypes(config([{ resourceTypes: ['arn:aws:s3:::*'] }, { resourceTypes: ['*'], notResourceTypes: ['arn:aws:s3:::*'] }]))).toEqual([
      ...RESTORE_TESTING_RESOURCE_TYPES,
    ]);
  });

  it('is every type without restore testing configured at all', () => {
    expect(restoreTestingTypes({ backupAccount: {}, policies: [{ selection: {} }] })).toEqual([...RESTORE_TESTING_RESOURCE_TYPES]);
  });

  it.each<[string, string, string[]]>([
    ['DynamoDB', 'arn:aws:dynamodb:*:*:table/*', ['DynamoDB']],
    ['EC2', 'arn:aws:ec2:*:*:instance/*', ['EC2']],
    ['EBS', 'arn:aws:ec2:*:*:volume/*', ['EBS']],
    ['EFS', 'arn:aws:elasticfilesystem:*:*:file-system/*', ['EFS']],
    ['Aurora, DocumentDB and Neptune', 'arn:aws:rds:*:*:cluster:*', ['Aurora', 'DocumentDB', 'Neptune']],
    ['RDS', 'arn:aws:rds:*:*:db:*', ['RDS']],
    ['S3', 'arn:aws:s3:::*', ['S3']],
    ['FSx file systems', 'arn:aws:fsx:*:*:file-system/*', ['FSx']],
    ['FSx volumes', 'arn:aws:fsx:*:*:volume/*', ['FSx']],
    ['another partition', 'arn:aws-us-gov:dynamodb:*:*:table/*', ['DynamoDB']],
    ['a type restore testing cannot test', 'arn:aws:storagegateway:*:*:gateway/*', []],
    ['a longer service name', 'arn:aws:xdynamodb:*:*:table/*', []],
    ['a leading character', 'xarn:aws:s3:::*', []],
    ['a trailing character', 'arn:aws:s3:::*x', []],
    ['an empty partition', 'arn::s3:::*', []],
    ['a partition with a colon', 'arn:a:b:s3:::*', []],
    ['FSx backups', 'arn:aws:fsx:*:*:backup/*', []],
    ['one table', 'arn:aws:dynamodb:*:*:table/orders', []],
  ])('maps %s', (_label, type, expected) => {
    expect(restoreTestingTypes(config([{ resourceTypes: [type] }]))).toEqual(expected);
  });

  const EVERY_FORM = [
    'arn:aws:dynamodb:*:*:table/*',
    'arn:aws:ec2:*:*:instance/*',
    'arn:aws:ec2:*:*:volume/*',
    'arn:aws:elasticfilesystem:*:*:file-system/*',
    'arn:aws:rds:*:*:cluster:*',
    'arn:aws:rds:*:*:db:*',
    'arn:aws:s3:::*',
    'arn:aws:fsx:*:*:file-system/*',
    'arn:aws:fsx:*:*:volume/*',
  ];
  it.each(EVERY_FORM)('maps nothing for %s with a character before or after', (type) => {
    expect(restoreTestingTypes(config([{ resourceTypes: [`x${type}`, `${type}x`, type.replace('arn:aws:', 'arn::')] }]))).toEqual([]);
  });

  it('is the types of every policy, in the order of the supported types, each once', () => {
    expect(
      restoreTestingTypes(config([{ resourceTypes: ['arn:aws:s3:::*', 'arn:aws:ec2:*:*:volume/*'] }, { resourceTypes: ['arn:aws:rds:*:*:db:*', 'arn:aws:s3:::*'] }])),
    ).toEqual(['EBS', 'RDS', 'S3']);
  });

  it('leaves out the types a policy excludes', () => {
    expect(restoreTestingTypes(config([{ resourceTypes: ['arn:aws:s3:::*', 'arn:aws:ec2:*:*:volume/*'], notResourceTypes: ['arn:aws:s3:::*'] }]))).toEqual(['EBS']);
  });

  it('keeps a type that one policy excludes and another selects', () => {
    expect(
      restoreTestingTypes(config([{ resourceTypes: ['arn:aws:s3:::*', 'arn:aws:ec2:*:*:volume/*'], notResourceTypes: ['arn:aws:s3:::*'] }, { resourceTypes: ['arn:aws:s3:::*'] }])),
    ).toEqual(['EBS', 'S3']);
  });

  it('is empty when the policies select only types restore testing cannot test', () => {
    expect(restoreTestingTypes(config([{ resourceTypes: ['arn:aws:storagegateway:*:*:gateway/*'] }]))).toEqual([]);
  });
});
