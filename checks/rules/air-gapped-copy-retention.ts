import { readJsonDocument } from '../../output/terraform-expression';
import type { SynthesizedApp, SynthesizedResource } from '../model';
import { compliant, noncompliant, notApplicable, type Rule } from '../rule';
import { retentionDays } from '../vaults';

type Assigned = { '@@assign'?: unknown };
interface Plan {
  readonly rules?: Record<string, { copy_actions?: Record<string, { lifecycle?: { delete_after_days?: Assigned } }> }>;
}

/**
 * Compliant when every copy action of a BACKUP_POLICY that targets a logically air-gapped vault of
 * this app keeps its copies for a number of days inside that vault's `min_retention_days` to
 * `max_retention_days`. The vault's compliance-mode lock is those bounds, fixed at creation, and it
 * refuses any copy outside them: such a rule would put nothing in the copy that survives the Backup
 * account. Bounds are read as Terraform reads them (`retentionDays`); one not known before apply
 * judges no bounded copy, but a copy kept forever is beyond any maximum.
 */
export const airGappedCopyRetention: Rule = (resource, app) => {
  if (resource.type !== 'aws_organizations_policy' || resource.body.type !== 'BACKUP_POLICY') return notApplicable();
  let plans: Record<string, Plan>;
  try {
    plans = ((readJsonDocument(String(resource.body.content)) as { plans?: Record<string, Plan> }).plans ?? {}) as Record<string, Plan>;
  } catch {
    return noncompliant('the backup policy content cannot be read');
  }
  const problems: string[] = [];
  let checked = 0;
  for (const [planName, plan] of Object.entries(plans)) {
    for (const [ruleName, rule] of Object.entries(plan.rules ?? {})) {
      for (const [target, copy] of Object.entries(rule.copy_actions ?? {})) {
        for (const vault of airGappedVaultsNamed(app, target)) {
          checked++;
          const min = retentionDays(vault.body.min_retention_days);
          const max = retentionDays(vault.body.max_retention_days);
          const raw = copy.lifecycle?.delete_after_days?.['@@assign'];
          const days = raw === undefined ? undefined : Number(raw);
          const where = `plan ${planName} rule ${ruleName} copies to ${target}`;
          if (days === undefined) problems.push(`${where} with no delete_after_days (kept forever), beyond the vault's maximum of ${vault.body.max_retention_days} days`);
          else if (min !== undefined && days < min) problems.push(`${where} kept ${days} days, under the vault's minimum of ${min} days`);
          else if (max !== undefined && days > max) problems.push(`${where} kept ${days} days, over the vault's maximum of ${max} days`);
        }
      }
    }
  }
  if (problems.length > 0) return noncompliant(problems.join('; '));
  return checked > 0 ? compliant() : notApplicable();
};

/** The app's air-gapped vaults that a copy target ARN (`arn:<p>:backup:<region>:<account>:backup-vault:<name>`) names. */
function airGappedVaultsNamed(app: SynthesizedApp, targetArn: string): SynthesizedResource[] {
  const match = /^arn:[^:]+:backup:([^:]+):(\d{12}):backup-vault:(.+)$/.exec(targetArn);
  if (!match) return [];
  const [, region, account, name] = match;
  return app
    .ofType('aws_backup_logically_air_gapped_vault')
    .filter((v) => v.body.name === name && (v.region === undefined || v.region === region) && (v.account === undefined || v.account === account));
}
