/**
 * Every finding of a change from one output to another, in one list: policy documents statement
 * by statement, the resources that protect the backups, backup rules and selections, and recovery
 * points per resource. The report and review.json are both written from it.
 */
import type { SynthOutput } from '../../output/synth-output';
import { costFindings } from './cost';
import type { ReviewDiff } from './diff';
import { policyDocuments, type PolicyDocumentView } from './documents';
import { allExemptions } from './exemptions';
import type { Finding } from './findings';
import type { ReviewModel } from './model';
import { diffPolicyDocuments } from './policy-diff';
import { resourceFindings } from './protection';

export interface ChangeFindings {
  readonly findings: readonly Finding[];
  readonly baseDocuments: readonly PolicyDocumentView[];
  readonly currentDocuments: readonly PolicyDocumentView[];
  /** Principals exempt from some deny now and from none before. */
  readonly newlyExempt: readonly string[];
}

const code = (text: string) => `\`${text}\``;

/** `documents` are the policy documents of each side when the caller has them already. */
export function changeFindings(
  baseOut: SynthOutput,
  currentOut: SynthOutput,
  base: ReviewModel,
  current: ReviewModel,
  diff: ReviewDiff,
  documents: { readonly base?: readonly PolicyDocumentView[]; readonly current?: readonly PolicyDocumentView[] } = {},
): ChangeFindings {
  const baseDocuments = documents.base ?? policyDocuments(baseOut);
  const currentDocuments = documents.current ?? policyDocuments(currentOut);
  const baseStacks = new Set(base.stacks.map((s) => s.name));
  const currentStacks = new Set(current.stacks.map((s) => s.name));
  const policyStack = new Map(current.policies.map((p) => [p.name, p.stack]));
  const findings: Finding[] = [
    ...diffPolicyDocuments(baseDocuments, currentDocuments, baseStacks, currentStacks),
    ...resourceFindings(base, current),
    ...ruleFindings(base, current, diff),
    ...costFindings(base, current, (policy) => policyStack.get(policy) ?? 'management'),
  ];
  // allExemptions: the report and review.json read the same list, found once per document list.
  const exempt = (docs: readonly PolicyDocumentView[]) => new Set(allExemptions(docs).flatMap((d) => d.exemptions.map((e) => e.principal)));
  const before = exempt(baseDocuments);
  const newlyExempt = [...exempt(currentDocuments)].filter((p) => !before.has(p));
  return { findings, baseDocuments, currentDocuments, newlyExempt };
}

function ruleFindings(base: ReviewModel, current: ReviewModel, diff: ReviewDiff): Finding[] {
  const stackOf = new Map([...base.policies, ...current.policies].map((p) => [p.name, p.stack]));
  const findings: Finding[] = [];
  const f = (effect: Finding['effect'], kind: string, policy: string, text: string) => findings.push({ effect, kind, stack: stackOf.get(policy) ?? 'management', subject: policy, text });
  for (const p of diff.policiesRemoved) f('weakens', 'policy-removed', p, `backup policy ${code(p)} is removed: the accounts it reached are no longer backed up by it`);
  for (const p of diff.policiesAdded) f('neutral', 'policy-added', p, `backup policy ${code(p)} is added`);
  for (const r of diff.rules) {
    const where = `${code(r.policy)} plan ${code(r.plan)} rule ${code(r.rule)}`;
    if (r.kind === 'removed') f('weakens', 'rule-removed', r.policy, `${where} is removed: its backups and copies stop`);
    else if (r.kind === 'added') f('neutral', 'rule-added', r.policy, `${where} is added`);
    else {
      const removed = r.changes.filter((c) => c.startsWith('copy to') && c.endsWith(': removed'));
      const shorter = r.changes.filter((c) => {
        const m = /delete after days: (\S+) -> (\S+)$/.exec(c);
        return m !== null && m[2] !== 'none' && (m[1] === 'none' || Number(m[2]) < Number(m[1]));
      });
      if (removed.length > 0) f('weakens', 'copy-removed', r.policy, `${where}: **copy removed**: ${removed.join('; ')}`);
      if (shorter.length > 0) f('weakens', 'retention-shortened', r.policy, `${where}: **retention shortened**: ${shorter.join('; ')}`);
      const rest = r.changes.filter((c) => !removed.includes(c) && !shorter.includes(c));
      if (rest.length > 0) f('neutral', 'rule-changed', r.policy, `${where}: ${rest.join('; ')}`);
    }
  }
  // Selections and plan regions, by policy and plan.
  const plans = (m: ReviewModel) => new Map(m.policies.flatMap((p) => p.plans.map((plan) => [`${p.name}\u0000${plan.name}`, { policy: p.name, plan }] as const)));
  const now = plans(current);
  for (const [key, { policy, plan }] of plans(base)) {
    const still = now.get(key)?.plan;
    if (!still) continue;
    const where = `${code(policy)} plan ${code(plan.name)}`;
    const lostRegions = plan.regions.filter((r) => !still.regions.includes(r));
    if (lostRegions.length > 0) f('weakens', 'region-dropped', policy, `${where}: region ${lostRegions.join(', ')} dropped from the plan`);
    for (const s of plan.selection) {
      const t = still.selection.find((x) => x.name === s.name);
      if (!t) {
        f('weakens', 'selection-narrowed', policy, `${where}: selection ${code(s.name)} removed: resources tagged ${code(s.tagKey)} are no longer selected`);
        continue;
      }
      const lost = s.tagValues.filter((v) => !t.tagValues.includes(v));
      if (t.tagKey !== s.tagKey) f('weakens', 'selection-narrowed', policy, `${where}: selection tag key ${code(s.tagKey)} -> ${code(t.tagKey)}`);
      if (lost.length > 0) f('weakens', 'selection-narrowed', policy, `${where}: resources tagged ${code(s.tagKey)} = ${lost.map(code).join(', ')} are no longer selected`);
      if (t.roleArn !== s.roleArn) f('weakens', 'backup-role-changed', policy, `${where}: the backup role changes from ${code(s.roleArn)} to ${code(t.roleArn)}`);
    }
  }
  return findings;
}
