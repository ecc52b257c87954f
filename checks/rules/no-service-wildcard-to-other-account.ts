import { awsPrincipals } from '../policy';
import { compliant, noncompliant, notApplicable, type Rule } from '../rule';
import { otherAccountsReached, resourcePolicyOf } from '../resource-policies';

/** `*`, or every action of one service (`kms:*`, `backup:*`). */
const WHOLE_SERVICE = /^(\*|[a-z0-9-]+:\*)$/i;

/**
 * Compliant when no Allow statement of a resource policy gives another account (or `*`) every
 * action of a service (`kms:*`, `backup:*`, `*`) or uses NotAction: other accounts get the named
 * actions they need, never administration.
 */
export const noServiceWildcardToOtherAccount: Rule = (resource) => {
  const statements = resourcePolicyOf(resource);
  if (statements === undefined) return notApplicable();
  const problems: string[] = [];
  statements.forEach((s, i) => {
    if (s.effect !== 'Allow') return;
    const broad = s.notAction ? ['NotAction'] : s.actions.filter((a) => WHOLE_SERVICE.test(a));
    if (broad.length === 0) return;
    const others = s.notPrincipal ? ['everyone but NotPrincipal'] : otherAccountsReached(resource, awsPrincipals(s));
    if (others.length > 0) problems.push(`${s.sid ?? `statement ${i}`} gives ${broad.join(', ')} to ${others.join(', ')}`);
  });
  return problems.length === 0 ? compliant() : noncompliant(problems.join('; '));
};
