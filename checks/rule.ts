/**
 * What a security rule is: a pure function from one synthesized resource (and the app around it,
 * for rules that relate resources) to an outcome. Ids, levels, explanations and fixes live in the
 * pack, not in the rule.
 */
import type { SynthesizedApp, SynthesizedResource } from './model';

export type RuleOutcome =
  | { readonly status: 'compliant' }
  | { readonly status: 'not-applicable' }
  | { readonly status: 'noncompliant'; readonly detail: string };

export type Rule = (resource: SynthesizedResource, app: SynthesizedApp) => RuleOutcome;

export const compliant = (): RuleOutcome => ({ status: 'compliant' });
export const notApplicable = (): RuleOutcome => ({ status: 'not-applicable' });
export const noncompliant = (detail: string): RuleOutcome => ({ status: 'noncompliant', detail });
