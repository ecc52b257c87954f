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

/** A provider of `jsonApp`: its alias, and the account (`allowed_account_ids`) and region it pins, if any. */
export interface JsonProvider {
  readonly alias: string;
  readonly account?: string;
  readonly region?: string;
}

/** The provider `jsonApp` deploys through unless a body names another: OWN_ACCOUNT in eu-west-1. */
export const JSON_PROVIDER: JsonProvider = { alias: 'eu-west-1', account: OWN_ACCOUNT, region: 'eu-west-1' };

/**
 * A one-stack app (stack `test`) from raw resource bodies, type -> name -> body, as Terraform would
 * receive them: values no construct writes (a null, a number where a string belongs, a policy that
 * is not JSON) reach the rule as they are, and no synth runs. A body without `provider` is deployed
 * through the first provider.
 */
export function jsonApp(resources: Record<string, Record<string, Record<string, unknown>>>, providers: readonly JsonProvider[] = [JSON_PROVIDER]): SynthesizedApp {
  const resource = Object.fromEntries(
    Object.entries(resources).map(([type, byName]) => [
      type,
      Object.fromEntries(Object.entries(byName).map(([name, body]) => [name, { provider: `aws.${providers[0].alias}`, ...body }])),
    ]),
  );
  const provider = providers.map((p) => ({ alias: p.alias, ...(p.region ? { region: p.region } : {}), ...(p.account ? { allowed_account_ids: [p.account] } : {}) }));
  return new SynthesizedApp({ test: { resource, provider: { aws: provider } } });
}

/** The rule's outcome for one resource of the app, by address (undefined if the app has no such resource). */
export function outcomeAt(rule: Rule, app: SynthesizedApp, address: string): RuleOutcome | undefined {
  const resource = app.resources.find((r) => r.address === address);
  return resource && rule(resource, app);
}
