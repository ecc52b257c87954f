/**
 * A semantic diff of two policy documents, statement by statement: statements pair by Sid (or, for
 * a statement without one, by its content), and within a pair the principals, actions, resources
 * and conditions added or removed are put in words, with what that does to protection. A Deny
 * that applies to less, or an Allow that applies to more, weakens; the reverse strengthens. Key
 * order, whitespace, a single value written as a list and the case of action names never show.
 */
import { canonical, type PolicyDocumentView } from './documents';
import type { Effect, Finding } from './findings';

interface NormalStatement {
  readonly label: string;
  readonly sid?: string;
  readonly effect: string;
  /** Field -> values (`Principal`, `NotPrincipal`, `Action`, `NotAction`, `Resource`, `NotResource`). */
  readonly fields: ReadonlyMap<string, ReadonlySet<string>>;
  /** Actions as first written, by their lower-case form. */
  readonly written: ReadonlyMap<string, string>;
  /** `Operator key` -> values. */
  readonly conditions: ReadonlyMap<string, ReadonlySet<string>>;
  readonly identity: string;
}

const FIELDS = ['Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource'] as const;

const list = (value: unknown): string[] => (value === undefined || value === null ? [] : (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? v : canonical(v))));

function principals(value: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value === '*' ? '*' : value];
  return Object.entries(value as Record<string, unknown>).flatMap(([type, v]) => list(v).map((p) => (type === 'AWS' ? p : `${type} ${p}`)));
}

/** Action names are case-insensitive in IAM: compared in lower case, shown as first written. */
function normalize(statement: Record<string, unknown>, index: number): NormalStatement {
  const fields = new Map<string, Set<string>>();
  const written = new Map<string, string>();
  for (const field of FIELDS) {
    const raw = field.endsWith('Principal') ? principals(statement[field]) : list(statement[field]);
    if (field.endsWith('Action')) for (const a of raw) if (!written.has(a.toLowerCase())) written.set(a.toLowerCase(), a);
    fields.set(field, new Set(field.endsWith('Action') ? raw.map((a) => a.toLowerCase()) : raw));
  }
  const conditions = new Map<string, Set<string>>();
  for (const [operator, entries] of Object.entries((statement.Condition ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const [key, values] of Object.entries(entries ?? {})) conditions.set(`${operator} ${key.toLowerCase()}`, new Set(list(values)));
  }
  const sid = typeof statement.Sid === 'string' && statement.Sid !== '' ? statement.Sid : undefined;
  const effect = String(statement.Effect ?? 'Allow');
  // The content identifies only a statement without a Sid: not computed for the others.
  const identity =
    sid !== undefined
      ? `sid ${sid}`
      : `content ${canonical({ effect, fields: [...fields].map(([k, v]) => [k, [...v].sort()]), conditions: [...conditions].map(([k, v]) => [k, [...v].sort()]).sort() })}`;
  return { label: sid ?? `statement ${index + 1} (no Sid)`, sid, effect, fields, written, conditions, identity };
}

export function statementsOf(document: { Statement?: unknown }): NormalStatement[] {
  const raw = document.Statement;
  const items = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as Record<string, unknown>[];
  const seen = new Map<string, number>();
  return items.map((s, i) => {
    const n = normalize(s, i);
    const count = seen.get(n.identity) ?? 0;
    seen.set(n.identity, count + 1);
    return count === 0 ? n : { ...n, identity: `${n.identity} #${count + 1}` };
  });
}

const code = (text: string) => `\`${text}\``;
const codes = (values: readonly string[]) => values.map(code).join(', ');
const operatorOf = (conditionKey: string) => conditionKey.split(' ')[0];
const keyOf = (conditionKey: string) => conditionKey.slice(conditionKey.indexOf(' ') + 1);
/** StringNotEquals, ArnNotLike, ForAllValues:StringNotLike, NotIpAddress: the statement spares what matches. */
const isNegated = (operator: string) => /Not/.test(operator.replace(/IfExists$/, ''));
/** Condition keys that name who asks: a value under a negated operator on a Deny exempts that principal. */
const isPrincipalKey = (key: string) => /^aws:(principal|userid|sourceaccount|sourcearn|calledvia)/.test(key);

/** The findings of the change from `before` to `after` of one document; either may be missing. */
export function diffPolicyDocument(before: PolicyDocumentView | undefined, after: PolicyDocumentView | undefined): Finding[] {
  const view = (after ?? before)!;
  const where = `${view.kind} ${code(view.address)}`;
  const finding = (effect: Effect, kind: string, text: string): Finding => ({ effect, kind, stack: view.stack, subject: view.address, text: `${where}: ${text}` });
  const was = new Map((before ? statementsOf(before.document) : []).map((s) => [s.identity, s]));
  const now = new Map((after ? statementsOf(after.document) : []).map((s) => [s.identity, s]));
  const findings: Finding[] = [];
  for (const [identity, s] of was) {
    const still = now.get(identity);
    if (!still) {
      findings.push(
        s.effect === 'Deny'
          ? finding('weakens', 'deny-removed', `the deny ${code(s.label)} is removed${after ? '' : ' (the policy is gone)'}: ${describe(s)} is no longer denied`)
          : finding('strengthens', 'allow-removed', `the allow ${code(s.label)} is removed: ${describe(s)}`),
      );
      continue;
    }
    if (still.effect !== s.effect) {
      findings.push(
        still.effect === 'Allow'
          ? finding('weakens', 'deny-removed', `${code(s.label)} turned from Deny into Allow: ${describe(still)}`)
          : finding('strengthens', 'deny-added', `${code(s.label)} turned from Allow into Deny: ${describe(still)}`),
      );
      continue;
    }
    findings.push(...statementChanges(s, still, finding));
  }
  for (const [identity, s] of now) {
    if (was.has(identity)) continue;
    findings.push(
      s.effect === 'Deny'
        ? finding('strengthens', 'deny-added', `the deny ${code(s.label)} is added: ${describe(s)}`)
        : finding('weakens', 'allow-added', `the allow ${code(s.label)} is added: ${describe(s)}`),
    );
  }
  return findings;
}

function describe(s: NormalStatement): string {
  const get = (f: string) => [...(s.fields.get(f) ?? [])].map((v) => (f.endsWith('Action') ? (s.written.get(v) ?? v) : v));
  const parts: string[] = [];
  if (get('Action').length > 0) parts.push(codes(get('Action')));
  if (get('NotAction').length > 0) parts.push(`every action but ${codes(get('NotAction'))}`);
  if (get('Principal').length > 0) parts.push(`for ${codes(get('Principal'))}`);
  if (get('NotPrincipal').length > 0) parts.push(`for everyone but ${codes(get('NotPrincipal'))}`);
  if (s.conditions.size > 0) parts.push(`when ${[...s.conditions].map(([k, v]) => `${keyOf(k)} ${operatorOf(k)} ${codes([...v])}`).join(' and ')}`);
  return parts.join(' ') || 'the statement';
}

type Make = (effect: Effect, kind: string, text: string) => Finding;

function statementChanges(was: NormalStatement, now: NormalStatement, finding: Make): Finding[] {
  const deny = now.effect === 'Deny';
  const findings: Finding[] = [];
  const label = code(now.label);
  // For each field: does adding a value make the statement apply to more requests?
  const widensWhenAdded: Record<(typeof FIELDS)[number], boolean> = {
    Principal: true,
    NotPrincipal: false,
    Action: true,
    NotAction: false,
    Resource: true,
    NotResource: false,
  };
  for (const field of FIELDS) {
    const before = was.fields.get(field)!;
    const after = now.fields.get(field)!;
    const shown = (v: string, from: NormalStatement) => (field.endsWith('Action') ? (from.written.get(v) ?? v) : v);
    const added = [...after].filter((v) => !before.has(v)).map((v) => shown(v, now));
    const removed = [...before].filter((v) => !after.has(v)).map((v) => shown(v, was));
    const name = field.toLowerCase();
    if (added.length > 0) findings.push(scopeFinding(deny, widensWhenAdded[field], `${name} ${codes(added)} added`, label, finding));
    if (removed.length > 0) findings.push(scopeFinding(deny, !widensWhenAdded[field], `${name} ${codes(removed)} removed`, label, finding));
  }
  const keys = new Set([...was.conditions.keys(), ...now.conditions.keys()]);
  for (const key of keys) findings.push(...conditionChanges(deny, label, key, was.conditions.get(key), now.conditions.get(key), finding));
  return findings;
}

/** A change in what the statement covers: wider or narrower, for a Deny or an Allow. */
function scopeFinding(deny: boolean, wider: boolean, what: string, label: string, finding: Make): Finding {
  if (deny) return wider ? finding('strengthens', 'deny-widened', `the deny ${label} now covers more: ${what}`) : finding('weakens', 'deny-narrowed', `the deny ${label} is narrowed: ${what}`);
  return wider ? finding('weakens', 'allow-widened', `the allow ${label} is widened: ${what}`) : finding('strengthens', 'allow-narrowed', `the allow ${label} is narrowed: ${what}`);
}

function conditionChanges(deny: boolean, label: string, conditionKey: string, before: ReadonlySet<string> | undefined, after: ReadonlySet<string> | undefined, finding: Make): Finding[] {
  const operator = operatorOf(conditionKey);
  const key = keyOf(conditionKey);
  const negated = isNegated(operator);
  const sid = label.replace(/`/g, '');
  if (!before || !after) {
    // A whole condition added narrows the statement (it applies only when the condition holds); removed, it widens.
    const added = !before;
    const values = [...(after ?? before ?? [])];
    const words = `condition ${key} ${operator} ${codes(values)} ${added ? 'added' : 'removed'}`;
    if (deny && added && negated && isPrincipalKey(key)) {
      return values.map((v) => finding('weakens', 'exemption-added', `${code(v)} is now exempt from ${sid} (${key} ${operator})`));
    }
    if (deny && !added && negated && isPrincipalKey(key)) {
      return values.map((v) => finding('strengthens', 'exemption-removed', `${code(v)} is no longer exempt from ${sid} (${key} ${operator})`));
    }
    return [scopeFinding(deny, !added, words, label, finding)];
  }
  const added = [...after].filter((v) => !before.has(v));
  const removed = [...before].filter((v) => !after.has(v));
  if (added.length === 0 && removed.length === 0) return [];
  const numeric = numericChange(operator, removed, added);
  if (numeric !== undefined) {
    // NumericLessThan 30 -> 7: the statement now matches fewer requests.
    const words = `condition ${key} ${operator} ${removed[0]} -> ${added[0]}`;
    return [scopeFinding(deny, numeric === 'wider', words, label, finding)];
  }
  if (!/^(ForAllValues:|ForAnyValue:)?(String|Arn)/.test(operator)) {
    // Bool, Null, dates, addresses: no order between the values, so any change is shown as a weakening to be looked at.
    return [finding('weakens', deny ? 'deny-narrowed' : 'allow-widened', `${label}: condition ${key} ${operator} changed from ${codes(removed)} to ${codes(added)}; check what it now matches`)];
  }
  const findings: Finding[] = [];
  // More values under a positive operator: the statement matches more; under a negated one, fewer.
  if (added.length > 0) {
    if (deny && negated && isPrincipalKey(key)) findings.push(...added.map((v) => finding('weakens', 'exemption-added', `${code(v)} is now exempt from ${sid} (${key} ${operator})`)));
    else findings.push(scopeFinding(deny, !negated, `condition ${key} ${operator} ${codes(added)} added`, label, finding));
  }
  if (removed.length > 0) {
    if (deny && negated && isPrincipalKey(key)) findings.push(...removed.map((v) => finding('strengthens', 'exemption-removed', `${code(v)} is no longer exempt from ${sid} (${key} ${operator})`)));
    else findings.push(scopeFinding(deny, negated, `condition ${key} ${operator} ${codes(removed)} removed`, label, finding));
  }
  return findings;
}

function numericChange(operator: string, removed: string[], added: string[]): 'wider' | 'narrower' | undefined {
  if (removed.length !== 1 || added.length !== 1) return undefined;
  const [a, b] = [Number(removed[0]), Number(added[0])];
  if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  if (/^NumericLessThan/.test(operator)) return b > a ? 'wider' : 'narrower';
  if (/^NumericGreaterThan/.test(operator)) return b < a ? 'wider' : 'narrower';
  return undefined;
}

/** Every pair of documents by id, and the findings of each. New documents in new stacks are creations, not changes. */
export function diffPolicyDocuments(before: readonly PolicyDocumentView[], after: readonly PolicyDocumentView[], baseStacks: ReadonlySet<string>, currentStacks: ReadonlySet<string>): Finding[] {
  const was = new Map(before.map((d) => [d.id, d]));
  const now = new Map(after.map((d) => [d.id, d]));
  const findings: Finding[] = [];
  for (const [id, d] of was) {
    if (!now.has(id) && !currentStacks.has(d.stack)) continue; // the whole account is gone: flagged as such
    const after = now.get(id)?.document;
    // The same JSON text is the same canonical text; JSON.stringify is native and several times
    // faster than canonical(), which is needed only for documents that differ in key order.
    if (after !== undefined && JSON.stringify(d.document) === JSON.stringify(after)) continue;
    if (canonical(d.document) === canonical(after)) continue;
    findings.push(...diffPolicyDocument(d, now.get(id)));
  }
  for (const [id, d] of now) {
    if (was.has(id) || !baseStacks.has(d.stack)) continue;
    findings.push({ effect: 'neutral', kind: 'policy-added', stack: d.stack, subject: d.address, text: `${d.kind} ${code(d.address)}: new, with ${statementsOf(d.document).map((s) => `${s.effect} ${code(s.label)}`).join(', ')}` });
  }
  return findings;
}
