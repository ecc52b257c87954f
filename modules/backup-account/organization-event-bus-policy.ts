import { CloudwatchEventBusPolicy } from '@cdktf/provider-aws/lib/cloudwatch-event-bus-policy';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from '../shared/address';
import { policyDocument, renderJson, type PolicyDocument } from '../shared/policy-document';

export interface OrganizationEventBusPolicyProps {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** Only principals of this organization may put events. */
  readonly organizationId: string;
  readonly address: string;
  readonly provider: TerraformProvider;
}

/** The default event bus ARN of an account and region: where forwarded alert events arrive. */
export function defaultEventBusArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:events:${region}:${accountId}:event-bus/default`;
}

/**
 * Lets the accounts of the organization (their forwarding rules, through their forwarder roles) put
 * events on the Backup account's default event bus of a region, and nobody else.
 */
export class OrganizationEventBusPolicy extends Construct {
  readonly policy: CloudwatchEventBusPolicy;

  constructor(scope: Construct, id: string, props: OrganizationEventBusPolicyProps) {
    super(scope, id);
    this.policy = pinAddress(
      new CloudwatchEventBusPolicy(this, 'policy', { provider: props.provider, eventBusName: 'default', policy: renderJson(organizationEventBusPolicy(props)) }),
      props.address,
    );
  }
}

export function organizationEventBusPolicy(props: Pick<OrganizationEventBusPolicyProps, 'partition' | 'region' | 'accountId' | 'organizationId'>): PolicyDocument {
  return policyDocument([
    {
      Sid: 'OrganizationPutsEvents',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'events:PutEvents',
      Resource: defaultEventBusArn(props.partition, props.region, props.accountId),
      Condition: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
    },
  ]);
}
