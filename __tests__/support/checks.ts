/** The smallest stack that shows a security rule: one stack, one provider pinned to an account. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { SynthesizedApp } from '../../checks/model';
import type { Rule, RuleOutcome } from '../../checks/rule';
import type { StackJson } from '../../output/synth-output';

export const OWN_ACCOUNT = '222222222222';

export function stackApp(build: (stack: TerraformStack, provider: AwsProvider) => void, account = OWN_ACCOUNT): SynthesizedApp {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  const provider = new AwsProvider(stack, 'aws', { region: 'eu-west-1', alias: 'eu-west-1', allowedAccountIds: [account] });
  build(stack, provider);
  return new SynthesizedApp({ test: stack.toTerraform() as StackJson });
}

/** The rule's outcome for every resource it applies to, by address. */
export function outcomes(rule: Rule, app: SynthesizedApp): Record<string, RuleOutcome> {
  const result: Record<string, RuleOutcome> = {};
  for (const resource of app.resources) {
    const outcome = rule(resource, app);
    if (outcome.status !== 'not-applicable') result[resource.address] = outcome;
  }
  return result;
}

/** Asserts the rule applied somewhere and found everything compliant. */
export function expectCompliant(rule: Rule, app: SynthesizedApp): void {
  const found = outcomes(rule, app);
  expect(Object.keys(found).length).toBeGreaterThan(0);
  expect(Object.values(found).filter((o) => o.status !== 'compliant')).toEqual([]);
}

/** Asserts the rule found the resource non-compliant, with a detail containing the text. */
export function expectNoncompliant(rule: Rule, app: SynthesizedApp, address: string, detail: string): void {
  const outcome = outcomes(rule, app)[address];
  expect(outcome).toEqual({ status: 'noncompliant', detail: expect.stringContaining(detail) });
}

export const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
