import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from '../shared/address';
import { dnsSuffix } from '../shared/dns-suffix';
import { BackupKey } from '../shared/backup-key';
import { allowAccountAdministration } from '../shared/key-policy-statements';
import { denyReadOutsideOrganization, policyDocument, renderJson, type PolicyDocument } from '../shared/policy-document';

/** The only service that publishes alerts. */
export const ALERT_PUBLISHER = 'events.amazonaws.com';
/** Every alert rule this project creates is named with this prefix; the topic accepts only them. */
export const ALERT_RULE_PREFIX = 'org-backup-';
/** Reading an SNS topic means subscribing to it. */
export const TOPIC_READ_ACTIONS = ['sns:Subscribe'];

export interface AlertTopicProps {
  readonly partition: string;
  readonly region: string;
  /** The Backup account, which owns the topic, its key and the rules that publish. */
  readonly accountId: string;
  /** Only principals of this organization may subscribe. */
  readonly organizationId: string;
  /** Email addresses subscribed to the topic (each confirms by email). @default [] */
  readonly emails?: readonly string[];
  /** Logical id suffix: `aws_sns_topic.alerts_<region>`. */
  readonly address: string;
  readonly provider: TerraformProvider;
}

/**
 * The alert topic of a region in the Backup account: encrypted with a customer-managed key of the
 * Backup account that only EventBridge (through SNS) may use besides the account's administrators;
 * only EventBridge rules of the Backup account named `org-backup-*` may publish, and nobody outside
 * the organization may subscribe.
 */
export class AlertTopic extends Construct {
  readonly topic: SnsTopic;
  readonly key: BackupKey;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    this.key = new BackupKey(this, 'key', {
      address: props.address,
      aliasName: 'org-backup-alerts',
      description: 'Encrypts the org-backup alert topic; EventBridge may use it through SNS',
      policy: alertKeyPolicy(props),
      provider: props.provider,
    });
    this.topic = pinAddress(
      new SnsTopic(this, 'topic', {
        provider: props.provider,
        name: 'org-backup-alerts',
        displayName: 'org-backup alerts',
        kmsMasterKeyId: this.key.key.arn,
      }),
      props.address,
    );
    const topicArn = this.topic.arn;
    pinAddress(
      new SnsTopicPolicy(this, 'policy', { provider: props.provider, arn: topicArn, policy: renderJson(alertTopicPolicy(props, topicArn)) }),
      props.address,
    );
    for (const email of props.emails ?? []) {
      pinAddress(
        new SnsTopicSubscription(this, `email-${email}`, { provider: props.provider, topicArn, protocol: 'email', endpoint: email }),
        `${props.address}_${email.replace(/[^A-Za-z0-9_-]/g, '_')}`,
      );
    }
  }
}

/** The key policy: the account administers it; EventBridge may only generate and read data keys, through SNS. */
export function alertKeyPolicy(props: Pick<AlertTopicProps, 'partition' | 'region' | 'accountId'>): PolicyDocument {
  return policyDocument([
    allowAccountAdministration(props.partition, props.accountId),
    {
      Sid: 'EventBridgeThroughSns',
      Effect: 'Allow',
      Principal: { Service: ALERT_PUBLISHER },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': `sns.${props.region}.${dnsSuffix(props.partition)}` } },
    },
  ]);
}

/** The topic policy: EventBridge rules of the Backup account publish; nobody else; subscribers are of the organization. */
export function alertTopicPolicy(props: Pick<AlertTopicProps, 'partition' | 'region' | 'accountId' | 'organizationId'>, topicArn: string): PolicyDocument {
  return policyDocument([
    {
      Sid: 'AlertRulesPublish',
      Effect: 'Allow',
      Principal: { Service: ALERT_PUBLISHER },
      Action: 'sns:Publish',
      Resource: topicArn,
      Condition: {
        StringEquals: { 'aws:SourceAccount': props.accountId },
        ArnLike: { 'aws:SourceArn': `arn:${props.partition}:events:${props.region}:${props.accountId}:rule/${ALERT_RULE_PREFIX}*` },
      },
    },
    {
      // Same-account principals need no Allow here: the Deny keeps them (and anyone) from posting fake alerts.
      Sid: 'DenyPublishExceptEventBridge',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'sns:Publish',
      Resource: topicArn,
      Condition: { StringNotEquals: { 'aws:PrincipalServiceName': ALERT_PUBLISHER } },
    },
    denyReadOutsideOrganization(TOPIC_READ_ACTIONS, topicArn, props.organizationId),
  ]);
}
