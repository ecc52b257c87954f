import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from './address';
import { serviceTrustPolicy } from './service-role';
import { policyDocument, renderJson } from './policy-document';

/** The service that assumes the forwarder role to put events on another bus. */
export const EVENT_FORWARDER_SERVICE = 'events.amazonaws.com';

export interface EventForwarderRoleProps {
  readonly accountId: string;
  readonly roleName: string;
  /** The event buses it may put events on. */
  readonly targetBusArns: readonly string[];
  readonly provider: TerraformProvider;
}

/**
 * The role EventBridge assumes to deliver an account's alert events to the Backup account's event
 * bus: trusted by EventBridge for rules of this account only, allowed `events:PutEvents` on the
 * target buses and nothing else.
 */
export class EventForwarderRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: EventForwarderRoleProps) {
    super(scope, id);
    this.role = pinAddress(
      new IamRole(this, 'role', {
        provider: props.provider,
        name: props.roleName,
        description: 'Assumed by EventBridge to forward org-backup alert events to the Backup account',
        assumeRolePolicy: serviceTrustPolicy('EventBridgeRulesOfThisAccount', EVENT_FORWARDER_SERVICE, {
          StringEquals: { 'aws:SourceAccount': props.accountId },
        }),
      }),
      'alerts_forwarder',
    );
    pinAddress(
      new IamRolePolicy(this, 'policy', {
        provider: props.provider,
        name: 'put-events-on-backup-account-bus',
        role: this.role.id,
        policy: renderJson(policyDocument([{ Sid: 'PutAlertEvents', Effect: 'Allow', Action: 'events:PutEvents', Resource: [...props.targetBusArns] }])),
      }),
      'alerts_forwarder',
    );
  }
}
