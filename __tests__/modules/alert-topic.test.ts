import { AlertTopic, alertKeyPolicy, alertTopicPolicy } from '../../modules/backup-account/alert-topic';
import { synthConstruct } from '../support/scope';
import { resource } from '../support/synth';

describe('AlertTopic', () => {
  const props = { partition: 'aws', region: 'eu-west-1', accountId: '222222222222', organizationId: 'o-a1b2c3d4e5' };
  const topicArn = 'arn:aws:sns:eu-west-1:222222222222:org-backup-alerts';

  it('lets the account administer its key, and EventBridge only generate and decrypt data keys through SNS', () => {
    expect(alertKeyPolicy(props).Statement).toEqual([
      { Sid: 'EnableOwningAccountAdministration', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'EventBridgeThroughSns',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': 'sns.eu-west-1.amazonaws.com' } },
      },
    ]);
  });

  it("lets only the account's org-backup-* EventBridge rules publish, and only the organization subscribe", () => {
    expect(alertTopicPolicy(props, topicArn).Statement).toEqual([
      {
        Sid: 'AlertRulesPublish',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: topicArn,
        Condition: {
          StringEquals: { 'aws:SourceAccount': '222222222222' },
          ArnLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:222222222222:rule/org-backup-*' },
        },
      },
      {
        Sid: 'DenyPublishExceptEventBridge',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'sns:Publish',
        Resource: topicArn,
        Condition: { StringNotEquals: { 'aws:PrincipalServiceName': 'events.amazonaws.com' } },
      },
      {
        Sid: 'DenyReadOutsideOrganization',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: ['sns:Subscribe'],
        Resource: topicArn,
        Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      },
    ]);
  });

  const synth = (emails?: readonly string[]) =>
    synthConstruct((stack, provider) => {
      new AlertTopic(stack, 't', { ...props, emails, address: 'eu-west-1', provider });
    });

  it('subscribes each email address', () => {
    const json = synth(['ops@example.com']);
    expect(Object.keys(json.resource?.aws_sns_topic_subscription ?? {})).toEqual(['eu-west-1_ops_example_com']);
    expect(resource(json, 'aws_sns_topic_subscription.eu-west-1_ops_example_com')).toMatchObject({
      protocol: 'email',
      endpoint: 'ops@example.com',
      topic_arn: '${aws_sns_topic.eu-west-1.arn}',
    });
  });

  it('subscribes nobody without email addresses', () => {
    const json = synth();
    expect(resource(json, 'aws_sns_topic.eu-west-1').kms_master_key_id).toBe('${aws_kms_key.eu-west-1.arn}');
    expect(json.resource?.aws_sns_topic_subscription).toBeUndefined();
  });
});
