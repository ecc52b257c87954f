/**
 * The field validators of envs/fields.ts, one by one: each pattern at its limits on both sides and
 * with every character it allows, and the exact message of every refusal (the message is what a
 * person reads to fix the configuration).
 */
import type { z } from 'zod';
import {
  ACCOUNT_ID,
  BUCKET_NAME,
  CHANGEABLE_FOR_DAYS,
  COLD_STORAGE_DAYS,
  COMPLETION_WINDOW_MINUTES,
  COPY_RETENTION_DAYS,
  IAM_ROLE_ARN,
  IAM_ROLE_NAME,
  LOCK_DAYS,
  MAX_DAYS,
  MAX_TAGS,
  MAX_WINDOW_MINUTES,
  ORG_ID,
  OU_LABEL,
  PARTITION,
  POLICY_NAME,
  REGION,
  RETENTION_DAYS,
  ROOT_ID,
  RULE_NAME,
  SCHEDULE,
  STACK_NAME,
  START_WINDOW_MINUTES,
  STATE_KEY_PREFIX,
  TAG_KEY,
  TAG_VALUE,
  TARGET,
  VAULT_NAME,
} from '../../envs/fields';

/** The messages of every issue, in order; empty when the value is accepted. */
function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

const chars = (n: number, c = 'a') => c.repeat(n);
/** n characters cycling through letters and digits, lowercase. */
const alnum = (n: number) => Array.from({ length: n }, (_, i) => 'a1b2c3d4e5'[i % 10]).join('');

type Row = [label: string, value: unknown, expected: string[]];

function table(name: string, schema: z.ZodType, rows: Row[]) {
  describe(name, () => {
    it.each(rows)('%s', (_label, value, expected) => {
      expect(problems(schema, value)).toEqual(expected);
    });
  });
}

describe('the limits AWS sets', () => {
  it('are 100 years of days and of minutes, and 50 tags', () => {
    expect([MAX_DAYS, MAX_WINDOW_MINUTES, MAX_TAGS]).toEqual([36_500, 52_560_000, 50]);
  });
});

const accountIdMessage = 'expected a 12-digit account id as a string';
const numberHint = (digits: string) => [`an account id must be a quoted string of 12 digits: write "${digits}" (a number loses its leading zeros)`];
const numberNoHint = ['an account id must be a quoted string of 12 digits (a number loses its leading zeros)'];
table('ACCOUNT_ID', ACCOUNT_ID, [
  ['12 digits', '012345678901', []],
  ['every digit', '987654321098', []],
  ['11 digits', '01234567890', [accountIdMessage]],
  ['13 digits', '0123456789012', [accountIdMessage]],
  ['a letter', '01234567890a', [accountIdMessage]],
  ['a leading character', 'x012345678901', [accountIdMessage]],
  ['a trailing character', '012345678901x', [accountIdMessage]],
  ['a number of 9 digits', 123_456_789, numberNoHint],
  ['a number of 10 digits', 1_234_567_890, numberHint('001234567890')],
  ['a number of 11 digits', 12_345_678_901, numberHint('012345678901')],
  ['a number of 12 digits', 123_456_789_012, numberHint('123456789012')],
  ['a number of 13 digits', 1_234_567_890_123, numberNoHint],
  ['a fraction of 12 characters', 1_234_567_890.5, numberNoHint],
  ['a boolean', true, ['Invalid input: expected string, received boolean']],
  ['nothing', undefined, ['Invalid input: expected string, received undefined']],
]);

const orgIdMessage = ['expected o- followed by 10 to 32 lowercase letters or digits'];
table('ORG_ID', ORG_ID, [
  ['10 characters', `o-${alnum(10)}`, []],
  ['32 characters', `o-${alnum(32)}`, []],
  ['9 characters', `o-${alnum(9)}`, orgIdMessage],
  ['33 characters', `o-${alnum(33)}`, orgIdMessage],
  ['uppercase', 'o-A1b2c3d4e5', orgIdMessage],
  ['a leading character', `xo-${alnum(10)}`, orgIdMessage],
  ['a trailing character', `o-${alnum(10)}-`, orgIdMessage],
]);

const rootIdMessage = ['expected r- followed by 4 to 32 lowercase letters or digits'];
table('ROOT_ID', ROOT_ID, [
  ['4 characters', 'r-a1b2', []],
  ['32 characters', `r-${alnum(32)}`, []],
  ['3 characters', 'r-a1b', rootIdMessage],
  ['33 characters', `r-${alnum(33)}`, rootIdMessage],
  ['uppercase', 'r-A1b2', rootIdMessage],
  ['a leading character', 'xr-a1b2', rootIdMessage],
  ['a trailing character', 'r-a1b2-', rootIdMessage],
]);

table('PARTITION', PARTITION, [
  ['aws', 'aws', []],
  ['aws-us-gov', 'aws-us-gov', []],
  ['aws-cn', 'aws-cn', []],
  ['another', 'aws-iso', ['Invalid option: expected one of "aws"|"aws-us-gov"|"aws-cn"']],
]);

const regionMessage = ['expected an AWS region code such as eu-west-1'];
table('REGION', REGION, [
  ['eu-west-1', 'eu-west-1', []],
  ['ap-southeast-2', 'ap-southeast-2', []],
  ['us-gov-west-1', 'us-gov-west-1', []],
  ['us-iso-east-1', 'us-iso-east-1', []],
  ['us-isob-east-1', 'us-isob-east-1', []],
  ['us-isof-south-1', 'us-isof-south-1', []],
  ['one letter of country', 'e-west-1', regionMessage],
  ['three letters of country', 'euw-west-1', regionMessage],
  ['two digits', 'eu-west-12', regionMessage],
  ['no digit', 'eu-west-x', regionMessage],
  ['no area', 'eu--1', regionMessage],
  ['another qualifier', 'us-gav-west-1', regionMessage],
  ['uppercase', 'EU-west-1', regionMessage],
  ['a leading character', 'xeu-west-1', regionMessage],
  ['a trailing character', 'eu-west-1x', regionMessage],
]);

const targetMessage = ['expected root, an OU id (ou-xxxx-xxxxxxxx) or a 12-digit account id'];
table('TARGET', TARGET, [
  ['root', 'root', []],
  ['the shortest OU id', 'ou-a1b2-a1b2c3d4', []],
  ['the longest OU id', `ou-${alnum(32)}-${alnum(32)}`, []],
  ['an account id', '012345678901', []],
  ['an OU root part of 3', 'ou-a1b-a1b2c3d4', targetMessage],
  ['an OU root part of 33', `ou-${alnum(33)}-a1b2c3d4`, targetMessage],
  ['an OU part of 7', 'ou-a1b2-a1b2c3d', targetMessage],
  ['an OU part of 33', `ou-a1b2-${alnum(33)}`, targetMessage],
  ['an uppercase OU id', 'ou-A1b2-a1b2c3d4', targetMessage],
  ['11 digits', '01234567890', targetMessage],
  ['13 digits', '0123456789012', targetMessage],
  ['roots', 'roots', targetMessage],
  ['xroot', 'xroot', targetMessage],
  ['Root', 'Root', targetMessage],
]);

const ouLabelMessage = ['expected an OU id (ou-xxxx-xxxxxxxx) or a path of up to 10 OU names of 1 to 128 characters separated by / (Workloads/Prod)'];
table('OU_LABEL', OU_LABEL, [
  ['an OU id', 'ou-a1b2-a1b2c3d4', []],
  ['one name', 'Workloads', []],
  ['a name of 128', chars(128), []],
  ['a name of 129', chars(129), ouLabelMessage],
  ['a path', 'Workloads/Prod', []],
  ['a last name of 128', `a/${chars(128)}`, []],
  ['a last name of 129', `a/${chars(129)}`, ouLabelMessage],
  ['10 names', Array(10).fill('ab').join('/'), []],
  ['11 names', Array(11).fill('ab').join('/'), ouLabelMessage],
  ['nothing', '', ouLabelMessage],
  ['an empty name', 'a//b', ouLabelMessage],
  ['a leading /', '/a', ouLabelMessage],
  ['a trailing /', 'a/', ouLabelMessage],
  ['an OU id of slashes', 'ou-////-a1b2c3d4', ouLabelMessage],
  ['an OU id ending in slashes', 'ou-a1b2-////////', ouLabelMessage],
]);

const roleNameMessage = ['expected 1 to 64 of letters, digits and +=,.@_-'];
table('IAM_ROLE_NAME', IAM_ROLE_NAME, [
  ['every allowed character', 'Az09_+=,.@-', []],
  ['1 character', 'a', []],
  ['64 characters', chars(64), []],
  ['65 characters', chars(65), roleNameMessage],
  ['nothing', '', roleNameMessage],
  ['a space', 'a b', roleNameMessage],
  ['a slash', 'a/b', roleNameMessage],
]);

const roleArnMessage = ['expected an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)'];
const arn = (rest: string, partition = 'aws', account = '012345678901') => `arn:${partition}:iam::${account}:role/${rest}`;
table('IAM_ROLE_ARN', IAM_ROLE_ARN, [
  ['a name', arn('a'), []],
  ['every allowed character', arn('Az09_+=,.@-'), []],
  ['a path', arn('ops/Az09_+=,.@-/break-glass'), []],
  ['aws-us-gov', arn('a', 'aws-us-gov'), []],
  ['aws-cn', arn('a', 'aws-cn'), []],
  ['a name of 64', arn(chars(64)), []],
  ['a path and a name of 64', arn(`p/${chars(64)}`), []],
  ['a name of 65', arn(chars(65)), roleArnMessage],
  ['no name', arn(''), roleArnMessage],
  ['an empty path part', arn('/a'), roleArnMessage],
  ['a space in the name', arn('a b'), roleArnMessage],
  ['another partition', arn('a', 'aws-iso'), roleArnMessage],
  ['11 digits', arn('a', 'aws', '01234567890'), roleArnMessage],
  ['13 digits', arn('a', 'aws', '0123456789012'), roleArnMessage],
  ['a user', 'arn:aws:iam::012345678901:user/a', roleArnMessage],
  ['a leading character', `x${arn('a')}`, roleArnMessage],
  ['a trailing space', `${arn('a')} `, roleArnMessage],
]);

const vaultMessage = ['expected 2 to 50 of letters, digits, hyphen and underscore'];
table('VAULT_NAME', VAULT_NAME, [
  ['2 characters', 'aZ', []],
  ['every allowed character', 'az-AZ_09', []],
  ['50 characters', chars(50), []],
  ['1 character', 'a', vaultMessage],
  ['51 characters', chars(51), vaultMessage],
  ['a dot', 'a.b', vaultMessage],
  ['a space', 'a b', vaultMessage],
]);

const ruleMessage = ['expected 1 to 50 of letters, digits and -_.'];
table('RULE_NAME', RULE_NAME, [
  ['1 character', 'a', []],
  ['every allowed character', 'az-AZ_09.', []],
  ['50 characters', chars(50), []],
  ['nothing', '', ruleMessage],
  ['51 characters', chars(51), ruleMessage],
  ['a space', 'a b', ruleMessage],
  ['a slash', 'a/b', ruleMessage],
]);

const policyMessage = ['expected 1 to 50 of letters, digits, hyphen and underscore'];
table('POLICY_NAME', POLICY_NAME, [
  ['1 character', 'a', []],
  ['every allowed character', 'az-AZ_09', []],
  ['50 characters', chars(50), []],
  ['nothing', '', policyMessage],
  ['51 characters', chars(51), policyMessage],
  ['a dot', 'a.b', policyMessage],
]);

const stackMessage = ['expected 1 to 49 lowercase letters, digits or hyphens, starting alphanumeric'];
table('STACK_NAME', STACK_NAME, [
  ['a letter', 'a', []],
  ['a digit', '0', []],
  ['every allowed character', 'a-z09', []],
  ['49 characters', `0${chars(48, '-')}`, []],
  ['50 characters', chars(50), stackMessage],
  ['nothing', '', stackMessage],
  ['a leading hyphen', '-a', stackMessage],
  ['uppercase', 'aB', stackMessage],
  ['an underscore', 'a_b', stackMessage],
]);

const tagCharacters = 'expected letters, digits, spaces and _.:/=+-@ only';
table('TAG_KEY', TAG_KEY, [
  ['every allowed character', 'Éa9٣ \u00a0_.:/=+-@', []],
  ['1 character', 'a', []],
  ['128 characters', chars(128), []],
  ['129 characters', chars(129), ['expected at most 128 characters']],
  ['nothing', '', ['expected at least 1 character']],
  ['an exclamation mark', 'a!', [tagCharacters]],
  ['a hash', '#', [tagCharacters]],
  ['aws:', 'aws:name', ['the aws: prefix is reserved by AWS']],
  ['AWS:', 'AWS:name', ['the aws: prefix is reserved by AWS']],
  ['aWs:', 'aWs:', ['the aws: prefix is reserved by AWS']],
  ['aws without a colon', 'aws', []],
  ['aws: inside', 'x-aws:name', []],
  ['everything wrong at once', `aws:!${chars(128)}`, ['expected at most 128 characters', tagCharacters, 'the aws: prefix is reserved by AWS']],
]);

table('TAG_VALUE', TAG_VALUE, [
  ['nothing', '', []],
  ['every allowed character', 'Éa9٣ \u00a0_.:/=+-@', []],
  ['256 characters', chars(256), []],
  ['257 characters', chars(257), ['expected at most 256 characters']],
  ['an exclamation mark', 'a!', [tagCharacters]],
  ['both', `!${chars(256)}`, ['expected at most 256 characters', tagCharacters]],
]);

const scheduleMessage = ['expected an AWS schedule expression cron(...) or rate(...)'];
table('SCHEDULE', SCHEDULE, [
  ['a cron', 'cron(0 5 ? * SUN *)', []],
  ['a rate', 'rate(1 hour)', []],
  ['a rate of days', 'rate(12 days)', []],
  ['a rate faster than hourly', 'rate(59 minutes)', ['AWS Backup runs at most once an hour: use at least rate(1 hour)']],
  ['a cron of five fields', 'cron(0 5 ? * SUN)', ['expected 6 fields (minutes hours day-of-month month day-of-week year), found 5']],
  ['neither', 'every day', scheduleMessage],
  ['a leading character', 'xrate(1 hour)', scheduleMessage],
  ['a trailing character', 'rate(1 hour)x', scheduleMessage],
  ['no parenthesis', 'rate 1 hour', scheduleMessage],
  ['an unclosed parenthesis', 'rate(1 hour', scheduleMessage],
  ['another word', 'rat(1 hour)', scheduleMessage],
  ['uppercase', 'CRON(0 5 ? * SUN *)', scheduleMessage],
  ['a number', 5, ['Invalid input: expected string, received number']],
]);

const bucketShape = 'expected an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit';
const adjacentDots = 'an S3 bucket name has no two adjacent dots';
const ipAddress = 'an S3 bucket name must not look like an IP address';
const reservedPrefix = 'an S3 bucket name must not start with xn--, sthree- or amzn-s3-demo-';
const reservedSuffix = 'an S3 bucket name must not end with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3';
table('BUCKET_NAME', BUCKET_NAME, [
  ['3 characters', 'a0b', []],
  ['digits at both ends', '0ab9', []],
  ['dots and hyphens', 'my.state-bucket.1', []],
  ['63 characters', chars(63), []],
  ['2 characters', 'ab', [bucketShape]],
  ['64 characters', chars(64), [bucketShape]],
  ['a leading hyphen', '-ab', [bucketShape]],
  ['a trailing hyphen', 'ab-', [bucketShape]],
  ['a trailing dot', 'ab.', [bucketShape]],
  ['uppercase', 'aBc', [bucketShape]],
  ['an underscore', 'a_c', [bucketShape]],
  ['two adjacent dots', 'my-state..bucket', [adjacentDots]],
  ['single dots', 'a.b.c', []],
  ['an IP address', '192.168.10.20', [ipAddress]],
  ['five numbers', '10.20.30.40.50', []],
  ['four numbers and a letter', '10.20.30.40a', []],
  ['xn--', 'xn--bucket', [reservedPrefix]],
  ['sthree-', 'sthree-bucket', [reservedPrefix]],
  ['amzn-s3-demo-', 'amzn-s3-demo-bucket', [reservedPrefix]],
  ['xn-- inside', 'a-xn--bucket', []],
  ['-s3alias', 'my-bucket-s3alias', [reservedSuffix]],
  ['--ol-s3', 'my-bucket--ol-s3', [reservedSuffix]],
  ['.mrap', 'my-bucket.mrap', [reservedSuffix]],
  ['--x-s3', 'my-bucket--x-s3', [reservedSuffix]],
  ['--table-s3', 'my-bucket--table-s3', [reservedSuffix]],
  ['-s3alias inside', 'my-bucket-s3aliases', []],
  ['everything wrong at once', 'xn--a..b-s3alias', [adjacentDots, reservedPrefix, reservedSuffix]],
]);

const stateKeyMessage = ['expected a state key prefix of letters, digits and ._-/'];
table('STATE_KEY_PREFIX', STATE_KEY_PREFIX, [
  ['every allowed character', 'org/Backup_09.state-keys', []],
  ['1 character', 'a', []],
  ['200 characters', chars(200), []],
  ['201 characters', chars(201), stateKeyMessage],
  ['nothing', '', stateKeyMessage],
  ['a space', 'a b', stateKeyMessage],
  ['a colon', 'a:b', stateKeyMessage],
]);

const daysRows = (what: string): Row[] => [
  ['1 day', 1, []],
  ['36500 days', 36_500, []],
  ['0 days', 0, [`expected ${what} of at least 1 day`]],
  ['36501 days', 36_501, [`expected ${what} of at most 36500 days (100 years, AWS's maximum)`]],
  ['a fraction', 1.5, ['expected a whole number of days']],
  ['a string', '7', ['Invalid input: expected number, received string']],
];
table('RETENTION_DAYS', RETENTION_DAYS, [...daysRows('a retention'), ['nothing', undefined, ['Invalid input: expected number, received undefined']]]);
table('COPY_RETENTION_DAYS', COPY_RETENTION_DAYS, [
  ...daysRows('a retention'),
  ['nothing', undefined, ["required: the central vault is locked, so copies must expire between backupAccount.vaultLock's minRetentionDays and maxRetentionDays"]],
]);
table('COLD_STORAGE_DAYS', COLD_STORAGE_DAYS, daysRows('a cold-storage transition'));
table('LOCK_DAYS', LOCK_DAYS, daysRows('a vault lock retention'));

const windowMaximum = "expected at most 52560000 minutes (100 years, AWS's maximum)";
table('START_WINDOW_MINUTES', START_WINDOW_MINUTES, [
  ['60 minutes', 60, []],
  ['the maximum', 52_560_000, []],
  ['59 minutes', 59, ['expected at least 60 minutes (AWS Backup fails shorter start windows)']],
  ['one past the maximum', 52_560_001, [windowMaximum]],
  ['a fraction', 60.5, ['expected a whole number of minutes']],
]);
table('COMPLETION_WINDOW_MINUTES', COMPLETION_WINDOW_MINUTES, [
  ['1 minute', 1, []],
  ['the maximum', 52_560_000, []],
  ['0 minutes', 0, ['expected at least 1 minute']],
  ['one past the maximum', 52_560_001, [windowMaximum]],
  ['a fraction', 1.5, ['expected a whole number of minutes']],
]);
table('CHANGEABLE_FOR_DAYS', CHANGEABLE_FOR_DAYS, [
  ['3 days', 3, []],
  ['a long time', 36_500, []],
  ['2 days', 2, ['expected at least 3 days (AWS enforces a 72-hour cooling-off period before a compliance lock is final)']],
  ['a fraction', 3.5, ['expected a whole number of days']],
]);

describe('a schedule problem', () => {
  it('is a custom issue of zod at the schedule itself', () => {
    expect(SCHEDULE.safeParse('rate(59 minutes)').error?.issues).toEqual([
      { code: 'custom', message: 'AWS Backup runs at most once an hour: use at least rate(1 hour)', path: [] },
    ]);
  });
});
