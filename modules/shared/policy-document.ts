/**
 * IAM-style policy documents as typed objects, serialized once.
 *
 * A document whose values are all literal becomes a plain JSON string (readable in cdk.tf.json and
 * in plan output). A document that holds Terraform tokens (remote-state values, variables) goes
 * through `jsonencode`, with literal keys only, so that both the JSON and the HCL synth are valid.
 */
import { Fn, Op, Token, Tokenization } from 'cdktf';

export type ConditionBlock = Record<string, Record<string, string | boolean | readonly string[]>>;

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | { readonly AWS?: string | readonly string[]; readonly Service?: string | readonly string[] };
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * Serializes any JSON document for a Terraform string argument (see the module comment). A value
 * that is itself a Terraform expression (a `merge` statement, a list) serializes to a placeholder
 * with no token marker in it, so each value is looked at before it is serialized, not only the
 * resulting string: a document whose only Terraform value is such an expression goes through
 * `jsonencode` too, rather than becoming JSON with the placeholder where a statement should be.
 */
export function renderJson(document: object): string {
  let unresolved = false;
  const json = JSON.stringify(document, function (this: Record<string, unknown>, key: string, value: unknown) {
    if (Token.isUnresolved(this[key])) unresolved = true;
    return value;
  });
  // A token in a key only (never a value) stays in the JSON string, which Terraform interpolates:
  // jsonencode would need the key literal.
  return unresolved ? Fn.jsonencode(document) : json;
}

/** Denies the actions on the resource to every principal outside the organization. */
export function denyReadOutsideOrganization(actions: string | readonly string[], resource: string | readonly string[], organizationId: string): PolicyStatement {
  return {
    Sid: 'DenyReadOutsideOrganization',
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: actions,
    Resource: resource,
    Condition: { StringNotEquals: { 'aws:PrincipalOrgID': organizationId } },
  };
}

/**
 * Denies the actions to every principal but the given roles, and, when their unique ids are known
 * (`roleIds`: role ARN to its `AROA...` id, read at plan time), a twin deny that exempts them by
 * `aws:userid` (`<RoleId>:*`, any session of the role). Two statements, because the conditions of
 * one statement are ANDed: `ArnNotLike` and `StringNotLike` together would deny only a principal
 * matching neither, so matching the ARN alone (a role deleted and re-created under the same name)
 * would stay exempt. Two denies OR their conditions: only a principal matching both the ARN and the
 * unique id of a role that existed at plan time is exempt. `conditions` narrow both denies.
 */
export function denyToAllButRoles(
  sid: string,
  actions: readonly string[],
  exemptRoleArns: readonly string[],
  roleIds?: Readonly<Record<string, string>>,
  conditions: ConditionBlock = {},
): PolicyStatement[] {
  const action = actions.length === 1 ? actions[0] : actions;
  const byArn: PolicyStatement =
    Object.keys(conditions).length === 0
      ? denyToAllExcept(sid, actions, exemptRoleArns)
      : { Sid: sid, Effect: 'Deny', Principal: { AWS: '*' }, Action: action, Resource: '*', Condition: withExemptRoles(conditions, exemptRoleArns) };
  if (roleIds === undefined || exemptRoleArns.length === 0) return [byArn];
  const ids = exemptRoleArns.map((arn) => {
    const id = roleIds[arn];
    if (id === undefined) throw new Error(`${sid}: no unique id for the exempt role ${arn}`);
    return `${id}:*`;
  });
  return [byArn, { Sid: `${sid}ByRoleId`, Effect: 'Deny', Principal: { AWS: '*' }, Action: actions, Resource: '*', Condition: { ...conditions, StringNotLike: { 'aws:userid': ids } } }];
}

/**
 * Denies the actions to every principal, the owning account's administrators included, except the
 * given roles. `aws:PrincipalArn` is the role ARN for any session of the role, and a condition
 * (unlike NotPrincipal) names roles that need not exist yet.
 */
export function denyToAllExcept(sid: string, actions: readonly string[], exemptRoleArns: readonly string[]): PolicyStatement {
  const statement: PolicyStatement = { Sid: sid, Effect: 'Deny', Principal: { AWS: '*' }, Action: actions, Resource: '*' };
  const exemption = exemptRolesCondition(exemptRoleArns);
  if (exemption.when === undefined) return exemption.block ? { ...statement, Condition: exemption.block } : statement;
  // A Terraform list that may be empty: the condition exists only when it holds a role (`>= 1`:
  // CDKTF 0.21 renders a literal 0 operand as `undefined`).
  return Token.asAny(Fn.merge([asArgument(statement), Fn.conditional(exemption.when, { Condition: exemption.block }, {})])) as unknown as PolicyStatement;
}

/**
 * The conditions of a deny that holds other conditions too, with `ArnNotLike aws:PrincipalArn` for
 * the exempt roles added when there are any (decided at plan time for a Terraform list).
 */
export function withExemptRoles(conditions: ConditionBlock, exemptRoleArns: readonly string[]): ConditionBlock {
  const exemption = exemptRolesCondition(exemptRoleArns);
  if (exemption.when === undefined) return { ...conditions, ...(exemption.block ?? {}) };
  return Token.asAny(Fn.merge([asArgument(conditions), Fn.conditional(exemption.when, exemption.block, {})])) as unknown as ConditionBlock;
}

/**
 * The exemption of a list of role ARNs. Elements may be Terraform lists (`Token.asList` of a
 * variable, as the published modules pass): those are joined with `concat`, and when nothing but
 * such lists is given the list may be empty, so `when` is the plan-time test for "any role".
 */
function exemptRolesCondition(exemptRoleArns: readonly string[]): { block?: ConditionBlock; when?: unknown } {
  const isList = (element: string) => Token.isUnresolved([element]) && !Token.isUnresolved(element);
  if (!exemptRoleArns.some(isList)) {
    return exemptRoleArns.length > 0 ? { block: { ArnNotLike: { 'aws:PrincipalArn': exemptRoleArns } } } : {};
  }
  // Consecutive literal ARNs as one list, each Terraform list as itself.
  const parts: string[][] = [];
  for (const element of exemptRoleArns) {
    if (isList(element)) parts.push([element]);
    else if (parts.length > 0 && !isList(parts[parts.length - 1][0])) parts[parts.length - 1].push(element);
    else parts.push([element]);
  }
  const roles = Token.asList(Fn.concat(parts.map((part) => (isList(part[0]) ? part : part.map(asArgument)))));
  const block = { ArnNotLike: { 'aws:PrincipalArn': roles } };
  return exemptRoleArns.every(isList) ? { block, when: Op.gte(Fn.lengthOf(roles), 1) } : { block };
}

/**
 * A value ready to be an argument of a Terraform function: CDKTF renders a string with tokens
 * inside it (`arn:${partition}:iam::...`) unresolved there, so each such string becomes
 * `join("", [...])` of its literal and token parts. Objects and lists are mapped through.
 */
function asArgument<T>(value: T): T {
  if (typeof value === 'string') {
    if (!Token.isUnresolved(value) || Tokenization.reverseString(value).length === 1) return value;
    const parts = Tokenization.reverseString(value).join({
      join: (left: unknown, right: unknown) => [...(Array.isArray(left) ? left : [left]), right],
    }) as unknown[];
    return Fn.join('', parts as string[]) as unknown as T;
  }
  if (Array.isArray(value)) return value.map(asArgument) as unknown as T;
  if (value !== null && typeof value === 'object' && !Token.isUnresolved(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asArgument(v)])) as T;
  }
  return value;
}
