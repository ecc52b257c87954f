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
      const document = readDocument(item);
      lines.push(`**\`${address}\`** (\`${item.name}\`):`, '');
      for (const statement of document.Statement) lines.push(`- ${statementInWords(statement)}`);
      lines.push('');
    }
  }
  return lines;
}

function readDocument(attribute: Attribute): { Statement: Statement[] } {
  const text = printHcl([attribute]).replace(/^\w+\s*=\s*/, '').trim();
  const value = text.startsWith('jsonencode(') ? readJsonDocument(`\${${text}}`) : JSON.parse(JSON.parse(text) as string);
  return value as { Statement: Statement[] };
}

export function statementInWords(statement: Statement): string {
  const verb = statement.Effect === 'Allow' ? 'allows' : 'denies';
  const actions = list(statement.Action).map(code).join(', ');
  const conditions = Object.entries(statement.Condition ?? {}).flatMap(([operator, keys]) =>
    Object.entries(keys).map(([key, values]) => conditionInWords(operator, key, values)),
  );
  const sid = statement.Sid ? `**${statement.Sid}**: ` : '';
  return `${sid}${verb} ${actions} to ${principals(statement.Principal)}${conditions.length > 0 ? `, ${conditions.join(', and ')}` : ''}.`;
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
  const shown = list(values as string | string[]).map(code);
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

function list<T>(value: T | readonly T[]): T[] {
  return Array.isArray(value) ? [...value] : [value as T];
}

/** A value as code, with the module's own expressions named plainly. */
function code(value: unknown): string {
  const text = String(value)
    .replace(/\$\{data\.aws_partition\.current(\[0\])?\.partition\}/g, '<partition>')
    .replace(/\$\{data\.aws_caller_identity\.current(\[0\])?\.account_id\}/g, '<this account>')
    .replace(/\$\{data\.aws_region\.current(\[0\])?\.region\}/g, '<region>')
    .replace(/\$\{\(data\.aws_partition[^}]*\}/g, '<dns suffix>')
    .replace(/^\$\{(var\.[\w]+)\}$/, '$1')
    .replace(/\$\{var\.(\w+)\}/g, '<$1>');
  return `\`${text}\``;
}
