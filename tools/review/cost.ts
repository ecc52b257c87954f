/**
 * Cost and quota awareness: roughly how many recovery points each rule keeps per resource
 * (retention divided by the interval between runs), and in which tier (warm, or cold after the
 * cold-storage days), locally and as copies in the Backup account. Storage is billed per GB-month
 * by tier, and AWS Backup has per-vault quotas, so a change that multiplies the count is a warning.
 */
import type { Finding } from './findings';
import type { ReviewModel, Retention, RuleView } from './model';

export interface PointEstimate {
  readonly warm: number;
  readonly cold: number;
}

export interface RuleEstimate {
  readonly policy: string;
  readonly rule: string;
  /** Runs per day, when the schedule is one of the forms understood. */
  readonly runsPerDay?: number;
  readonly local?: PointEstimate;
  /** Copies in other vaults (the Backup account's), summed over the copy actions. */
  readonly copies?: PointEstimate;
}

/** Runs per day of a schedule expression; undefined for forms not understood. */
export function runsPerDay(expression: string): number | undefined {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    if (n <= 0) return undefined;
    return rate[2].startsWith('minute') ? 1440 / n : rate[2].startsWith('hour') ? 24 / n : 1 / n;
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (!cron) return undefined;
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length !== 6) return undefined;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  const count = (field: string, size: number): number | undefined => {
    if (field === '*' || field === '?') return size;
    const step = /^(?:\*|\d+)\/(\d+)$/.exec(field);
    if (step) return Math.ceil(size / Number(step[1]));
    const parts = field.split(',');
    let n = 0;
    for (const part of parts) {
      const range = /^(\w+)-(\w+)$/.exec(part);
      if (range && /^\d+$/.test(range[1]) && /^\d+$/.test(range[2])) n += Number(range[2]) - Number(range[1]) + 1;
      else if (/^[\w#]+$/.test(part)) n += 1;
      else return undefined;
    }
    return n;
  };
  const minutes = count(minute, 60);
  const hours = count(hour, 24);
  const months = count(month, 12);
  if (minutes === undefined || hours === undefined || months === undefined) return undefined;
  let daysPerMonth: number | undefined;
  const anyDom = dayOfMonth === '?' || dayOfMonth === '*';
  const anyDow = dayOfWeek === '?' || dayOfWeek === '*';
  if (anyDom && anyDow) daysPerMonth = 365.25 / 12;
  else if (anyDom) daysPerMonth = ((count(dayOfWeek.replace(/#\d|L$/g, ''), 7) ?? 0) * 365.25) / 12 / 7 / (/[#L]/.test(dayOfWeek) ? 4.35 : 1);
  else if (anyDow) daysPerMonth = dayOfMonth === 'L' || /W$/.test(dayOfMonth) ? 1 : count(dayOfMonth, 31);
  if (daysPerMonth === undefined || daysPerMonth === 0) return undefined;
  return (minutes * hours * daysPerMonth * months) / 365.25;
}

function points(retention: Retention, perDay: number): PointEstimate | undefined {
  if (retention.deleteAfterDays === undefined) return undefined;
  const cold = retention.moveToColdStorageAfterDays;
  const warmDays = cold === undefined ? retention.deleteAfterDays : Math.min(cold, retention.deleteAfterDays);
  return { warm: Math.max(1, Math.round(warmDays * perDay)), cold: cold === undefined ? 0 : Math.round(Math.max(0, retention.deleteAfterDays - cold) * perDay) };
}

export function ruleEstimate(policy: string, rule: RuleView): RuleEstimate {
  const perDay = runsPerDay(rule.schedule);
  if (perDay === undefined) return { policy, rule: rule.name };
  const copies = rule.copies.map((c) => points(c.lifecycle, perDay)).filter((p): p is PointEstimate => p !== undefined);
  return {
    policy,
    rule: rule.name,
    runsPerDay: perDay,
    local: points(rule.lifecycle, perDay),
    copies: copies.length > 0 ? { warm: copies.reduce((n, p) => n + p.warm, 0), cold: copies.reduce((n, p) => n + p.cold, 0) } : undefined,
  };
}

/** One estimate per policy and rule name (the plans of a policy differ by region only). */
export function estimates(model: ReviewModel): RuleEstimate[] {
  const result = new Map<string, RuleEstimate>();
  for (const policy of model.policies) {
    for (const plan of policy.plans) for (const rule of plan.rules) result.set(`${policy.name}\u0000${rule.name}`, ruleEstimate(policy.name, rule));
  }
  return [...result.values()];
}

export function describePoints(p: PointEstimate | undefined): string {
  if (!p) return 'kept until deleted by hand';
  return p.cold > 0 ? `~${p.warm + p.cold} (${p.warm} warm, ${p.cold} cold)` : `~${p.warm} warm`;
}

export function describeRuns(perDay: number | undefined): string {
  if (perDay === undefined) return 'schedule not estimated';
  if (perDay >= 1) return `${Number(perDay.toFixed(1))} a day`;
  return `one every ${Number((1 / perDay).toFixed(1))} days`;
}

const total = (p: PointEstimate | undefined) => (p ? p.warm + p.cold : 0);

/** A rule whose recovery points per resource grow twofold or more: storage cost and vault quotas. */
export function costFindings(base: ReviewModel, current: ReviewModel, stackOf: (policy: string) => string): Finding[] {
  const before = new Map(estimates(base).map((e) => [`${e.policy}\u0000${e.rule}`, e]));
  const findings: Finding[] = [];
  for (const e of estimates(current)) {
    const was = before.get(`${e.policy}\u0000${e.rule}`);
    if (!was) continue;
    for (const [where, a, b] of [['local', was.local, e.local], ['copies in the Backup account', was.copies, e.copies]] as const) {
      if (total(a) > 0 && total(b) >= 2 * total(a)) {
        findings.push({
          effect: 'warning',
          kind: 'recovery-points-multiplied',
          stack: stackOf(e.policy),
          subject: `${e.policy}/${e.rule}`,
          text: `\`${e.policy}\` rule \`${e.rule}\`: recovery points kept per resource (${where}) grow ${(total(b) / total(a)).toFixed(1)}x, ${describePoints(a)} -> ${describePoints(b)}: storage cost grows with them`,
        });
      }
    }
  }
  return findings;
}
