/** The smallest stack that shows one construct: a scope with an aws provider, synthesized to JSON. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, type TerraformStack } from 'cdktf';
import type { StackJson } from '../../output/synth-output';

export function synthConstruct(build: (stack: TerraformStack, provider: AwsProvider) => void): StackJson {
  return JSON.parse(
    Testing.synthScope((stack) => {
      const provider = new AwsProvider(stack, 'aws', { region: 'eu-west-1', alias: 'eu-west-1' });
      build(stack as TerraformStack, provider);
    }),
  ) as StackJson;
}
