import { actionSupportsConditionKey, actionsMatching, isGlobalConditionKey } from '../iam-catalogue';
import { parsePolicy, type Statement } from '../policy';
import { compliant, noncompliant, notApplicable, type Rule } from '../rule';

/**
 * Every IAM policy document a resource can carry, by resource type and attribute: key, vault,
 * trust, identity, topic and bucket policies, and the organization's SCPs and RCPs (a backup
 * policy is not an IAM policy).
 */
export const IAM_POLICY_ATTRIBUTES: Readonly<Record<string, string>> = {
  aws_kms_key: 'policy',
  aws_kms_key_policy: 'policy',
  aws_backup_vault_policy: 'policy',
  aws_iam_role: 'assume_role_policy',
  aws_iam_policy: 'policy',
  aws_iam_role_policy: 'policy',
  aws_sns_topic_policy: 'policy',
  aws_s3_bucket_policy: 'policy',
  aws_organizations_policy: 'content',
  aws_organizations_resource_policy: 'content',
};
const ORGANIZATION_IAM_POLICY_TYPES = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];

/** Problems found per statement text: at organization scale most accounts carry the same policies. */
const checked = new Map<string, string[]>();

/**
 * Compliant when every action of every statement (Action or NotAction; a wildcard must match at
 * least one) exists in AWS's service authorization reference, and every condition key is a global
 * key or one the reference documents for each action of the statement (for a wildcard, for at
 * least one action it matches). A misspelt action is silently ignored by IAM, and a condition key
 * an action does not support is absent from its requests: an Allow then never applies, a Deny
 * with a negated operator always does, and neither says so.
 */
export const policyInIamCatalogue: Rule = (resource) => {
  const attribute = IAM_POLICY_ATTRIBUTES[resource.type];
  if (attribute === undefined) return notApplicable();
  if (resource.type === 'aws_organizations_policy' && !ORGANIZATION_IAM_POLICY_TYPES.includes(String(resource.body.type))) return notApplicable();
  // No policy at all (a key with KMS's default policy) has nothing to check.
  if (resource.body[attribute] === undefined) return notApplicable();
  const statements = parsePolicy(resource.body[attribute]);
  // The project writes every policy as a document with literal keys: one that cannot be read cannot be held against the reference.
  if (statements === undefined) return noncompliant(`${attribute} is not a readable IAM policy document`);
  const problems = statements.flatMap((s, i) => statementProblems(s).map((p) => `${s.sid ?? `statement ${i}`}: ${p}`));
  return problems.length === 0 ? compliant() : noncompliant(problems.join('; '));
};

function statementProblems(statement: Statement): string[] {
  // Everything findProblems reads: NotAction with the same list skips the key checks that Action makes.
  const text = JSON.stringify([statement.notAction, statement.actions, Object.values(statement.conditions).map((entries) => Object.keys(entries))]);
  let problems = checked.get(text);
  if (problems === undefined) {
    problems = findProblems(statement);
    checked.set(text, problems);
  }
  return problems;
}

function findProblems(statement: Statement): string[] {
  const problems: string[] = [];
  const named: { pattern: string; service: string; actions: ReturnType<typeof actionsMatching> }[] = statement.actions.map((pattern) => ({
    pattern,
    service: pattern.split(':')[0].toLowerCase(),
    actions: actionsMatching(pattern),
  }));
  for (const n of named) if ('problem' in n.actions) problems.push(n.actions.problem);
  const keys = [...new Set(Object.values(statement.conditions).flatMap((entries) => Object.keys(entries)))];
  for (const key of keys) {
    if (isGlobalConditionKey(key)) continue;
    // With NotAction the statement covers every other action: no action list to hold the key against.
    if (statement.notAction) continue;
    for (const n of named) {
      if ('problem' in n.actions || n.pattern === '*') continue;
      const wildcard = /[*?]/.test(n.pattern);
      const supported = n.actions.filter((action) => actionSupportsConditionKey(n.service, action, key));
      if (wildcard ? supported.length === 0 : supported.length !== n.actions.length) {
        problems.push(`condition key ${key} is not documented for ${n.pattern} (nor a global key)`);
      }
    }
  }
  return problems;
}
