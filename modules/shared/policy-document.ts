/**
 * IAM-style policy documents as typed objects, serialized once.
 *
 * A document whose values are all literal becomes a plain JSON string (readable in cdk.tf.json and
 * in plan output). A document that holds Terraform tokens (remote-state values, variables) goes
 * through `jsonencode`, with literal keys only, so that both the JSON and the HCL synth are valid.
 */
import { Fn, Token } from 'cdktf';

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

/** Serializes any JSON document for a Terraform string argument (see the module comment). */
export function renderJson(document: object): string {
  const json = JSON.stringify(document);
  return Token.isUnresolved(json) ? Fn.jsonencode(document) : json;
}

/**
 * Denies the actions to every principal, the owning account's administrators included, except the
 * given roles. `aws:PrincipalArn` is the role ARN for any session of the role, and a condition
 * (unlike NotPrincipal) names roles that need not exist yet.
 */
export function denyToAllExcept(sid: string, actions: readonly string[], exemptRoleArns: readonly string[]): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: actions,
    Resource: '*',
    ...(exemptRoleArns.length > 0 ? { Condition: { ArnNotLike: { 'aws:PrincipalArn': exemptRoleArns } } } : {}),
  };
}
