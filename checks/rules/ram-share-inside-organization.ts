import { compliant, noncompliant, notApplicable, type Rule } from '../rule';

/**
 * Compliant when an AWS RAM resource share sets `allow_external_principals = false`: only accounts
 * of the organization can then be associated with it, so the air-gapped vault it shares can never
 * be restored from outside (RAM's own default is true).
 */
export const ramShareInsideOrganization: Rule = (resource) => {
  if (resource.type !== 'aws_ram_resource_share') return notApplicable();
  return resource.body.allow_external_principals === false
    ? compliant()
    : noncompliant(`allow_external_principals is ${JSON.stringify(resource.body.allow_external_principals ?? 'unset (true)')}, so principals outside the organization can be added`);
};
