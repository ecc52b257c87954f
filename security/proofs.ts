/**
 * Evaluating scenario suites: each scenario's decision against its expectation, and the
 * deny-everything check that shows the "can" scenarios depend on the policy under test. Used by the
 * review report; the jest proofs evaluate the same scenarios one test each.
 */
import { decide } from './evaluation';
import type { Decision } from './requests';
import { underAllowEverything, underDenyEverything, type Scenario, type ScenarioSuite } from './scenarios';

export type Outcome = 'pass' | 'fail' | 'error';

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly outcome: Outcome;
  /** The decision the evaluator gave, unless it failed. */
  readonly got?: Decision;
  readonly error?: string;
}

export interface SuiteResult {
  readonly suite: ScenarioSuite;
  readonly results: readonly ScenarioResult[];
  /** Every "can" refused once its policy denies everything; `detail` names those that were not. */
  readonly denyEverything: { readonly outcome: Outcome; readonly checked: number; readonly detail?: string };
}

export async function evaluateScenario(scenario: Scenario): Promise<ScenarioResult> {
  try {
    const got = await decide(scenario.request);
    return { scenario, outcome: got === scenario.decision ? 'pass' : 'fail', got };
  } catch (err) {
    return { scenario, outcome: 'error', error: (err as Error).message };
  }
}

/**
 * The "can" scenarios of the suite that are not explicitly denied when the policy under test is
 * replaced by a deny-everything policy, each with what happened instead. Throws if evaluation fails.
 */
export async function denyEverythingFailures(suite: ScenarioSuite): Promise<string[]> {
  const failures: string[] = [];
  for (const scenario of suite.scenarios.filter((s) => s.expectation === 'can')) {
    const decision = await decide(underDenyEverything(suite.underTest, scenario));
    if (decision === 'Allowed') failures.push(`"${scenario.name}" is still allowed under a deny-everything policy: it does not test the synthesized policy`);
    else if (decision !== 'ExplicitlyDenied') failures.push(`"${scenario.name}" is ${decision} under a deny-everything policy, expected ExplicitlyDenied`);
  }
  return failures;
}

/**
 * The "cannot" scenarios of the suite whose outcome does not change when the policy under test is
 * replaced by an allow-everything policy: they would pass whatever that policy says.
 */
export async function allowEverythingFailures(suite: ScenarioSuite): Promise<string[]> {
  const failures: string[] = [];
  for (const scenario of suite.scenarios.filter((s) => s.expectation === 'cannot')) {
    const decision = await decide(underAllowEverything(suite.underTest, scenario));
    if (decision === scenario.decision) failures.push(`"${scenario.name}" is still ${decision} under an allow-everything policy: it does not test the synthesized policy`);
  }
  return failures;
}

export async function proveSuite(suite: ScenarioSuite): Promise<SuiteResult> {
  const results = await Promise.all(suite.scenarios.map(evaluateScenario));
  const checked = suite.scenarios.filter((s) => s.expectation === 'can').length;
  let denyEverything: SuiteResult['denyEverything'];
  try {
    const failures = await denyEverythingFailures(suite);
    denyEverything =
      checked === 0
        ? { outcome: 'fail', checked, detail: 'the suite has no "can" scenario, so nothing shows its policies allow anything' }
        : { outcome: failures.length === 0 ? 'pass' : 'fail', checked, ...(failures.length > 0 ? { detail: failures.join('; ') } : {}) };
  } catch (err) {
    denyEverything = { outcome: 'error', checked, detail: (err as Error).message };
  }
  return { suite, results, denyEverything };
}
