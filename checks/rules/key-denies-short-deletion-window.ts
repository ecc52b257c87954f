import { awsPrincipals, coversAction } from '../policy';
import { resourcePolicyOf } from '../resource-policies';
import { compliant, noncompliant, notApplicable, type Rule } from '../rule';
import { LONGEST_DELETION_WINDOW_DAYS } from './key-deletion-window';

const WINDOW_KEY = 'kms:schedulekeydeletionpendingwindowindays';

/**
 * Compliant when a KMS key's policy denies `kms:ScheduleKeyDeletion` to principal `*` whenever the
 * requested pending window is shorter than 30 days (`NumericLessThan` 30, or `NumericLessThanEquals`
 * 29), with no other condition: an exemption would let its holder destroy the key in 7 days.
 * `deletion_window_in_days` does not do this; it only applies when Terraform destroys the key.
 */
export const keyDeniesShortDeletionWindow: Rule = (resource) => {
  if (resource.type !== 'aws_kms_key') return notApplicable();
  const statements = resourcePolicyOf(resource);
  if (!statements) return noncompliant('the key has no readable key policy');
  const denies = statements.some((s) => {
    if (s.effect !== 'Deny' || s.notAction || s.notPrincipal || !awsPrincipals(s).includes('*')) return false;
    if (!s.actions.some((a) => coversAction(a, 'kms:ScheduleKeyDeletion'))) return false;
    const entries = Object.entries(s.conditions).flatMap(([op, byKey]) => Object.entries(byKey).map(([key, values]) => ({ op, key: key.toLowerCase(), values })));
    if (entries.length !== 1 || entries[0].key !== WINDOW_KEY || entries[0].values.length !== 1) return false;
    const bound = Number(entries[0].values[0]);
    return (entries[0].op === 'NumericLessThan' && bound >= LONGEST_DELETION_WINDOW_DAYS) || (entries[0].op === 'NumericLessThanEquals' && bound >= LONGEST_DELETION_WINDOW_DAYS - 1);
  });
  return denies
    ? compliant()
    : noncompliant(`no unconditional deny to principal * of kms:ScheduleKeyDeletion with kms:ScheduleKeyDeletionPendingWindowInDays under ${LONGEST_DELETION_WINDOW_DAYS}`);
};
