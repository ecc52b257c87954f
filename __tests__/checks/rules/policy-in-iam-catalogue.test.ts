/**
 * OB-POLICY-IAM-CATALOGUE on the smallest outputs that show each of its branches: every resource
 * type whose IAM policy it reads, the policies it must leave alone, and the statements whose
 * condition keys it holds against the actions. Every noncompliant outcome is asserted with its
 * whole detail.
 */
import { SynthesizedApp } from '../../../checks/model';
import { compliant, noncompliant, notApplicable } from '../../../checks/rule';
import { policyInIamCatalogue } from '../../../checks/rules/policy-in-iam-catalogue';
import { policy } from '../../support/checks';

const REFERENCE = "in AWS's service authorization reference";
const MISSPELT = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:Decrpyt', Resource: '*' };
const MISSPELT_PROBLEM = `"kms:Decrpyt": kms has no action "Decrpyt" ${REFERENCE}`;
const WINDOW = { NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' } };

/** The rule's outcome for one resource `r` of the type with the arguments. */
function outcome(type: string, body: Record<string, unknown>) {
  const app = new SynthesizedApp({ test: { resource: { [type]: { r: body } } } });
  return policyInIamCatalogue(app.resources[0], app);
}
/** A key whose policy holds the statements. */
const key = (...statements: object[]) => outcome('aws_kms_key', { policy: policy(...statements) });

describe('OB-POLICY-IAM-CATALOGUE policyInIamCatalogue', () => {
  describe('reads the IAM policy of every resource type that carries one', () => {
    it.each([
      ['aws_kms_key', 'policy', {}],
      ['aws_kms_key_policy', 'policy', {}],
      ['aws_backup_vault_policy', 'policy', {}],
      ['aws_iam_role', 'assume_role_policy', {}],
      ['aws_iam_policy', 'policy', {}],
      ['aws_iam_role_policy', 'policy', {}],
      ['aws_sns_topic_policy', 'policy', {}],
      ['aws_s3_bucket_policy', 'policy', {}],
      ['aws_organizations_policy', 'content', { type: 'SERVICE_CONTROL_POLICY' }],
      ['aws_organizations_policy', 'content', { type: 'RESOURCE_CONTROL_POLICY' }],
      ['aws_organizations_resource_policy', 'content', {}],
    ])('Noncompliance: a misspelt action in %s.%s %j', (type, attribute, extra) => {
      expect(outcome(type, { ...extra, [attribute]: policy(MISSPELT) })).toEqual(noncompliant(`statement 0: ${MISSPELT_PROBLEM}`));
    });
    it.each([
      ['aws_kms_key', 'policy'],
      ['aws_iam_role', 'assume_role_policy'],
    ])('Noncompliance: %s.%s that is not a readable policy document (a reference)', (type, attribute) => {
      expect(outcome(type, { [attribute]: '${data.aws_iam_policy_document.x.json}' })).toEqual(noncompliant(`${attribute} is not a readable IAM policy document`));
    });
  });

  describe('not applicable', () => {
    it("to a key without a policy (KMS's default policy)", () => {
      expect(outcome('aws_kms_key', {})).toEqual(notApplicable());
    });
    it('to an organization policy that is not an IAM policy (backup, tag), whatever its content', () => {
      expect(outcome('aws_organizations_policy', { type: 'BACKUP_POLICY', content: policy(MISSPELT) })).toEqual(notApplicable());
      expect(outcome('aws_organizations_policy', { type: 'TAG_POLICY', content: policy(MISSPELT) })).toEqual(notApplicable());
    });
    it('to a resource type that carries no IAM policy', () => {
      expect(outcome('aws_backup_vault', { name: 'v', policy: policy(MISSPELT) })).toEqual(notApplicable());
    });
  });

  describe('names each problem by the Sid of its statement, or its position', () => {
    it('Noncompliance: a Sid, then a statement without one, joined in order', () => {
      expect(key({ ...MISSPELT, Sid: 'DenyDecrypt' }, MISSPELT)).toEqual(noncompliant(`DenyDecrypt: ${MISSPELT_PROBLEM}; statement 1: ${MISSPELT_PROBLEM}`));
    });
  });

  describe('holds condition keys against the actions of their statement', () => {
    const deny = (Action: string | string[], Condition: object) => ({ Effect: 'Deny', Principal: { AWS: '*' }, Action, Resource: '*', Condition });
    it('Compliance: a key documented for the action, and for at least one action of a wildcard', () => {
      expect(key(deny('kms:ScheduleKeyDeletion', WINDOW), deny('kms:Schedule*', WINDOW))).toEqual(compliant());
    });
    it('Compliance: a service key on Action * (every action: no list to hold it against)', () => {
      expect(key(deny('*', WINDOW))).toEqual(compliant());
    });
    it('Compliance: a service key on NotAction (every other action: no list to hold it against)', () => {
      expect(key({ Effect: 'Deny', Principal: { AWS: '*' }, NotAction: 'kms:DisableKey', Resource: '*', Condition: WINDOW })).toEqual(compliant());
    });
    it('Noncompliance: a key documented for one named action of the statement and not for the other', () => {
      expect(key(deny(['kms:ScheduleKeyDeletion', 'kms:DisableKey'], WINDOW))).toEqual(
        noncompliant('statement 0: condition key kms:ScheduleKeyDeletionPendingWindowInDays is not documented for kms:DisableKey (nor a global key)'),
      );
    });
    it('Noncompliance: the same actions and key under Action after NotAction (a statement is not judged by another one)', () => {
      const notAction = { Effect: 'Deny', Principal: { AWS: '*' }, NotAction: 'kms:DisableKey', Resource: '*', Condition: WINDOW };
      expect(key(notAction)).toEqual(compliant());
      expect(key(deny('kms:DisableKey', WINDOW))).toEqual(
        noncompliant('statement 0: condition key kms:ScheduleKeyDeletionPendingWindowInDays is not documented for kms:DisableKey (nor a global key)'),
      );
    });
  });
});
