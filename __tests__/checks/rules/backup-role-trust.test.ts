/** OB-ROLE-TRUST-BACKUP: each branch of backupRoleTrust, on raw trust policies. */
import { backupRoleTrust as rule } from '../../../checks/rules/backup-role-trust';
import { jsonApp, outcomeAt, policy } from '../../support/checks';

const assume = (extra: object = {}) => ({ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole', ...extra });
const roleWith = (trust: string, name = 'backup') => outcomeAt(rule, jsonApp({ aws_iam_role: { [name]: { assume_role_policy: trust } } }), `aws_iam_role.${name}`);
const at = (...statements: object[]) => roleWith(policy(...statements));
const bad = (detail: string) => ({ status: 'noncompliant', detail });

describe('OB-ROLE-TRUST-BACKUP backupRoleTrust', () => {
  it('Compliance: AWS Backup in the commercial and the China partitions; a Deny alongside is not a trust', () => {
    expect(at(assume({ Principal: { Service: ['backup.amazonaws.com', 'backup.amazonaws.com.cn'] } }))).toEqual({ status: 'compliant' });
    expect(at(assume(), { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' })).toEqual({ status: 'compliant' });
  });
  it('does not apply to anything but a role', () => {
    expect(outcomeAt(rule, jsonApp({ aws_kms_key: { k: { policy: policy(assume({ Principal: '*' })) } } }), 'aws_kms_key.k')).toEqual({ status: 'not-applicable' });
  });
  it('Noncompliance: a trust policy that is not a policy', () => {
    expect(roleWith('not a policy')).toEqual(bad('the trust policy cannot be read'));
  });
  it('Noncompliance: no Allow (nobody, or only a Deny)', () => {
    expect(at()).toEqual(bad('the trust policy allows nobody'));
    expect(at(assume({ Effect: 'Deny' }))).toEqual(bad('the trust policy allows nobody'));
  });
  it('Noncompliance: principal *, NotPrincipal, no principal', () => {
    expect(at(assume({ Principal: '*' }))).toEqual(bad('statement 0 trusts principal *'));
    expect(at(assume({ Sid: 'N', Principal: undefined, NotPrincipal: { Service: 'backup.amazonaws.com' } }))).toEqual(bad('N trusts an unnamed principal'));
    expect(at(assume({ Principal: undefined }))).toEqual(bad('statement 0 trusts an unnamed principal'));
  });
  it('Noncompliance: the service name given as an AWS principal is not the service', () => {
    expect(at(assume({ Principal: { AWS: 'backup.amazonaws.com' } }))).toEqual(bad('statement 0 trusts AWS backup.amazonaws.com'));
  });
  it('Noncompliance: every other principal named, statement by statement', () => {
    const app = at(assume({ Principal: { Service: ['backup.amazonaws.com', 'ec2.amazonaws.com', 'lambda.amazonaws.com'], AWS: 'arn:aws:iam::333333333333:root' } }), assume({ Sid: 'F', Principal: { Federated: 'cognito-identity.amazonaws.com' } }));
    expect(app).toEqual(bad('statement 0 trusts Service ec2.amazonaws.com, lambda.amazonaws.com; statement 0 trusts AWS arn:aws:iam::333333333333:root; F trusts Federated cognito-identity.amazonaws.com'));
  });
  it('the malware scanner role trusts GuardDuty Malware Protection, not AWS Backup', () => {
    expect(roleWith(policy(assume({ Principal: { Service: 'malware-protection.guardduty.amazonaws.com' } })), 'malware_scan')).toEqual({ status: 'compliant' });
    expect(roleWith(policy(assume()), 'malware_scan')).toEqual(bad('statement 0 trusts Service backup.amazonaws.com'));
  });
});
