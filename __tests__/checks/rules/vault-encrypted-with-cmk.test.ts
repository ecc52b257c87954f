/** OB-VAULT-CMK: each branch of vaultEncryptedWithCmk, on raw resources (values no construct writes included). */
import { vaultEncryptedWithCmk as rule } from '../../../checks/rules/vault-encrypted-with-cmk';
import { jsonApp, outcomeAt } from '../../support/checks';

const vaultWith = (kmsKeyArn: unknown) => jsonApp({ aws_backup_vault: { v: { name: 'v', kms_key_arn: kmsKeyArn } }, aws_kms_key: { k: {} }, aws_s3_bucket: { b: {} } });
const at = (kmsKeyArn: unknown) => outcomeAt(rule, vaultWith(kmsKeyArn), 'aws_backup_vault.v');
const AWS_MANAGED = { status: 'noncompliant', detail: 'no kms_key_arn: the vault would use the AWS managed key aws/backup' };

describe('OB-VAULT-CMK vaultEncryptedWithCmk', () => {
  it('Compliance: a key of the stack, a key ARN, and a reference the stack cannot resolve (a variable)', () => {
    expect(at('${aws_kms_key.k.arn}')).toEqual({ status: 'compliant' });
    expect(at('arn:aws:kms:eu-west-1:333333333333:key/abc')).toEqual({ status: 'compliant' });
    expect(at('${var.backup_key_arn}')).toEqual({ status: 'compliant' });
  });
  it('does not apply to anything but a backup vault', () => {
    expect(outcomeAt(rule, vaultWith(undefined), 'aws_kms_key.k')).toEqual({ status: 'not-applicable' });
  });
  it('Noncompliance: kms_key_arn absent, null or empty', () => {
    expect(outcomeAt(rule, jsonApp({ aws_backup_vault: { v: { name: 'v' } } }), 'aws_backup_vault.v')).toEqual(AWS_MANAGED);
    expect(at(null)).toEqual(AWS_MANAGED);
    expect(at('')).toEqual(AWS_MANAGED);
  });
  it('Noncompliance: kms_key_arn not a string', () => {
    expect(at(42)).toEqual({ status: 'noncompliant', detail: 'kms_key_arn is 42' });
  });
  it('Noncompliance: a reference to a resource that is not a KMS key', () => {
    expect(at('${aws_s3_bucket.b.arn}')).toEqual({ status: 'noncompliant', detail: 'kms_key_arn refers to aws_s3_bucket.b, not to a KMS key' });
  });
  it('Noncompliance: a literal that is not a key ARN, or does not start as one', () => {
    expect(at('backup-key')).toEqual({ status: 'noncompliant', detail: 'kms_key_arn backup-key is not a key ARN' });
    expect(at(' arn:aws:kms:eu-west-1:333333333333:key/abc')).toEqual({ status: 'noncompliant', detail: 'kms_key_arn  arn:aws:kms:eu-west-1:333333333333:key/abc is not a key ARN' });
  });
});
