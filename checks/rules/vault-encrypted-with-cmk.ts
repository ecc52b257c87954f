import { compliant, noncompliant, notApplicable, type Rule } from '../rule';

/**
 * Compliant when a backup vault names its KMS key (`kms_key_arn`): a key of this stack, or the ARN
 * of a customer-managed key. Without one, AWS Backup uses the AWS managed key `aws/backup`, which
 * cannot be shared for cross-account copies and whose policy nobody can harden.
 */
export const vaultEncryptedWithCmk: Rule = (resource, app) => {
  if (resource.type !== 'aws_backup_vault') return notApplicable();
  const key = resource.body.kms_key_arn;
  if (key === undefined || key === null || key === '') return noncompliant('no kms_key_arn: the vault would use the AWS managed key aws/backup');
  if (typeof key !== 'string') return noncompliant(`kms_key_arn is ${JSON.stringify(key)}`);
  if (/alias\/aws\//.test(key)) return noncompliant(`kms_key_arn ${key} is an AWS managed key`);
  const target = app.referenced(resource, key);
  if (target) return target.type === 'aws_kms_key' ? compliant() : noncompliant(`kms_key_arn refers to ${target.address}, not to a KMS key`);
  return key.startsWith('${') || /^arn:[^:]+:kms:[^:]+:\d{12}:key\//.test(key) ? compliant() : noncompliant(`kms_key_arn ${key} is not a key ARN`);
};
