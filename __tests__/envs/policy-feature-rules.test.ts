/**
 * The rules of envs/policy-feature-rules.ts, each on the smallest change to the example: every
 * message written out in full, every limit on both sides, and every guard that keeps a rule off a
 * value that already failed its own check (the input that would otherwise get a second, wrong line).
 */
import { expectSameBesideUnrelatedError, problemsOf } from '../support/config-draft';

type Draft = any;

const rule = (c: Draft, p = 0, r = 0) => c.policies[p].rules[r];
const selection = (c: Draft, s: object, p = 0) => (c.policies[p].selection = s);

const INSTANCES = 'arn:aws:ec2:*:*:instance/*';
const VOLUMES = 'arn:aws:ec2:*:*:volume/*';
const TABLES = 'arn:aws:dynamodb:*:*:table/*';
const BUCKETS = 'arn:aws:s3:::*';
/** AWS's list of selectable resource types, as the messages print it. */
const ALLOWED =
  'arn:aws:backup-gateway:*:*:vm/*, arn:aws:cloudformation:*:*:stack/*, arn:aws:dynamodb:*:*:table/*, arn:aws:ec2:*:*:instance/*, arn:aws:ec2:*:*:volume/*, ' +
  'arn:aws:elasticfilesystem:*:*:file-system/*, arn:aws:rds:*:*:cluster:*, arn:aws:rds:*:*:db:*, arn:aws:redshift:*:*:cluster:*, arn:aws:s3:::*, ' +
  'arn:aws:ssm-sap:*:*:HANA/*, arn:aws:storagegateway:*:*:gateway/*, arn:aws:timestream:*:*:database/*, arn:aws:fsx:*:*:file-system/*, arn:aws:fsx:*:*:volume/*';
const CONTINUOUS = 'arn:aws:rds:*:*:db:*, arn:aws:rds:*:*:cluster:*, arn:aws:s3:::*, arn:aws:ssm-sap:*:*:HANA/*';

const PARTITION_ISO = 'partition = "aws-iso": expected one of "aws", "aws-us-gov", "aws-cn"';

describe('the example', () => {
  test('is accepted: none of these rules fires on a configuration without the newer elements', () => {
    expect(problemsOf(() => {})).toEqual([]);
  });
});

describe('malwareScanRoleName', () => {
  test('equal to backupRoleName is refused', () => {
    expect(problemsOf((c) => (c.malwareScanRoleName = c.backupRoleName))).toEqual([
      'malwareScanRoleName = "OrgBackupServiceRole": must differ from backupRoleName: GuardDuty assumes this role, AWS Backup the other, and each trusts only its own service',
    ]);
  });

  test('equal to a backupRoleName given explicitly and to the default both work', () => {
    expect(problemsOf((c) => ((c.malwareScanRoleName = 'Scanner'), (c.backupRoleName = 'Backup')))).toEqual([]);
  });

  test('equal but both malformed: each name reports its own error only', () => {
    expect(problemsOf((c) => ((c.malwareScanRoleName = 'Bad Name'), (c.backupRoleName = 'Bad Name')))).toEqual([
      'backupRoleName = "Bad Name": expected 1 to 64 of letters, digits and +=,.@_-',
      'malwareScanRoleName = "Bad Name": expected 1 to 64 of letters, digits and +=,.@_-',
    ]);
  });

  test('with policies not a list, no policy rule runs (and nothing throws)', () => {
    expect(problemsOf((c) => (c.policies = 5))).toEqual(['policies = 5: expected array, got number']);
  });
});

describe('policies and rules of the wrong type', () => {
  test('a policy that is null', () => {
    expect(problemsOf((c) => (c.policies[0] = null))).toEqual(['policies[0] = null: expected object, got null']);
  });

  test('rules that are not a list, beside malware scan types', () => {
    expect(problemsOf((c) => ((c.policies[0].rules = 5), (c.policies[0].malwareScanResourceTypes = ['EBS'])))).toEqual([
      'policies[0].rules = 5: expected array, got number',
    ]);
  });

  test('a rule that is null', () => {
    expect(problemsOf((c) => (c.policies[0].rules[0] = null))).toEqual(['policies[0].rules[0] = null: expected object, got null']);
  });
});

describe('selection', () => {
  test('neither tags nor resource types', () => {
    expect(problemsOf((c) => selection(c, {}))).toEqual([
      'policies[0].selection: selects nothing: give tagKey and tagValues, resourceTypes, or both (AWS requires tags or resources in every selection)',
    ]);
  });

  test('a tag key without values', () => {
    expect(problemsOf((c) => selection(c, { tagKey: 'backup-plan' }))).toEqual([
      'policies[0].selection.tagValues: required with tagKey "backup-plan": the tag values that select resources',
    ]);
  });

  test('tag values without a key, alone and beside resource types', () => {
    expect(problemsOf((c) => selection(c, { tagValues: ['x'] }))).toEqual([
      'policies[0].selection: selects nothing: give tagKey and tagValues, resourceTypes, or both (AWS requires tags or resources in every selection)',
      'policies[0].selection.tagKey: required with tagValues: the tag key whose values select resources',
    ]);
    expect(problemsOf((c) => selection(c, { tagValues: ['x'], resourceTypes: ['*'] }))).toEqual([
      'policies[0].selection.tagKey: required with tagValues: the tag key whose values select resources',
    ]);
  });

  test('by resource type alone, and by type and one tag, are accepted', () => {
    expect(problemsOf((c) => selection(c, { resourceTypes: ['*'] }))).toEqual([]);
    expect(problemsOf((c) => selection(c, { resourceTypes: [VOLUMES], tagKey: 'k', tagValues: ['a'] }))).toEqual([]);
  });

  test('two tag values beside resource types are refused; two without them are not (the example)', () => {
    expect(problemsOf((c) => selection(c, { resourceTypes: [VOLUMES], tagKey: 'k', tagValues: ['a', 'b'] }))).toEqual([
      'policies[0].selection.tagValues = ["a","b"]: beside resourceTypes, one tag value only: AWS writes the tag as a condition of selections.resources, and its conditions must all match (split the policy, or select by tag alone)',
    ]);
  });

  test('notResourceTypes without resourceTypes', () => {
    expect(problemsOf((c) => (c.policies[0].selection.notResourceTypes = [BUCKETS]))).toEqual([
      'policies[0].selection.notResourceTypes = ["arn:aws:s3:::*"]: applies to resourceTypes only: add resourceTypes (for example ["*"]) or remove it',
    ]);
  });

  test('a type AWS does not list: the allowed list with *, no partition hint', () => {
    expect(problemsOf((c) => selection(c, { resourceTypes: ['arn:aws:lambda:*:*:function/*'] }))).toEqual([
      `policies[0].selection.resourceTypes[0] = "arn:aws:lambda:*:*:function/*": not a resource type AWS backup policies select; allowed: *, ${ALLOWED}`,
    ]);
  });

  test('a type of another partition: the hint names it in this partition', () => {
    expect(problemsOf((c) => selection(c, { resourceTypes: ['arn:aws-us-gov:ec2:*:*:volume/*'] }))).toEqual([
      `policies[0].selection.resourceTypes[0] = "arn:aws-us-gov:ec2:*:*:volume/*": not a resource type AWS backup policies select (in partition aws, write arn:aws:ec2:*:*:volume/*); allowed: *, ${ALLOWED}`,
    ]);
  });

  test('* is not a type to exclude: the allowed list without *', () => {
    expect(problemsOf((c) => selection(c, { resourceTypes: ['*'], notResourceTypes: ['*'] }))).toEqual([
      `policies[0].selection.notResourceTypes[0] = "*": not a resource type AWS backup policies select; allowed: ${ALLOWED}`,
      'policies[0].selection.notResourceTypes[0] = "*": also in resourceTypes: a type cannot be both selected and excluded',
    ]);
    expect(problemsOf((c) => selection(c, { resourceTypes: [TABLES], notResourceTypes: ['*'] }))).toEqual([
      `policies[0].selection.notResourceTypes[0] = "*": not a resource type AWS backup policies select; allowed: ${ALLOWED}`,
    ]);
  });

  test('a type of the list excluded from * is accepted', () => {
    expect(problemsOf((c) => selection(c, { resourceTypes: ['*'], notResourceTypes: [BUCKETS] }))).toEqual([]);
  });

  test('a type listed twice, in either list', () => {
    expect(problemsOf((c) => selection(c, { resourceTypes: [BUCKETS, TABLES, BUCKETS] }))).toEqual([
      'policies[0].selection.resourceTypes[2] = "arn:aws:s3:::*": listed twice; list each resource type once',
    ]);
    expect(problemsOf((c) => selection(c, { resourceTypes: ['*'], notResourceTypes: [TABLES, TABLES] }))).toEqual([
      'policies[0].selection.notResourceTypes[1] = "arn:aws:dynamodb:*:*:table/*": listed twice; list each resource type once',
    ]);
  });

  test('a type both selected and excluded', () => {
    expect(problemsOf((c) => selection(c, { resourceTypes: [TABLES, BUCKETS], notResourceTypes: [VOLUMES, BUCKETS] }))).toEqual([
      'policies[0].selection.notResourceTypes[1] = "arn:aws:s3:::*": also in resourceTypes: a type cannot be both selected and excluded',
    ]);
  });

  test('a type that fails its own pattern gets that error only', () => {
    expect(problemsOf((c) => selection(c, { resourceTypes: ['EBS'] }))).toEqual([
      'policies[0].selection.resourceTypes[0] = "EBS": expected * or a resource type of AWS\'s list, such as arn:aws:dynamodb:*:*:table/*',
    ]);
  });

  test('with the partition wrong, no resource type is judged against it', () => {
    expect(problemsOf((c) => ((c.partition = 'aws-iso'), selection(c, { resourceTypes: [BUCKETS] })))).toEqual([PARTITION_ISO]);
  });
});

describe('windowsVss', () => {
  const vss = (c: Draft, s: object, on: unknown = true) => Object.assign(c.policies[0], { windowsVss: on, selection: s });

  test('on a selection by tag alone, or one with EC2 instances, is accepted', () => {
    expect(problemsOf((c) => (c.policies[0].windowsVss = true))).toEqual([]);
    expect(problemsOf((c) => vss(c, { resourceTypes: ['*'] }))).toEqual([]);
    expect(problemsOf((c) => vss(c, { resourceTypes: [TABLES, INSTANCES] }))).toEqual([]);
    expect(problemsOf((c) => vss(c, { resourceTypes: [INSTANCES], notResourceTypes: [VOLUMES] }))).toEqual([]);
  });

  test('on a selection without EC2 instances', () => {
    expect(problemsOf((c) => vss(c, { resourceTypes: [TABLES] }))).toEqual([
      'policies[0].windowsVss = true: Windows VSS applies to EC2 instances only, and the selection has none (add arn:aws:ec2:*:*:instance/* to resourceTypes)',
    ]);
  });

  test('with EC2 instances excluded from *', () => {
    expect(problemsOf((c) => vss(c, { resourceTypes: ['*'], notResourceTypes: [INSTANCES] }))).toEqual([
      'policies[0].windowsVss = true: Windows VSS applies to EC2 instances only, and the selection has none (add arn:aws:ec2:*:*:instance/* to resourceTypes)',
    ]);
  });

  test('false, or malformed, on a selection without EC2 instances: no VSS rule', () => {
    expect(problemsOf((c) => vss(c, { resourceTypes: [TABLES] }, false))).toEqual([]);
    expect(problemsOf((c) => vss(c, { resourceTypes: [TABLES] }, 'enabled'))).toEqual(['policies[0].windowsVss = "enabled": expected boolean, got string']);
  });

  test('on a selection that fails its own checks: the selection error only', () => {
    expect(problemsOf((c) => vss(c, { resourceTypes: ['EBS'] }))).toEqual([
      'policies[0].selection.resourceTypes[0] = "EBS": expected * or a resource type of AWS\'s list, such as arn:aws:dynamodb:*:*:table/*',
    ]);
  });
});

describe('planTags', () => {
  const tags = (n: number, first = 't0') => Object.fromEntries(Array.from({ length: n }, (_, i) => [i === 0 ? first : `t${i}`, 'v']));

  test('50 tags are accepted, 51 refused', () => {
    expect(problemsOf((c) => (c.policies[0].planTags = tags(50)))).toEqual([]);
    expect(problemsOf((c) => (c.policies[0].planTags = tags(51)))).toEqual(['policies[0].planTags: 51 tags; AWS allows at most 50 tags on a backup plan']);
  });

  test('52 tags of which one is malformed: the tag error only (the other 51 are not counted against a broken map)', () => {
    expect(problemsOf((c) => (c.policies[0].planTags = tags(52, 'aws:team')))).toEqual([
      'policies[0].planTags["aws:team"]: key not allowed: the aws: prefix is reserved by AWS',
    ]);
  });
});

describe('malwareScanResourceTypes', () => {
  const scan = (c: Draft, types: unknown, r: number | null = 0) => {
    if (r !== null) rule(c, 0, r).malwareScan = { mode: 'full' };
    c.policies[0].malwareScanResourceTypes = types;
  };

  test('with a scanning rule among others, accepted', () => {
    expect(problemsOf((c) => scan(c, ['EBS', 'S3'], 1))).toEqual([]);
  });

  test('without a scanning rule', () => {
    expect(problemsOf((c) => scan(c, ['EBS'], null))).toEqual([
      'policies[0].malwareScanResourceTypes = ["EBS"]: no rule of this policy has malwareScan, so nothing is scanned: add malwareScan to a rule or remove this',
    ]);
  });

  test('a type listed twice', () => {
    expect(problemsOf((c) => scan(c, ['S3', 'EBS', 'S3']))).toEqual(['policies[0].malwareScanResourceTypes[2] = "S3": listed twice; list each type once']);
  });

  test('a type GuardDuty does not scan, without a scanning rule: that error only', () => {
    expect(problemsOf((c) => scan(c, ['RDS'], null))).toEqual(['policies[0].malwareScanResourceTypes[0] = "RDS": expected one of "EBS", "EC2", "S3"']);
  });
});

describe('backupIndex', () => {
  test('each type once is accepted; a type twice is refused', () => {
    expect(problemsOf((c) => (rule(c).backupIndex = { resourceTypes: ['EBS', 'S3'] }))).toEqual([]);
    expect(problemsOf((c) => (rule(c).backupIndex = { resourceTypes: ['S3', 'EBS', 'S3'] }))).toEqual([
      'policies[0].rules[0].backupIndex.resourceTypes[2] = "S3": listed twice; list each type once',
    ]);
  });

  test('a malformed type twice: the type errors only', () => {
    expect(problemsOf((c) => (rule(c).backupIndex = { resourceTypes: ['RDS', 'RDS'] }))).toEqual([
      'policies[0].rules[0].backupIndex.resourceTypes[0] = "RDS": expected one of "EBS", "S3"',
      'policies[0].rules[0].backupIndex.resourceTypes[1] = "RDS": expected one of "EBS", "S3"',
    ]);
  });
});

describe('continuousBackup', () => {
  const continuous = (c: Draft, lifecycle: object, on: unknown = true, r = 0) => Object.assign(rule(c, 0, r), { continuousBackup: on, lifecycle });

  test('35 days are accepted, 36 refused', () => {
    expect(problemsOf((c) => continuous(c, { deleteAfterDays: 35 }))).toEqual([]);
    expect(problemsOf((c) => continuous(c, { deleteAfterDays: 36 }))).toEqual([
      "policies[0].rules[0].lifecycle.deleteAfterDays = 36: continuous backups keep at most 35 days (AWS's limit for point-in-time recovery)",
    ]);
  });

  test('without retention', () => {
    expect(problemsOf((c) => continuous(c, {}))).toEqual([
      'policies[0].rules[0].lifecycle.deleteAfterDays: required with continuousBackup: continuous backups keep 1 to 35 days',
    ]);
  });

  test('moving to cold storage', () => {
    expect(problemsOf((c) => continuous(c, { moveToColdStorageAfterDays: 1, deleteAfterDays: 91 }))).toEqual([
      'policies[0].rules[0].lifecycle.moveToColdStorageAfterDays = 1: continuous backups do not move to cold storage: remove it or continuousBackup',
      "policies[0].rules[0].lifecycle.deleteAfterDays = 91: continuous backups keep at most 35 days (AWS's limit for point-in-time recovery)",
    ]);
  });

  test('false, or malformed, leaves a long retention alone', () => {
    expect(problemsOf((c) => continuous(c, { deleteAfterDays: 90 }, false))).toEqual([]);
    expect(problemsOf((c) => continuous(c, { deleteAfterDays: 90 }, 'yes'))).toEqual(['policies[0].rules[0].continuousBackup = "yes": expected boolean, got string']);
  });

  test('with a lifecycle that fails its own checks: that error only', () => {
    expect(problemsOf((c) => continuous(c, { deleteAfterDays: 36_501 }))).toEqual([
      'policies[0].rules[0].lifecycle.deleteAfterDays = 36501: expected a retention of at most 36500 days (100 years, AWS\'s maximum)',
    ]);
  });

  test('of types of which one supports it, or of *, is accepted', () => {
    expect(problemsOf((c) => (selection(c, { resourceTypes: [VOLUMES, BUCKETS] }), continuous(c, { deleteAfterDays: 35 })))).toEqual([]);
    expect(problemsOf((c) => (selection(c, { resourceTypes: ['*'] }), continuous(c, { deleteAfterDays: 35 })))).toEqual([]);
  });

  test('of types none of which supports it', () => {
    expect(problemsOf((c) => (selection(c, { resourceTypes: [VOLUMES, TABLES] }), continuous(c, { deleteAfterDays: 35 })))).toEqual([
      `policies[0].rules[0].continuousBackup = true: none of the policy's resourceTypes supports continuous backup (AWS Backup: ${CONTINUOUS})`,
    ]);
  });

  test('with the partition wrong, the types are not judged', () => {
    expect(problemsOf((c) => ((c.partition = 'aws-iso'), selection(c, { resourceTypes: [VOLUMES] }), continuous(c, { deleteAfterDays: 35 })))).toEqual([PARTITION_ISO]);
  });
});

describe('beside an unrelated error, each rule still reports (a rule is kept off only by a problem at its own values)', () => {
  const CASES: [string, (c: Draft) => void][] = [
    ['malwareScanRoleName = backupRoleName', (c) => (c.malwareScanRoleName = c.backupRoleName)],
    ['a selection of nothing', (c) => selection(c, {})],
    ['a type of another partition', (c) => selection(c, { resourceTypes: ['arn:aws-us-gov:ec2:*:*:volume/*'] })],
    ['Windows VSS without instances', (c) => Object.assign(c.policies[0], { windowsVss: true, selection: { resourceTypes: [TABLES] } })],
    ['51 plan tags', (c) => (c.policies[0].planTags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, 'v'])))],
    ['malware scan types without a scanning rule', (c) => (c.policies[0].malwareScanResourceTypes = ['EBS', 'EBS'])],
    ['a backup index type twice', (c) => (rule(c).backupIndex = { resourceTypes: ['S3', 'S3'] })],
    ['continuous backups kept 36 days', (c) => Object.assign(rule(c), { continuousBackup: true, lifecycle: { deleteAfterDays: 36 } })],
    ['continuous backups of types without them', (c) => (selection(c, { resourceTypes: [VOLUMES] }), Object.assign(rule(c), { continuousBackup: true }))],
  ];

  test.each(CASES)('%s', (_title, change) => expectSameBesideUnrelatedError(problemsOf, change));
});
