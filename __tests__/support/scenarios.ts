/**
 * Paired scenarios for the security proofs: every "cannot" sits next to the "can" that uses the same
 * policy, so a policy that denied everything would fail the suite. `registerDenyEverythingCheck`
 * adds the test that proves it: each "can" is evaluated again with the policy under test (the
 * resource policy, or the service control policies) replaced by a deny-everything policy, and must
 * then be refused.
 */
import { decide, DENY_EVERYTHING, FULL_AWS_ACCESS, type Decision, type Request } from './policy-evaluation';

const SCP_DENY_EVERYTHING = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] };

export class Scenarios {
  private readonly allowed: { name: string; request: Request }[] = [];

  /** @param underTest which synthesized policy the scenarios prove: the resource policies or the SCPs. */
  constructor(private readonly underTest: 'resource' | 'scp') {}

  /** A request the synthesized policies must refuse, with the exact refusal expected. */
  cannot(name: string, request: Request, expected: Exclude<Decision, 'Allowed'>): void {
    it(`cannot: ${name}`, async () => {
      expect(await decide(request)).toBe(expected);
    });
  }

  /** A request the synthesized policies must allow. */
  can(name: string, request: Request): void {
    this.allowed.push({ name, request });
    it(`can: ${name}`, async () => {
      expect(await decide(request)).toBe('Allowed');
    });
  }

  registerDenyEverythingCheck(): void {
    it('every "can" above is refused when its policy is replaced by one that denies everything', async () => {
      expect(this.allowed.length).toBeGreaterThan(0);
      for (const { name, request } of this.allowed) {
        if (this.underTest === 'resource' && !request.resourcePolicy) throw new Error(`"${name}" has no resource policy to test`);
        const denied: Request =
          this.underTest === 'resource'
            ? { ...request, resourcePolicy: DENY_EVERYTHING }
          : {
              ...request,
              caller: {
                ...request.caller,
                scps: [{ orgIdentifier: 'root', policies: [{ name: 'FullAWSAccess', policy: FULL_AWS_ACCESS }, { name: 'deny', policy: SCP_DENY_EVERYTHING }] }],
              },
            };
        const decision = await decide(denied);
        if (decision === 'Allowed') throw new Error(`"${name}" is still allowed under a deny-everything policy: it does not test the synthesized policy`);
        expect(decision).toBe('ExplicitlyDenied');
      }
    });
  }
}
