/**
 * Evaluating scenario suites (security/proofs.ts), as the review report does: each outcome, and the
 * deny- and allow-everything checks with every answer the evaluator can give. The evaluator is
 * replaced by a table of decisions (by action, and by the policy under test), so that the answers
 * no real policy gives (an "Allowed" under a deny-everything resource policy) are reached too.
 */
import { ALLOW_EVERYTHING, DENY_EVERYTHING, NO_PERMISSIONS, role, type Decision, type Request } from '../../../security/requests';
import { SuiteBuilder, type ScenarioSuite } from '../../../security/scenarios';

/** action -> [decision as is, under deny-everything, under allow-everything]; a missing action throws. */
const table = new Map<string, [Decision, Decision, Decision]>();
jest.mock('../../../security/evaluation', () => ({
  decide: async (request: Request): Promise<Decision> => {
    const row = table.get(request.action);
    if (!row) throw new Error(`evaluation of ${request.action} failed`);
    if (request.resourcePolicy === DENY_EVERYTHING) return row[1];
    if (request.resourcePolicy === ALLOW_EVERYTHING) return row[2];
    return row[0];
  },
}));
// Required after the mock is registered: an import would be loaded before it, as imports are first.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { allowEverythingFailures, denyEverythingFailures, evaluateScenario, proveSuite } = require('../../../security/proofs') as typeof import('../../../security/proofs');

const caller = role('arn:aws:iam::111111111111:role/Admin', NO_PERMISSIONS);
const on = (action: string): Request => ({ caller, action, resource: 'arn:aws:kms:eu-west-1:111111111111:key/k1', resourcePolicy: NO_PERMISSIONS });

function suite(define: (s: SuiteBuilder) => void): ScenarioSuite {
  const s = new SuiteBuilder('t', 'resource', 'eu-west-1');
  s.property('p', () => define(s));
  return s.build();
}

beforeEach(() => table.clear());

describe('evaluateScenario', () => {
  it('passes when the decision is the expected one, fails with what it got otherwise, and reports an error', async () => {
    table.set('a', ['Allowed', 'ExplicitlyDenied', 'Allowed']);
    const [can, cannot, broken] = suite((s) => {
      s.can('can a', on('a'));
      s.cannot('cannot a', on('a'), 'ImplicitlyDenied');
      s.can('can b', on('b'));
    }).scenarios;
    expect(await evaluateScenario(can)).toEqual({ scenario: can, outcome: 'pass', got: 'Allowed' });
    expect(await evaluateScenario(cannot)).toEqual({ scenario: cannot, outcome: 'fail', got: 'Allowed' });
    expect(await evaluateScenario(broken)).toEqual({ scenario: broken, outcome: 'error', error: 'evaluation of b failed' });
  });
});

describe('denyEverythingFailures', () => {
  it('names each "can" not explicitly denied under a deny-everything policy, and only the "can"s', async () => {
    table.set('ok', ['Allowed', 'ExplicitlyDenied', 'Allowed']);
    table.set('still', ['Allowed', 'Allowed', 'Allowed']);
    table.set('implicit', ['Allowed', 'ImplicitlyDenied', 'Allowed']);
    table.set('refused', ['ExplicitlyDenied', 'Allowed', 'Allowed']);
    const checked = suite((s) => {
      s.can('ok', on('ok'));
      s.can('still', on('still'));
      s.can('implicit', on('implicit'));
      s.cannot('refused', on('refused'), 'ExplicitlyDenied');
    });
    expect(await denyEverythingFailures(checked)).toEqual([
      '"still" is still allowed under a deny-everything policy: it does not test the synthesized policy',
      '"implicit" is ImplicitlyDenied under a deny-everything policy, expected ExplicitlyDenied',
    ]);
  });
});

describe('allowEverythingFailures', () => {
  it('names each "cannot" whose decision stays the same under an allow-everything policy, and only the "cannot"s', async () => {
    table.set('changes', ['ExplicitlyDenied', 'ExplicitlyDenied', 'Allowed']);
    table.set('stays', ['ImplicitlyDenied', 'ExplicitlyDenied', 'ImplicitlyDenied']);
    table.set('other-refusal', ['ExplicitlyDenied', 'ExplicitlyDenied', 'ImplicitlyDenied']);
    table.set('can', ['Allowed', 'ExplicitlyDenied', 'Allowed']);
    const checked = suite((s) => {
      s.cannot('changes', on('changes'), 'ExplicitlyDenied');
      s.cannot('stays', on('stays'), 'ImplicitlyDenied');
      s.cannot('other-refusal', on('other-refusal'), 'ExplicitlyDenied');
      s.can('can', on('can'));
    });
    expect(await allowEverythingFailures(checked)).toEqual(['"stays" is still ImplicitlyDenied under an allow-everything policy: it does not test the synthesized policy']);
  });
});

describe('proveSuite', () => {
  it('passes the deny-everything check of a suite whose every "can" is refused there, with no detail', async () => {
    table.set('a', ['Allowed', 'ExplicitlyDenied', 'Allowed']);
    table.set('b', ['ExplicitlyDenied', 'ExplicitlyDenied', 'Allowed']);
    const proved = suite((s) => {
      s.can('a1', on('a'));
      s.can('a2', on('a'));
      s.cannot('b', on('b'), 'ExplicitlyDenied');
    });
    const result = await proveSuite(proved);
    expect(result).toEqual({
      suite: proved,
      results: proved.scenarios.map((scenario) => ({ scenario, outcome: 'pass', got: scenario.decision })),
      denyEverything: { outcome: 'pass', checked: 2 },
    });
    expect(Object.keys(result.denyEverything)).toEqual(['outcome', 'checked']);
  });

  it('fails it with every failure in the detail', async () => {
    table.set('still', ['Allowed', 'Allowed', 'Allowed']);
    table.set('implicit', ['Allowed', 'ImplicitlyDenied', 'Allowed']);
    const proved = suite((s) => {
      s.can('still', on('still'));
      s.can('implicit', on('implicit'));
    });
    expect((await proveSuite(proved)).denyEverything).toEqual({
      outcome: 'fail',
      checked: 2,
      detail:
        '"still" is still allowed under a deny-everything policy: it does not test the synthesized policy; "implicit" is ImplicitlyDenied under a deny-everything policy, expected ExplicitlyDenied',
    });
  });

  it('fails it for a suite with no "can"', async () => {
    table.set('b', ['ExplicitlyDenied', 'ExplicitlyDenied', 'Allowed']);
    const proved = suite((s) => s.cannot('b', on('b'), 'ExplicitlyDenied'));
    expect((await proveSuite(proved)).denyEverything).toEqual({
      outcome: 'fail',
      checked: 0,
      detail: 'the suite has no "can" scenario, so nothing shows its policies allow anything',
    });
  });

  it('reports an error of the check with its message, and the scenarios all the same', async () => {
    table.set('a', ['Allowed', 'ExplicitlyDenied', 'Allowed']);
    const proved = suite((s) => {
      s.can('a', on('a'));
      s.can('bare', { caller, action: 'a', resource: 'arn:aws:kms:eu-west-1:111111111111:key/k1' });
    });
    const result = await proveSuite(proved);
    expect(result.denyEverything).toEqual({ outcome: 'error', checked: 2, detail: '"bare" has no resource policy to test' });
    expect(result.results.map((r) => r.outcome)).toEqual(['pass', 'pass']);
  });
});
