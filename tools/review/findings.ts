/**
 * A finding is one change that matters to the protection of the backups, in words, with its
 * effect: `weakens` (flagged, in the caution box and in bold), `strengthens` (listed, no caution),
 * `neutral` (listed), or `warning` (something to know, such as a cost multiplied). The same finding
 * in many stacks (a change to every source account's key policy) is shown once with the stacks.
 */

export type Effect = 'weakens' | 'strengthens' | 'neutral' | 'warning';

export interface Finding {
  readonly effect: Effect;
  /** A stable machine-readable kind: `exemption-added`, `lock-minimum-lowered`, ... */
  readonly kind: string;
  readonly stack: string;
  /** The resource address or policy the finding is about. */
  readonly subject: string;
  /** What changed, in words (Markdown). */
  readonly text: string;
}

export interface FindingGroup {
  readonly effect: Effect;
  readonly kind: string;
  /** The text with the stack's own account id and name as placeholders, for one stack shown as written. */
  readonly text: string;
  readonly subject: string;
  readonly stacks: readonly string[];
}

/**
 * Groups findings that read the same once each stack's own account id and name are set aside: the
 * same change to a thousand source accounts is one line with a thousand stacks.
 */
export function groupFindings(findings: readonly Finding[], accountOf: (stack: string) => string | undefined): FindingGroup[] {
  const groups = new Map<string, { effect: Effect; kind: string; template: string; subject: string; stacks: string[]; first: Finding }>();
  for (const f of findings) {
    const template = templateOf(f.text, f.stack, accountOf(f.stack));
    const subject = templateOf(f.subject, f.stack, accountOf(f.stack));
    const key = `${f.effect}\u0000${f.kind}\u0000${subject}\u0000${template}`;
    const group = groups.get(key) ?? { effect: f.effect, kind: f.kind, template, subject, stacks: [], first: f };
    group.stacks.push(f.stack);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({
    effect: g.effect,
    kind: g.kind,
    text: g.stacks.length === 1 ? g.first.text : g.template,
    subject: g.stacks.length === 1 ? g.first.subject : g.subject,
    stacks: g.stacks,
  }));
}

function templateOf(text: string, stack: string, account: string | undefined): string {
  let result = text;
  if (account && /^\d{12}$/.test(account)) result = result.split(account).join('<this account>');
  return result.split(stack).join('<this stack>');
}

export const EFFECT_ORDER: readonly Effect[] = ['weakens', 'warning', 'strengthens', 'neutral'];

export function byEffect(a: { effect: Effect }, b: { effect: Effect }): number {
  return EFFECT_ORDER.indexOf(a.effect) - EFFECT_ORDER.indexOf(b.effect);
}
