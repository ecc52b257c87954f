/**
 * The security part of the plan review, from the synthesized output: the security rule pack's
 * result per rule, and the properties of SPEC section 6 evaluated live over the policies as
 * synthesized (security/). A failure to evaluate is reported, never thrown: the rest of the review
 * stays usable.
 */
import { SynthesizedApp } from '../../checks/model';
import { tallyRules, type RuleTally } from '../../checks/pack';
import { resourcePolicySuites, scpSuites } from '../../security/properties';
import { proveSuite, type SuiteResult } from '../../security/proofs';
import { readSecuritySubjects, type SecuritySubjects } from '../../security/subjects';
import type { SynthOutput } from '../../output/synth-output';

export type Failed = { readonly error: string };

export interface ProofReview {
  readonly subjects: SecuritySubjects;
  /** The resource-policy suites, one per region. */
  readonly resourcePolicies: readonly SuiteResult[];
  /** The SCP suite, when the output attaches an SCP at the root. */
  readonly scp: readonly SuiteResult[];
}

export interface SecurityReview {
  readonly pack: readonly RuleTally[] | Failed;
  readonly proofs: ProofReview | Failed;
}

/** `app` is the output's SynthesizedApp when the caller has one already (the review builds it once). */
export async function reviewSecurity(out: SynthOutput, app: SynthesizedApp = new SynthesizedApp(out.stacks)): Promise<SecurityReview> {
  return { pack: packResult(app), proofs: await proofResult(out, app) };
}

/** The security properties alone (the base of a comparison needs no rule pack tally). */
export async function reviewProofs(out: SynthOutput, app: SynthesizedApp = new SynthesizedApp(out.stacks)): Promise<ProofReview | Failed> {
  return proofResult(out, app);
}

export function failed<T extends object>(result: T | Failed): result is Failed {
  return 'error' in result;
}

function packResult(app: SynthesizedApp): readonly RuleTally[] | Failed {
  try {
    return tallyRules(app);
  } catch (err) {
    return { error: messageOf(err) };
  }
}

async function proofResult(out: SynthOutput, app: SynthesizedApp): Promise<ProofReview | Failed> {
  try {
    const subjects = readSecuritySubjects(out, app);
    const resourcePolicies = await Promise.all(resourcePolicySuites(subjects).map(proveSuite));
    const scp = await Promise.all(scpSuites(subjects).map(proveSuite));
    return { subjects, resourcePolicies, scp };
  } catch (err) {
    return { error: messageOf(err) };
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
