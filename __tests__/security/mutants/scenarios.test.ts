/**
 * Building scenario suites (security/scenarios.ts): properties and their scenarios in order, and the
 * requests of the deny-everything and allow-everything checks, for either kind of policy under test.
 */
import {
  ADMINISTRATOR_ACCESS,
  ALLOW_EVERYTHING,
  DENY_EVERYTHING,
  FULL_AWS_ACCESS,
  NO_PERMISSIONS,
  role,
  SCP_DENY_EVERYTHING,
  underScps,
  type Request,
} from '../../../security/requests';
import { byProperty, SuiteBuilder, underAllowEverything, underDenyEverything, type Scenario } from '../../../security/scenarios';

const caller = role('arn:aws:iam::111111111111:role/Admin', ADMINISTRATOR_ACCESS, 'o-aaaaaaaaaa');
const onKey: Request = { caller, action: 'kms:Decrypt', resource: 'arn:aws:kms:eu-west-1:111111111111:key/k1', resourcePolicy: NO_PERMISSIONS, context: { 'kms:ViaService': 'x' } };
const scenario = (request: Request, expectation: Scenario['expectation'] = 'can'): Scenario => ({
  property: 'p',
  name: 'n',
  expectation,
  decision: expectation === 'can' ? 'Allowed' : 'ExplicitlyDenied',
  request,
});

describe('SuiteBuilder', () => {
  it('builds the suite with each scenario under its property, in order', () => {
    const s = new SuiteBuilder('title', 'scp', 'eu-west-1');
    s.property('first', () => {
      s.cannot('refused', onKey, 'ImplicitlyDenied');
      s.can('allowed', onKey);
    });
    s.property('second', () => s.cannot('denied', onKey, 'ExplicitlyDenied'));
    expect(s.build()).toEqual({
      title: 'title',
      underTest: 'scp',
      region: 'eu-west-1',
      scenarios: [
        { property: 'first', name: 'refused', request: onKey, expectation: 'cannot', decision: 'ImplicitlyDenied' },
        { property: 'first', name: 'allowed', request: onKey, expectation: 'can', decision: 'Allowed' },
        { property: 'second', name: 'denied', request: onKey, expectation: 'cannot', decision: 'ExplicitlyDenied' },
      ],
    });
  });

  it('refuses a scenario outside a property, before any and after one ends', () => {
    const s = new SuiteBuilder('title', 'resource', 'eu-west-1');
    expect(() => s.can('early', onKey)).toThrow(new Error('scenario "early" is outside a property'));
    s.property('p', () => s.can('inside', onKey));
    expect(() => s.cannot('late', onKey, 'ExplicitlyDenied')).toThrow(new Error('scenario "late" is outside a property'));
    expect(s.build().scenarios.map((x) => x.name)).toEqual(['inside']);
  });

  it('gives each build its own copy of the list', () => {
    const s = new SuiteBuilder('title', 'resource', 'eu-west-1');
    s.property('p', () => s.can('one', onKey));
    const built = s.build();
    s.property('p', () => s.can('two', onKey));
    expect(built.scenarios.map((x) => x.name)).toEqual(['one']);
    expect(s.build().scenarios.map((x) => x.name)).toEqual(['one', 'two']);
  });
});

describe('byProperty', () => {
  it('groups scenarios by property in the order each property first appears', () => {
    const [a1, b1, a2] = [
      { ...scenario(onKey), property: 'a', name: 'a1' },
      { ...scenario(onKey), property: 'b', name: 'b1' },
      { ...scenario(onKey), property: 'a', name: 'a2' },
    ];
    expect(byProperty([a1, b1, a2])).toEqual([
      ['a', [a1, a2]],
      ['b', [b1]],
    ]);
    expect(byProperty([])).toEqual([]);
  });
});

describe('the requests of the deny- and allow-everything checks', () => {
  it('replace the resource policy, keeping the rest of the request', () => {
    expect(underDenyEverything('resource', scenario(onKey))).toEqual({ ...onKey, resourcePolicy: DENY_EVERYTHING });
    expect(underAllowEverything('resource', scenario(onKey, 'cannot'))).toEqual({ ...onKey, resourcePolicy: ALLOW_EVERYTHING });
  });

  it('refuse a resource scenario without a resource policy', () => {
    const bare: Request = { ...onKey, resourcePolicy: undefined };
    expect(() => underDenyEverything('resource', { ...scenario(bare), name: 'bare' })).toThrow(new Error('"bare" has no resource policy to test'));
    expect(() => underAllowEverything('resource', { ...scenario(bare, 'cannot'), name: 'bare' })).toThrow(new Error('"bare" has no resource policy to test'));
  });

  it('replace the service control policies, keeping the resource policy and the rest of the caller', () => {
    const underScp = { ...onKey, caller: underScps(caller, 'r-abcd', [FULL_AWS_ACCESS]) };
    expect(underDenyEverything('scp', scenario(underScp))).toEqual({
      ...onKey,
      caller: { ...caller, scps: [{ orgIdentifier: 'root', policies: [{ name: 'FullAWSAccess', policy: FULL_AWS_ACCESS }, { name: 'deny', policy: SCP_DENY_EVERYTHING }] }] },
    });
    expect(underAllowEverything('scp', scenario(underScp, 'cannot'))).toEqual({
      ...onKey,
      caller: { ...caller, scps: [{ orgIdentifier: 'root', policies: [{ name: 'FullAWSAccess', policy: FULL_AWS_ACCESS }] }] },
    });
    // An SCP scenario needs no resource policy.
    const bare: Request = { ...underScp, resourcePolicy: undefined };
    expect(underDenyEverything('scp', scenario(bare)).resourcePolicy).toBeUndefined();
    expect(underAllowEverything('scp', scenario(bare, 'cannot')).resourcePolicy).toBeUndefined();
  });
});
