import { compliant, noncompliant, notApplicable, type Rule } from '../rule';

/**
 * Compliant when an SNS topic is encrypted with a customer-managed KMS key: `kms_master_key_id` is
 * set and is not the AWS managed key `alias/aws/sns` (whose policy cannot let EventBridge use it).
 */
export const topicEncryptedWithCmk: Rule = (resource) => {
  if (resource.type !== 'aws_sns_topic') return notApplicable();
  const key = resource.body.kms_master_key_id;
  if (typeof key !== 'string' || key === '') return noncompliant('kms_master_key_id is unset: the alerts are stored unencrypted');
  if (key === 'alias/aws/sns' || key.endsWith(':alias/aws/sns')) return noncompliant('encrypted with the AWS managed key alias/aws/sns, which EventBridge cannot use');
  return compliant();
};
