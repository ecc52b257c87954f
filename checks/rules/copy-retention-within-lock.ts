import { readJsonDocument } from '../../output/terraform-expression';
import type { SynthesizedApp, SynthesizedResource } from '../model';
import { compliant, noncompliant, notApplicable, type Rule } from '../rule';
import { retentionDays, vaultLockOf } from '../vaults';

type Assigned = { '@@assign'?: unknown };
interface CopyAction {
  readonly lifecycle?: { delete_after_days?: Assigned };
}

/**
 * Compliant when every copy action of a BACKUP_POLICY keeps its copies for a number of days inside
 * the retention bounds of the target vault's lock (when the target vault and its lock are part of
 * this app). A locked vault refuses a copy whose retention is shorter than its minimum or longer
 * than its maximum, so such a rule would copy nothing. Bounds are read as Terraform reads them
 * (`retentionDays`); one not known before apply judges no bounded copy, but a copy kept forever is
 * beyond any maximum that is set.
 */
export const copyRetentionWithinLock: Rule = (resource, app) => {
  if (resource.type !== 'aws_organizations_policy' || resource.body.type !== 'BACKUP_POLICY') return notApplicable();
  const plans = readPlans(resource.body.content);
  if (plans === undefined) return noncompliant('the backup policy content cannot be read');
  const problems: string[] = [];
  let checked = 0;
  for (const [planName, plan] of Object.entries(plans)) {
    for (const [ruleName, rule] of Object.entries(plan.rules ?? {})) {
      for (const [target, copy] of Object.entries(rule.copy_actions ?? {})) {
        for (const lock of locksOf(app, target)) {
          checked++;
          const min = retentionDays(lock.body.min_retention_days);
          const max = retentionDays(lock.body.max_retention_days);
          const raw = copy.lifecycle?.delete_after_days?.['@@assign'];
          const days = raw === undefined ? undefined : Number(raw);
          const where = `plan ${planName} rule ${ruleName} copies to ${target}`;
          if (days === undefined) {
            // Any maximum refuses a copy kept forever, even one not known before apply.
            const setMax = lock.body.max_retention_days;
            if (setMax != null) problems.push(`${where} with no delete_after_days (kept forever), beyond the lock's maximum of ${setMax} days`);
          } else if (min !== undefined && days < min) {
            problems.push(`${where} kept ${days} days, under the lock's minimum of ${min} days`);
          } else if (max !== undefined && days > max) {
            problems.push(`${where} kept ${days} days, over the lock's maximum of ${max} days`);
          }
        }
      }
    }
  }
  if (problems.length > 0) return noncompliant(problems.join('; '));
  return checked > 0 ? compliant() : notApplicable();
};

interface Plan {
  readonly rules?: Record<string, { copy_actions?: Record<string, CopyAction> }>;
}

function readPlans(content: unknown): Record<string, Plan> | undefined {
  if (typeof content !== 'string') return undefined;
  try {
    return ((readJsonDocument(content) as { plans?: Record<string, Plan> }).plans ?? {}) as Record<string, Plan>;
  } catch {
    return undefined;
  }
}

/** The locks of the app's vaults that a copy target ARN names (`arn:<p>:backup:<region>:<account>:backup-vault:<name>`). */
function locksOf(app: SynthesizedApp, targetArn: string): SynthesizedResource[] {
  const match = /^arn:[^:]+:backup:([^:]+):(\d{12}):backup-vault:(.+)$/.exec(targetArn);
  if (!match) return [];
  const [, region, account, name] = match;
  return app
    .ofType('aws_backup_vault')
    .filter((v) => v.body.name === name && (v.region === undefined || v.region === region) && (v.account === undefined || v.account === account))
    .map((v) => vaultLockOf(app, v))
    .filter((lock): lock is SynthesizedResource => lock !== undefined);
}
