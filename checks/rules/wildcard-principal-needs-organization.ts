import { awsPrincipals, conditionValues } from '../policy';
import { compliant, noncompliant, notApplicable, type Rule } from '../rule';
import { resourcePolicyOf } from '../resource-policies';

/** Condition keys that tie a request to the organization (or to named accounts, tighter still). */
const ORGANIZATION_KEYS = ['aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalAccount'];
const NARROWING_OPERATORS = ['StringEquals', 'StringLike', 'ForAnyValue:StringEquals', 'ForAnyValue:StringLike'];

/**
 * Does a condition value name one organization (or account)? Under StringLike a `*` or `?` in it
 * matches other organizations or accounts too (`o-*` is every organization in the world). For
 * aws:PrincipalOrgPaths only the organization id before the first `/` must be concrete: a path may
 * end in `*` (every OU below it).
 */
function namesOneOrganization(key: string, value: string): boolean {
  const head = key === 'aws:PrincipalOrgPaths' ? value.split('/')[0] : value;
  return head.length > 0 && !/[*?]/.test(head);
}

/**
 * Compliant when every Allow statement of a resource policy whose principal is `*` (or a wildcard
 * ARN) is narrowed by an organization condition (`aws:PrincipalOrgID`, `aws:PrincipalOrgPaths` or
 * `aws:PrincipalAccount`) with concrete values (no wildcard in the organization id or account), and
 * no Allow uses NotPrincipal.
 */
export const wildcardPrincipalNeedsOrganization: Rule = (resource) => {
  const statements = resourcePolicyOf(resource);
  if (statements === undefined) return notApplicable();
  const problems: string[] = [];
  statements.forEach((s, i) => {
    if (s.effect !== 'Allow') return;
    const name = s.sid ?? `statement ${i}`;
    if (s.notPrincipal) {
      problems.push(`${name} allows NotPrincipal: everyone not listed`);
      return;
    }
    if (!awsPrincipals(s).some((p) => p.includes('*'))) return;
    const narrowed = ORGANIZATION_KEYS.some((key) => {
      const values = conditionValues(s, NARROWING_OPERATORS, key);
      return values !== undefined && values.length > 0 && values.every((v) => namesOneOrganization(key, v));
    });
    if (!narrowed) problems.push(`${name} allows principal * without an organization condition`);
  });
  return problems.length === 0 ? compliant() : noncompliant(problems.join('; '));
};
