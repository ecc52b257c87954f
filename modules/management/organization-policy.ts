import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import type { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from '../shared/address';
import { renderJson } from '../shared/policy-document';

/** The Organizations policy of a configured backup policy: `org-backup-<name>`. */
export function backupPolicyName(name: string): string {
  return `org-backup-${name}`;
}

export interface OrganizationPolicyProps {
  readonly type: 'BACKUP_POLICY' | 'SERVICE_CONTROL_POLICY';
  readonly name: string;
  readonly description: string;
  /** The policy document; values may hold tokens, keys must be literal. */
  readonly content: object;
  /** Root, OU or account ids to attach the policy to. */
  readonly targetIds: readonly string[];
  /** Logical id of the policy; attachments are `<address>_<target id>`. */
  readonly address: string;
  /** What must exist first (the enabled policy type). */
  readonly dependsOn?: ITerraformDependable[];
  /** Plan-time preconditions on the attachment to a target, by target id. @default - none */
  readonly targetPreconditions?: Readonly<Record<string, readonly { readonly condition: string; readonly errorMessage: string }[]>>;
  readonly provider: TerraformProvider;
}

/** An AWS Organizations policy and its attachments. */
export class OrganizationPolicy extends Construct {
  readonly policy: OrganizationsPolicy;

  constructor(scope: Construct, id: string, props: OrganizationPolicyProps) {
    super(scope, id);
    this.policy = pinAddress(
      new OrganizationsPolicy(this, 'policy', {
        provider: props.provider,
        name: props.name,
        description: props.description,
        type: props.type,
        content: renderJson(props.content),
        dependsOn: props.dependsOn,
      }),
      props.address,
    );
    for (const targetId of props.targetIds) {
      const preconditions = props.targetPreconditions?.[targetId];
      pinAddress(
        new OrganizationsPolicyAttachment(this, `attach-${targetId}`, {
          provider: props.provider,
          policyId: this.policy.id,
          targetId,
          ...(preconditions?.length ? { lifecycle: { precondition: preconditions.map((p) => ({ ...p })) } } : {}),
        }),
        `${props.address}_${targetId}`,
      );
    }
  }
}
