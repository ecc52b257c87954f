/**
 * Suppressing a rule on one resource, with a written reason. The suppression travels as construct
 * metadata and is matched to the synthesized resource by its address.
 */
import { TerraformResource, type TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { Suppression, SuppressionIndex } from './pack';

const METADATA_TYPE = 'org-backup:security-suppression';
/** A reason must say something: at least this many characters. */
export const MIN_REASON_LENGTH = 20;

/** Suppresses `ruleId` on this resource. The reason is reported at every synth. */
export function suppressRule(resource: TerraformResource, ruleId: string, reason: string): void {
  if (reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(`suppression of ${ruleId} on ${resource.node.path}: the reason "${reason}" is too short; say why the rule does not apply (at least ${MIN_REASON_LENGTH} characters)`);
  }
  resource.node.addMetadata(METADATA_TYPE, { ruleId, reason: reason.trim() } satisfies Suppression);
}

/** Every suppression in the stacks, by `<stack>/<address>` as the pack names resources. */
export function suppressionIndex(stacks: readonly TerraformStack[]): SuppressionIndex {
  const index = new Map<string, Suppression[]>();
  for (const stack of stacks) {
    for (const node of stack.node.findAll() as IConstruct[]) {
      if (!TerraformResource.isTerraformResource(node)) continue;
      const suppressions = node.node.metadata.filter((m) => m.type === METADATA_TYPE).map((m) => m.data as Suppression);
      if (suppressions.length === 0) continue;
      index.set(`${stack.node.id}/${node.terraformResourceType}.${node.friendlyUniqueId}`, suppressions);
    }
  }
  return index;
}
