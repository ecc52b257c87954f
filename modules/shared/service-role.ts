import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { pinAddress } from './address';
import { awsManagedPolicyArn } from './arn';
import { type ConditionBlock, policyDocument, renderJson } from './policy-document';

/**
 * The trust policy of a role only an AWS service assumes: one statement allowing `sts:AssumeRole` to
 * `service`, narrowed by `condition` where the service acts for one account only.
 */
export function serviceTrustPolicy(sid: string, service: string, condition?: ConditionBlock): string {
  return renderJson(
    policyDocument([{ Sid: sid, Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }]),
  );
}

/**
 * Attaches AWS managed policies (paths under `arn:<partition>:iam::aws:policy/`) to a role, each at
 * `aws_iam_role_policy_attachment.<addressPrefix>_<policy name>`.
 */
export function attachManagedPolicies(
  scope: Construct,
  props: { readonly roleName: string; readonly partition: string; readonly paths: readonly string[]; readonly addressPrefix: string; readonly provider: TerraformProvider },
): void {
  for (const path of props.paths) {
    const name = path.split('/').pop() as string;
    pinAddress(
      new IamRolePolicyAttachment(scope, name, { provider: props.provider, role: props.roleName, policyArn: awsManagedPolicyArn(props.partition, path) }),
      `${props.addressPrefix}_${name}`,
    );
  }
}
