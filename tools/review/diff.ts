/**
 * What a change means for the backups, comparing two synthesized outputs: accounts added or
 * removed, rules whose schedule or retention changed (shortened retention called out), and
 * resources Terraform would destroy or replace because their address or an identity attribute changed.
 */
import type { AddressedResource } from '../../output/synth-output';
import type { ReviewModel, Retention, RuleView, StackView } from './model';
import { REPLACING_ATTRIBUTES } from './protection';

export interface AccountChange {
  readonly stack: string;
  readonly accountId: string;
  readonly accountLabel: string;
}

export interface RuleChange {
  readonly policy: string;
  readonly plan: string;
  readonly rule: string;
  readonly kind: 'added' | 'removed' | 'changed';
  /** `schedule: cron(a) -> cron(b)`, one per changed field. */
  readonly changes: readonly string[];
  /** Some recovery points would be deleted sooner than before. */
  readonly retentionShortened: boolean;
}

export interface ResourceChange {
  readonly stack: string;
  readonly address: string;
  readonly kind: 'created' | 'destroyed' | 'replaced';
  /** For `replaced`: the attribute whose change forces a new resource. */
  readonly reason?: string;
  /** Keys and vaults: losing one loses recovery points. */
  readonly protectsBackups: boolean;
}

export interface ReviewDiff {
  readonly accountsAdded: readonly AccountChange[];
  readonly accountsRemoved: readonly AccountChange[];
  /** Same stack, another account: its state describes resources of the old one. */
  readonly accountsMoved: readonly { readonly stack: string; readonly from: string; readonly to: string }[];
  readonly policiesAdded: readonly string[];
  readonly policiesRemoved: readonly string[];
  readonly rules: readonly RuleChange[];
  readonly resources: readonly ResourceChange[];
}

const PROTECTS_BACKUPS = new Set(['aws_backup_vault', 'aws_kms_key', 'aws_backup_logically_air_gapped_vault']);

export function diffReviews(base: ReviewModel, current: ReviewModel): ReviewDiff {
  const baseStacks = new Map(base.stacks.map((s) => [s.name, s]));
  const currentStacks = new Map(current.stacks.map((s) => [s.name, s]));
  const account = (s: StackView): AccountChange => ({ stack: s.name, accountId: s.accountId, accountLabel: s.accountLabel });
  const basePolicies = new Set(base.policies.map((p) => p.name));
  const currentPolicies = new Set(current.policies.map((p) => p.name));
  return {
    accountsAdded: current.stacks.filter((s) => !baseStacks.has(s.name)).map(account),
    accountsRemoved: base.stacks.filter((s) => !currentStacks.has(s.name)).map(account),
    accountsMoved: current.stacks
      .filter((s) => baseStacks.has(s.name) && baseStacks.get(s.name)!.accountId !== s.accountId)
      .map((s) => ({ stack: s.name, from: baseStacks.get(s.name)!.accountId, to: s.accountId })),
    policiesAdded: [...currentPolicies].filter((p) => !basePolicies.has(p)),
    policiesRemoved: [...basePolicies].filter((p) => !currentPolicies.has(p)),
    rules: ruleChanges(base, current),
    resources: current.stacks.flatMap((stack) => {
      const before = baseStacks.get(stack.name);
      return before ? resourceChanges(stack.name, before.resources, stack.resources) : [];
    }),
  };
}

type RuleKey = string;

function rulesByKey(model: ReviewModel): Map<RuleKey, { policy: string; plan: string; rule: RuleView }> {
  const result = new Map<RuleKey, { policy: string; plan: string; rule: RuleView }>();
  for (const policy of model.policies) {
    for (const plan of policy.plans) {
      for (const rule of plan.rules) result.set(`${policy.name}\u0000${plan.name}\u0000${rule.name}`, { policy: policy.name, plan: plan.name, rule });
    }
  }
  return result;
}

function ruleChanges(base: ReviewModel, current: ReviewModel): RuleChange[] {
  const before = rulesByKey(base);
  const after = rulesByKey(current);
  const changes: RuleChange[] = [];
  for (const [key, was] of before) {
    const now = after.get(key);
    if (!now) {
      // Backups stop: nothing new is protected, and that is as loud as a shorter retention.
      changes.push({ policy: was.policy, plan: was.plan, rule: was.rule.name, kind: 'removed', changes: [], retentionShortened: true });
      continue;
    }
    const fields: string[] = [];
    let shortened = false;
    const compare = (name: string, a: unknown, b: unknown) => {
      if (a !== b) fields.push(`${name}: ${a ?? 'none'} -> ${b ?? 'none'}`);
    };
    const retention = (name: string, a: Retention, b: Retention) => {
      compare(`${name} delete after days`, a.deleteAfterDays, b.deleteAfterDays);
      compare(`${name} cold storage after days`, a.moveToColdStorageAfterDays, b.moveToColdStorageAfterDays);
      if (isShorter(a.deleteAfterDays, b.deleteAfterDays)) shortened = true;
    };
    compare('schedule', was.rule.schedule, now.rule.schedule);
    compare('start window minutes', was.rule.startWindowMinutes, now.rule.startWindowMinutes);
    compare('completion window minutes', was.rule.completionWindowMinutes, now.rule.completionWindowMinutes);
    compare('vault', was.rule.vaultName, now.rule.vaultName);
    retention('local', was.rule.lifecycle, now.rule.lifecycle);
    // Copies pair by target; a target that changed (a renamed vault) pairs the rest in order.
    const unpairedNow = now.rule.copies.filter((c) => !was.rule.copies.some((w) => w.targetArn === c.targetArn));
    for (const copy of was.rule.copies) {
      const still = now.rule.copies.find((c) => c.targetArn === copy.targetArn) ?? unpairedNow.shift();
      if (!still) {
        fields.push(`copy to ${copy.targetArn}: removed`);
        shortened = true;
        continue;
      }
      compare('copy target', copy.targetArn, still.targetArn);
      retention(`copy to ${still.vaultName}`, copy.lifecycle, still.lifecycle);
    }
    for (const copy of unpairedNow) fields.push(`copy to ${copy.targetArn}: added`);
    if (fields.length > 0) {
      changes.push({ policy: was.policy, plan: was.plan, rule: was.rule.name, kind: 'changed', changes: fields, retentionShortened: shortened });
    }
  }
  for (const [key, now] of after) {
    if (!before.has(key)) changes.push({ policy: now.policy, plan: now.plan, rule: now.rule.name, kind: 'added', changes: [], retentionShortened: false });
  }
  return changes;
}

/** `undefined` means kept until deleted by hand: any number is shorter than that. */
function isShorter(before: number | undefined, after: number | undefined): boolean {
  return after !== undefined && (before === undefined || after < before);
}

function resourceChanges(stack: string, before: readonly AddressedResource[], after: readonly AddressedResource[]): ResourceChange[] {
  const was = new Map(before.map((r) => [r.address, r]));
  const now = new Map(after.map((r) => [r.address, r]));
  const change = (r: AddressedResource, kind: ResourceChange['kind'], reason?: string): ResourceChange => ({
    stack,
    address: r.address,
    kind,
    reason,
    protectsBackups: PROTECTS_BACKUPS.has(r.type),
  });
  const result: ResourceChange[] = [];
  for (const r of before) {
    const still = now.get(r.address);
    if (!still) {
      result.push(change(r, 'destroyed'));
      continue;
    }
    const forcing = (REPLACING_ATTRIBUTES[r.type] ?? []).find((a) => JSON.stringify(r.body[a]) !== JSON.stringify(still.body[a]));
    if (forcing) result.push(change(r, 'replaced', `${forcing}: ${String(r.body[forcing])} -> ${String(still.body[forcing])}`));
  }
  for (const r of after) if (!was.has(r.address)) result.push(change(r, 'created'));
  return result;
}
