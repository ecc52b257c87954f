/**
 * The BACKUP_POLICY document of the published `organization-policy` module, derived from the app's own
 * document builder (`buildBackupPolicyDocument`) rather than written a second time in HCL.
 *
 * The builder is run on symbolic inputs: every value is the Terraform expression that holds it in the
 * module (`${rule.schedule}`, `${var.central_vault_arns[region]}`), one symbolic region and one
 * symbolic rule. What comes out is the document's shape with expressions for values:
 * - an object whose key refers to a loop variable not bound yet (`${region}`, `${rule.name}`)
 *   becomes a `for` expression over that variable's list (`var.regions`, `var.rules`);
 * - a property the builder writes only when an optional input is set is found by running the builder
 *   again without that input: what disappears is written as `merge(..., x != null ? { ... } : {})`.
 * The result is both printed as HCL (for the module) and evaluated here (for the offline test that
 * compares it with the app's document); `terraform console` evaluates the printed HCL where a
 * terraform binary is present.
 *
 * This is the one escape hatch of the module: CDKTF's iterators render a `for` expression over one
 * list, not nested ones with conditional members, so the expression is written as a `locals` entry
 * that the policy's content references (`local.backup_policy_plans`).
 */
import { buildBackupPolicyDocument, type PolicyRule } from '../../modules/management/backup-policy-document';

/** A loop of the document: the HCL iteration variable and the list it runs over. */
const LOOPS: Readonly<Record<string, string>> = { region: 'var.regions', rule: 'var.rules' };

/** Marks a list input: `[...x]` of it yields one element naming the whole list. */
const LIST = '\u0000list:';

/** A module input of a rule: its attribute in `var.rules`, and whether it may be null. */
interface RuleField {
  readonly attribute: string;
  readonly optional: boolean;
  readonly fields?: Readonly<Record<string, RuleField>>;
}

const LIFECYCLE_FIELDS = {
  moveToColdStorageAfterDays: { attribute: 'move_to_cold_storage_after_days', optional: true },
  deleteAfterDays: { attribute: 'delete_after_days', optional: true },
} as const satisfies Record<string, RuleField>;

/**
 * Every field of the app's rule and the module attribute that carries it, or null where the module
 * does not take it (yet): a configuration that sets such a field has no module equivalent. Keyed by
 * `PolicyRule`, so a field added to the builder's rule does not compile until the module says how it
 * takes it.
 */
export const RULE_FIELDS: Readonly<Record<keyof PolicyRule, RuleField | null>> = {
  name: { attribute: 'name', optional: false },
  schedule: { attribute: 'schedule', optional: false },
  startWindowMinutes: { attribute: 'start_window_minutes', optional: false },
  completionWindowMinutes: { attribute: 'completion_window_minutes', optional: false },
  lifecycle: { attribute: 'lifecycle', optional: false, fields: LIFECYCLE_FIELDS },
  copyToBackupAccount: { attribute: 'copy_to_backup_account', optional: true, fields: LIFECYCLE_FIELDS },
  malwareScan: null,
  backupIndex: null,
  continuousBackup: null,
  copyToAirGappedVault: { attribute: 'copy_to_air_gapped_vault', optional: true, fields: { deleteAfterDays: { attribute: 'delete_after_days', optional: false } } },
};

/** The fields the module takes. */
const MODULE_RULE_FIELDS: Readonly<Record<string, RuleField>> = Object.fromEntries(
  Object.entries(RULE_FIELDS).filter((entry): entry is [string, RuleField] => entry[1] !== null),
);

/** Rule fields a configuration sets that the module cannot express. */
export function unsupportedRuleFields(rule: PolicyRule): string[] {
  return Object.entries(RULE_FIELDS)
    .filter(([key, field]) => field === null && (rule as unknown as Record<string, unknown>)[key] !== undefined)
    .map(([key]) => key);
}

/** The Terraform type of one element of `var.rules`, from the same table. */
export function ruleObjectType(): string {
  const typeOf = (fields: Readonly<Record<string, RuleField>>, indent: string): string => {
    const lines = Object.entries(fields).map(([key, field]) => {
      const inner = field.fields ? typeOf(field.fields, `${indent}  `) : SCALAR_TYPES[key] ?? 'number';
      return `${indent}  ${field.attribute} = ${field.optional ? `optional(${inner})` : inner}`;
    });
    return `object({\n${lines.join('\n')}\n${indent}})`;
  };
  return typeOf(MODULE_RULE_FIELDS, '');
}

const SCALAR_TYPES: Readonly<Record<string, string>> = { name: 'string', schedule: 'string' };

// ---------------------------------------------------------------------------------------------
// The expression tree

type Part = string | { readonly expr: string };

export type Expr =
  | { readonly kind: 'string'; readonly parts: readonly Part[] }
  | { readonly kind: 'list'; readonly items: readonly Expr[] }
  | { readonly kind: 'listOf'; readonly expr: string }
  | { readonly kind: 'object'; readonly entries: readonly Entry[] }
  | { readonly kind: 'for'; readonly variable: string; readonly collection: string; readonly key: Expr; readonly value: Expr };

export interface Entry {
  readonly key: Expr;
  readonly value: Expr;
  /** When the entry exists, given that its object does: always, or when all / any of the inputs are non-null. */
  readonly when: Presence;
}

export type Presence = { readonly kind: 'always' } | { readonly kind: 'all' | 'any'; readonly inputs: readonly string[] };

/**
 * The module's document, `{ plans = ... }` without the `plans` wrapper: the plans expression.
 *
 * Which optional inputs an entry depends on is found by building the document for every combination
 * of the rule's optional inputs present or absent (a handful: 2^n builds of a one-rule document).
 * An entry whose presence, among the builds where its object exists, is neither fixed, nor "all of
 * these inputs", nor "any of them", cannot be written as a condition here and fails the build.
 */
export function backupPolicyPlansTemplate(): Expr {
  const optional = optionalPaths(MODULE_RULE_FIELDS, []);
  const builds = Array.from({ length: 2 ** optional.length }, (_, mask) => {
    const omitted = optional.filter((_, bit) => !(mask & (1 << bit)));
    return { mask, document: symbolicDocument(symbolicRule(omitted)) };
  });
  const full = builds[builds.length - 1].document;
  for (const { document } of builds) {
    const extra = removedPaths(document, full, []);
    if (extra.length > 0) throw new Error(`policy template: ${extra[0].join('.')} appears only when an input is absent`);
  }
  const presence = (entry: readonly string[]): Presence => {
    const parent = entry.slice(0, -1);
    const cases = builds.filter((b) => at(b.document, parent) !== undefined).map((b) => ({ mask: b.mask, present: at(b.document, entry) !== undefined }));
    const relevant = optional
      .map((_, bit) => bit)
      .filter((bit) => cases.some((c) => cases.some((d) => d.mask === (c.mask ^ (1 << bit)) && d.present !== c.present)));
    if (relevant.length === 0) return { kind: 'always' };
    const inputs = relevant.map((bit) => hclPath(optional[bit]));
    const set = (mask: number) => relevant.map((bit) => (mask & (1 << bit)) !== 0);
    if (cases.every((c) => c.present === set(c.mask).every(Boolean))) return { kind: 'all', inputs };
    if (cases.every((c) => c.present === set(c.mask).some(Boolean))) return { kind: 'any', inputs };
    throw new Error(`policy template: ${entry.join('.')} depends on ${inputs.join(', ')} in a way a condition here cannot say`);
  };
  const plans = (full as { plans: unknown }).plans;
  return toExpr(plans, ['plans'], new Set(), presence);
}

function at(document: unknown, path: readonly string[]): unknown {
  let value = document;
  for (const key of path) value = isObject(value) ? value[key] : undefined;
  return value;
}

function symbolicDocument(rule: PolicyRule): object {
  const arns = (variable: string) => ({ '${region}': { key: `\${${variable}[region]}`, arn: `\${${variable}[region]}` } });
  return buildBackupPolicyDocument({
    name: '${var.name}',
    regions: ['${region}'],
    partition: '${local.partition}',
    roleName: '${var.backup_role_name}',
    vaultName: '${var.vault_name}',
    selection: { tagKey: '${var.selection.tag_key}', tagValues: [`${LIST}var.selection.tag_values`] },
    rules: [rule],
    copyTargets: arns('var.central_vault_arns'),
    airGappedTargets: arns('var.air_gapped_vault_arns'),
  });
}

/** The symbolic rule, without the optional fields at the `omit` paths. */
function symbolicRule(omit: readonly (readonly string[])[]): PolicyRule {
  const omitted = new Set(omit.map((p) => p.join('.')));
  const build = (fields: Readonly<Record<string, RuleField>>, at: readonly string[], hcl: string): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(fields)
        .filter(([key]) => !omitted.has([...at, key].join('.')))
        .map(([key, field]) => [key, field.fields ? build(field.fields, [...at, key], `${hcl}.${field.attribute}`) : `\${${hcl}.${field.attribute}}`]),
    );
  return build(MODULE_RULE_FIELDS, [], 'rule') as unknown as PolicyRule;
}

function optionalPaths(fields: Readonly<Record<string, RuleField>>, at: readonly string[]): string[][] {
  return Object.entries(fields).flatMap(([key, field]) => [
    ...(field.optional ? [[...at, key]] : []),
    ...(field.fields ? optionalPaths(field.fields, [...at, key]) : []),
  ]);
}

function hclPath(path: readonly string[]): string {
  let fields: Readonly<Record<string, RuleField>> | undefined = MODULE_RULE_FIELDS;
  const parts = ['rule'];
  for (const key of path) {
    const field: RuleField = fields![key];
    parts.push(field.attribute);
    fields = field.fields;
  }
  return parts.join('.');
}

/** Object paths present in `full` but not in `without` (the outermost of each). */
function removedPaths(full: unknown, without: unknown, at: readonly string[]): string[][] {
  if (!isObject(full) || !isObject(without)) return [];
  return Object.entries(full).flatMap(([key, value]) =>
    key in without ? removedPaths(value, without[key], [...at, key]) : [[...at, key]],
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function toExpr(value: unknown, path: readonly string[], bound: ReadonlySet<string>, presence: (entry: readonly string[]) => Presence): Expr {
  if (typeof value === 'string') return stringExpr(value);
  if (Array.isArray(value)) {
    if (value.length === 1 && typeof value[0] === 'string' && value[0].startsWith(LIST)) return { kind: 'listOf', expr: value[0].slice(LIST.length) };
    return { kind: 'list', items: value.map((item, i) => toExpr(item, [...path, String(i)], bound, presence)) };
  }
  if (!isObject(value)) throw new Error(`policy template: unexpected ${typeof value} at ${path.join('.')}`);
  const entries = Object.entries(value);
  const loops = entries.flatMap(([key]) => freeLoopVariables(key, bound));
  if (loops.length > 0) {
    if (entries.length !== 1 || new Set(loops).size !== 1) throw new Error(`policy template: ${path.join('.')} mixes a loop with other keys`);
    const [key, inner] = entries[0];
    const variable = loops[0];
    const inside = new Set([...bound, variable]);
    return { kind: 'for', variable, collection: LOOPS[variable], key: stringExpr(key), value: toExpr(inner, [...path, key], inside, presence) };
  }
  return {
    kind: 'object',
    entries: entries.map(([key, inner]) => ({
      key: stringExpr(key),
      value: toExpr(inner, [...path, key], bound, presence),
      when: presence([...path, key]),
    })),
  };
}

function stringExpr(text: string): Expr {
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
    if (match.index! > last) parts.push(text.slice(last, match.index));
    parts.push({ expr: match[1] });
    last = match.index! + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { kind: 'string', parts };
}

function freeLoopVariables(key: string, bound: ReadonlySet<string>): string[] {
  return [...key.matchAll(/\$\{([A-Za-z_]\w*)/g)].map((m) => m[1]).filter((root) => root in LOOPS && !bound.has(root));
}

// ---------------------------------------------------------------------------------------------
// Printing as HCL

/** The expression as HCL text, one object member per line (the module formatter lays it out). */
export function printExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'string':
      return printString(expr.parts);
    case 'list':
      return `[${expr.items.map(printExpr).join(', ')}]`;
    case 'listOf':
      return expr.expr;
    case 'for':
      return `{\nfor ${expr.variable} in ${expr.collection} : ${printKey(expr.key)} => ${printExpr(expr.value)}\n}`;
    case 'object': {
      const members = (entries: readonly Entry[]) =>
        entries.length === 0 ? '{}' : `{\n${entries.map((e) => `${printKey(e.key)} = ${printExpr(e.value)}`).join('\n')}\n}`;
      const always = expr.entries.filter((e) => e.when.kind === 'always');
      const optional = expr.entries.filter((e) => e.when.kind !== 'always');
      if (optional.length === 0) return members(always);
      const parts = [members(always), ...optional.map((e) => `${printPresence(e.when)} ? ${members([e])} : {}`)];
      return `merge(\n${parts.join(',\n')},\n)`;
    }
  }
}

function printPresence(presence: Presence): string {
  if (presence.kind === 'always') return 'true';
  // HCL evaluates both sides of && and ||: each side is a plain null test, safe on its own.
  return presence.inputs.map((input) => `${input} != null`).join(presence.kind === 'all' ? ' && ' : ' || ');
}

/** A string: a lone interpolation is `tostring(x)` (a lone `"${x}"` keeps x's type in HCL). */
function printString(parts: readonly Part[]): string {
  if (parts.length === 1 && typeof parts[0] !== 'string') return `tostring(${parts[0].expr})`;
  return `"${parts.map((p) => (typeof p === 'string' ? escapeTemplate(p) : `\${${p.expr}}`)).join('')}"`;
}

function printKey(key: Expr): string {
  if (key.kind !== 'string') throw new Error('policy template: an object key must be a string');
  if (key.parts.length === 1 && typeof key.parts[0] === 'string' && /^[A-Za-z_][\w-]*$/.test(key.parts[0])) return key.parts[0];
  // A key that is one expression is written in parentheses, as HCL requires for a computed key.
  if (key.parts.length === 1 && typeof key.parts[0] !== 'string') return `(${key.parts[0].expr})`;
  return printString(key.parts);
}

function escapeTemplate(text: string): string {
  return JSON.stringify(text).slice(1, -1).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

// ---------------------------------------------------------------------------------------------
// Evaluating here, for the offline comparison with the app's document

export type Scope = Readonly<Record<string, unknown>>;

/** The expression's value for the given inputs (`var`, `local`), as Terraform would compute it. */
export function evaluate(expr: Expr, scope: Scope): unknown {
  switch (expr.kind) {
    case 'string':
      return expr.parts.map((p) => (typeof p === 'string' ? p : String(lookup(p.expr, scope)))).join('');
    case 'list':
      return expr.items.map((item) => evaluate(item, scope));
    case 'listOf':
      return lookup(expr.expr, scope);
    case 'for': {
      const collection = lookup(expr.collection, scope);
      if (!Array.isArray(collection)) throw new Error(`${expr.collection} is not a list`);
      return Object.fromEntries(
        collection.map((item) => {
          const inner = { ...scope, [expr.variable]: item };
          return [evaluate(expr.key, inner), evaluate(expr.value, inner)];
        }),
      );
    }
    case 'object':
      return Object.fromEntries(
        expr.entries
          .filter((e) => isPresent(e.when, scope))
          .map((e) => [evaluate(e.key, scope), evaluate(e.value, scope)]),
      );
  }
}

function isPresent(presence: Presence, scope: Scope): boolean {
  if (presence.kind === 'always') return true;
  const set = presence.inputs.map((input) => lookup(input, scope) !== null && lookup(input, scope) !== undefined);
  return presence.kind === 'all' ? set.every(Boolean) : set.some(Boolean);
}

/** `a.b[c].d`: attribute access and an index by a variable of the scope. */
function lookup(path: string, scope: Scope): unknown {
  const steps = [...path.matchAll(/([A-Za-z_]\w*)|\[([A-Za-z_]\w*)\]/g)];
  let value: unknown = scope;
  for (const [, name, index] of steps) {
    const key = name ?? String(lookup(index, scope));
    value = isObject(value) ? value[key] : undefined;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Module inputs from the app's configuration

/** A rule of the app as an element of the module's `var.rules` (unset optional fields left out). */
export function moduleRule(rule: PolicyRule): Record<string, unknown> {
  const convert = (value: Record<string, unknown>, fields: Readonly<Record<string, RuleField>>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(fields)
        .filter(([key]) => value[key] !== undefined)
        .map(([key, field]) => [field.attribute, field.fields ? convert(value[key] as Record<string, unknown>, field.fields) : value[key]]),
    );
  const unsupported = unsupportedRuleFields(rule);
  if (unsupported.length > 0) throw new Error(`rule ${rule.name}: the organization-policy module does not take ${unsupported.join(', ')}`);
  return convert(rule as unknown as Record<string, unknown>, MODULE_RULE_FIELDS);
}
