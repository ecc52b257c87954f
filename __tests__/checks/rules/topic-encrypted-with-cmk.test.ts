/** OB-SNS-CMK: each branch of topicEncryptedWithCmk, on raw resources. */
import { topicEncryptedWithCmk as rule } from '../../../checks/rules/topic-encrypted-with-cmk';
import { jsonApp, outcomeAt } from '../../support/checks';

const topicWith = (key: unknown) => outcomeAt(rule, jsonApp({ aws_sns_topic: { t: { kms_master_key_id: key } } }), 'aws_sns_topic.t');
const UNSET = { status: 'noncompliant', detail: 'kms_master_key_id is unset: the alerts are stored unencrypted' };
const MANAGED = { status: 'noncompliant', detail: 'encrypted with the AWS managed key alias/aws/sns, which EventBridge cannot use' };

describe('OB-SNS-CMK topicEncryptedWithCmk', () => {
  it('Compliance: a customer-managed key', () => {
    expect(topicWith('${aws_kms_key.alerts.arn}')).toEqual({ status: 'compliant' });
  });
  it('Noncompliance: unset, empty', () => {
    expect(topicWith(undefined)).toEqual(UNSET);
    expect(topicWith('')).toEqual(UNSET);
  });
  it('Noncompliance: the AWS managed key by alias and by alias ARN', () => {
    expect(topicWith('alias/aws/sns')).toEqual(MANAGED);
    expect(topicWith('arn:aws:kms:eu-west-1:222222222222:alias/aws/sns')).toEqual(MANAGED);
  });
});
