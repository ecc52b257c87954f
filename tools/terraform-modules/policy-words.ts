/**
 * The policies a published module creates, in plain words for its README: read back from the
 * module's own HCL (so the words cannot drift from what Terraform receives), one line per
 * statement: who may or may not do what, and under which condition.
 */
import { readJsonDocument } from '../../output/terraform-expression';
import { printHcl, type Attribute, type Block } from '../hcl/document';

const POLICY_ATTRIBUTES = ['policy', 'assume_role_policy'];

interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | Record<string, string | string[]>;
  readonly Action: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** One section per policy document of the module: `resource.attribute`, then a line per statement. */
export function policiesInWords(blocks: readonly Block[]): string[] {
  const lines: string[] = [];
  for (const block of blocks.filter((b) => b.type === 'resource')) {
    const address = block.labels.map((l) => l.replace(/"/g, '')).join('.');
    for (const item of block.body) {
      if (item.kind !== 'attribute' || !POLICY_ATTRIBUTES.includes(item.name)) continue;
      lines.push(`**\`${address}\`** (\`${item.name}\`):`, '');
      for (const statement of moduleStatements(item)) lines.push(`- ${statementInWords(statement)}`);
      lines.push('');
    }
  }
  return lines;
}

/**
 * The statements of a module's policy argument, each with what it holds when every list input has
 * members (a `merge(...)` built at plan time is read as its literal part plus its conditional part).
 */
export function moduleStatements(attribute: Attribute): Statement[] {
  return readDocument(attribute).Statement.map(planTimeStatement);
}

function readDocument(attribute: Attribute): { Statement: Statement[] } {
  const text = printHcl([attribute]).replace(/^\w+\s*=\s*/, '').trim();
  const value = text.startsWith('jsonencode(') ? readJsonDocument(`\${${text}}`) : JSON.parse(JSON.parse(text) as string);
  return value as { Statement: Statement[] };
}

/**
 * A statement or condition block the module builds at plan time, `merge(<literal>, <test> ? <more> : {})`
 * (an exemption present only when its list is not empty): its literal part, with the conditional
 * part's members marked as such.
 */
function planTimeStatement(statement: Statement | string): Statement {
  const literal = (value: unknown): Record<string, unknown> | undefined => {
    if (typeof value !== 'string') return undefined;
    const match = /^\$\{merge\(([\s\S]*)\)\}$/.exec(value);
    if (!match) return undefined;
    const [first, rest] = splitFirstArgument(match[1]);
    const base = readJsonDocument(`\${jsonencode(${first})}`) as Record<string, unknown>;
    const conditional = /\?\s*([\s\S]*)\s*:\s*\{\s*\}\s*$/.exec(rest);
    const extra = conditional ? (readJsonDocument(`\${jsonencode(${conditional[1].trim()})}`) as Record<string, unknown>) : {};
    return Object.assign({ ...base, ...extra }, { [IF_ANY]: true });
  };
  const whole = literal(statement);
  const s = (whole ?? statement) as Statement & Record<string, unknown>;
  const condition = literal(s.Condition);
  return condition ? (Object.assign({ ...s, Condition: condition }, { [IF_ANY]: true }) as unknown as Statement) : s;
}

/** Marks a statement whose exemption exists only when `break_glass_role_arns` is not empty. */
const IF_ANY = Symbol('exemption only when break_glass_role_arns is not empty');

function splitFirstArgument(args: string): [string, string] {
  const [first, ...rest] = splitArguments(args);
  return [first, rest.join(',')];
}

/** The arguments of a call, split at the commas outside brackets and strings. */
function splitArguments(args: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(args.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(args.slice(start));
  return parts;
}

export function statementInWords(statement: Statement): string {
  const verb = statement.Effect === 'Allow' ? 'allows' : 'denies';
  const actions = list(statement.Action).map(code).join(', ');
  const conditions = Object.entries(statement.Condition ?? {}).flatMap(([operator, keys]) =>
    Object.entries(keys).map(([key, values]) => conditionInWords(operator, key, values)),
  );
  const sid = statement.Sid ? `**${statement.Sid}**: ` : '';
  const onlyIfAny = (statement as unknown as Record<symbol, unknown>)[IF_ANY] ? ' (the exemption exists only when `break_glass_role_arns` is not empty)' : '';
  return `${sid}${verb} ${actions} to ${principals(statement.Principal)}${conditions.length > 0 ? `, ${conditions.join(', and ')}` : ''}${onlyIfAny}.`;
}

function principals(principal: Statement['Principal']): string {
  if (principal === undefined) return 'the principals of the identity policy';
  if (principal === '*') return 'every principal';
  return Object.entries(principal)
    .flatMap(([kind, values]) => list(values).map((v) => (v === '*' ? 'every principal' : kind === 'Service' ? `the service ${code(v)}` : code(v))))
    .join(', ');
}

const NEGATED = /Not(Equals|Like)$|NotEquals/;

function conditionInWords(operator: string, key: string, values: unknown): string {
  const shown = list(values as string | string[]).flatMap((v) => expandConcat(String(v))).map(code);
  const base = operator.replace(/^For(AllValues|AnyValue):/, '');
  const like = /Like$/.test(base) ? 'matches' : 'is';
  const oneOf = shown.length > 1 ? `one of ${shown.join(', ')}` : (shown[0] ?? 'nothing');
  // A negated operator under a set quantifier negates each value: "for all values, not like P".
  if (operator.startsWith('ForAllValues:')) {
    return NEGATED.test(base) ? `when no value of ${code(key)} ${like} ${oneOf}` : `when every value of ${code(key)} ${like} ${oneOf}`;
  }
  if (operator.startsWith('ForAnyValue:')) {
    return NEGATED.test(base) ? `when some value of ${code(key)} ${like === 'is' ? 'is not' : 'does not match'} ${oneOf}` : `when some value of ${code(key)} ${like} ${oneOf}`;
  }
  if (base === 'Bool') return `when ${code(key)} is ${shown.join(' or ')}`;
  if (base === 'Null') return `when ${code(key)} is ${shown[0] === '`true`' ? 'absent' : 'present'}`;
  if (base.startsWith('Numeric')) {
    const op = { NumericLessThan: '<', NumericLessThanEquals: '<=', NumericGreaterThan: '>', NumericGreaterThanEquals: '>=', NumericEquals: '=', NumericNotEquals: '!=' }[base] ?? base;
    return `when ${code(key)} ${op} ${shown.join(' or ')}`;
  }
  return NEGATED.test(base) ? `unless ${code(key)} ${like} ${oneOf}` : `when ${code(key)} ${like} ${oneOf}`;
}

/** `${join("", ["arn:", data.x.y, ...])}` as the template it stands for: `arn:${data.x.y}...`. */
function joined(value: string): string {
  const match = /^\$\{join\("", \[([\s\S]*)\]\)\}$/.exec(value);
  if (!match) return value;
  return splitArguments(match[1])
    .map((part) => part.trim())
    .map((part) => (part.startsWith('"') ? (JSON.parse(part) as string) : `\${${part}}`))
    .join('');
}

/** `concat(var.x, ["a", "b"])` as its members: `each of x`, then the literal ARNs. */
function expandConcat(value: string): string[] {
  const match = /^\$\{concat\(([\s\S]*)\)\}$/.exec(value);
  if (!match) return [value];
  return splitArguments(match[1])
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .flatMap((part) => {
      const variable = /^var\.(\w+)$/.exec(part);
      if (variable) return [`each of <${variable[1]}>`];
      const items = readJsonDocument(`\${jsonencode(${part})}`);
      return Array.isArray(items) ? items.map(String) : [String(items)];
    });
}

function list<T>(value: T | readonly T[]): T[] {
  return Array.isArray(value) ? [...value] : [value as T];
}

/** A value as code, with the module's own expressions named plainly. */
function code(value: unknown): string {
  const text = joined(String(value))
    .replace(/\$\{data\.aws_partition\.current(\[0\])?\.partition\}/g, '<partition>')
    .replace(/\$\{data\.aws_caller_identity\.current(\[0\])?\.account_id\}/g, '<this account>')
    .replace(/\$\{data\.aws_region\.current(\[0\])?\.region\}/g, '<region>')
    .replace(/\$\{\(data\.aws_partition[^}]*\}/g, '<dns suffix>')
    .replace(/^\$\{(var\.[\w]+)\}$/, '$1')
    .replace(/\$\{var\.(\w+)\}/g, '<$1>');
  return `\`${text}\``;
}
