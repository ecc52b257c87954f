/**
 * What every account stack sets on its providers (stacks/account-stack.ts): one per region, aliased
 * by it, pinned to the account, the deployment role when there is one, and the configured tags plus
 * `managed-by = org-backup` on every resource through the provider's default tags.
 */
import { App, Testing } from 'cdktf';
import { AccountStack } from '../stacks/account-stack';
import { exampleConfig } from './support/synth';

const config = exampleConfig((c) => void (c.tags = { owner: 'platform-team', 'cost-center': 'security' }));

function providers(deploymentRoleArn: string | undefined): Record<string, unknown>[] {
  const stack = new AccountStack(new App(), 'probe', config, '333333333333', ['eu-west-1', 'ap-southeast-2'], deploymentRoleArn);
  return JSON.parse(Testing.synth(stack)).provider.aws;
}

describe('account stack providers', () => {
  it('one per region, aliased by it, pinned to the account, tagged with the configured tags and managed-by', () => {
    expect(providers(undefined)).toEqual(
      ['eu-west-1', 'ap-southeast-2'].map((region) => ({
        alias: region,
        region,
        allowed_account_ids: ['333333333333'],
        default_tags: [{ tags: { owner: 'platform-team', 'cost-center': 'security', 'managed-by': 'org-backup' } }],
      })),
    );
  });

  it('assume the deployment role, in a session named after the stack', () => {
    const role = 'arn:aws:iam::333333333333:role/Deployer';
    for (const provider of providers(role)) expect(provider.assume_role).toEqual([{ role_arn: role, session_name: 'org-backup-probe' }]);
  });
});
