/**
 * envs/policy-features.ts: the field checks of the backup policy's newer elements. The pattern of a
 * resource type on both sides of each of its parts, every list that needs an item, the keys each
 * object allows, the enumerations and the default scanner role, each message written out in full.
 */
import { validateConfig } from '../../envs/load';
import { exampleDraft } from '../fixtures/invalid-configs';
import { problemsOf } from '../support/config-draft';

type Draft = any;

const rule = (c: Draft, p = 0, r = 0) => c.policies[p].rules[r];
const byType = (...types: unknown[]) => (c: Draft) => (c.policies[0].selection = { resourceTypes: types });
const PATTERN = "expected * or a resource type of AWS's list, such as arn:aws:dynamodb:*:*:table/*";

describe('a resource type', () => {
  test.each(['*', 'arn:aws:s3:::*', 'arn:aws:elasticfilesystem:*:*:file-system/*', 'arn:aws:ssm-sap:*:*:HANA/*', 'arn:aws:rds:*:*:db:*'])('%s is accepted', (type) => {
    expect(problemsOf(byType(type))).toEqual([]);
  });

  test('of the other partitions, matches the pattern (the partition is checked by the rules)', () => {
    expect(problemsOf(byType('arn:aws-us-gov:s3:::*', 'arn:aws-cn:s3:::*')).map((line) => line.split(': ')[0])).toEqual([
      'policies[0].selection.resourceTypes[0] = "arn:aws-us-gov:s3:::*"',
      'policies[0].selection.resourceTypes[1] = "arn:aws-cn:s3:::*"',
    ]);
    expect(problemsOf(byType('arn:aws-cn:s3:::*'))[0]).toMatch(/: not a resource type AWS backup policies select \(in partition aws, write arn:aws:s3:::\*\); allowed: /);
  });

  test.each([
    ['text before it', 'xarn:aws:s3:::*'],
    ['text before *', 'x*'],
    ['text after *', '*x'],
    ['another single sign', '?'],
    ['a space inside', 'arn:aws:s3:::my bucket'],
    ['a capital in the service', 'arn:aws:S3:::*'],
    ['no service', 'arn:aws::x'],
    ['no colon after the service', 'arn:aws:s3'],
    ['an unknown partition', 'arn:aws-iso:s3:::*'],
    ['no arn: prefix', 'aws:s3:::*'],
    ['a name for a type', 'EBS'],
  ])('with %s is refused by the pattern', (_what, type) => {
    expect(problemsOf(byType(type))).toEqual([`policies[0].selection.resourceTypes[0] = ${JSON.stringify(type)}: ${PATTERN}`]);
  });

  test('the excluded types follow the same pattern', () => {
    expect(problemsOf((c) => (c.policies[0].selection = { resourceTypes: ['*'], notResourceTypes: ['s3'] }))).toEqual([
      `policies[0].selection.notResourceTypes[0] = "s3": ${PATTERN}`,
    ]);
  });
});

describe('selection', () => {
  test('every list needs an item', () => {
    expect(problemsOf((c) => (c.policies[0].selection = { tagKey: 'k', tagValues: [] }))).toEqual(['policies[0].selection.tagValues = []: expected at least 1 item']);
    expect(problemsOf((c) => (c.policies[0].selection = { resourceTypes: [] }))).toEqual(['policies[0].selection.resourceTypes = []: expected at least 1 item']);
    expect(problemsOf((c) => (c.policies[0].selection = { resourceTypes: ['*'], notResourceTypes: [] }))).toEqual([
      'policies[0].selection.notResourceTypes = []: expected at least 1 item',
    ]);
  });

  test('tag values of one item each are accepted', () => {
    expect(problemsOf((c) => (c.policies[0].selection = { tagKey: 'k', tagValues: ['v'] }))).toEqual([]);
  });

  test('an unknown key', () => {
    expect(problemsOf((c) => (c.policies[0].selection.resourceType = ['*']))).toEqual([
      'policies[0].selection.resourceType: unknown key (did you mean "resourceTypes"?); allowed: tagKey, tagValues, resourceTypes, notResourceTypes',
    ]);
  });
});

describe('malwareScan', () => {
  test('full and incremental are accepted', () => {
    expect(problemsOf((c) => (rule(c).malwareScan = { mode: 'full' }))).toEqual([]);
    expect(problemsOf((c) => (rule(c).malwareScan = { mode: 'incremental' }))).toEqual([]);
  });

  test('another mode, or none', () => {
    expect(problemsOf((c) => (rule(c).malwareScan = { mode: 'FULL_SCAN' }))).toEqual(['policies[0].rules[0].malwareScan.mode = "FULL_SCAN": expected one of "full", "incremental"']);
    expect(problemsOf((c) => (rule(c).malwareScan = {}))).toEqual(['policies[0].rules[0].malwareScan.mode: expected one of "full", "incremental"']);
  });

  test('an unknown key', () => {
    expect(problemsOf((c) => (rule(c).malwareScan = { mode: 'full', modes: 'full' }))).toEqual([
      'policies[0].rules[0].malwareScan.modes: unknown key (did you mean "mode"?); allowed: mode',
    ]);
  });
});

describe('backupIndex', () => {
  test('EBS and S3 are accepted', () => {
    expect(problemsOf((c) => (rule(c).backupIndex = { resourceTypes: ['S3'] }))).toEqual([]);
  });

  test('no type, another type, an unknown key', () => {
    expect(problemsOf((c) => (rule(c).backupIndex = { resourceTypes: [] }))).toEqual(['policies[0].rules[0].backupIndex.resourceTypes = []: expected at least 1 item']);
    expect(problemsOf((c) => (rule(c).backupIndex = { resourceTypes: ['EC2'] }))).toEqual(['policies[0].rules[0].backupIndex.resourceTypes[0] = "EC2": expected one of "EBS", "S3"']);
    expect(problemsOf((c) => (rule(c).backupIndex = { resourceType: ['S3'] }))).toEqual([
      'policies[0].rules[0].backupIndex.resourceType: unknown key (did you mean "resourceTypes"?); allowed: resourceTypes',
      'policies[0].rules[0].backupIndex.resourceTypes: required (array)',
    ]);
  });
});

describe('the other rule and policy fields', () => {
  test('continuousBackup and windowsVss are booleans', () => {
    expect(problemsOf((c) => (rule(c).continuousBackup = 1))).toEqual(['policies[0].rules[0].continuousBackup = 1: expected boolean, got number']);
    expect(problemsOf((c) => (c.policies[0].windowsVss = 'yes'))).toEqual(['policies[0].windowsVss = "yes": expected boolean, got string']);
  });

  test('plan tags are a map of tags', () => {
    expect(problemsOf((c) => (c.policies[0].planTags = { team: 'platform' }))).toEqual([]);
    expect(problemsOf((c) => (c.policies[0].planTags = { team: 5 }))).toEqual(['policies[0].planTags.team = 5: expected string, got number']);
  });

  test('malware scan types: EBS, EC2 and S3, at least one', () => {
    const scanning = (types: unknown) => (c: Draft) => ((rule(c).malwareScan = { mode: 'full' }), (c.policies[0].malwareScanResourceTypes = types));
    expect(problemsOf(scanning(['EBS', 'EC2', 'S3']))).toEqual([]);
    expect(problemsOf(scanning([]))).toEqual(['policies[0].malwareScanResourceTypes = []: expected at least 1 item']);
    expect(problemsOf(scanning(['RDS']))).toEqual(['policies[0].malwareScanResourceTypes[0] = "RDS": expected one of "EBS", "EC2", "S3"']);
  });
});

describe('malwareScanRoleName', () => {
  test('defaults to OrgBackupMalwareScanRole', () => {
    expect(validateConfig(exampleDraft(), 'test').malwareScanRoleName).toBe('OrgBackupMalwareScanRole');
  });

  test('is a role name', () => {
    expect(problemsOf((c) => (c.malwareScanRoleName = 'r'.repeat(64)))).toEqual([]);
    expect(problemsOf((c) => (c.malwareScanRoleName = 'r'.repeat(65)))).toEqual([`malwareScanRoleName = "${'r'.repeat(65)}": expected 1 to 64 of letters, digits and +=,.@_-`]);
  });
});
