/** OB-KMS-DELETION-WINDOW: keyDeletionWindow's scope and its limit on both sides. */
import { keyDeletionWindow as rule } from '../../../checks/rules/key-deletion-window';
import { jsonApp, outcomeAt } from '../../support/checks';

const keyWith = (days: unknown) => outcomeAt(rule, jsonApp({ aws_kms_key: { k: { deletion_window_in_days: days } } }), 'aws_kms_key.k');

describe('OB-KMS-DELETION-WINDOW keyDeletionWindow', () => {
  it('does not apply to anything but a KMS key', () => {
    expect(outcomeAt(rule, jsonApp({ aws_s3_bucket: { b: { deletion_window_in_days: 7 } } }), 'aws_s3_bucket.b')).toEqual({ status: 'not-applicable' });
  });
  it('Compliance at 30 days; Noncompliance at 29', () => {
    expect(keyWith(30)).toEqual({ status: 'compliant' });
    expect(keyWith(29)).toEqual({ status: 'noncompliant', detail: 'deletion_window_in_days is 29' });
  });
});
