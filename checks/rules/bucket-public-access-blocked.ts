import { compliant, noncompliant, notApplicable, type Rule } from '../rule';

const SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

/**
 * Compliant when an S3 bucket has an `aws_s3_bucket_public_access_block` in its stack that refers
 * to it and sets all four settings to true.
 */
export const bucketPublicAccessBlocked: Rule = (resource, app) => {
  if (resource.type !== 'aws_s3_bucket') return notApplicable();
  const blocks = app.inStack(resource.stack, 'aws_s3_bucket_public_access_block').filter((b) => app.referenced(b, b.body.bucket)?.address === resource.address);
  if (blocks.length === 0) return noncompliant('no aws_s3_bucket_public_access_block refers to the bucket');
  const off = SETTINGS.filter((setting) => !blocks.some((b) => b.body[setting] === true));
  return off.length === 0 ? compliant() : noncompliant(`${off.join(', ')} not true`);
};
