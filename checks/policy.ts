/**
 * IAM policy documents as written in synthesized resources, normalized for the rules: every
 * single value becomes a list, and the document may be a JSON string or a `${jsonencode(...)}`
 * expression (values that are Terraform references stay as `${...}` strings).
 */
import { readJsonDocument } from '../output/terraform-expression';

export interface Statement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  /** `'*'` for `Principal: "*"`; otherwise principals by kind (`AWS`, `Service`, ...). */
  readonly principal?: '*' | Readonly<Record<string, readonly string[]>>;
  readonly notPrincipal: boolean;
  readonly actions: readonly string[];
  readonly notAction: boolean;
  /** Operator -> condition key -> values. */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** Parsed documents by their text: at organization scale most accounts carry the same policies. */
const parsed = new Map<string, readonly Statement[] | undefined>();

/** The statements of a policy attribute, or undefined when the value is not a readable policy. */
export function parsePolicy(value: unknown): readonly Statement[] | undefined {
  if (typeof value !== 'string') return undefined;
  if (!parsed.has(value)) parsed.set(value, parseDocument(value));
  return parsed.get(value);
}

function parseDocument(value: string): Statement[] | undefined {
  let document: unknown;
  try {
    document = readJsonDocument(value);
  } catch {
    return undefined;
  }
  const raw = (document as { Statement?: unknown })?.Statement;
  if (raw === undefined) return undefined;
  return (Array.isArray(raw) ? raw : [raw]).map((s) => normalize(s as Record<string, unknown>));
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => String(v));
}

function normalize(s: Record<string, unknown>): Statement {
  const rawPrincipal = s.Principal ?? s.NotPrincipal;
  const principal =
    rawPrincipal === undefined
      ? undefined
      : rawPrincipal === '*'
        ? ('*' as const)
        : Object.fromEntries(Object.entries(rawPrincipal as Record<string, unknown>).map(([kind, v]) => [kind, list(v)]));
  const conditions = Object.fromEntries(
    Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>).map(([op, entries]) => [
      op,
      Object.fromEntries(Object.entries(entries).map(([key, v]) => [key, list(v)])),
    ]),
  );
  return {
    sid: typeof s.Sid === 'string' ? s.Sid : undefined,
    effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
    principal,
    notPrincipal: s.NotPrincipal !== undefined,
    actions: list(s.Action ?? s.NotAction),
    notAction: s.NotAction !== undefined,
    conditions,
  };
}

/**
 * Compiled IAM wildcard patterns (`*` any run, `?` one character), by flags and pattern. The rules
 * match the same few patterns against every resource of the app, tens of thousands of times at
 * 10,000 accounts; compiling each once keeps that linear. Bounded: policies are data, so a
 * pathological output cannot grow it without limit.
 */
const compiled = { '': new Map<string, RegExp>(), i: new Map<string, RegExp>() };
const COMPILED_LIMIT = 10_000;

/** The whole-string regular expression of an IAM wildcard pattern. */
export function wildcardRegex(pattern: string, flags: '' | 'i' = ''): RegExp {
  // One map per flag, by the pattern itself: no key string is built for each of the many lookups.
  const cache = compiled[flags];
  let regex = cache.get(pattern);
  if (!regex) {
    regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, flags);
    if (compiled[''].size + compiled.i.size >= COMPILED_LIMIT) {
      compiled[''].clear();
      compiled.i.clear();
    }
    cache.set(pattern, regex);
  }
  return regex;
}

/** Line terminators, which `.` in a regular expression without the `s` flag does not match. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * `wildcardRegex(pattern).test(value)` (case-sensitive), without compiling an expression for the
 * two shapes that need none: no wildcard (the whole string, literally) and one `*` at the end only
 * (a literal prefix, then anything but a line terminator). A principal ARN pattern names its
 * account, so it differs in every account: at 1,000 accounts the EBS default key rule compiled
 * thousands of expressions, each used a few times.
 */
export function wildcardMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('?')) {
    const star = pattern.indexOf('*');
    if (star === -1) return value === pattern;
    if (star === pattern.length - 1) {
      const prefix = pattern.slice(0, -1);
      return value.startsWith(prefix) && !LINE_TERMINATOR.test(value.slice(prefix.length));
    }
  }
  return wildcardRegex(pattern).test(value);
}

/** Does an action pattern of the statement cover the action (IAM wildcards, case-insensitive)? */
export function coversAction(pattern: string, action: string): boolean {
  return wildcardRegex(pattern, 'i').test(action);
}

/** AWS principals named by the statement (`*` included), empty for service-only principals. */
export function awsPrincipals(statement: Statement): string[] {
  if (statement.principal === '*') return ['*'];
  return [...(statement.principal?.AWS ?? [])];
}

/** The account of an AWS principal: an ARN's account field or a bare account id; undefined for `*`. */
export function principalAccount(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  const account = principal.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/** Condition values for a key under any operator of the given names (keys compare case-insensitively). */
export function conditionValues(statement: Statement, operators: readonly string[], key: string): string[] | undefined {
  const wanted = key.toLowerCase();
  for (const op in statement.conditions) {
    if (!operators.includes(op)) continue;
    const entries = statement.conditions[op];
    for (const k in entries) {
      if (k.toLowerCase() === wanted) return [...entries[k]];
    }
  }
  return undefined;
}
