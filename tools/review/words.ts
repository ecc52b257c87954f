/** Backup rules, retention and targets in the words a reviewer reads them in. */
import type { CopyView, Retention, RuleView, StackView } from './model';
import { describeMinutes, describeSchedule } from './schedule';

export function describeRetention(retention: Retention): string {
  const parts: string[] = [];
  if (retention.moveToColdStorageAfterDays !== undefined) parts.push(`cold storage after ${retention.moveToColdStorageAfterDays} days`);
  parts.push(retention.deleteAfterDays !== undefined ? `kept ${retention.deleteAfterDays} days` : 'kept until deleted by hand');
  return parts.join(', ');
}

/** `every day at 17:00 UTC, start within 60 min, complete within 6 h; kept 35 days; copied to ...` */
export function describeRule(rule: RuleView, accounts: AccountNames): string {
  const parts = [
    `${describeSchedule(rule.schedule)}, start within ${describeMinutes(rule.startWindowMinutes)}, complete within ${describeMinutes(rule.completionWindowMinutes)}`,
    describeRetention(rule.lifecycle),
    ...rule.copies.map((copy) => describeCopy(copy, accounts)),
  ];
  return parts.join('; ');
}

export function describeCopy(copy: CopyView, accounts: AccountNames): string {
  // AWS Backup copies nothing in cold storage: a cold central copy can no longer be copied back.
  const cold = copy.lifecycle.moveToColdStorageAfterDays;
  const noCopyBack = cold === undefined ? '' : ` (no copy back to the source account once in cold storage, after ${cold} days)`;
  return `copied to ${copy.vaultName} in ${accounts.label(copy.accountId)}, ${describeRetention(copy.lifecycle)}${noCopyBack}`;
}

export function describeTarget(target: string, accounts: AccountNames): string {
  if (/^r-/.test(target)) return `the organization root \`${target}\` (every account)`;
  if (/^ou-/.test(target)) return `organizational unit \`${target}\` (its accounts and child OUs)`;
  return `account \`${target}\`${accounts.knows(target) ? ` (${accounts.label(target)})` : ''}`;
}

/** Account ids to the names the stacks give them. */
export class AccountNames {
  private readonly labels = new Map<string, string>();

  constructor(stacks: readonly StackView[]) {
    for (const stack of stacks) this.labels.set(stack.accountId, stack.accountLabel);
  }

  knows(accountId: string): boolean {
    return this.labels.has(accountId);
  }

  label(accountId: string): string {
    return this.labels.get(accountId) ?? `account ${accountId}`;
  }
}
