import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from './address';
import type { EventPattern } from './alert-patterns';

export interface AlertRuleProps {
  /** Rule name, unique in the account and region (`org-backup-<kind>`). */
  readonly ruleName: string;
  readonly description: string;
  readonly pattern: EventPattern;
  /** The SNS topic or event bus the matching events go to. */
  readonly targetArn: string;
  /** The role EventBridge assumes to deliver to an event bus of another account or region. @default - none (an SNS topic) */
  readonly roleArn?: string;
  /** Logical id of the rule and its target. */
  readonly address: string;
  readonly provider: TerraformProvider;
}

/** An EventBridge rule on the default bus and its one target. */
export class AlertRule extends Construct {
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: AlertRuleProps) {
    super(scope, id);
    this.rule = pinAddress(
      new CloudwatchEventRule(this, 'rule', {
        provider: props.provider,
        name: props.ruleName,
        description: props.description,
        eventPattern: JSON.stringify(props.pattern),
        state: 'ENABLED',
      }),
      props.address,
    );
    pinAddress(
      new CloudwatchEventTarget(this, 'target', {
        provider: props.provider,
        rule: this.rule.name,
        targetId: 'alerts',
        arn: props.targetArn,
        ...(props.roleArn ? { roleArn: props.roleArn } : {}),
      }),
      props.address,
    );
  }
}
