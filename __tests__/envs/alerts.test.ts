/**
 * The `alerts` and `audit` sections of envs/alerts.ts on their own: the email and SNS topic
 * patterns at their limits, the bounds of the audit numbers on both sides, every default, and the
 * exact message of each refusal.
 */
import type { z } from 'zod';
import { alertsSchema, auditSchema } from '../../envs/alerts';

function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

type Row = [label: string, value: unknown, expected: string[]];
const emails = (...list: string[]) => ({ emails: list });
const topic = (snsTopicArn: string) => ({ snsTopicArn });

describe('alerts', () => {
  it('defaults to every alert on, no email and no existing topic', () => {
    expect(alertsSchema.parse({})).toEqual({ emails: [], tamper: true, jobFailures: true, sourceAccounts: true });
  });

  it('keeps what is written', () => {
    const written = { emails: ['ops@example.com'], snsTopicArn: 'arn:aws:sns:eu-west-1:012345678901:alerts', tamper: false, jobFailures: false, sourceAccounts: false };
    expect(alertsSchema.parse(written)).toEqual(written);
  });

  it('refuses an unknown key', () => {
    expect(problems(alertsSchema, { email: 'a@b.c' })).toEqual([': Unrecognized key: "email"']);
  });

  const email = (i: number) => [`emails.${i}: expected an email address`];
  it.each<Row>([
    ['the shortest address', emails('a@b.c'), []],
    ['a longer address', emails('first.last+tag@mail.example.org'), []],
    ['no @', emails('ops.example.com'), email(0)],
    ['nothing before @', emails('@example.com'), email(0)],
    ['nothing after @', emails('ops@'), email(0)],
    ['no dot after @', emails('ops@example'), email(0)],
    ['nothing after the dot', emails('ops@example.'), email(0)],
    ['nothing between @ and the dot', emails('ops@.com'), email(0)],
    ['two @', emails('ops@@example.com'), email(0)],
    ['an @ in the domain', emails('ops@exa@mple.com'), email(0)],
    ['an @ after the dot', emails('ops@example.c@m'), email(0)],
    ['a space before @', emails('o ps@example.com'), email(0)],
    ['a space in the domain', emails('ops@exa mple.com'), email(0)],
    ['a space after the dot', emails('ops@example.c m'), email(0)],
    ['a leading space', emails(' ops@example.com'), email(0)],
    ['a trailing space', emails('ops@example.com '), email(0)],
    ['the second of two', emails('a@b.c', 'nope'), email(1)],
  ])('emails: %s', (_label, value, expected) => {
    expect(problems(alertsSchema, value)).toEqual(expected);
  });

  const snsMessage = ['snsTopicArn: expected an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>)'];
  it.each<Row>([
    ['a topic', topic('arn:aws:sns:eu-west-1:012345678901:alerts'), []],
    ['aws-us-gov', topic('arn:aws-us-gov:sns:us-gov-west-1:012345678901:alerts'), []],
    ['aws-cn', topic('arn:aws-cn:sns:cn-northwest-1:012345678901:alerts'), []],
    ['every allowed character of a name', topic('arn:aws:sns:eu-west-1:012345678901:Az09_-'), []],
    ['a name of 1', topic('arn:aws:sns:eu-west-1:012345678901:a'), []],
    ['a name of 256', topic(`arn:aws:sns:eu-west-1:012345678901:${'a'.repeat(256)}`), []],
    ['a name of 257', topic(`arn:aws:sns:eu-west-1:012345678901:${'a'.repeat(257)}`), snsMessage],
    ['no name', topic('arn:aws:sns:eu-west-1:012345678901:'), snsMessage],
    ['a dot in the name', topic('arn:aws:sns:eu-west-1:012345678901:a.fifo'), snsMessage],
    ['another partition', topic('arn:aws-iso:sns:us-iso-east-1:012345678901:alerts'), snsMessage],
    ['another service', topic('arn:aws:sqs:eu-west-1:012345678901:alerts'), snsMessage],
    ['a region of one letter', topic('arn:aws:sns:e-west-1:012345678901:alerts'), snsMessage],
    ['a region of three letters', topic('arn:aws:sns:euw-west-1:012345678901:alerts'), snsMessage],
    ['a region without area', topic('arn:aws:sns:eu--1:012345678901:alerts'), snsMessage],
    ['a region of two digits', topic('arn:aws:sns:eu-west-12:012345678901:alerts'), snsMessage],
    ['a region without digit', topic('arn:aws:sns:eu-west-x:012345678901:alerts'), snsMessage],
    ['an account of 11 digits', topic('arn:aws:sns:eu-west-1:01234567890:alerts'), snsMessage],
    ['an account of 13 digits', topic('arn:aws:sns:eu-west-1:0123456789012:alerts'), snsMessage],
    ['an account with a letter', topic('arn:aws:sns:eu-west-1:01234567890a:alerts'), snsMessage],
    ['a leading character', topic('xarn:aws:sns:eu-west-1:012345678901:alerts'), snsMessage],
    ['a trailing space', topic('arn:aws:sns:eu-west-1:012345678901:alerts '), snsMessage],
  ])('snsTopicArn: %s', (_label, value, expected) => {
    expect(problems(alertsSchema, value)).toEqual(expected);
  });
});

describe('audit', () => {
  it('defaults to off, 7 days of minimum retention and 24 hours of recovery point age', () => {
    expect(auditSchema.parse({})).toEqual({ enabled: false, minRetentionDays: 7, recoveryPointMaxAgeHours: 24 });
  });

  it('keeps what is written', () => {
    const written = { enabled: true, bucketName: 'audit-reports', reportRegion: 'eu-west-1', minRetentionDays: 30, recoveryPointMaxAgeHours: 48 };
    expect(auditSchema.parse(written)).toEqual(written);
  });

  it('refuses an unknown key', () => {
    expect(problems(auditSchema, { enable: true })).toEqual([': Unrecognized key: "enable"']);
  });

  const bucket = (bucketName: string) => ({ bucketName });
  const bucketMessage = ['bucketName: expected an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens'];
  it.each<Row>([
    ['3 characters', bucket('a0b'), []],
    ['digits at both ends and dots and hyphens', bucket('0audit.reports-9'), []],
    ['63 characters', bucket('a'.repeat(63)), []],
    ['2 characters', bucket('ab'), bucketMessage],
    ['64 characters', bucket('a'.repeat(64)), bucketMessage],
    ['a leading hyphen', bucket('-ab'), bucketMessage],
    ['a trailing dot', bucket('ab.'), bucketMessage],
    ['uppercase', bucket('aBc'), bucketMessage],
    ['an underscore', bucket('a_c'), bucketMessage],
  ])('bucketName: %s', (_label, value, expected) => {
    expect(problems(auditSchema, value)).toEqual(expected);
  });

  it.each<Row>([
    ['1 day', { minRetentionDays: 1 }, []],
    ['36500 days', { minRetentionDays: 36_500 }, []],
    ['0 days', { minRetentionDays: 0 }, ['minRetentionDays: expected at least 1 day']],
    ['36501 days', { minRetentionDays: 36_501 }, ['minRetentionDays: expected at most 36500 days']],
    ['a fraction of a day', { minRetentionDays: 1.5 }, ['minRetentionDays: Invalid input: expected int, received number']],
    ['1 hour', { recoveryPointMaxAgeHours: 1 }, []],
    ['744 hours', { recoveryPointMaxAgeHours: 744 }, []],
    ['0 hours', { recoveryPointMaxAgeHours: 0 }, ['recoveryPointMaxAgeHours: expected at least 1 hour']],
    ['745 hours', { recoveryPointMaxAgeHours: 745 }, ['recoveryPointMaxAgeHours: expected at most 744 hours (31 days)']],
    ['a fraction of an hour', { recoveryPointMaxAgeHours: 1.5 }, ['recoveryPointMaxAgeHours: Invalid input: expected int, received number']],
    ['a region that is not a string', { reportRegion: 1 }, ['reportRegion: Invalid input: expected string, received number']],
  ])('%s', (_label, value, expected) => {
    expect(problems(auditSchema, value)).toEqual(expected);
  });
});
