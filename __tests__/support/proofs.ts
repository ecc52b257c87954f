/**
 * Registers one jest test per scenario of a suite (`cannot: ...` / `can: ...`, grouped by property),
 * the deny-everything check, and the pairing check: every property shows a refusal and an allowance.
 */
import { decide } from '../../security/evaluation';
import { allowEverythingFailures, denyEverythingFailures } from '../../security/proofs';
import { byProperty, type Scenario, type ScenarioSuite } from '../../security/scenarios';

export function registerSuite(suite: ScenarioSuite): void {
  describe(suite.title, () => {
    for (const [property, scenarios] of byProperty(suite.scenarios)) {
      describe(property, () => {
        for (const scenario of scenarios) {
          it(`${scenario.expectation}: ${scenario.name}`, async () => {
            expect(await decide(scenario.request)).toBe(scenario.decision);
          });
        }
      });
    }

    it('every "can" above is refused when its policy is replaced by one that denies everything', async () => {
      expect(suite.scenarios.filter((s) => s.expectation === 'can').length).toBeGreaterThan(0);
      expect(await denyEverythingFailures(suite)).toEqual([]);
    });

    it('every "cannot" above changes outcome when its policy is replaced by one that allows everything', async () => {
      expect(suite.scenarios.filter((s) => s.expectation === 'cannot').length).toBeGreaterThan(0);
      expect(await allowEverythingFailures(suite)).toEqual([]);
    });

    it('pairs every "cannot" with a "can" of the same property on the same resource policy', () => {
      const policyOf = (s: Scenario) => JSON.stringify(s.request.resourcePolicy ?? null);
      const unpaired = byProperty(suite.scenarios).flatMap(([property, scenarios]) =>
        scenarios
          .filter((s) => s.expectation === 'cannot' && !scenarios.some((c) => c.expectation === 'can' && policyOf(c) === policyOf(s)))
          .map((s) => `${property}: ${s.name}`),
      );
      expect(unpaired).toEqual([]);
    });
  });
}
