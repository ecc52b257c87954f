/**
 * Source accounts whose stacks are identical but for their ids (account id, name, stack name), so
 * that a thousand accounts read as a few groups. The fingerprint is the stack's JSON with those ids
 * set aside and cdktf's construct metadata left out; accounts of different OUs (sourceAccounts[].ou)
 * are different groups, so the diagram can draw one node per OU and group.
 */
import { createHash } from 'node:crypto';
import type { StackJson, SynthOutput } from '../../output/synth-output';
import type { StackView } from './model';

/** Above this many source accounts the report groups them; below it, every account has its row. */
export const GROUP_ABOVE = 12;

export interface SourceGroup {
  /** `A`, `B`, ... by size, largest first. */
  readonly name: string;
  readonly ou?: string;
  readonly members: readonly StackView[];
}

export function fingerprint(json: StackJson, stack: StackView): string {
  let text = JSON.stringify(json, (key, value: unknown) => (key === '//' ? undefined : value));
  const name = stack.name.replace(/^source-/, '');
  // Longest first: the stack name holds the account name.
  for (const id of [stack.name, name, ...stack.accountId.split(', ')].filter((x) => x.length > 0)) text = text.split(id).join('<id>');
  return createHash('sha256').update(text).digest('hex');
}

export function isSource(stack: StackView): boolean {
  return stack.name.startsWith('source-');
}

/** Every source stack in a group; without grouping (small organizations), one group per stack. */
export function sourceGroups(out: SynthOutput, stacks: readonly StackView[], group = stacks.filter(isSource).length > GROUP_ABOVE): SourceGroup[] {
  const sources = stacks.filter(isSource);
  if (!group) return sources.map((s, i) => ({ name: String(i + 1), ou: s.ou, members: [s] }));
  const byKey = new Map<string, StackView[]>();
  for (const s of sources) {
    const key = `${s.ou ?? ''}\u0000${fingerprint(out.stacks[s.name], s)}`;
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  return [...byKey.values()]
    .sort((a, b) => b.length - a.length || a[0].name.localeCompare(b[0].name))
    .map((members, i) => ({ name: groupName(i), ou: members[0].ou, members }));
}

function groupName(i: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return i < 26 ? letters[i] : `${letters[Math.floor(i / 26) - 1]}${letters[i % 26]}`;
}
