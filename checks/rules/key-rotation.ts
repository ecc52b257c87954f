import { compliant, noncompliant, notApplicable, type Rule } from '../rule';

/** Compliant when a KMS key rotates its key material every year (`enable_key_rotation = true`). */
export const keyRotation: Rule = (resource) => {
  if (resource.type !== 'aws_kms_key') return notApplicable();
  const rotation = resource.body.enable_key_rotation;
  return rotation === true ? compliant() : noncompliant(`enable_key_rotation is ${rotation === undefined ? 'unset' : JSON.stringify(rotation)}`);
};
