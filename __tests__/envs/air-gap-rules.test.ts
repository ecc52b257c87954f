/**
 * The rules of envs/air-gap-rules.ts (air-gapped vault, copies into it, its RAM share, restore
 * testing, the delegated administrator, and their warnings) on the smallest configuration: each
 * rule on both sides of its limit, each message in full, and each guard that keeps a rule off a
 * value that already failed its own check.
 */
import { validateConfig } from '../../envs/load';
import { AIR_GAPPED_UNAVAILABLE_REGIONS, airGapWarnings } from '../../envs/air-gap-rules';
import { expectSameBesideUnrelatedError, problemsOf, smallestDraft } from '../support/config-draft';

type Draft = any;

/** The problem lines of the changed base, [] when it is valid. */
const problems = (change: (c: Draft) => void = () => {}) => problemsOf(change, smallestDraft());

const vault = (c: Draft, settings: unknown = {}) => (c.backupAccount.airGappedVault = settings);
const rule0 = (c: Draft) => c.policies[0].rules[0];
const AT = 'backupAccount.airGappedVault';

describe('the air-gapped vault', () => {
  it('is accepted with its defaults', () => {
    expect(problems((c) => vault(c))).toEqual([]);
  });

  it('is not looked for when the Backup account is missing or not an object, and nothing throws', () => {
    const copying = (c: Draft) => (rule0(c).copyToAirGappedVault = { deleteAfterDays: 90 });
    expect(problems((c) => delete c.backupAccount)).toEqual(['backupAccount: required (object)']);
    expect(problems((c) => (delete c.backupAccount, copying(c)))).toEqual(['backupAccount: required (object)']);
    expect(problems((c) => ((c.backupAccount = null), copying(c)))).toEqual(['backupAccount = null: expected object, got null']);
    expect(problems((c) => ((c.backupAccount = 'central'), copying(c)))).toEqual(['backupAccount = "central": expected object, got string']);
  });

  it('maxRetentionDays is greater than minRetentionDays', () => {
    expect(problems((c) => vault(c, { minRetentionDays: 90, maxRetentionDays: 91 }))).toEqual([]);
    expect(problems((c) => vault(c, { minRetentionDays: 90, maxRetentionDays: 90 }))).toEqual([`${AT}.maxRetentionDays = 90: must be greater than minRetentionDays (90)`]);
    expect(problems((c) => vault(c, { minRetentionDays: 4000 }))).toEqual([`${AT}.maxRetentionDays = 3650 (the default): must be greater than minRetentionDays (4000)`]);
  });

  it('bounds that failed their own check are not compared', () => {
    expect(problems((c) => vault(c, { minRetentionDays: 40_000 }))).toEqual([`${AT}.minRetentionDays = 40000: expected at most 36500 days (100 years, AWS's maximum)`]);
    expect(problems((c) => vault(c, { maxRetentionDays: 6 }))).toEqual([
      `${AT}.maxRetentionDays = 6: expected at least 7 days (AWS Backup's minimum for a logically air-gapped vault)`,
    ]);
  });

  it('is not named like the central vault', () => {
    const sameName = (name: string, given = '') =>
      `${AT}.name = "${name}"${given}: is the central vault name (backupAccount.vaultName); vault names are unique in an account and region`;
    expect(problems((c) => vault(c, { name: 'org-central-backup' }))).toEqual([sameName('org-central-backup')]);
    expect(problems((c) => ((c.backupAccount.vaultName = 'vaults'), vault(c, { name: 'vaults' })))).toEqual([sameName('vaults')]);
    expect(problems((c) => ((c.backupAccount.vaultName = 'org-air-gapped'), vault(c)))).toEqual([sameName('org-air-gapped', ' (the default)')]);
    expect(problems((c) => ((c.backupAccount.vaultName = 'vaults'), vault(c, { name: 'vaults2' })))).toEqual([]);
  });

  const partitionOf = (region: string) => (region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws');
  const inRegions = (regions: string[]) => (c: Draft) => {
    c.partition = partitionOf(regions[0]);
    c.regions = regions;
    c.state.region = regions[0];
  };
  const unavailable = (regions: string) =>
    `${AT}: logically air-gapped vaults are not available in ${regions} (AWS Backup); remove the region or the air-gapped vault`;

  it('is not available in ten regions', () => {
    expect(AIR_GAPPED_UNAVAILABLE_REGIONS).toEqual([
      'ap-southeast-5',
      'ap-southeast-7',
      'ap-east-2',
      'ap-southeast-6',
      'ca-west-1',
      'mx-central-1',
      'cn-north-1',
      'cn-northwest-1',
      'us-gov-east-1',
      'us-gov-west-1',
    ]);
    for (const region of AIR_GAPPED_UNAVAILABLE_REGIONS) {
      expect(problems(inRegions([region]))).toEqual([]);
      expect(problems((c) => (inRegions([region])(c), vault(c)))).toEqual([unavailable(region)]);
    }
    expect(problems((c) => (inRegions(['eu-west-1', 'us-east-1'])(c), vault(c)))).toEqual([]);
  });

  it('names every unavailable region, once, beside a malformed one', () => {
    expect(problems((c) => (inRegions(['ca-west-1', 'eu-west-1', 'mars', 'mx-central-1'])(c), vault(c)))).toEqual([
      'regions[2] = "mars": expected an AWS region code such as eu-west-1',
      unavailable('ca-west-1, mx-central-1'),
    ]);
  });

  it('that is not an object, or regions that are not a list, have their own error only', () => {
    expect(problems((c) => (inRegions(['ca-west-1'])(c), vault(c, 'yes')))).toEqual([`${AT} = "yes": expected object, got string`]);
    expect(problems((c) => ((c.regions = 'ca-west-1'), vault(c)))).toEqual(['regions = "ca-west-1": expected array, got string']);
  });
});

describe('the RAM share of the air-gapped vault', () => {
  const share = (principals: unknown) => (c: Draft) => vault(c, { shareWith: principals });

  it('goes to the organization or to account ids, each once', () => {
    expect(problems(share(['organization', '333333333333', '444444444444']))).toEqual([]);
    expect(problems(share(['333333333333', 'organization', '333333333333', 'organization']))).toEqual([
      `${AT}.shareWith[2] = "333333333333": listed twice; list each principal once`,
      `${AT}.shareWith[3] = "organization": listed twice; list each principal once`,
    ]);
  });

  const ou = (i: number) =>
    `${AT}.shareWith[${i}] = "ou-a1b2-c3d4e5f6": AWS RAM shares a logically air-gapped vault with accounts only, not with an OU or an organization as a whole: list the account ids, or organization for every source account`;
  const owner = (i: number) => `${AT}.shareWith[${i}] = "222222222222": is the Backup account, which owns the vault; share with the accounts that restore from it`;

  it('never goes to an OU or to the Backup account, each reported once per listing', () => {
    expect(problems(share(['organization', 'ou-a1b2-c3d4e5f6']))).toEqual([ou(1)]);
    expect(problems(share(['organization', '222222222222']))).toEqual([owner(1)]);
    expect(problems(share(['ou-a1b2-c3d4e5f6', 'ou-a1b2-c3d4e5f6', '222222222222', '222222222222']))).toEqual([ou(0), ou(1), owner(2), owner(3)]);
  });

  it('principals that failed their own check are skipped', () => {
    expect(problems(share(['x', '333333333333', 'x']))).toEqual([
      `${AT}.shareWith[0] = "x": expected organization, an OU id (ou-xxxx-xxxxxxxx) or a 12-digit account id`,
      `${AT}.shareWith[2] = "x": expected organization, an OU id (ou-xxxx-xxxxxxxx) or a 12-digit account id`,
    ]);
    expect(problems(share('organization'))).toEqual([`${AT}.shareWith = "organization": expected array, got string`]);
  });

  it('is not compared with a Backup account id that failed its own check', () => {
    expect(problems((c) => ((c.backupAccount.accountId = 'organization'), share(['organization'])(c)))).toEqual([
      'backupAccount.accountId = "organization": expected a 12-digit account id as a string',
    ]);
  });
});

describe('copies to the air-gapped vault', () => {
  const copy = (days: unknown) => (c: Draft) => (rule0(c).copyToAirGappedVault = { deleteAfterDays: days });
  const withVault = (days: unknown, settings: unknown = {}) => (c: Draft) => (vault(c, settings), copy(days)(c));

  it('need the air-gapped vault', () => {
    const missing =
      'policies[0].rules[0].copyToAirGappedVault: copies to the air-gapped vault, but backupAccount.airGappedVault is not configured: add it, or remove copyToAirGappedVault';
    expect(problems(copy(90))).toEqual([missing]);
    // Beside a problem elsewhere, which does not make the Backup account wrong.
    expect(problems((c) => (copy(90)(c), (c.tags = { 'aws:x': 'v' })))).toEqual([missing, 'tags["aws:x"]: key not allowed: the aws: prefix is reserved by AWS']);
  });

  it("are kept within the vault's retention", () => {
    const outside = (days: number) =>
      `policies[0].rules[0].copyToAirGappedVault.deleteAfterDays = ${days}: outside the air-gapped vault's retention (minRetentionDays 30 to maxRetentionDays 3650): the vault would refuse every copy`;
    expect(problems(withVault(30))).toEqual([]);
    expect(problems(withVault(3650))).toEqual([]);
    expect(problems(withVault(29))).toEqual([outside(29)]);
    expect(problems(withVault(3651))).toEqual([outside(3651)]);
  });

  it('are not compared with bounds that failed their own check', () => {
    expect(problems(withVault(90, { minRetentionDays: 40_000 }))).toEqual([`${AT}.minRetentionDays = 40000: expected at most 36500 days (100 years, AWS's maximum)`]);
    expect(problems(withVault(90, { maxRetentionDays: 6 }))).toEqual([
      `${AT}.maxRetentionDays = 6: expected at least 7 days (AWS Backup's minimum for a logically air-gapped vault)`,
    ]);
  });

  it('that failed their own check are not compared, nor reported without the vault', () => {
    const zero = 'policies[0].rules[0].copyToAirGappedVault.deleteAfterDays = 0: expected a retention of at least 1 day';
    expect(problems(withVault(0))).toEqual([zero]);
    expect(problems(copy(0))).toEqual([zero]);
  });

  it('in policies or rules that are not lists are not looked for', () => {
    expect(problems((c) => (vault(c), (c.policies = 'std')))).toEqual(['policies = "std": expected array, got string']);
    expect(problems((c) => (vault(c), (c.policies[0].rules = 'daily')))).toEqual(['policies[0].rules = "daily": expected array, got string']);
    expect(problems((c) => (vault(c), (c.policies[0].rules = [null])))).toEqual(['policies[0].rules[0] = null: expected object, got null']);
  });
});

describe('restore testing', () => {
  const testing = (settings: unknown = {}) => (c: Draft) => (c.backupAccount.restoreTesting = settings);
  /** Policies that select only resource types restore testing cannot restore. */
  const untestable = (c: Draft) => (c.policies[0].selection = { resourceTypes: ['arn:aws:redshift:*:*:cluster:*'] });
  const noType =
    'backupAccount.restoreTesting.resourceTypes: the policies select no resource type restore testing supports (Aurora, DocumentDB, DynamoDB, EBS, EC2, EFS, FSx, Neptune, RDS, S3): name the types to test, or leave restoreTesting out';

  it('tests the types the policies select, and needs one it supports', () => {
    expect(problems(testing())).toEqual([]);
    expect(problems((c) => (untestable(c), testing()(c)))).toEqual([noType]);
    expect(problems((c) => (untestable(c), testing({ resourceTypes: ['S3'] })(c)))).toEqual([]);
  });

  it('does not read a selection that failed its own check', () => {
    expect(
      problems((c) => {
        untestable(c);
        testing()(c);
        c.policies.push({ ...structuredClone(c.policies[0]), name: 'other', targets: ['333333333333'], selection: { resourceTypes: ['s3'] } });
      }),
    ).toEqual([`policies[1].selection.resourceTypes[0] = "s3": expected * or a resource type of AWS's list, such as arn:aws:dynamodb:*:*:table/*`]);
    expect(problems((c) => (untestable(c), testing('weekly')(c)))).toEqual(['backupAccount.restoreTesting = "weekly": expected object, got string']);
    expect(problems((c) => (testing()(c), (c.policies = 'std')))).toEqual(['policies = "std": expected array, got string']);
  });

  it('lists each resource type once, beside a malformed one', () => {
    expect(problems(testing({ resourceTypes: ['S3', 'EBS', 'S3', 'X', 'EBS'] }))).toEqual([
      'backupAccount.restoreTesting.resourceTypes[2] = "S3": listed twice; list each resource type once',
      'backupAccount.restoreTesting.resourceTypes[3] = "X": expected one of "Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "S3"',
      'backupAccount.restoreTesting.resourceTypes[4] = "EBS": listed twice; list each resource type once',
    ]);
    expect(problems(testing({ resourceTypes: 'S3' }))).toEqual(['backupAccount.restoreTesting.resourceTypes = "S3": expected array, got string']);
    const notAType = (i: number) =>
      `backupAccount.restoreTesting.resourceTypes[${i}] = "X": expected one of "Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "S3"`;
    expect(problems(testing({ resourceTypes: ['X', 'X'] }))).toEqual([notAType(0), notAType(1)]);
  });
});

describe('the delegated administrator', () => {
  const admin = (accountId: unknown) => (c: Draft) => (c.delegatedAdministrator = { accountId });

  it('is neither the Backup nor the management account', () => {
    expect(problems(admin('444444444444'))).toEqual([]);
    expect(problems(admin('222222222222'))).toEqual([
      'delegatedAdministrator.accountId = "222222222222": is the Backup account: its administrators could then rewrite the backup policies that feed it and lift the protections of the vaults they guard; choose a separate account',
    ]);
    expect(problems(admin('111111111111'))).toEqual([
      'delegatedAdministrator.accountId = "111111111111": is the management account, which administers AWS Backup already and cannot be registered as its own delegated administrator',
    ]);
  });

  it('is not compared with accounts that are missing or failed their own check', () => {
    expect(problems((c) => (admin('444444444444')(c), delete c.backupAccount))).toEqual(['backupAccount: required (object)']);
    expect(problems((c) => (admin('444444444444')(c), delete c.organization))).toEqual(['organization: required (object)']);
    expect(problems(admin('4'))).toEqual(['delegatedAdministrator.accountId = "4": expected a 12-digit account id as a string']);
  });
});

describe('airGapWarnings', () => {
  const warnings = (change: (c: Draft) => void = () => {}) => {
    const draft = smallestDraft();
    change(draft);
    return airGapWarnings(validateConfig(draft, 'test'));
  };

  it('warns of nothing by default', () => {
    expect(warnings()).toEqual([]);
    expect(warnings((c) => vault(c, { encryption: 'aws-owned' }))).toEqual([]);
    expect(warnings((c) => (c.delegatedAdministrator = { accountId: '444444444444' }))).toEqual([]);
  });

  it('warns of a customer-managed key and of a delegated administrator that is a source account', () => {
    expect(
      warnings((c) => {
        vault(c, { encryption: 'customer-managed' });
        c.sourceAccounts.push({ accountId: '444444444444', name: 'dev' });
        c.delegatedAdministrator = { accountId: '444444444444' };
      }),
    ).toEqual([
      'backupAccount.airGappedVault.encryption = "customer-managed": AWS recommends the AWS-owned key for logically air-gapped vaults, and a customer-managed key from the same account only for testing: whoever controls the Backup account controls this key, and a disabled or deleted key makes the vault unreadable',
      `delegatedAdministrator.accountId = "444444444444": this is sourceAccounts[1]; an administrator of that account could then change the organization's backup policies (and stop the copies out of it): prefer a dedicated account`,
    ]);
    expect(warnings((c) => (c.delegatedAdministrator = { accountId: '333333333333' }))).toEqual([
      `delegatedAdministrator.accountId = "333333333333": this is sourceAccounts[0]; an administrator of that account could then change the organization's backup policies (and stop the copies out of it): prefer a dedicated account`,
    ]);
  });
});

describe('beside an unrelated error, each rule still reports (a rule is kept off only by a problem at its own values)', () => {
  const CASES: [string, (c: Draft) => void][] = [
    ['a vault maximum at its minimum', (c) => vault(c, { minRetentionDays: 90, maxRetentionDays: 90 })],
    ['the central vault name', (c) => vault(c, { name: c.backupAccount.vaultName ?? 'org-central-backup' })],
    ['a region without air-gapped vaults', (c) => (vault(c), c.regions.push('ap-southeast-5'))],
    ['shared with the Backup account', (c) => vault(c, { shareWith: [c.backupAccount.accountId] })],
    ['a copy kept past the vault maximum', (c) => (vault(c, { maxRetentionDays: 100 }), (rule0(c).copyToAirGappedVault = { deleteAfterDays: 200 }))],
    ['a copy without the vault', (c) => (rule0(c).copyToAirGappedVault = { deleteAfterDays: 90 })],
    ['restore testing of no type the policies select', (c) => ((c.policies[0].selection = { resourceTypes: ['arn:aws:redshift:*:*:cluster:*'] }), (c.backupAccount.restoreTesting = {}))],
    ['restore testing of a type listed twice', (c) => (c.backupAccount.restoreTesting = { resourceTypes: ['EBS', 'EBS'] })],
    ['the Backup account as delegated administrator', (c) => (c.delegatedAdministrator = { accountId: c.backupAccount.accountId })],
    ['the management account as delegated administrator', (c) => (c.delegatedAdministrator = { accountId: c.organization.managementAccountId })],
  ];

  test.each(CASES)('%s', (_title, change) => expectSameBesideUnrelatedError(problems, change));
});
