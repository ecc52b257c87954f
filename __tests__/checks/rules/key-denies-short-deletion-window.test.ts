/** OB-KMS-DENIES-SHORT-DELETION: each part of the deny keyDeniesShortDeletionWindow requires, and its bound on both sides. */
import { keyDeniesShortDeletionWindow as rule } from '../../../checks/rules/key-denies-short-deletion-window';
import { jsonApp, outcomeAt, policy } from '../../support/checks';

const WINDOW = 'kms:ScheduleKeyDeletionPendingWindowInDays';
const deny = (extra: object = {}) => ({ Sid: 'D', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:ScheduleKeyDeletion', Resource: '*', Condition: { NumericLessThan: { [WINDOW]: '30' } }, ...extra });
const at = (...statements: object[]) => outcomeAt(rule, jsonApp({ aws_kms_key: { k: { policy: policy(...statements) } } }), 'aws_kms_key.k');
const when = (condition: object) => at(deny({ Condition: condition }));
const NO_DENY = { status: 'noncompliant', detail: `no unconditional deny to principal * of kms:ScheduleKeyDeletion with ${WINDOW} under 30` };

describe('OB-KMS-DENIES-SHORT-DELETION keyDeniesShortDeletionWindow', () => {
  it('does not apply to anything but a KMS key', () => {
    expect(outcomeAt(rule, jsonApp({ aws_s3_bucket_policy: { p: { policy: policy(deny()) } } }), 'aws_s3_bucket_policy.p')).toEqual({ status: 'not-applicable' });
  });
  it('Compliance: NumericLessThan 30 (the action listed among others, or by a wildcard); Noncompliance at 29', () => {
    expect(at(deny())).toEqual({ status: 'compliant' });
    expect(at(deny({ Action: ['kms:DisableKey', 'kms:ScheduleKeyDeletion'] }))).toEqual({ status: 'compliant' });
    expect(at(deny({ Action: 'kms:Schedule*' }))).toEqual({ status: 'compliant' });
    expect(when({ NumericLessThan: { [WINDOW]: '29' } })).toEqual(NO_DENY);
  });
  it('Compliance: NumericLessThanEquals 29; Noncompliance at 28', () => {
    expect(when({ NumericLessThanEquals: { [WINDOW]: '29' } })).toEqual({ status: 'compliant' });
    expect(when({ NumericLessThanEquals: { [WINDOW]: '28' } })).toEqual(NO_DENY);
  });
  it('Noncompliance: a key policy that cannot be read', () => {
    expect(outcomeAt(rule, jsonApp({ aws_kms_key: { k: { policy: 'not a policy' } } }), 'aws_kms_key.k')).toEqual({ status: 'noncompliant', detail: 'the key has no readable key policy' });
  });
  it('Noncompliance: an Allow, a NotAction, a NotPrincipal', () => {
    expect(at(deny({ Effect: 'Allow' }))).toEqual(NO_DENY);
    expect(at(deny({ Action: undefined, NotAction: 'kms:ScheduleKeyDeletion' }))).toEqual(NO_DENY);
    expect(at(deny({ Principal: undefined, NotPrincipal: { AWS: '*' } }))).toEqual(NO_DENY);
  });
  it('Noncompliance: a deny of another action, with or without the condition', () => {
    expect(at(deny({ Action: 'kms:DisableKey' }))).toEqual(NO_DENY);
    expect(at(deny({ Action: 'kms:DisableKey', Condition: undefined }))).toEqual(NO_DENY);
  });
  it('Noncompliance: another condition key, another operator, more than one bound', () => {
    expect(when({ NumericLessThan: { 'kms:SomethingElse': '30' } })).toEqual(NO_DENY);
    expect(when({ NumericGreaterThan: { [WINDOW]: '30' } })).toEqual(NO_DENY);
    // Several bounds are not read as one, even when the first alone would do: the rule wants one bound.
    expect(when({ NumericLessThan: { [WINDOW]: ['30', '7'] } })).toEqual(NO_DENY);
  });
});
