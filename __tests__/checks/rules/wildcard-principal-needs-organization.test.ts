/** OB-POLICY-WILDCARD-PRINCIPAL: each organization key, each narrowing operator, and values that narrow nothing. */
import { wildcardPrincipalNeedsOrganization as rule } from '../../../checks/rules/wildcard-principal-needs-organization';
import { jsonApp, outcomeAt, policy } from '../../support/checks';

const ORG = 'o-a1b2c3d4e5';
const toAll = (extra: object = {}) => ({ Sid: 'S', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', ...extra });
const at = (...statements: object[]) => outcomeAt(rule, jsonApp({ aws_kms_key: { k: { policy: policy(...statements) } } }), 'aws_kms_key.k');
const when = (condition: object) => at(toAll({ Condition: condition }));
const OPEN = { status: 'noncompliant', detail: 'S allows principal * without an organization condition' };

describe('OB-POLICY-WILDCARD-PRINCIPAL wildcardPrincipalNeedsOrganization', () => {
  it('Compliance: each organization key narrows principal *', () => {
    expect(when({ StringEquals: { 'aws:PrincipalOrgID': ORG } })).toEqual({ status: 'compliant' });
    expect(when({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/*` } })).toEqual({ status: 'compliant' });
    expect(when({ StringEquals: { 'aws:PrincipalAccount': ['333333333333', '444444444444'] } })).toEqual({ status: 'compliant' });
  });
  it('Compliance: each narrowing operator', () => {
    expect(when({ StringLike: { 'aws:PrincipalOrgID': ORG } })).toEqual({ status: 'compliant' });
    expect(when({ 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/` } })).toEqual({ status: 'compliant' });
    expect(when({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgID': ORG } })).toEqual({ status: 'compliant' });
  });
  it('Compliance: named principals need no condition; a Deny to * is not checked', () => {
    expect(at(toAll({ Principal: { AWS: 'arn:aws:iam::333333333333:root' } }))).toEqual({ status: 'compliant' });
    expect(at(toAll({ Effect: 'Deny' }))).toEqual({ status: 'compliant' });
  });
  it('Noncompliance: * among named principals', () => {
    expect(at(toAll({ Principal: { AWS: ['arn:aws:iam::333333333333:root', '*'] } }))).toEqual(OPEN);
  });
  it('Noncompliance: an organization key under a negated or IfExists operator', () => {
    expect(when({ StringNotEquals: { 'aws:PrincipalOrgID': ORG } })).toEqual(OPEN);
    expect(when({ StringEqualsIfExists: { 'aws:PrincipalOrgID': ORG } })).toEqual(OPEN);
  });
  it('Noncompliance: no value, an empty value, or one value of several that narrows nothing', () => {
    expect(when({ StringEquals: { 'aws:PrincipalOrgID': [] } })).toEqual(OPEN);
    expect(when({ StringEquals: { 'aws:PrincipalOrgID': '' } })).toEqual(OPEN);
    expect(when({ StringLike: { 'aws:PrincipalOrgID': [ORG, '*'] } })).toEqual(OPEN);
  });
  it('Noncompliance: a wildcard in the organization id or account matches other organizations', () => {
    expect(when({ StringLike: { 'aws:PrincipalOrgID': 'o-*' } })).toEqual(OPEN);
    expect(when({ StringLike: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e?' } })).toEqual(OPEN);
    expect(when({ StringLike: { 'aws:PrincipalAccount': '3333*' } })).toEqual(OPEN);
    expect(when({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-*/*' } })).toEqual(OPEN);
    expect(when({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': '*' } })).toEqual(OPEN);
    // Only a path key may end in a wildcard: an organization id or account value is read whole.
    expect(when({ StringLike: { 'aws:PrincipalOrgID': `${ORG}/*` } })).toEqual(OPEN);
    expect(when({ StringLike: { 'aws:PrincipalAccount': '333333333333/*' } })).toEqual(OPEN);
  });
  it('Noncompliance: NotPrincipal, and two statements, without Sid, each named', () => {
    const noSid = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' };
    expect(at({ ...noSid, Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::333333333333:root' } }, noSid)).toEqual({
      status: 'noncompliant',
      detail: 'statement 0 allows NotPrincipal: everyone not listed; statement 1 allows principal * without an organization condition',
    });
  });
});
