/**
 * Field validators shared by the schema: each names what AWS allows, so that an error
 * message can say it. Patterns follow the AWS API references of the service that owns the value.
 * Checks are regular expressions wherever possible, so that the JSON Schema (`npm run schema`)
 * carries them too; only the schedule grammar needs code.
 */
import { z } from 'zod';
import { scheduleProblem } from './schedule';

const pattern = (regex: RegExp, allowed: string) => z.string().regex(regex, { message: `expected ${allowed}` });

/** AWS's upper bound for retention days (lifecycle, vault lock): 100 years. */
export const MAX_DAYS = 36_500;
/** AWS's upper bound for the start and completion windows: 100 years in minutes. */
export const MAX_WINDOW_MINUTES = 52_560_000;

/**
 * A 12-digit account id. A number is refused with a hint: YAML reads an unquoted 012345678901 as
 * the number 12345678901, and the leading zero is gone for good.
 */
export const ACCOUNT_ID = z
  .string({
    error: (issue) =>
      typeof issue.input === 'number' ? `an account id must be a quoted string of 12 digits${quotedAccountId(issue.input)}` : undefined,
  })
  .regex(/^\d{12}$/, { message: 'expected a 12-digit account id as a string' });

/** The quoted form to write instead, when the number is an account id that lost leading zeros. */
function quotedAccountId(value: number): string {
  const digits = String(value);
  return Number.isSafeInteger(value) && digits.length >= 10 && digits.length <= 12
    ? `: write "${digits.padStart(12, '0')}" (a number loses its leading zeros)`
    : ' (a number loses its leading zeros)';
}

export const ORG_ID = pattern(/^o-[a-z0-9]{10,32}$/, 'o- followed by 10 to 32 lowercase letters or digits');
export const ROOT_ID = pattern(/^r-[0-9a-z]{4,32}$/, 'r- followed by 4 to 32 lowercase letters or digits');
export const PARTITION = z.enum(['aws', 'aws-us-gov', 'aws-cn']);
export const REGION = pattern(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'an AWS region code such as eu-west-1');
export const TARGET = pattern(
  /^(root|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/,
  'root, an OU id (ou-xxxx-xxxxxxxx) or a 12-digit account id',
);
/**
 * Where an account sits in the organization, for people: an OU id, or a path of OU names as the
 * console shows them (`Workloads/Prod`). AWS allows OU names of 1 to 128 characters; the path is
 * only read by the review report and its diagram, never sent to AWS.
 */
export const OU_LABEL = pattern(
  /^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|[^/]{1,128}(\/[^/]{1,128}){0,9})$/,
  'an OU id (ou-xxxx-xxxxxxxx) or a path of up to 10 OU names of 1 to 128 characters separated by / (Workloads/Prod)',
);
export const IAM_ROLE_NAME = pattern(/^[\w+=,.@-]{1,64}$/, '1 to 64 of letters, digits and +=,.@_-');
export const IAM_ROLE_ARN = pattern(
  /^arn:aws(-us-gov|-cn)?:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/,
  'an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)',
);
export const VAULT_NAME = pattern(/^[a-zA-Z0-9\-_]{2,50}$/, '2 to 50 of letters, digits, hyphen and underscore');
export const RULE_NAME = pattern(/^[a-zA-Z0-9\-_.]{1,50}$/, '1 to 50 of letters, digits and -_.');
/**
 * Policy names become backup plan names `<policy>-<region>` (at most 50 of letters, digits and
 * -_.; the length with each region is checked with the regions) and selection names.
 */
export const POLICY_NAME = pattern(/^[a-zA-Z0-9\-_]{1,50}$/, '1 to 50 of letters, digits, hyphen and underscore');
export const STACK_NAME = pattern(/^[a-z0-9][a-z0-9-]{0,48}$/, '1 to 49 lowercase letters, digits or hyphens, starting alphanumeric');

// AWS tag rules: letters, digits, spaces and _.:/=+-@ in any script; the aws: prefix is AWS's own.
export const TAG_KEY = z
  .string()
  .min(1, { message: 'expected at least 1 character' })
  .max(128, { message: 'expected at most 128 characters' })
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, { message: 'expected letters, digits, spaces and _.:/=+-@ only' })
  .regex(/^(?![aA][wW][sS]:)/, { message: 'the aws: prefix is reserved by AWS' });
export const TAG_VALUE = z
  .string()
  .max(256, { message: 'expected at most 256 characters' })
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, { message: 'expected letters, digits, spaces and _.:/=+-@ only' });
/** AWS allows at most 50 user tags on a resource. */
export const MAX_TAGS = 50;

/** AWS six-field cron(...) or rate(...); the full grammar is in schedule.ts. */
export const SCHEDULE = z
  .string()
  .regex(/^(cron|rate)\(.*\)$/, { message: 'expected an AWS schedule expression cron(...) or rate(...)' })
  .superRefine((expression, ctx) => {
    if (!/^(cron|rate)\(.*\)$/.test(expression)) return;
    const problem = scheduleProblem(expression);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const BUCKET_NAME = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message: 'expected an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit',
  })
  .regex(/^(?!.*\.\.)/, { message: 'an S3 bucket name has no two adjacent dots' })
  .regex(/^(?!\d+\.\d+\.\d+\.\d+$)/, { message: 'an S3 bucket name must not look like an IP address' })
  .regex(/^(?!xn--|sthree-|amzn-s3-demo-)/, { message: 'an S3 bucket name must not start with xn--, sthree- or amzn-s3-demo-' })
  .regex(/^(?!.*(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$)/, {
    message: 'an S3 bucket name must not end with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3',
  });
export const STATE_KEY_PREFIX = pattern(/^[\w.\-/]{1,200}$/, 'a state key prefix of letters, digits and ._-/');

const days = (what: string, whenMissing?: string) =>
  z
    .number({ error: (issue) => (issue.input === undefined ? whenMissing : undefined) })
    .int({ message: `expected a whole number of days` })
    .min(1, { message: `expected ${what} of at least 1 day` })
    .max(MAX_DAYS, { message: `expected ${what} of at most ${MAX_DAYS} days (100 years, AWS's maximum)` });
export const RETENTION_DAYS = days('a retention');
export const COPY_RETENTION_DAYS = days(
  'a retention',
  "required: the central vault is locked, so copies must expire between backupAccount.vaultLock's minRetentionDays and maxRetentionDays",
);
export const COLD_STORAGE_DAYS = days('a cold-storage transition');
export const LOCK_DAYS = days('a vault lock retention');
export const START_WINDOW_MINUTES = z
  .number()
  .int({ message: 'expected a whole number of minutes' })
  .min(60, { message: 'expected at least 60 minutes (AWS Backup fails shorter start windows)' })
  .max(MAX_WINDOW_MINUTES, { message: `expected at most ${MAX_WINDOW_MINUTES} minutes (100 years, AWS's maximum)` });
export const COMPLETION_WINDOW_MINUTES = z
  .number()
  .int({ message: 'expected a whole number of minutes' })
  .min(1, { message: 'expected at least 1 minute' })
  .max(MAX_WINDOW_MINUTES, { message: `expected at most ${MAX_WINDOW_MINUTES} minutes (100 years, AWS's maximum)` });
export const CHANGEABLE_FOR_DAYS = z
  .number()
  .int({ message: 'expected a whole number of days' })
  .min(3, { message: 'expected at least 3 days (AWS enforces a 72-hour cooling-off period before a compliance lock is final)' });
