/**
 * review.json: the same findings as review.md, for a pipeline. Every finding keeps its full list of
 * stacks (the report shortens long ones), and every scenario its id and decision.
 */
import type { Compared } from '../review';
import { estimates } from './cost';
import type { PolicyDocumentView } from './documents';
import { allExemptions } from './exemptions';
import type { SourceGroup } from './groups';
import type { ReviewModel } from './model';
import { scenarioId } from './scenario-delta';
import { failed, type SecurityReview } from './security';

export interface ReviewJsonInput {
  readonly source: string;
  readonly model: ReviewModel;
  readonly groups: readonly SourceGroup[];
  readonly security: SecurityReview;
  readonly documents: readonly PolicyDocumentView[];
  readonly compared?: Compared;
  readonly weakening: number;
}

export function reviewJson(input: ReviewJsonInput): Record<string, unknown> {
  const { model, security, compared } = input;
  const suites = failed(security.proofs) ? [] : [...security.proofs.resourcePolicies, ...security.proofs.scp];
  return {
    version: 1,
    source: input.source,
    summary: {
      stacks: model.stacks.length,
      resources: model.stacks.reduce((n, s) => n + s.resources.length, 0),
      backupPolicies: model.policies.length,
      weakening: input.weakening,
    },
    groups: input.groups.map((g) => ({ name: g.name, ou: g.ou ?? null, stacks: g.members.map((m) => ({ stack: m.name, accountId: m.accountId })) })),
    recoveryPoints: estimates(model),
    exemptions: allExemptions(input.documents).map((d) => ({ stack: d.document.stack, address: d.document.address, kind: d.document.kind, exemptions: d.exemptions })),
    securityRulePack: failed(security.pack) ? { error: security.pack.error } : security.pack.map((r) => ({ id: r.id, level: r.level, compliant: r.compliant, noncompliant: r.noncompliant, failing: r.failing })),
    scenarios: failed(security.proofs)
      ? { error: security.proofs.error }
      : suites.flatMap((s) =>
          s.results.map((r) => ({ id: scenarioId(s.suite, r.scenario), region: s.suite.region, property: r.scenario.property, name: r.scenario.name, expectation: r.scenario.expectation, expected: r.scenario.decision, got: r.got ?? null, outcome: r.outcome, error: r.error ?? null })),
        ),
    changes: compared
      ? {
          base: compared.label,
          findings: compared.groups.map((g) => ({ effect: g.effect, kind: g.kind, subject: g.subject, text: g.text, stacks: g.stacks })),
          scenarioDelta: compared.scenarios,
          accounts: { added: compared.changes.accountsAdded, removed: compared.changes.accountsRemoved, moved: compared.changes.accountsMoved },
          rules: compared.changes.rules,
          resources: compared.changes.resources,
        }
      : null,
  };
}
