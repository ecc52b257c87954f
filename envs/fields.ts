/**
 * Field validators shared by the schema: each names what AWS allows, so that an error
 * message can say it. Patterns follow the AWS API references of the service that owns the value.
 */
import { z } from 'zod';

const pattern = (regex: RegExp, allowed: string) => z.string().regex(regex, { message: `expected ${allowed}` });

export const ACCOUNT_ID = pattern(/^\d{12}$/, 'a 12-digit account id as a string');
export const ORG_ID = pattern(/^o-[a-z0-9]{10,32}$/, 'o- followed by 10 to 32 lowercase letters or digits');
export const ROOT_ID = pattern(/^r-[0-9a-z]{4,32}$/, 'r- followed by 4 to 32 lowercase letters or digits');
export const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
export const REGION = pattern(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'an AWS region code such as eu-west-1');
export const TARGET = z.string().refine((t) => t === 'root' || OU_ID.test(t) || /^\d{12}$/.test(t), {
  message: 'expected root, an OU id (ou-xxxx-xxxxxxxx) or a 12-digit account id',
});
export const IAM_ROLE_NAME = pattern(/^[\w+=,.@-]{1,64}$/, '1 to 64 of letters, digits and +=,.@_-');
export const IAM_ROLE_ARN = pattern(
  /^arn:aws(-us-gov|-cn)?:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/,
  'an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)',
);
export const VAULT_NAME = pattern(/^[a-zA-Z0-9\-_]{2,50}$/, '2 to 50 of letters, digits, hyphen and underscore');
export const RULE_NAME = pattern(/^[a-zA-Z0-9\-_.]{1,50}$/, '1 to 50 of letters, digits and -_.');
// Policy names become backup plan names (`<policy>-<region>`, at most 50 characters).
export const POLICY_NAME = pattern(/^[a-zA-Z0-9\-_]{1,30}$/, '1 to 30 of letters, digits, hyphen and underscore');
export const STACK_NAME = pattern(/^[a-z0-9][a-z0-9-]{0,48}$/, '1 to 49 lowercase letters, digits or hyphens, starting alphanumeric');
export const TAG_KEY = z
  .string()
  .min(1)
  .max(128, { message: 'expected at most 128 characters' })
  .refine((k) => !k.toLowerCase().startsWith('aws:'), { message: 'the aws: prefix is reserved by AWS' });
export const TAG_VALUE = z.string().max(256, { message: 'expected at most 256 characters' });
export const SCHEDULE = pattern(/^(cron|rate)\(.+\)$/, 'an AWS schedule expression cron(...) or rate(...)');
export const BUCKET_NAME = pattern(
  /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  'an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens',
);
export const STATE_KEY_PREFIX = pattern(/^[\w.\-/]{1,200}$/, 'a state key prefix of letters, digits and ._-/');
