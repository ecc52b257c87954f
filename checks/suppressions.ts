/**
 * Suppressing a rule on one resource, with a written reason. The suppression travels as construct
 * metadata and is matched to the synthesized resource by its address.
 */
import { TerraformStack, type TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { Suppression, SuppressionIndex } from './pack';

/** The suppressed resources of each construct tree, so that collecting them walks no other construct. */
const suppressedByApp = new WeakMap<IConstruct, Set<TerraformResource>>();

const METADATA_TYPE = 'org-backup:security-suppression';
/** A reason must say something: at least this many characters. */
export const MIN_REASON_LENGTH = 20;

/** Suppresses `ruleId` on this resource. The reason is reported at every synth. */
export function suppressRule(resource: TerraformResource, ruleId: string, reason: string): void {
  if (reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(`suppression of ${ruleId} on ${resource.node.path}: the reason "${reason}" is too short; say why the rule does not apply (at least ${MIN_REASON_LENGTH} characters)`);
  }
  resource.node.addMetadata(METADATA_TYPE, { ruleId, reason: reason.trim() } satisfies Suppression);
  const root = resource.node.root;
  suppressedByApp.set(root, (suppressedByApp.get(root) ?? new Set()).add(resource));
}

/** Every suppression in the stacks, by `<stack>/<address>` as the pack names resources. */
export function suppressionIndex(stacks: readonly TerraformStack[]): SuppressionIndex {
  const index = new Map<string, Suppression[]>();
  const wanted = new Set(stacks);
  for (const root of new Set(stacks.map((stack) => stack.node.root))) {
    for (const resource of suppressedByApp.get(root) ?? []) {
      const stack = TerraformStack.of(resource);
      if (!wanted.has(stack)) continue;
      const suppressions = resource.node.metadata.filter((m) => m.type === METADATA_TYPE).map((m) => m.data as Suppression);
      index.set(`${stack.node.id}/${resource.terraformResourceType}.${resource.friendlyUniqueId}`, suppressions);
    }
  }
  return index;
}
