/** `sourceAccounts[].ou`: accepted as an OU id or a path of OU names, and kept in cdktf.out for the review. */
import { exampleConfig, synthApp } from './support/synth';

describe('sourceAccounts[].ou', () => {
  const config = exampleConfig((c) => {
    c.sourceAccounts[0].ou = 'Workloads/Prod';
    c.sourceAccounts[1].ou = 'ou-a1b2-c3d4e5f6';
  });
  const out = synthApp(config);
  const stacks = config.sourceAccounts.map((a) => `source-${a.name}`);

  it('becomes the organizational_unit output of the source stack', () => {
    const [first, second] = stacks;
    expect(out.stacks[first].output?.organizational_unit?.value).toBe('Workloads/Prod');
    expect(out.stacks[second].output?.organizational_unit?.value).toBe('ou-a1b2-c3d4e5f6');
  });

  it('adds nothing where it is not set', () => {
    const others = stacks.slice(2);
    expect(others.length).toBeGreaterThan(0);
    for (const s of others) expect(out.stacks[s].output?.organizational_unit).toBeUndefined();
  });
});
