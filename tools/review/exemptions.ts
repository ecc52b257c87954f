/**
 * Every principal a Deny spares, per policy document: the values of `aws:PrincipalArn`,
 * `aws:userid` and the other principal keys under a negated operator (ArnNotLike, StringNotEquals,
 * ...), with the Sids that spare each. A reviewer sees the whole list, never just the first.
 */
import type { PolicyDocumentView } from './documents';
import { memoized } from './memo';
import { statementsOf } from './policy-diff';

export interface Exemption {
  readonly principal: string;
  /** The condition key and operator it is matched by. */
  readonly by: string;
  /** The Deny statements it is exempt from. */
  readonly from: readonly string[];
}

export interface DocumentExemptions {
  readonly document: PolicyDocumentView;
  readonly exemptions: readonly Exemption[];
}

const PRINCIPAL_KEY = /^aws:(principal|userid|sourceaccount|sourcearn|calledvia)/;

/**
 * Whether a raw statement could spare anyone: a Deny (as statementsOf reads the effect) with a
 * negated condition operator, or anything not shaped as a statement. Most documents of an
 * organization (trust policies, key and topic policies) have none, and need no normalizing here.
 */
function maySpare(statement: unknown): boolean {
  if (statement === null || typeof statement !== 'object' || Array.isArray(statement)) return true;
  const s = statement as { Effect?: unknown; Condition?: unknown };
  if (String(s.Effect ?? 'Allow') !== 'Deny') return false;
  if (s.Condition === undefined || s.Condition === null) return false;
  if (typeof s.Condition !== 'object' || Array.isArray(s.Condition)) return true;
  return Object.keys(s.Condition).some((operator) => /Not/.test(operator));
}

export function exemptionsOf(document: PolicyDocumentView): Exemption[] {
  const raw = document.document.Statement;
  if (!(Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).some(maySpare)) return [];
  const byPrincipal = new Map<string, { principal: string; by: string; from: string[] }>();
  for (const s of statementsOf(document.document)) {
    if (s.effect !== 'Deny') continue;
    for (const [conditionKey, values] of s.conditions) {
      const operator = conditionKey.split(' ')[0];
      const key = conditionKey.slice(operator.length + 1);
      if (!/Not/.test(operator) || !PRINCIPAL_KEY.test(key)) continue;
      for (const principal of values) {
        const id = `${principal}\u0000${key} ${operator}`;
        const entry = byPrincipal.get(id) ?? { principal, by: `${key} ${operator}`, from: [] };
        entry.from.push(s.label);
        byPrincipal.set(id, entry);
      }
    }
  }
  return [...byPrincipal.values()];
}

/** Each list of documents' exemptions, found once: every rendering of the report and review.json ask. */
const found = new WeakMap<readonly PolicyDocumentView[], readonly DocumentExemptions[]>();

/** The documents with at least one exemption: vault access policies, key policies, SCPs. */
export function allExemptions(documents: readonly PolicyDocumentView[]): readonly DocumentExemptions[] {
  return memoized(found, documents, () => documents.map((document) => ({ document, exemptions: exemptionsOf(document) })).filter((d) => d.exemptions.length > 0));
}
