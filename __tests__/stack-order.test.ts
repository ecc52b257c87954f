import { App, TerraformStack } from 'cdktf';
import { config as full } from '../envs/full';
import { validateConfig } from '../envs/load';
import { allStacks, buildStacks } from '../stacks/org-backup-app';
import { exampleConfig } from './support/synth';

/** The stacks `npm run synth` counts in its summary line and hands to the rule pack, by name. */
function stackNames(build: (app: App) => TerraformStack[]): { listed: string[]; inApp: string[] } {
  const app = new App({ outdir: '/nonexistent-never-synthesized' });
  const listed = build(app).map((stack) => stack.node.id);
  const inApp = app.node.children.filter(TerraformStack.isStack).map((stack) => stack.node.id);
  return { listed, inApp };
}

describe('allStacks', () => {
  it('lists every stack of the example once, in deploy order: the Backup account, the sources, management', () => {
    const config = exampleConfig();
    const { listed, inApp } = stackNames((app) => allStacks(buildStacks(app, config)));
    expect(listed).toEqual(['backup-account', ...config.sourceAccounts.map((a) => `source-${a.name}`), 'management']);
    expect([...listed].sort()).toEqual([...inApp].sort());
  });

  it('ends with the delegated-admin stack when the delegated administrator deploys the policies', () => {
    const config = validateConfig(structuredClone(full), 'envs/full.ts');
    const { listed, inApp } = stackNames((app) => allStacks(buildStacks(app, config)));
    expect(listed.slice(-2)).toEqual(['management', 'delegated-admin']);
    expect(listed[0]).toBe('backup-account');
    expect(listed).toHaveLength(config.sourceAccounts.length + 3);
    expect([...listed].sort()).toEqual([...inApp].sort());
  });
});
