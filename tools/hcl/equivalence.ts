/**
 * Does a stack's HCL mean what its JSON means? Both are brought to one shape and compared leaf by
 * leaf. The normalization, and nothing more:
 * - a list holding one object becomes the object (HCL blocks parse as lists; CDKTF writes single
 *   blocks such as `lifecycle` as objects in JSON);
 * - CDKTF's `//` metadata keys (JSON only) are dropped;
 * - `provider`, `depends_on`, `ignore_changes` and `replace_triggered_by` hold references, which the
 *   JSON syntax writes as bare strings and HCL as expressions: both become `${reference}`;
 * - policy documents (`policy`, `assume_role_policy`, `content`), plain JSON or `jsonencode(...)`,
 *   are compared as parsed documents;
 * - other expressions are compared with the spaces between their tokens removed.
 */
import { readJsonDocument } from '../../output/terraform-expression';

const REFERENCE_KEYS = new Set(['provider', 'depends_on', 'ignore_changes', 'replace_triggered_by']);
const DOCUMENT_KEYS = new Set(['policy', 'assume_role_policy', 'content']);

export interface Equivalence {
  readonly resources: number;
  readonly dataSources: number;
  /** Leaf values compared (strings, numbers, booleans, nulls), parsed documents included. */
  readonly values: number;
  /** Policy documents compared as parsed JSON. */
  readonly documents: number;
  /** `path: json value != hcl value`, empty when equivalent. */
  readonly differences: string[];
}

export function compareStack(json: unknown, hcl: unknown): Equivalence {
  const counts = { values: 0, documents: 0 };
  const left = normalize(json, '', counts);
  const right = normalize(hcl, '', { values: 0, documents: 0 });
  const differences: string[] = [];
  diff(left, right, '', differences);
  const count = (node: unknown, kind: string) =>
    Object.values(((node as Record<string, unknown>)?.[kind] ?? {}) as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
  return { resources: count(left, 'resource'), dataSources: count(left, 'data'), values: counts.values, documents: counts.documents, differences };
}

function normalize(node: unknown, key: string, counts: { values: number; documents: number }): unknown {
  if (Array.isArray(node)) {
    if (node.length === 1 && node[0] !== null && typeof node[0] === 'object' && !Array.isArray(node[0])) {
      return normalize(node[0], key, counts);
    }
    return node.map((item) => normalize(item, key, counts));
  }
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k]) => k !== '//')
        .map(([k, v]) => [k, normalize(v, k, counts)]),
    );
  }
  if (typeof node === 'string') {
    if (DOCUMENT_KEYS.has(key) && /^(\$\{jsonencode\(|\{)/.test(node)) {
      counts.documents++;
      return normalize(readJsonDocument(node), '', counts);
    }
    counts.values++;
    if (REFERENCE_KEYS.has(key)) return node.startsWith('${') ? compact(node) : `\${${compact(node)}}`;
    return node.includes('${') ? compact(node) : node;
  }
  counts.values++;
  return node;
}

/** Removes spaces outside quoted strings: `${f(a, "b c")}` -> `${f(a,"b c")}`. */
function compact(expression: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === '"' && expression[i - 1] !== '\\') quoted = !quoted;
    if (!quoted && /\s/.test(c)) continue;
    out += c;
  }
  return out;
}

function diff(a: unknown, b: unknown, at: string, out: string[]): void {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    if (Array.isArray(a) !== Array.isArray(b)) {
      out.push(`${at}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`);
      return;
    }
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`, out);
    return;
  }
  if (a !== b) out.push(`${at}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`);
}
