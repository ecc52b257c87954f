/**
 * The security properties of the air-gapped vaults (security/air-gap-properties.ts), proven by
 * evaluating the policies as synthesized for the environment with every option on (envs/full.ts):
 * the vault access policy, with the RAM share's grant as AWS Backup's guide lists it, and the
 * customer-managed key's policy.
 */
import { validateConfig } from '../../envs/load';
import { config as full, RECOVERY_ACCOUNT_ID } from '../../envs/full';
import { AIR_GAPPED_SHARE_ACTIONS, airGapSuites, readAirGappedSubjects, withShareGrant } from '../../security/air-gap-properties';
import { securityScenarios } from '../../security/properties';
import { registerSuite } from '../support/proofs';
import { exampleConfig, synthApp } from '../support/synth';

const out = synthApp(validateConfig(structuredClone(full), 'envs/full.ts'));
const subjects = readAirGappedSubjects(out);
const suites = airGapSuites(out);

describe('the air-gapped vaults read from the output', () => {
  it('are one per region, shared inside the organization with the source accounts and the recovery account', () => {
    expect(subjects.map((s) => [s.region, s.vaultArn, s.allowExternalPrincipals])).toEqual([
      ['ap-southeast-2', 'arn:aws:backup:ap-southeast-2:222222222222:backup-vault:org-air-gapped', false],
      ['eu-west-1', 'arn:aws:backup:eu-west-1:222222222222:backup-vault:org-air-gapped', false],
    ]);
    for (const s of subjects) expect([...s.sharedWith].sort()).toEqual(['333333333333', '444444444444', '555555555555', '666666666666', RECOVERY_ACCOUNT_ID]);
  });

  it('model the share as a grant of restore and read actions only: nothing that deletes, shortens, copies or re-policies', () => {
    const grant = withShareGrant(subjects[0], 'aws').Statement.at(-1) as { Action: string[] };
    expect(grant.Action).toEqual(AIR_GAPPED_SHARE_ACTIONS);
    expect(grant.Action.filter((a) => /Delete|Update|Put|Copy/.test(a))).toEqual([]);
  });

  it('are part of securityScenarios for an output with air-gapped vaults, and add nothing where there is none', () => {
    expect(securityScenarios(out).filter((s) => s.title.startsWith('the air-gapped vault')).length).toBe(2);
    expect(airGapSuites(synthApp(exampleConfig()))).toEqual([]);
  });

  it('cover every region with the same scenarios', () => {
    expect(suites.map((s) => [s.region, s.scenarios.length])).toEqual([['ap-southeast-2', 24], ['eu-west-1', 24]]);
  });
});

suites.forEach(registerSuite);
