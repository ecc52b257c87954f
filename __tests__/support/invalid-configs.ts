/**
 * The catalogue of invalid configurations: each row is a change to the valid example and the line
 * the validator must print for it (the path, then a fragment of the reason). Shared by the
 * validator table and the entry-point tests.
 */
import { config as example } from '../../envs/example';

export interface InvalidCase {
  /** What is wrong, in words. */
  readonly title: string;
  /** The change that breaks the example. */
  readonly change: (c: any) => void;
  /** The path the problem line starts with. */
  readonly path: string;
  /** A fragment of the reason on that line. */
  readonly reason: string;
}

export function exampleDraft(): any {
  return structuredClone(example);
}

const rule = (c: any, p = 0, r = 0) => c.policies[p].rules[r];
const accountTargets = (n: number) => Array.from({ length: n }, (_, i) => String(900000000000 + i));

export const INVALID_CASES: readonly InvalidCase[] = [
  // Identity
  { title: 'account id too short', change: (c) => (c.organization.managementAccountId = '12345'), path: 'organization.managementAccountId = "12345"', reason: 'expected a 12-digit account id' },
  { title: 'account id as a number', change: (c) => (c.organization.managementAccountId = 111111111111), path: 'organization.managementAccountId = 111111111111', reason: 'must be a quoted string of 12 digits: write "111111111111"' },
  { title: 'account id that lost its leading zero', change: (c) => (c.sourceAccounts[0].accountId = 12345678901), path: 'sourceAccounts[0].accountId = 12345678901', reason: 'write "012345678901" (a number loses its leading zeros)' },
  { title: 'organization id too short', change: (c) => (c.organization.id = 'o-abc'), path: 'organization.id = "o-abc"', reason: 'o- followed by 10 to 32 lowercase letters or digits' },
  { title: 'organization id in upper case', change: (c) => (c.organization.id = 'o-A1B2C3D4E5'), path: 'organization.id', reason: 'o- followed by 10 to 32 lowercase' },
  { title: 'organization id missing', change: (c) => delete c.organization.id, path: 'organization.id', reason: 'required (string)' },
  { title: 'root id without r-', change: (c) => (c.organization.rootId = 'root'), path: 'organization.rootId = "root"', reason: 'r- followed by 4 to 32' },
  { title: 'OU id malformed', change: (c) => (c.policies[1].targets[0] = 'ou-123'), path: 'policies[1].targets[0] = "ou-123"', reason: 'expected root, an OU id (ou-xxxx-xxxxxxxx) or a 12-digit account id' },
  { title: 'unknown partition', change: (c) => (c.partition = 'aws-iso'), path: 'partition = "aws-iso"', reason: 'expected one of "aws", "aws-us-gov", "aws-cn"' },
  { title: 'region code malformed', change: (c) => (c.regions = ['mars-north-1']), path: 'regions[0] = "mars-north-1"', reason: 'expected an AWS region code' },
  { title: 'region of another partition', change: (c) => c.regions.push('us-gov-west-1'), path: 'regions[2]', reason: 'region "us-gov-west-1" is not in partition aws' },
  { title: 'region that does not exist', change: (c) => c.regions.push('eu-west-9'), path: 'regions[2]', reason: 'region "eu-west-9" is not in partition aws' },
  { title: 'region listed twice', change: (c) => c.regions.push('eu-west-1'), path: 'regions[2] = "eu-west-1"', reason: 'listed twice' },
  { title: 'no region', change: (c) => (c.regions = []), path: 'regions = []', reason: 'expected at least 1 item' },
  { title: 'source account listed twice', change: (c) => (c.sourceAccounts[1].accountId = '333333333333'), path: 'sourceAccounts[1].accountId = "333333333333"', reason: 'already listed at sourceAccounts[0]' },
  { title: 'source account name used twice', change: (c) => (c.sourceAccounts[1].name = 'workloads-prod'), path: 'sourceAccounts[1].name = "workloads-prod"', reason: 'already used by sourceAccounts[0]' },
  { title: 'Backup account as a source account', change: (c) => (c.sourceAccounts[0].accountId = '222222222222'), path: 'sourceAccounts[0].accountId = "222222222222"', reason: 'this is the Backup account, which cannot be a source account' },
  { title: 'management account as a source account', change: (c) => (c.sourceAccounts[0].accountId = '111111111111'), path: 'sourceAccounts[0].accountId', reason: 'this is the management account, which cannot be a source account' },
  { title: 'Backup account is the management account', change: (c) => (c.backupAccount.accountId = '111111111111'), path: 'backupAccount.accountId = "111111111111"', reason: 'must not be the management account' },
  { title: 'source account name with capitals', change: (c) => (c.sourceAccounts[0].name = 'Prod'), path: 'sourceAccounts[0].name = "Prod"', reason: 'lowercase letters, digits or hyphens' },
  // Names
  { title: 'vault name too short', change: (c) => (c.backupAccount.vaultName = 'a'), path: 'backupAccount.vaultName = "a"', reason: '2 to 50 of letters, digits, hyphen and underscore' },
  { title: 'vault name with a dot', change: (c) => (c.sourceVaultName = 'org.local'), path: 'sourceVaultName = "org.local"', reason: '2 to 50 of letters, digits, hyphen and underscore' },
  { title: 'vault name too long', change: (c) => (c.sourceVaultName = 'v'.repeat(51)), path: 'sourceVaultName', reason: '2 to 50 of letters' },
  { title: 'role name with a space', change: (c) => (c.deploymentRoleName = 'Org Admin'), path: 'deploymentRoleName = "Org Admin"', reason: '1 to 64 of letters, digits and +=,.@_-' },
  { title: 'role name too long', change: (c) => (c.backupRoleName = 'r'.repeat(65)), path: 'backupRoleName', reason: '1 to 64' },
  { title: 'policy name with a space', change: (c) => (c.policies[0].name = 'gold tier'), path: 'policies[0].name = "gold tier"', reason: 'letters, digits, hyphen and underscore' },
  { title: 'policy name that makes plan names too long', change: (c) => (c.policies[0].name = 'p'.repeat(40)), path: 'policies[0].name', reason: 'too long: the backup plan name "pppppppppppppppppppppppppppppppppppppppp-ap-southeast-2" has 55 characters, AWS allows 50 (at most 35' },
  { title: 'policy name used twice', change: (c) => (c.policies[1].name = 'standard'), path: 'policies[1].name = "standard"', reason: 'already used by another policy' },
  { title: 'rule name with a space', change: (c) => (rule(c).name = 'daily backup'), path: 'policies[0].rules[0].name = "daily backup"', reason: '1 to 50 of letters, digits and -_.' },
  { title: 'rule name used twice in a policy', change: (c) => (rule(c, 0, 1).name = 'daily'), path: 'policies[0].rules[1].name = "daily"', reason: 'already used by another rule of policy "standard"' },
  // Tags
  { title: 'tag key with the reserved aws: prefix', change: (c) => (c.tags = { 'aws:owner': 'x' }), path: 'tags["aws:owner"]', reason: 'key not allowed: the aws: prefix is reserved by AWS' },
  { title: 'tag key too long', change: (c) => (c.tags = { ['k'.repeat(129)]: 'x' }), path: `tags.${'k'.repeat(129)}`, reason: 'key not allowed: expected at most 128 characters' },
  { title: 'tag value too long', change: (c) => (c.tags.owner = 'v'.repeat(257)), path: 'tags.owner', reason: 'expected at most 256 characters' },
  { title: 'tag value with a character AWS refuses', change: (c) => (c.tags.owner = 'a<b'), path: 'tags.owner = "a<b"', reason: 'letters, digits, spaces and _.:/=+-@ only' },
  { title: 'more than 50 tags', change: (c) => (c.tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']))), path: 'tags', reason: '51 tags; AWS allows at most 50' },
  { title: 'selection tag key with the aws: prefix', change: (c) => (c.policies[0].selection.tagKey = 'aws:backup'), path: 'policies[0].selection.tagKey = "aws:backup"', reason: 'the aws: prefix is reserved' },
  { title: 'selection without tag values', change: (c) => (c.policies[0].selection.tagValues = []), path: 'policies[0].selection.tagValues = []', reason: 'expected at least 1 item' },
  // Schedules
  { title: 'schedule that is neither cron nor rate', change: (c) => (rule(c).schedule = 'every day'), path: 'policies[0].rules[0].schedule = "every day"', reason: 'expected an AWS schedule expression cron(...) or rate(...)' },
  { title: 'cron with five fields', change: (c) => (rule(c).schedule = 'cron(0 17 * * *)'), path: 'policies[0].rules[0].schedule', reason: 'expected 6 fields (minutes hours day-of-month month day-of-week year), found 5' },
  { title: 'cron with day-of-month and day-of-week both set', change: (c) => (rule(c).schedule = 'cron(0 17 * * MON *)'), path: 'policies[0].rules[0].schedule = "cron(0 17 * * MON *)"', reason: 'day-of-month and day-of-week cannot both be set: use ? in one of them' },
  { title: 'cron with ? in both day fields', change: (c) => (rule(c).schedule = 'cron(0 17 ? * ? *)'), path: 'policies[0].rules[0].schedule', reason: 'only one of day-of-month and day-of-week may be ?' },
  { title: 'cron minute out of range', change: (c) => (rule(c).schedule = 'cron(60 17 ? * * *)'), path: 'policies[0].rules[0].schedule', reason: 'minutes "60": 60 is outside 0-59' },
  { title: 'cron hour out of range', change: (c) => (rule(c).schedule = 'cron(0 24 ? * * *)'), path: 'policies[0].rules[0].schedule', reason: 'hours "24": 24 is outside 0-23' },
  { title: 'cron day-of-month out of range', change: (c) => (rule(c, 1, 1).schedule = 'cron(0 17 32 * ? *)'), path: 'policies[1].rules[1].schedule', reason: 'day-of-month "32": 32 is outside 1-31' },
  { title: 'cron month out of range', change: (c) => (rule(c).schedule = 'cron(0 17 ? 13 * *)'), path: 'policies[0].rules[0].schedule', reason: 'month "13": 13 is outside 1-12' },
  { title: 'cron day-of-week out of range', change: (c) => (rule(c).schedule = 'cron(0 17 ? * 8 *)'), path: 'policies[0].rules[0].schedule', reason: 'day-of-week "8": 8 is outside 1-7' },
  { title: 'cron day name misspelt', change: (c) => (rule(c).schedule = 'cron(0 17 ? * MOX *)'), path: 'policies[0].rules[0].schedule', reason: '"MOX" is not a number or a name (SUN-SAT)' },
  { title: 'cron month name misspelt', change: (c) => (rule(c).schedule = 'cron(0 17 ? JANUARY * *)'), path: 'policies[0].rules[0].schedule', reason: '"JANUARY" is not a number or a name (JAN-DEC)' },
  { title: 'cron year before 1970', change: (c) => (rule(c).schedule = 'cron(0 17 ? * * 1969)'), path: 'policies[0].rules[0].schedule', reason: 'year "1969": 1969 is outside 1970-2199' },
  { title: 'cron L in the month field', change: (c) => (rule(c).schedule = 'cron(0 17 ? L * *)'), path: 'policies[0].rules[0].schedule', reason: 'L, W and # are only allowed in day-of-month and day-of-week' },
  { title: 'cron # outside 1-5', change: (c) => (rule(c).schedule = 'cron(0 17 ? * 3#6 *)'), path: 'policies[0].rules[0].schedule', reason: 'expected <day>#<1-5>' },
  { title: 'cron ? in the hours field', change: (c) => (rule(c).schedule = 'cron(0 ? ? * * *)'), path: 'policies[0].rules[0].schedule', reason: '? is only allowed in day-of-month and day-of-week' },
  { title: 'cron every 15 minutes', change: (c) => (rule(c).schedule = 'cron(0/15 * ? * * *)'), path: 'policies[0].rules[0].schedule', reason: 'runs 4 times an hour; AWS Backup runs at most once an hour' },
  { title: 'cron at two minutes of each hour', change: (c) => (rule(c).schedule = 'cron(0,30 * ? * * *)'), path: 'policies[0].rules[0].schedule', reason: 'runs 2 times an hour' },
  { title: 'cron every minute of an hour', change: (c) => (rule(c).schedule = 'cron(* 5 ? * * *)'), path: 'policies[0].rules[0].schedule', reason: 'runs 60 times an hour' },
  { title: 'rate more often than hourly', change: (c) => (rule(c).schedule = 'rate(30 minutes)'), path: 'policies[0].rules[0].schedule = "rate(30 minutes)"', reason: 'AWS Backup runs at most once an hour' },
  { title: 'rate of 1 with a plural unit', change: (c) => (rule(c).schedule = 'rate(1 hours)'), path: 'policies[0].rules[0].schedule', reason: 'a rate of 1 takes the singular unit: rate(1 hour)' },
  { title: 'rate above 1 with a singular unit', change: (c) => (rule(c).schedule = 'rate(12 hour)'), path: 'policies[0].rules[0].schedule', reason: 'a rate above 1 takes the plural unit: rate(12 hours)' },
  { title: 'rate in weeks', change: (c) => (rule(c).schedule = 'rate(1 week)'), path: 'policies[0].rules[0].schedule', reason: 'minute(s), hour(s) or day(s)' },
  { title: 'rate of zero', change: (c) => (rule(c).schedule = 'rate(0 days)'), path: 'policies[0].rules[0].schedule', reason: 'the rate value must be at least 1' },
  // Windows
  { title: 'start window under 60 minutes', change: (c) => (rule(c).startWindowMinutes = 30), path: 'policies[0].rules[0].startWindowMinutes = 30', reason: 'expected at least 60 minutes' },
  { title: 'start window over 100 years', change: (c) => (rule(c).startWindowMinutes = 52_560_001), path: 'policies[0].rules[0].startWindowMinutes', reason: 'expected at most 52560000 minutes' },
  { title: 'start window not whole', change: (c) => (rule(c).startWindowMinutes = 60.5), path: 'policies[0].rules[0].startWindowMinutes = 60.5', reason: 'expected a whole number of minutes' },
  { title: 'completion window equal to the start window', change: (c) => (rule(c).completionWindowMinutes = 60), path: 'policies[0].rules[0].completionWindowMinutes = 60', reason: 'must be greater than startWindowMinutes (60)' },
  { title: 'default completion window under the start window', change: (c) => { rule(c).startWindowMinutes = 400; delete rule(c).completionWindowMinutes; }, path: 'policies[0].rules[0].completionWindowMinutes = 360 (the default)', reason: 'must be greater than startWindowMinutes (400)' },
  { title: 'completion window over 100 years', change: (c) => (rule(c).completionWindowMinutes = 52_560_001), path: 'policies[0].rules[0].completionWindowMinutes', reason: 'expected at most 52560000 minutes' },
  { title: 'completion window as a string', change: (c) => (rule(c).completionWindowMinutes = '360'), path: 'policies[0].rules[0].completionWindowMinutes = "360"', reason: 'expected number, got string' },
  // Lifecycle
  { title: 'delete less than 90 days after cold', change: (c) => (rule(c, 1, 1).lifecycle = { moveToColdStorageAfterDays: 30, deleteAfterDays: 100 }), path: 'policies[1].rules[1].lifecycle.deleteAfterDays = 100', reason: 'must be at least moveToColdStorageAfterDays + 90 = 120' },
  { title: 'retention of zero days', change: (c) => (rule(c).lifecycle.deleteAfterDays = 0), path: 'policies[0].rules[0].lifecycle.deleteAfterDays = 0', reason: 'expected a retention of at least 1 day' },
  { title: 'retention over 100 years', change: (c) => (rule(c).lifecycle.deleteAfterDays = 36_501), path: 'policies[0].rules[0].lifecycle.deleteAfterDays', reason: 'at most 36500 days' },
  { title: 'cold storage transition over 100 years', change: (c) => (rule(c, 1, 1).lifecycle.moveToColdStorageAfterDays = 40_000), path: 'policies[1].rules[1].lifecycle.moveToColdStorageAfterDays = 40000', reason: 'at most 36500 days' },
  { title: 'misspelt lifecycle key', change: (c) => (rule(c).lifecycle = { deleteAfterDay: 35 }), path: 'policies[0].rules[0].lifecycle.deleteAfterDay', reason: 'unknown key (did you mean "deleteAfterDays"?)' },
  { title: 'copy lifecycle breaking the cold rule', change: (c) => (rule(c).copyToBackupAccount = { moveToColdStorageAfterDays: 30, deleteAfterDays: 100 }), path: 'policies[0].rules[0].copyToBackupAccount.deleteAfterDays = 100', reason: 'must be at least moveToColdStorageAfterDays + 90 = 120' },
  { title: 'copy kept shorter than the vault lock minimum', change: (c) => (rule(c).copyToBackupAccount.deleteAfterDays = 3), path: 'policies[0].rules[0].copyToBackupAccount.deleteAfterDays = 3', reason: "outside the central vault lock's retention (minRetentionDays 7 to maxRetentionDays 3650): AWS Backup would fail every copy job" },
  { title: 'copy kept longer than the vault lock maximum', change: (c) => (rule(c, 1, 1).copyToBackupAccount.deleteAfterDays = 4000), path: 'policies[1].rules[1].copyToBackupAccount.deleteAfterDays = 4000', reason: "outside the central vault lock's retention" },
  { title: 'copy without retention', change: (c) => (rule(c).copyToBackupAccount = {}), path: 'policies[0].rules[0].copyToBackupAccount.deleteAfterDays', reason: 'required: the central vault is locked' },
  { title: 'copy naming another region', change: (c) => (rule(c).copyToBackupAccount.region = 'us-east-1'), path: 'policies[0].rules[0].copyToBackupAccount.region', reason: "copies go to the central vault of the rule's own region" },
  // Vault lock
  { title: 'vault lock minimum of zero', change: (c) => (c.backupAccount.vaultLock.minRetentionDays = 0), path: 'backupAccount.vaultLock.minRetentionDays = 0', reason: 'at least 1 day' },
  { title: 'vault lock maximum over 36500', change: (c) => (c.backupAccount.vaultLock.maxRetentionDays = 36_501), path: 'backupAccount.vaultLock.maxRetentionDays = 36501', reason: 'at most 36500 days' },
  { title: 'vault lock maximum not above the minimum', change: (c) => (c.backupAccount.vaultLock.maxRetentionDays = 7), path: 'backupAccount.vaultLock.maxRetentionDays = 7', reason: 'must be greater than minRetentionDays (7)' },
  { title: 'compliance lock without changeableForDays', change: (c) => (c.backupAccount.vaultLock.mode = 'compliance'), path: 'backupAccount.vaultLock.changeableForDays', reason: 'required in compliance mode: at least 3 days' },
  { title: 'compliance lock with changeableForDays under 3', change: (c) => Object.assign(c.backupAccount.vaultLock, { mode: 'compliance', changeableForDays: 2 }), path: 'backupAccount.vaultLock.changeableForDays = 2', reason: 'expected at least 3 days' },
  { title: 'governance lock with changeableForDays', change: (c) => (c.backupAccount.vaultLock.changeableForDays = 5), path: 'backupAccount.vaultLock.changeableForDays = 5', reason: 'applies to compliance mode only' },
  { title: 'unknown lock mode', change: (c) => (c.backupAccount.vaultLock.mode = 'strict'), path: 'backupAccount.vaultLock.mode = "strict"', reason: 'expected one of "governance", "compliance"' },
  { title: 'misspelt key in a defaulted object', change: (c) => (c.backupAccount.vaultLock = { minRetentionDay: 7 }), path: 'backupAccount.vaultLock.minRetentionDay', reason: 'did you mean "minRetentionDays"?' },
  // Policies
  { title: 'policy without targets', change: (c) => (c.policies[0].targets = []), path: 'policies[0].targets = []', reason: 'expected at least 1 item' },
  { title: 'target listed twice in a policy', change: (c) => c.policies[1].targets.push('555555555555'), path: 'policies[1].targets[2] = "555555555555"', reason: 'listed twice in this policy' },
  { title: 'more than 10 policies on one target', change: (c) => { c.policies = Array.from({ length: 11 }, (_, i) => ({ ...structuredClone(c.policies[0]), name: `p${i}` })); }, path: 'policies[10].targets[0] = "root"', reason: 'AWS Organizations allows at most 10 BACKUP_POLICY per root, OU or account' },
  { title: 'more than 1000 policies', change: (c) => { c.policies = accountTargets(1001).map((id, i) => ({ ...structuredClone(c.policies[0]), name: `p${i}`, targets: [id] })); }, path: 'policies', reason: '1001 policies; AWS Organizations allows at most 1000 BACKUP_POLICY per organization' },
  { title: 'policy over 10,000 characters rendered', change: (c) => (c.policies[0].selection.tagValues = Array.from({ length: 200 }, (_, i) => `application-tier-${i}`)), path: 'policies[0]', reason: 'the BACKUP_POLICY "org-backup-standard" renders to' },
  { title: 'misspelt policy key', change: (c) => { c.policies[0].rule = c.policies[0].rules; delete c.policies[0].rules; }, path: 'policies[0].rule', reason: 'unknown key (did you mean "rules"?)' },
  { title: 'misspelt top-level key', change: (c) => { c.region = c.regions; }, path: 'region', reason: 'unknown key (did you mean "regions"?)' },
  { title: 'misspelt key in a list item', change: (c) => (c.sourceAccounts[0].ebsDefaultEncrypton = true), path: 'sourceAccounts[0].ebsDefaultEncrypton', reason: 'did you mean "ebsDefaultEncryption"?' },
  // State and ARNs
  { title: 'bucket name with capitals', change: (c) => (c.state.bucket = 'My_Bucket'), path: 'state.bucket = "My_Bucket"', reason: 'expected an S3 bucket name' },
  { title: 'bucket name too short', change: (c) => (c.state.bucket = 'ab'), path: 'state.bucket = "ab"', reason: '3 to 63 lowercase letters' },
  { title: 'bucket name with adjacent dots', change: (c) => (c.state.bucket = 'acme..state'), path: 'state.bucket', reason: 'no two adjacent dots' },
  { title: 'bucket name like an IP address', change: (c) => (c.state.bucket = '192.168.5.4'), path: 'state.bucket', reason: 'must not look like an IP address' },
  { title: 'bucket name with a reserved prefix', change: (c) => (c.state.bucket = 'xn--state'), path: 'state.bucket', reason: 'must not start with xn--' },
  { title: 'bucket name with a reserved suffix', change: (c) => (c.state.bucket = 'acme-state-s3alias'), path: 'state.bucket', reason: 'must not end with -s3alias' },
  { title: 'state region of another partition', change: (c) => (c.state.region = 'cn-north-1'), path: 'state.region', reason: 'region "cn-north-1" is not in partition aws' },
  { title: 'state role ARN of another partition', change: (c) => (c.state.roleArn = 'arn:aws-us-gov:iam::111111111111:role/tf-state'), path: 'state.roleArn = "arn:aws-us-gov:iam::111111111111:role/tf-state"', reason: 'the ARN is in partition aws-us-gov, but partition is aws' },
  { title: 'state role ARN malformed', change: (c) => (c.state.roleArn = 'tf-state'), path: 'state.roleArn = "tf-state"', reason: 'an IAM role ARN' },
  { title: 'break-glass ARN of another partition', change: (c) => (c.backupAccount.breakGlassRoleArns = ['arn:aws-cn:iam::222222222222:role/bg']), path: 'backupAccount.breakGlassRoleArns[0]', reason: 'the ARN is in partition aws-cn, but partition is aws' },
  { title: 'break-glass entry that is not a role ARN', change: (c) => (c.backupAccount.breakGlassRoleArns = ['arn:aws:iam::222222222222:user/bg']), path: 'backupAccount.breakGlassRoleArns[0]', reason: 'an IAM role ARN' },
  { title: 'state missing', change: (c) => delete c.state, path: 'state', reason: 'required (object)' },
  { title: 'state key prefix with spaces', change: (c) => (c.state.keyPrefix = 'org backup'), path: 'state.keyPrefix = "org backup"', reason: 'letters, digits and ._-/' },
];
