/**
 * What a change does to the security properties: every security scenario is decided on the base
 * output and on the new one, and each whose decision changes is reported. Scenarios are matched by
 * a stable id (the suite kind, region, property and name, or the scenario's own `id` where it has
 * one), so the delta works on whatever scenario set security/ defines.
 *
 * A scenario that exists on one side only (the SCP was turned off, so its suite is gone; a
 * break-glass role appeared, so its scenarios are new) is decided on the other side too: its
 * request is kept, and each policy document in it is swapped for the document at the same address
 * in the other output (a vault policy that is gone means no vault policy; an SCP that is gone is
 * detached). A principal newly exempt from a deny is tried in every break-glass scenario as well.
 */
import { decide } from '../../security/evaluation';
import { modelledRoleId, type Caller, type Decision, type PolicyJson, type Request } from '../../security/requests';
import type { Scenario } from '../../security/scenarios';
import type { SuiteResult } from '../../security/proofs';
import { canonical, type PolicyDocumentView } from './documents';

export interface ScenarioOutcome {
  readonly decision?: Decision;
  /** Why there is no decision: the resource is gone, or the evaluator failed. */
  readonly note?: string;
}

export interface ScenarioChange {
  readonly id: string;
  readonly property: string;
  readonly name: string;
  readonly region: string;
  readonly expectation: 'can' | 'cannot';
  readonly before: ScenarioOutcome;
  readonly after: ScenarioOutcome;
  /** Refused before, allowed now: a new way to reach the backups. */
  readonly opens: boolean;
  /** Allowed before, refused now: something that worked (a copy, a restore) stops. */
  readonly closes: boolean;
}

export interface ScenarioDelta {
  /** Scenarios compared. */
  readonly compared: number;
  readonly changes: readonly ScenarioChange[];
}

interface Entry {
  readonly id: string;
  readonly scenario: Scenario;
  readonly region: string;
  readonly decision?: Decision;
  readonly error?: string;
}

/** The stable id of a scenario. */
export function scenarioId(suite: SuiteResult['suite'], scenario: Scenario): string {
  const own = (scenario as Scenario & { id?: string }).id;
  return own ? `${suite.underTest}/${suite.region}/${own}` : `${suite.underTest}/${suite.region}/${scenario.property}/${scenario.name}`;
}

function entries(suites: readonly SuiteResult[]): Map<string, Entry> {
  const result = new Map<string, Entry>();
  for (const suite of suites) {
    for (const r of suite.results) {
      const id = scenarioId(suite.suite, r.scenario);
      result.set(id, { id, scenario: r.scenario, region: suite.suite.region, decision: r.got, error: r.error });
    }
  }
  return result;
}

/**
 * Moves a request from one output to the other: every policy document in it by its address. The
 * indexes are built on the first request only (none is translated when both outputs hold the same
 * scenarios, the common case), and each in one pass: at 10,000 accounts thousands of documents share
 * one text (the same trust policy in every account).
 */
class Translator {
  private indexes?: { readonly byContent: Map<string, PolicyDocumentView[]>; readonly target: Map<string, PolicyDocumentView> };

  constructor(
    private readonly from: readonly PolicyDocumentView[],
    private readonly to: readonly PolicyDocumentView[],
  ) {}

  private index(): NonNullable<Translator['indexes']> {
    if (!this.indexes) {
      const byContent = new Map<string, PolicyDocumentView[]>();
      for (const d of this.from) {
        const key = canonical(d.evaluated);
        const same = byContent.get(key);
        if (same) same.push(d);
        else byContent.set(key, [d]);
      }
      this.indexes = { byContent, target: new Map(this.to.map((d) => [d.id, d])) };
    }
    return this.indexes;
  }

  /** The document a policy of a request came from; where regions share a text, the one of the scenario's region. */
  private sourceOf(policy: PolicyJson, region: string): PolicyDocumentView | undefined {
    const candidates = this.index().byContent.get(canonical(policy)) ?? [];
    return candidates.find((d) => d.address.endsWith(`_${region}`)) ?? candidates[0];
  }

  private targetOf(source: PolicyDocumentView): PolicyDocumentView | undefined {
    return this.index().target.get(source.id);
  }

  /** The request in the other output, or why it has none. */
  translate(request: Request, region: string): { request: Request } | { gone: string } {
    let resourcePolicy = request.resourcePolicy;
    if (resourcePolicy) {
      const source = this.sourceOf(resourcePolicy, region);
      if (source) {
        const now = this.targetOf(source);
        if (now) resourcePolicy = now.evaluated as PolicyJson;
        else if (source.type === 'aws_backup_vault_policy') resourcePolicy = undefined; // a vault without an access policy
        else return { gone: `${source.stack} ${source.address} is not in that output` };
      }
    }
    const caller: Caller = {
      ...request.caller,
      scps: request.caller.scps?.map((level) => ({
        ...level,
        policies: level.policies.flatMap((p) => {
          const source = this.sourceOf(p.policy, region);
          if (!source) return [p];
          const now = this.targetOf(source);
          return now ? [{ ...p, policy: now.evaluated as PolicyJson }] : []; // detached with its resource
        }),
      })),
    };
    return { request: { ...request, caller, ...(resourcePolicy ? { resourcePolicy } : { resourcePolicy: undefined }) } };
  }
}

async function decideOutcome(result: { request: Request } | { gone: string }): Promise<ScenarioOutcome> {
  if ('gone' in result) return { note: result.gone };
  try {
    return { decision: await decide(result.request) };
  } catch (err) {
    return { note: `not evaluated: ${(err as Error).message}` };
  }
}

const refused = (o: ScenarioOutcome) => o.decision === 'ExplicitlyDenied' || o.decision === 'ImplicitlyDenied';
const outcomeOf = (e: Entry): ScenarioOutcome => (e.decision ? { decision: e.decision } : { note: `not evaluated: ${e.error ?? 'unknown error'}` });

export interface DeltaInput {
  readonly baseSuites: readonly SuiteResult[];
  readonly currentSuites: readonly SuiteResult[];
  readonly baseDocuments: readonly PolicyDocumentView[];
  readonly currentDocuments: readonly PolicyDocumentView[];
  /** Principals exempt from a deny now that were not before (role ARNs). */
  readonly newlyExempt: readonly string[];
  /** The break-glass role the current scenarios use, whose scenarios each newly exempt principal is tried in. */
  readonly breakGlassRoleArn?: string;
}

export async function scenarioDelta(input: DeltaInput): Promise<ScenarioDelta> {
  const base = entries(input.baseSuites);
  const current = entries(input.currentSuites);
  const toCurrent = new Translator(input.baseDocuments, input.currentDocuments);
  const toBase = new Translator(input.currentDocuments, input.baseDocuments);
  const pairs: { entry: Entry; before: Promise<ScenarioOutcome>; after: Promise<ScenarioOutcome> }[] = [];
  for (const [id, b] of base) {
    const c = current.get(id);
    pairs.push({ entry: b, before: Promise.resolve(outcomeOf(b)), after: c ? Promise.resolve(outcomeOf(c)) : decideOutcome(toCurrent.translate(b.scenario.request, b.region)) });
  }
  for (const [id, c] of current) {
    if (!base.has(id)) pairs.push({ entry: c, before: decideOutcome(toBase.translate(c.scenario.request, c.region)), after: Promise.resolve(outcomeOf(c)) });
  }
  // Each newly exempt principal in the shoes of the break-glass role.
  if (input.breakGlassRoleArn) {
    for (const principal of input.newlyExempt.filter((p) => p !== input.breakGlassRoleArn && /^arn:[\w-]+:iam::\d{12}:role\/[^*?]+$/.test(p))) {
      for (const c of current.values()) {
        if (c.scenario.request.caller.arn !== input.breakGlassRoleArn) continue;
        // The principal with its own unique id: the twins by role id exempt the break-glass role's id, not its.
        const account = principal.split(':')[4];
        const request: Request = { ...c.scenario.request, caller: { ...c.scenario.request.caller, arn: principal, account, userId: modelledRoleId(account, principal.slice(principal.lastIndexOf('/') + 1)) } };
        const name = c.scenario.name.replace(/(the )?break-glass role/g, principal);
        const entry: Entry = { ...c, id: `${c.id} as ${principal}`, scenario: { ...c.scenario, name: name === c.scenario.name ? `${name} (as ${principal})` : name, request } };
        pairs.push({ entry, before: decideOutcome(toBase.translate(request, c.region)), after: decideOutcome({ request }) });
      }
    }
  }
  const changes: ScenarioChange[] = [];
  for (const p of pairs) {
    const [before, after] = await Promise.all([p.before, p.after]);
    if (before.decision === after.decision && before.note === after.note) continue;
    if (before.decision !== undefined && before.decision === after.decision) continue;
    changes.push({
      id: p.entry.id,
      property: p.entry.scenario.property,
      name: p.entry.scenario.name,
      region: p.entry.region,
      expectation: p.entry.scenario.expectation,
      before,
      after,
      opens: refused(before) && after.decision === 'Allowed',
      closes: before.decision === 'Allowed' && refused(after),
    });
  }
  return { compared: pairs.length, changes };
}
