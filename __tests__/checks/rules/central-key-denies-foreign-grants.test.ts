/** OB-KMS-CENTRAL-DENIES-FOREIGN-GRANTS: which keys it applies to, and each part of the deny it requires. */
import { centralKeyDeniesForeignGrants as rule } from '../../../checks/rules/central-key-denies-foreign-grants';
import { jsonApp, outcomeAt, policy } from '../../support/checks';

const ORG = 'o-a1b2c3d4e5';
const BREAK_GLASS = 'arn:aws:iam::222222222222:role/break-glass';
const fromOrg = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'backup:CopyIntoBackupVault', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } };
const vaultOf = (keyArn: string, statements: object[] = [fromOrg]) => ({
  aws_backup_vault: { v: { name: 'central', kms_key_arn: keyArn } },
  aws_backup_vault_policy: { p: { backup_vault_name: '${aws_backup_vault.v.name}', policy: policy(...statements) } },
});
const grantDeny = (extra: object = {}) => ({
  Sid: 'G',
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 'kms:CreateGrant',
  Resource: '*',
  Condition: { Bool: { 'kms:GrantIsForAWSResource': 'false' } },
  ...extra,
});
const keyUnderOrgVault = (...statements: object[]) => jsonApp({ aws_kms_key: { k: { policy: policy(...statements) } }, ...vaultOf('${aws_kms_key.k.arn}') });
const at = (...statements: object[]) => outcomeAt(rule, keyUnderOrgVault(...statements), 'aws_kms_key.k');
const when = (condition: object) => at(grantDeny({ Condition: condition }));
const NO_DENY = { status: 'noncompliant', detail: 'no deny to principal * of kms:CreateGrant when kms:GrantIsForAWSResource is false' };

describe('OB-KMS-CENTRAL-DENIES-FOREIGN-GRANTS centralKeyDeniesForeignGrants', () => {
  it('Compliance: Bool or BoolIfExists false, alone or with an exemption by ARN or by user id', () => {
    expect(when({ Bool: { 'kms:GrantIsForAWSResource': 'false' } })).toEqual({ status: 'compliant' });
    expect(when({ BoolIfExists: { 'kms:GrantIsForAWSResource': 'false' } })).toEqual({ status: 'compliant' });
    expect(when({ Bool: { 'kms:GrantIsForAWSResource': 'false' }, ArnNotLike: { 'aws:PrincipalArn': BREAK_GLASS } })).toEqual({ status: 'compliant' });
    expect(when({ Bool: { 'kms:GrantIsForAWSResource': 'false' }, ArnNotEquals: { 'aws:PrincipalArn': BREAK_GLASS } })).toEqual({ status: 'compliant' });
    expect(when({ Bool: { 'kms:GrantIsForAWSResource': 'false' }, StringNotLike: { 'aws:userid': 'AROAEXAMPLE:*' } })).toEqual({ status: 'compliant' });
  });
  it('Compliance: the deny lists CreateGrant among other actions', () => {
    expect(at(grantDeny({ Action: ['kms:CreateGrant', 'kms:ListGrants'] }))).toEqual({ status: 'compliant' });
  });
  it('applies only to the key of a vault open to the organization', () => {
    const app = jsonApp({ aws_kms_key: { k: {}, other: {} }, aws_s3_bucket: { b: {} }, ...vaultOf('${aws_kms_key.k.arn}') });
    expect(outcomeAt(rule, app, 'aws_kms_key.k')).toEqual(NO_DENY);
    expect(outcomeAt(rule, app, 'aws_kms_key.other')).toEqual({ status: 'not-applicable' });
    expect(outcomeAt(rule, app, 'aws_backup_vault.v')).toEqual({ status: 'not-applicable' });
    expect(outcomeAt(rule, app, 'aws_s3_bucket.b')).toEqual({ status: 'not-applicable' });
    // The vault names its key by ARN, so no key of the stack is known to be under it.
    const byArn = jsonApp({ aws_kms_key: { k: {} }, ...vaultOf('arn:aws:kms:eu-west-1:222222222222:key/abc') });
    expect(outcomeAt(rule, byArn, 'aws_kms_key.k')).toEqual({ status: 'not-applicable' });
    // An organization vault whose kms_key_arn refers to a resource that is not a key: only keys are checked.
    const notKey = jsonApp({ aws_s3_bucket: { b: {} }, ...vaultOf('${aws_s3_bucket.b.arn}') });
    expect(outcomeAt(rule, notKey, 'aws_s3_bucket.b')).toEqual({ status: 'not-applicable' });
    // A local vault (no organization copies) under the key.
    const local = jsonApp({ aws_kms_key: { k: {} }, ...vaultOf('${aws_kms_key.k.arn}', [{ ...fromOrg, Condition: undefined, Principal: { AWS: 'arn:aws:iam::333333333333:root' } }]) });
    expect(outcomeAt(rule, local, 'aws_kms_key.k')).toEqual({ status: 'not-applicable' });
  });
  it('Noncompliance: a key without a policy', () => {
    expect(outcomeAt(rule, jsonApp({ aws_kms_key: { k: {} }, ...vaultOf('${aws_kms_key.k.arn}') }), 'aws_kms_key.k')).toEqual(NO_DENY);
  });
  it('Noncompliance: an Allow, a NotAction, a NotPrincipal, a named principal', () => {
    expect(at(grantDeny({ Effect: 'Allow' }))).toEqual(NO_DENY);
    expect(at(grantDeny({ Action: undefined, NotAction: 'kms:CreateGrant' }))).toEqual(NO_DENY);
    expect(at(grantDeny({ Principal: undefined, NotPrincipal: { AWS: '*' } }))).toEqual(NO_DENY);
    expect(at(grantDeny({ Principal: { AWS: BREAK_GLASS } }))).toEqual(NO_DENY);
  });
  it('Noncompliance: a deny of other actions only', () => {
    expect(at(grantDeny({ Action: ['kms:ListGrants', 'kms:RevokeGrant'] }))).toEqual(NO_DENY);
  });
  it('Noncompliance: a deny of every CreateGrant (no condition) is not this deny: it also stops the grants AWS Backup creates', () => {
    expect(at(grantDeny({ Condition: undefined }))).toEqual(NO_DENY);
    expect(when({ ArnNotLike: { 'aws:PrincipalArn': BREAK_GLASS } })).toEqual(NO_DENY);
  });
  it('Noncompliance: the grant condition wrong in its operator, key, value or number of values', () => {
    expect(when({ StringEquals: { 'kms:GrantIsForAWSResource': 'false' } })).toEqual(NO_DENY);
    expect(when({ Bool: { 'aws:ViaAWSService': 'false' } })).toEqual(NO_DENY);
    expect(when({ Bool: { 'kms:GrantIsForAWSResource': 'true' } })).toEqual(NO_DENY);
    expect(when({ Bool: { 'kms:GrantIsForAWSResource': ['false', 'true'] } })).toEqual(NO_DENY);
  });
  it('Noncompliance: an exemption by another key, or an operator that is not an exemption', () => {
    expect(when({ Bool: { 'kms:GrantIsForAWSResource': 'false' }, ArnNotLike: { 'aws:SourceArn': BREAK_GLASS } })).toEqual(NO_DENY);
    expect(when({ Bool: { 'kms:GrantIsForAWSResource': 'false' }, StringNotLike: { 'aws:PrincipalArn': BREAK_GLASS } })).toEqual(NO_DENY);
    expect(when({ Bool: { 'kms:GrantIsForAWSResource': 'false' }, ArnLike: { 'aws:PrincipalArn': BREAK_GLASS } })).toEqual(NO_DENY);
  });
});
