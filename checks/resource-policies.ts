/** The resource-based policies the principal rules read, by resource type and attribute. */
import type { SynthesizedResource } from './model';
import { parsePolicy, principalAccount, type Statement } from './policy';

export const RESOURCE_POLICY_ATTRIBUTES: Readonly<Record<string, string>> = {
  aws_kms_key: 'policy',
  aws_backup_vault_policy: 'policy',
  aws_iam_role: 'assume_role_policy',
  aws_sns_topic_policy: 'policy',
  aws_cloudwatch_event_bus_policy: 'policy',
  aws_s3_bucket_policy: 'policy',
};

/** The statements of the resource's resource-based policy, or undefined if it has none. */
export function resourcePolicyOf(resource: SynthesizedResource): readonly Statement[] | undefined {
  const attribute = RESOURCE_POLICY_ATTRIBUTES[resource.type];
  return attribute === undefined ? undefined : parsePolicy(resource.body[attribute]);
}

/** The principals of a statement that lie outside the resource's account (`*` patterns always do). */
export function otherAccountsReached(resource: SynthesizedResource, principals: readonly string[]): string[] {
  return principals.filter((p) => {
    if (p.includes('*')) return true;
    const account = principalAccount(p);
    return resource.account !== undefined && account !== undefined && account !== resource.account;
  });
}
