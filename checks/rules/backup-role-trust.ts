import { compliant, noncompliant, notApplicable, type Rule } from '../rule';
import { resourcePolicyOf } from '../resource-policies';

/** AWS Backup's service principal (the same name in the China partitions' IAM). */
export const BACKUP_SERVICE_PRINCIPALS = ['backup.amazonaws.com', 'backup.amazonaws.com.cn'];

/**
 * Roles this project creates for another service, by address name: the GuardDuty Malware Protection
 * scanner role (`malware_scan`), the EventBridge alert forwarder (`alerts_forwarder`). Every other role is the one AWS Backup runs as.
 */
export const SERVICE_ROLE_PRINCIPALS: Readonly<Record<string, readonly string[]>> = {
  malware_scan: ['malware-protection.guardduty.amazonaws.com'],
  alerts_forwarder: ['events.amazonaws.com'],
};

/**
 * Compliant when a role can be assumed only by the service it is for: every Allow statement of its
 * trust policy names that service principal and nothing else (no account, user, role, `*` or
 * federated principal). The service is AWS Backup, except for the roles of SERVICE_ROLE_PRINCIPALS.
 */
export const backupRoleTrust: Rule = (resource) => {
  if (resource.type !== 'aws_iam_role') return notApplicable();
  const trusted = SERVICE_ROLE_PRINCIPALS[resource.name] ?? BACKUP_SERVICE_PRINCIPALS;
  const statements = resourcePolicyOf(resource);
  if (statements === undefined) return noncompliant('the trust policy cannot be read');
  const problems: string[] = [];
  const allows = statements.filter((s) => s.effect === 'Allow');
  if (allows.length === 0) problems.push('the trust policy allows nobody');
  allows.forEach((s, i) => {
    const name = s.sid ?? `statement ${i}`;
    if (s.notPrincipal || s.principal === undefined || s.principal === '*') {
      problems.push(`${name} trusts ${s.principal === '*' ? 'principal *' : 'an unnamed principal'}`);
      return;
    }
    for (const [kind, values] of Object.entries(s.principal)) {
      const others = kind === 'Service' ? values.filter((v) => !trusted.includes(v)) : values;
      if (others.length > 0) problems.push(`${name} trusts ${kind} ${others.join(', ')}`);
    }
  });
  return problems.length === 0 ? compliant() : noncompliant(problems.join('; '));
};
