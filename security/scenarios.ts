/**
 * Paired scenarios for the security proofs: every "cannot" sits next to the "can" that uses the same
 * policy, so a policy that denied everything would fail the proofs. The deny-everything check proves
 * it: each "can" is evaluated again with the policy under test (the resource policy, or the service
 * control policies) replaced by a deny-everything policy, and must then be refused.
 */
import { ALLOW_EVERYTHING, DENY_EVERYTHING, FULL_AWS_ACCESS, SCP_DENY_EVERYTHING, type Decision, type Request } from './requests';

/** Which synthesized policies a suite proves: the resource policies (vault and key) or the SCPs. */
export type UnderTest = 'resource' | 'scp';

export interface Scenario {
  /** The security property the scenario belongs to, in words. */
  readonly property: string;
  readonly name: string;
  /** "can": the request must be allowed; "cannot": refused with exactly `decision`. */
  readonly expectation: 'can' | 'cannot';
  readonly decision: Decision;
  readonly request: Request;
}

export interface ScenarioSuite {
  readonly title: string;
  readonly underTest: UnderTest;
  /** The region the suite's resources are in. */
  readonly region: string;
  readonly scenarios: readonly Scenario[];
}

/** Builds a suite property by property: `property(words, () => { can(...); cannot(...) })`. */
export class SuiteBuilder {
  private readonly list: Scenario[] = [];
  private current?: string;

  constructor(
    private readonly title: string,
    private readonly underTest: UnderTest,
    private readonly region: string,
  ) {}

  property(words: string, define: () => void): void {
    this.current = words;
    define();
    this.current = undefined;
  }

  /** A request the synthesized policies must refuse, with the exact refusal expected. */
  cannot(name: string, request: Request, decision: Exclude<Decision, 'Allowed'>): void {
    this.add({ name, request, expectation: 'cannot', decision });
  }

  /** A request the synthesized policies must allow. */
  can(name: string, request: Request): void {
    this.add({ name, request, expectation: 'can', decision: 'Allowed' });
  }

  build(): ScenarioSuite {
    return { title: this.title, underTest: this.underTest, region: this.region, scenarios: [...this.list] };
  }

  private add(scenario: Omit<Scenario, 'property'>): void {
    if (this.current === undefined) throw new Error(`scenario "${scenario.name}" is outside a property`);
    this.list.push({ ...scenario, property: this.current });
  }
}

/** The properties of a suite in order, each with its scenarios. */
export function byProperty(scenarios: readonly Scenario[]): [string, Scenario[]][] {
  const groups = new Map<string, Scenario[]>();
  for (const s of scenarios) groups.set(s.property, [...(groups.get(s.property) ?? []), s]);
  return [...groups];
}

/** The "can" request with the policy under test replaced by one that denies everything. */
export function underDenyEverything(underTest: UnderTest, scenario: Scenario): Request {
  const { request } = scenario;
  if (underTest === 'resource') {
    if (!request.resourcePolicy) throw new Error(`"${scenario.name}" has no resource policy to test`);
    return { ...request, resourcePolicy: DENY_EVERYTHING };
  }
  return {
    ...request,
    caller: {
      ...request.caller,
      scps: [{ orgIdentifier: 'root', policies: [{ name: 'FullAWSAccess', policy: FULL_AWS_ACCESS }, { name: 'deny', policy: SCP_DENY_EVERYTHING }] }],
    },
  };
}

/**
 * The "cannot" request with the policy under test replaced by one that allows everything (the
 * resource policy by an Allow of everything to everyone; the service control policies by
 * FullAWSAccess alone). A "cannot" that is refused all the same does not test the synthesized policy.
 */
export function underAllowEverything(underTest: UnderTest, scenario: Scenario): Request {
  const { request } = scenario;
  if (underTest === 'resource') {
    if (!request.resourcePolicy) throw new Error(`"${scenario.name}" has no resource policy to test`);
    return { ...request, resourcePolicy: ALLOW_EVERYTHING };
  }
  return {
    ...request,
    caller: { ...request.caller, scps: [{ orgIdentifier: 'root', policies: [{ name: 'FullAWSAccess', policy: FULL_AWS_ACCESS }] }] },
  };
}
