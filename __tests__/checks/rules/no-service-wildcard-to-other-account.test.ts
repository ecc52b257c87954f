/** OB-POLICY-CROSS-ACCOUNT-WILDCARD: each branch of noServiceWildcardToOtherAccount, on raw resources. */
import { noServiceWildcardToOtherAccount as rule } from '../../../checks/rules/no-service-wildcard-to-other-account';
import { jsonApp, outcomeAt, policy } from '../../support/checks';

const OTHER_ROOT = 'arn:aws:iam::333333333333:root';
const allow = (extra: object) => ({ Effect: 'Allow', Principal: { AWS: OTHER_ROOT }, Resource: '*', ...extra });
const keyWith = (...statements: object[]) => jsonApp({ aws_kms_key: { k: { policy: policy(...statements) } } });

describe('OB-POLICY-CROSS-ACCOUNT-WILDCARD noServiceWildcardToOtherAccount', () => {
  it('Compliance: a wildcard inside one action name (kms:*Grants: ListGrants, ListRetirableGrants) is not a whole service', () => {
    expect(outcomeAt(rule, keyWith(allow({ Action: 'kms:*Grants' })), 'aws_kms_key.k')).toEqual({ status: 'compliant' });
  });
  it('Compliance: a Deny of kms:* to everyone', () => {
    expect(outcomeAt(rule, keyWith({ Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' }), 'aws_kms_key.k')).toEqual({ status: 'compliant' });
  });
  it('does not apply to a resource without a resource policy', () => {
    expect(outcomeAt(rule, jsonApp({ aws_backup_vault: { v: { name: 'v' } } }), 'aws_backup_vault.v')).toEqual({ status: 'not-applicable' });
  });
  it('Noncompliance: kms:* with NotPrincipal reaches everyone not listed', () => {
    const app = keyWith({ Sid: 'N', Effect: 'Allow', NotPrincipal: { AWS: OTHER_ROOT }, Action: 'kms:*', Resource: '*' });
    expect(outcomeAt(rule, app, 'aws_kms_key.k')).toEqual({ status: 'noncompliant', detail: 'N gives kms:* to everyone but NotPrincipal' });
  });
  it('Noncompliance: two services to two accounts in one statement, and a second statement, each named', () => {
    const app = keyWith(
      allow({ Principal: { AWS: [OTHER_ROOT, '444444444444'] }, Action: ['kms:*', 'kms:Decrypt', 'backup:*'] }),
      allow({ Sid: 'B', Action: '*' }),
    );
    expect(outcomeAt(rule, app, 'aws_kms_key.k')).toEqual({
      status: 'noncompliant',
      detail: `statement 0 gives kms:*, backup:* to ${OTHER_ROOT}, 444444444444; B gives * to ${OTHER_ROOT}`,
    });
  });
});
