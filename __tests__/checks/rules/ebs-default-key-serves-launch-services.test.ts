/**
 * OB-EBS-KEY-SERVES-AUTO-SCALING on the smallest outputs that show each of its branches: one stack
 * as Terraform receives it, a key set as the account's default EBS key, and the key policy
 * statements that do or do not reach the two service-linked roles. Every noncompliant outcome is
 * asserted with its whole detail.
 */
import { SynthesizedApp } from '../../../checks/model';
import { compliant, noncompliant, notApplicable } from '../../../checks/rule';
import { ebsDefaultKeyServesLaunchServices } from '../../../checks/rules/ebs-default-key-serves-launch-services';
import { OWN_ACCOUNT, policy } from '../../support/checks';

const NEEDED = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey', 'kms:CreateGrant'];
const roleArns = (partition = 'aws', account = OWN_ACCOUNT) => [
  `arn:${partition}:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
  `arn:${partition}:iam::${account}:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot`,
];
const [ASG, SPOT] = roleArns();
const lacking = (role: string, actions = NEEDED) => `${role} lacks ${actions.join(', ')}`;
const NOTHING_REACHES = noncompliant(`${lacking('AWSServiceRoleForAutoScaling')}; ${lacking('AWSServiceRoleForEC2Spot')}`);
/** An Allow of every needed action to the roles by name. */
const named = (principals: string[] = [ASG, SPOT], extra: object = {}) => ({ Effect: 'Allow', Principal: { AWS: principals }, Action: NEEDED, Resource: '*', ...extra });
/** An Allow of every needed action to `*`, narrowed by aws:PrincipalArn under the operator. */
const narrowed = (operator: string, arns: string[] = [ASG, SPOT]) => ({ Effect: 'Allow', Principal: { AWS: '*' }, Action: NEEDED, Resource: '*', Condition: { [operator]: { 'aws:PrincipalArn': arns } } });

/** One stack: keys `k` (with the statements) and `other`, and the default EBS key set to `defaultKey`. */
function app(statements: object[] | undefined, { defaultKey = '${aws_kms_key.k.arn}', provider = { region: 'eu-west-1', allowed_account_ids: [OWN_ACCOUNT] } } = {}) {
  return new SynthesizedApp({
    source: {
      provider: { aws: [provider] },
      resource: {
        aws_kms_key: { k: statements === undefined ? {} : { policy: policy(...statements) }, other: {} },
        aws_ebs_default_kms_key: { d: { key_arn: defaultKey } },
      },
    },
  });
}
const outcomeOf = (a: SynthesizedApp, address = 'aws_kms_key.k') => ebsDefaultKeyServesLaunchServices(a.resources.find((r) => r.address === address)!, a);
const outcome = (...statements: object[]) => outcomeOf(app(statements));

describe('OB-EBS-KEY-SERVES-AUTO-SCALING ebsDefaultKeyServesLaunchServices', () => {
  it('Compliance: both roles named as principals', () => {
    expect(outcome(named())).toEqual(compliant());
  });
  it.each(['ArnLike', 'ArnEquals', 'StringLike', 'StringEquals'])('Compliance: principal * narrowed to both roles by %s aws:PrincipalArn', (operator) => {
    expect(outcome(narrowed(operator))).toEqual(compliant());
  });
  it.each(['ArnLike', 'ArnEquals', 'StringLike', 'StringEquals'])('Compliance: the same in the aws-us-gov partition, narrowed by %s', (operator) => {
    expect(outcome(narrowed(operator, roleArns('aws-us-gov')))).toEqual(compliant());
  });
  it('Compliance: the roles named in the aws-us-gov partition', () => {
    expect(outcome(named(roleArns('aws-us-gov')))).toEqual(compliant());
  });
  it('Compliance: the roles named after a bare account id (whose partition is the default)', () => {
    expect(outcome(named([OWN_ACCOUNT, ASG, SPOT]))).toEqual(compliant());
  });
  it('Compliance: the actions spread over statements, by wildcard', () => {
    const use = { ...named(), Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'] };
    expect(outcome(use, { ...named(), Action: 'kms:CreateGrant' })).toEqual(compliant());
  });

  it("Noncompliance 1: a key without a policy (KMS's default policy gives the roles nothing)", () => {
    expect(outcomeOf(app(undefined))).toEqual(NOTHING_REACHES);
  });
  it('Noncompliance 2: key use without CreateGrant, for both roles', () => {
    expect(outcome({ ...named(), Action: NEEDED.slice(0, 5) })).toEqual(noncompliant(`${lacking('AWSServiceRoleForAutoScaling', ['kms:CreateGrant'])}; ${lacking('AWSServiceRoleForEC2Spot', ['kms:CreateGrant'])}`));
  });
  it('Noncompliance 3: Auto Scaling named, EC2 Spot forgotten', () => {
    expect(outcome(named([ASG]))).toEqual(noncompliant(lacking('AWSServiceRoleForEC2Spot')));
  });
  it('Noncompliance 4: a Deny naming the roles gives them nothing', () => {
    expect(outcome({ ...named(), Effect: 'Deny' })).toEqual(NOTHING_REACHES);
  });
  it('Noncompliance 5: an Allow with NotPrincipal naming the roles allows everyone but them', () => {
    expect(outcome({ Effect: 'Allow', NotPrincipal: { AWS: [ASG, SPOT] }, Action: NEEDED, Resource: '*' })).toEqual(NOTHING_REACHES);
  });
  it('Noncompliance 6: an Allow with NotAction does not name the actions it gives', () => {
    expect(outcome({ Effect: 'Allow', Principal: { AWS: [ASG, SPOT] }, NotAction: 'kms:ScheduleKeyDeletion', Resource: '*' })).toEqual(NOTHING_REACHES);
  });
  it("Noncompliance 7: the account's root narrowed to the roles is not the roles (their own permissions cover AWS managed keys only)", () => {
    expect(outcome({ ...narrowed('ArnLike'), Principal: { AWS: `arn:aws:iam::${OWN_ACCOUNT}:root` } })).toEqual(NOTHING_REACHES);
  });
  it('Noncompliance 8: principal * narrowed by something else than aws:PrincipalArn, or to other roles', () => {
    expect(outcome({ Effect: 'Allow', Principal: { AWS: '*' }, Action: NEEDED, Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': OWN_ACCOUNT } } })).toEqual(NOTHING_REACHES);
    expect(outcome(narrowed('ArnLike', [`arn:aws:iam::${OWN_ACCOUNT}:role/admin`]))).toEqual(NOTHING_REACHES);
    expect(outcome(narrowed('ArnNotLike'))).toEqual(NOTHING_REACHES);
  });
  it('Noncompliance 9: the roles of another account', () => {
    expect(outcome(named(roleArns('aws', '333333333333')))).toEqual(NOTHING_REACHES);
  });
  it("Noncompliance 10: StringEquals compares exactly: a `*` in its value matches no role's name", () => {
    const wildcardAsg = `${ASG.slice(0, -'AutoScaling'.length)}*`;
    expect(outcome(narrowed('StringEquals', [wildcardAsg, SPOT]))).toEqual(noncompliant(lacking('AWSServiceRoleForAutoScaling')));
  });
  it('Noncompliance 11: every aws:PrincipalArn operator must hold (a StringEquals beside an ArnLike)', () => {
    const both = { ...narrowed('ArnLike'), Condition: { ArnLike: { 'aws:PrincipalArn': [ASG, SPOT] }, StringEquals: { 'aws:PrincipalArn': [SPOT] } } };
    expect(outcome(both)).toEqual(noncompliant(lacking('AWSServiceRoleForAutoScaling')));
    const exactFirst = { ...narrowed('ArnLike'), Condition: { StringEquals: { 'aws:PrincipalArn': [ASG, SPOT] }, ArnLike: { 'aws:PrincipalArn': [SPOT] } } };
    expect(outcome(exactFirst)).toEqual(noncompliant(lacking('AWSServiceRoleForAutoScaling')));
  });

  describe('applies to the default EBS key only', () => {
    it('another key of the stack, and the default EBS key setting itself, are not applicable', () => {
      const a = app([named()]);
      expect(outcomeOf(a, 'aws_kms_key.other')).toEqual(notApplicable());
      expect(outcomeOf(a, 'aws_ebs_default_kms_key.d')).toEqual(notApplicable());
    });
    it('a default EBS key given as a literal ARN names no key of the stack', () => {
      expect(outcomeOf(app([named([ASG])], { defaultKey: `arn:aws:kms:eu-west-1:${OWN_ACCOUNT}:key/abc` }))).toEqual(notApplicable());
    });
  });
});
