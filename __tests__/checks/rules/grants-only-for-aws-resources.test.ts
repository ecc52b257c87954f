/** OB-KMS-GRANTS-FOR-AWS-RESOURCES: each branch of grantsOnlyForAwsResources, on raw resources. */
import { grantsOnlyForAwsResources as rule } from '../../../checks/rules/grants-only-for-aws-resources';
import { jsonApp, outcomeAt, policy } from '../../support/checks';

const OTHER_ROOT = 'arn:aws:iam::333333333333:root';
const grant = (extra: object = {}) => ({ Effect: 'Allow', Principal: { AWS: OTHER_ROOT }, Action: 'kms:CreateGrant', Resource: '*', ...extra });
const keyWith = (...statements: object[]) => jsonApp({ aws_kms_key: { k: { policy: policy(...statements) } } });

describe('OB-KMS-GRANTS-FOR-AWS-RESOURCES grantsOnlyForAwsResources', () => {
  it('Compliance: a key without a policy (only its own account), and a grant to another account for AWS resources', () => {
    expect(outcomeAt(rule, jsonApp({ aws_kms_key: { k: {} } }), 'aws_kms_key.k')).toEqual({ status: 'compliant' });
    expect(outcomeAt(rule, keyWith(grant({ Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } })), 'aws_kms_key.k')).toEqual({ status: 'compliant' });
  });
  it('Compliance: a Deny of CreateGrant to another account needs no condition', () => {
    expect(outcomeAt(rule, keyWith(grant({ Effect: 'Deny' })), 'aws_kms_key.k')).toEqual({ status: 'compliant' });
  });
  it('does not apply to anything but a KMS key, even a policy that grants freely', () => {
    const app = jsonApp({ aws_backup_vault_policy: { p: { backup_vault_name: 'v', policy: policy(grant()) } } });
    expect(outcomeAt(rule, app, 'aws_backup_vault_policy.p')).toEqual({ status: 'not-applicable' });
  });
  it('Noncompliance: CreateGrant listed after another action, in a statement without Sid', () => {
    expect(outcomeAt(rule, keyWith(grant({ Action: ['kms:Decrypt', 'kms:CreateGrant'] })), 'aws_kms_key.k')).toEqual({
      status: 'noncompliant',
      detail: 'statement 0 lets another account create grants without kms:GrantIsForAWSResource = true',
    });
  });
  it('Noncompliance: two statements, each named', () => {
    const app = keyWith(grant({ Sid: 'A' }), grant({ Sid: 'B', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'false' } } }));
    expect(outcomeAt(rule, app, 'aws_kms_key.k')).toEqual({
      status: 'noncompliant',
      detail: 'A lets another account create grants without kms:GrantIsForAWSResource = true; B lets another account create grants without kms:GrantIsForAWSResource = true',
    });
  });
});
