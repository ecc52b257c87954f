/** OB-S3-PUBLIC-ACCESS-BLOCKED: each branch of bucketPublicAccessBlocked, on raw resources. */
import { bucketPublicAccessBlocked as rule } from '../../../checks/rules/bucket-public-access-blocked';
import { jsonApp, outcomeAt } from '../../support/checks';

const ALL_TRUE = { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true };
const buckets = { aws_s3_bucket: { reports: { bucket: 'reports' }, other: { bucket: 'other' } } };

describe('OB-S3-PUBLIC-ACCESS-BLOCKED bucketPublicAccessBlocked', () => {
  it('Compliance: two blocks refer to the bucket; each setting is true in one of them', () => {
    const app = jsonApp({
      ...buckets,
      aws_s3_bucket_public_access_block: {
        a: { bucket: '${aws_s3_bucket.reports.id}', ...ALL_TRUE },
        b: { bucket: '${aws_s3_bucket.reports.id}', ...ALL_TRUE, block_public_policy: false },
      },
    });
    expect(outcomeAt(rule, app, 'aws_s3_bucket.reports')).toEqual({ status: 'compliant' });
  });
  it('does not apply to anything but a bucket', () => {
    expect(outcomeAt(rule, jsonApp({ aws_s3_bucket_public_access_block: { a: { bucket: 'x', ...ALL_TRUE } } }), 'aws_s3_bucket_public_access_block.a')).toEqual({ status: 'not-applicable' });
  });
  it('Noncompliance: the only block is for another bucket', () => {
    const app = jsonApp({ ...buckets, aws_s3_bucket_public_access_block: { a: { bucket: '${aws_s3_bucket.other.id}', ...ALL_TRUE } } });
    expect(outcomeAt(rule, app, 'aws_s3_bucket.reports')).toEqual({ status: 'noncompliant', detail: 'no aws_s3_bucket_public_access_block refers to the bucket' });
  });
  it('Noncompliance: a block naming the bucket by a literal, not a reference, is not read as its block', () => {
    const app = jsonApp({ ...buckets, aws_s3_bucket_public_access_block: { a: { bucket: 'reports', ...ALL_TRUE } } });
    expect(outcomeAt(rule, app, 'aws_s3_bucket.reports')).toEqual({ status: 'noncompliant', detail: 'no aws_s3_bucket_public_access_block refers to the bucket' });
  });
  it('Noncompliance: two settings off, both named', () => {
    const app = jsonApp({
      ...buckets,
      aws_s3_bucket_public_access_block: { a: { bucket: '${aws_s3_bucket.reports.id}', ...ALL_TRUE, block_public_policy: false, restrict_public_buckets: 'true' } },
    });
    expect(outcomeAt(rule, app, 'aws_s3_bucket.reports')).toEqual({ status: 'noncompliant', detail: 'block_public_policy, restrict_public_buckets not true' });
  });
});
