/**
 * The rules of envs/detection-rules.ts (alerts and audit), each on the smallest change to the
 * example: every message written out in full, and every guard that keeps a rule off a value that
 * already failed its own check.
 */
import { expectSameBesideUnrelatedError, problemsOf } from '../support/config-draft';

type Draft = any;

const TOPIC = 'arn:aws:sns:eu-west-1:222222222222:alerts';
const alerts = (value: unknown) => (c: Draft) => (c.alerts = value);
const audit = (value: unknown) => (c: Draft) => (c.audit = value);

describe('alerts: who receives them', () => {
  test('emails alone, or a topic alone, are accepted', () => {
    expect(problemsOf(alerts({ emails: ['a@example.com'] }))).toEqual([]);
    expect(problemsOf(alerts({ snsTopicArn: TOPIC }))).toEqual([]);
  });

  test('neither', () => {
    expect(problemsOf(alerts({}))).toEqual(['alerts.emails = [] (the default): no email and no snsTopicArn: the alerts would reach nobody; add an address or a topic']);
    expect(problemsOf(alerts({ emails: [] }))).toEqual(['alerts.emails = []: no email and no snsTopicArn: the alerts would reach nobody; add an address or a topic']);
  });

  test('both', () => {
    expect(problemsOf(alerts({ emails: ['a@example.com'], snsTopicArn: TOPIC }))).toEqual([
      'alerts.emails = ["a@example.com"]: with snsTopicArn no topic is created to subscribe these to: subscribe them to that topic, or remove snsTopicArn',
    ]);
  });

  test('a malformed email beside a topic: the email error only', () => {
    expect(problemsOf(alerts({ emails: ['nobody'], snsTopicArn: TOPIC }))).toEqual(['alerts.emails[0] = "nobody": expected an email address']);
  });

  test('an email beside a malformed topic: the topic error only', () => {
    expect(problemsOf(alerts({ emails: ['a@example.com'], snsTopicArn: 'not-an-arn' }))).toEqual(['alerts.snsTopicArn = "not-an-arn": expected an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>)']);
  });

  test('alerts that are null', () => {
    expect(problemsOf(alerts(null))).toEqual(['alerts = null: expected object, got null']);
  });
});

describe('alerts: emails listed twice', () => {
  test('the same address in another case', () => {
    expect(problemsOf(alerts({ emails: ['a@example.com', 'b@example.com', 'A@Example.com'] }))).toEqual([
      'alerts.emails[2] = "A@Example.com": listed twice; list each address once',
    ]);
  });

  test('addresses that differ only once upper-cased are different (compared in lower case)', () => {
    expect(problemsOf(alerts({ emails: ['straße@example.com', 'STRASSE@example.com'] }))).toEqual([]);
  });

  test('a malformed address twice: the address errors only', () => {
    expect(problemsOf(alerts({ emails: ['nobody', 'nobody'] }))).toEqual([
      'alerts.emails[0] = "nobody": expected an email address',
      'alerts.emails[1] = "nobody": expected an email address',
    ]);
  });
});

describe('alerts: what they alert on', () => {
  const on = (tamper: unknown, jobFailures: unknown) => alerts({ emails: ['a@example.com'], tamper, jobFailures });

  test('either one on is accepted', () => {
    expect(problemsOf(on(true, false))).toEqual([]);
    expect(problemsOf(on(false, true))).toEqual([]);
  });

  test('both off', () => {
    expect(problemsOf(on(false, false))).toEqual(['alerts: tamper and jobFailures are both false: nothing to alert on; remove alerts or turn one on']);
  });

  test('one off and the other malformed (falsy): the type error only', () => {
    expect(problemsOf(on(0, false))).toEqual(['alerts.tamper = 0: expected boolean, got number']);
    expect(problemsOf(on(false, 0))).toEqual(['alerts.jobFailures = 0: expected boolean, got number']);
  });
});

describe('alerts: the topic', () => {
  test('in another partition', () => {
    expect(problemsOf(alerts({ snsTopicArn: 'arn:aws-cn:sns:eu-west-1:222222222222:alerts' }))).toEqual([
      'alerts.snsTopicArn = "arn:aws-cn:sns:eu-west-1:222222222222:alerts": the ARN is in partition aws-cn, but partition is aws',
    ]);
  });

  test('in another account', () => {
    expect(problemsOf(alerts({ snsTopicArn: 'arn:aws:sns:eu-west-1:333333333333:alerts' }))).toEqual([
      'alerts.snsTopicArn = "arn:aws:sns:eu-west-1:333333333333:alerts": the topic is in account 333333333333; it must be in the Backup account (222222222222), whose rules publish to it',
    ]);
  });

  test('in a region not configured', () => {
    expect(problemsOf(alerts({ snsTopicArn: 'arn:aws:sns:us-east-1:222222222222:alerts' }))).toEqual([
      "alerts.snsTopicArn = \"arn:aws:sns:us-east-1:222222222222:alerts\": the topic's region us-east-1 is not one of regions (ap-southeast-2, eu-west-1)",
    ]);
  });

  test('malformed: its own error only', () => {
    expect(problemsOf(alerts({ snsTopicArn: 'arn:aws-cn:sqs:us-east-1:333333333333:alerts' }))).toEqual([
      'alerts.snsTopicArn = "arn:aws-cn:sqs:us-east-1:333333333333:alerts": expected an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>)',
    ]);
  });

  test('with the partition malformed, the topic is not judged against it', () => {
    expect(problemsOf((c) => ((c.partition = 'aws-iso'), (c.alerts = { snsTopicArn: TOPIC })))).toEqual([
      'partition = "aws-iso": expected one of "aws", "aws-us-gov", "aws-cn"',
    ]);
  });

  test('with the Backup account malformed, the topic is not judged against it', () => {
    expect(problemsOf((c) => ((c.backupAccount.accountId = '2222'), (c.alerts = { snsTopicArn: TOPIC })))).toEqual([
      'backupAccount.accountId = "2222": expected a 12-digit account id as a string',
    ]);
  });

  test('with regions not a list, the topic is not judged against them', () => {
    expect(problemsOf((c) => ((c.regions = 5), (c.alerts = { snsTopicArn: 'arn:aws:sns:us-east-1:222222222222:alerts' })))).toEqual([
      'regions = 5: expected array, got number',
    ]);
  });
});

describe('audit', () => {
  test('enabled with its settings, or off without them, is accepted', () => {
    expect(problemsOf(audit({ enabled: true, bucketName: 'acme-audit-reports', reportRegion: 'eu-west-1' }))).toEqual([]);
    expect(problemsOf(audit({ enabled: false }))).toEqual([]);
  });

  test('a setting while audit is off', () => {
    expect(problemsOf(audit({ bucketName: 'acme-audit-reports' }))).toEqual(['audit.bucketName = "acme-audit-reports": has no effect while audit.enabled is false']);
    expect(problemsOf(audit({ enabled: false, reportRegion: 'eu-west-1' }))).toEqual(['audit.reportRegion = "eu-west-1": has no effect while audit.enabled is false']);
  });

  test('a malformed setting while audit is off: its own error only', () => {
    expect(problemsOf(audit({ bucketName: 'My_Bucket' }))).toEqual([
      'audit.bucketName = "My_Bucket": expected an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens',
    ]);
  });

  test('enabled malformed (falsy) beside a setting: the type error only', () => {
    expect(problemsOf(audit({ enabled: 0, bucketName: 'acme-audit-reports' }))).toEqual(['audit.enabled = 0: expected boolean, got number']);
  });

  test('a report region not configured', () => {
    expect(problemsOf(audit({ enabled: true, reportRegion: 'us-east-1' }))).toEqual([
      'audit.reportRegion = "us-east-1": not one of regions (ap-southeast-2, eu-west-1): the report plans and bucket live in a region the stacks manage',
    ]);
  });

  test('a report region that is not a string: its own error only', () => {
    expect(problemsOf(audit({ enabled: true, reportRegion: 5 }))).toEqual(['audit.reportRegion = 5: expected string, got number']);
  });

  test('with regions not a list, the report region is not judged against them', () => {
    expect(problemsOf((c) => ((c.regions = 5), (c.audit = { enabled: true, reportRegion: 'us-east-1' })))).toEqual(['regions = 5: expected array, got number']);
  });

  test('audit that is null', () => {
    expect(problemsOf(audit(null))).toEqual(['audit = null: expected object, got null']);
  });
});

describe('beside an unrelated error, each rule still reports (a rule is kept off only by a problem at its own values)', () => {
  const CASES: [string, (c: Draft) => void][] = [
    ['alerts to nobody', alerts({})],
    ['emails beside a topic', alerts({ emails: ['a@example.com'], snsTopicArn: TOPIC })],
    ['an email twice', alerts({ emails: ['a@example.com', 'A@example.com'] })],
    ['nothing to alert on', alerts({ emails: ['a@example.com'], tamper: false, jobFailures: false })],
    ['a topic of another partition', alerts({ snsTopicArn: 'arn:aws-cn:sns:eu-west-1:222222222222:alerts' })],
    ['a topic in another account', alerts({ snsTopicArn: 'arn:aws:sns:eu-west-1:333333333333:alerts' })],
    ['a topic in another region', alerts({ snsTopicArn: 'arn:aws:sns:us-east-1:222222222222:alerts' })],
    ['audit settings while off', audit({ bucketName: 'acme-audit-reports', reportRegion: 'eu-west-1' })],
    ['a report region not configured', audit({ enabled: true, reportRegion: 'us-east-1' })],
  ];

  test.each(CASES)('%s', (_title, change) => expectSameBesideUnrelatedError(problemsOf, change));
});
