/**
 * Every scenario of the security proofs, pinned: who asks (role ARN, identity policy, organization,
 * role id, SCPs), for what, on which resource under which synthesized policy, with which context,
 * and the decision expected. The proofs only show that each scenario gets its decision; a scenario
 * quietly changed (another caller, a context key dropped, a window of 29 days instead of 7, a
 * "cannot" expecting another refusal, a scenario lost) passes them, and fails here. The review
 * report prints the same list, by name.
 *
 * The pinned list is `scenarios.json` beside this file. After a change to the scenarios made on
 * purpose, review the difference and rewrite the file with
 * `PIN_SCENARIOS=1 npx jest __tests__/security/mutants/scenario-pins.test.ts`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { config as full } from '../../../envs/full';
import { validateConfig } from '../../../envs/load';
import { airGapSuites, readAirGappedSubjects, withShareGrant } from '../../../security/air-gap-properties';
import { otherMemberAccount, resourcePolicySuites, scpSuites, securityScenarios } from '../../../security/properties';
import {
  ADMINISTRATOR_ACCESS,
  BACKUP_ROLE_COPY_STATEMENTS,
  BACKUP_ROLE_SNAPSHOT_SHARING_STATEMENTS,
  BACKUP_SERVICE_LINKED_ROLE_KMS_STATEMENTS,
  FULL_AWS_ACCESS,
  modelledRoleId,
  NO_PERMISSIONS,
  type PolicyJson,
} from '../../../security/requests';
import type { Scenario, ScenarioSuite } from '../../../security/scenarios';
import { readSecuritySubjects, SubjectError, type SecuritySubjects } from '../../../security/subjects';
import { exampleConfig, synthApp } from '../../support/synth';

const PINNED = path.join(__dirname, 'scenarios.json');

const example = synthApp(exampleConfig((c) => void (c.protectBackupsScp = true)));
const subjects = readSecuritySubjects(example);
const fullOut = synthApp(validateConfig(structuredClone(full), 'envs/full.ts'));
const fullSubjects = readSecuritySubjects(fullOut);

/** The policies a scenario may name, by what they are; anything else is shown as unknown. */
function policyNames(s: SecuritySubjects, out: typeof example): Map<string, string> {
  const names = new Map<string, string>();
  const add = (policy: PolicyJson | undefined, name: string) => policy && !names.has(JSON.stringify(policy)) && names.set(JSON.stringify(policy), name);
  for (const [region, v] of Object.entries(s.backupAccount.vaults)) {
    add(v.vaultPolicy, `central vault ${region}`);
    add(v.keyPolicy, `central key ${region}`);
  }
  for (const source of s.sources) {
    for (const [region, v] of Object.entries(source.vaults)) {
      add(v.vaultPolicy, `${source.stack} vault ${region}`);
      add(v.keyPolicy, `${source.stack} key ${region}`);
    }
  }
  for (const vault of readAirGappedSubjects(out)) {
    add(withShareGrant(vault, s.partition), `air-gapped vault ${vault.region} with its share`);
    add(vault.keyPolicy, `air-gapped key ${vault.region}`);
  }
  for (const scp of s.scps) add(scp.policy, `SCP ${scp.name}`);
  return names;
}

const IDENTITY = new Map<PolicyJson, string>([
  [ADMINISTRATOR_ACCESS, 'AdministratorAccess'],
  [NO_PERMISSIONS, 'no permissions'],
  [BACKUP_ROLE_COPY_STATEMENTS, 'backup role copy statements'],
  [BACKUP_ROLE_SNAPSHOT_SHARING_STATEMENTS, 'backup role snapshot sharing'],
  [BACKUP_SERVICE_LINKED_ROLE_KMS_STATEMENTS, 'service-linked role KMS statements'],
]);

/** One line per scenario, every field of its request. */
function describeScenario(scenario: Scenario, names: Map<string, string>): string {
  const { caller, action, resource, resourceAccount, resourcePolicy, context } = scenario.request;
  const policy = (p: PolicyJson) => (p === FULL_AWS_ACCESS ? 'FullAWSAccess' : (names.get(JSON.stringify(p)) ?? `unknown ${JSON.stringify(p)}`));
  const roleName = caller.arn.slice(caller.arn.lastIndexOf('/') + 1);
  const who = [
    caller.arn,
    `account ${caller.account}`,
    caller.identityPolicies.map((p) => IDENTITY.get(p) ?? `unknown ${JSON.stringify(p)}`).join('+'),
    caller.orgId ?? 'no organization',
    caller.userId === modelledRoleId(caller.account, roleName) ? 'its id' : `id ${caller.userId}`,
    ...(caller.scps ? [`SCPs ${caller.scps.map((l) => `${l.orgIdentifier}: ${l.policies.map((p) => `${p.name}=${policy(p.policy)}`).join(', ')}`).join(' / ')}`] : []),
  ].join(', ');
  return [
    `${scenario.expectation} (${scenario.decision}) ${scenario.name}`,
    `  by ${who}`,
    `  ${action} on ${resource}${resourceAccount ? ` in ${resourceAccount}` : ''} under ${resourcePolicy ? policy(resourcePolicy) : 'no resource policy'}${context ? ` with ${JSON.stringify(context)}` : ''}`,
  ].join('\n');
}

function describeSuite(suite: ScenarioSuite, names: Map<string, string>): string[] {
  return [`${suite.title} (${suite.underTest}, ${suite.region})`, ...suite.scenarios.map((s) => `[${s.property}]\n${describeScenario(s, names)}`)];
}

const exampleNames = policyNames(subjects, example);
const fullNames = policyNames(fullSubjects, fullOut);
const resourceSuites = resourcePolicySuites(subjects);
const gapSuites = airGapSuites(fullOut, fullSubjects);
const scp = scpSuites(subjects);

const actual = {
  'example, central and source policies': describeSuite(resourceSuites[0], exampleNames),
  'example with protectBackupsScp, the SCP': describeSuite(scp[0], exampleNames),
  'envs/full.ts, the air-gapped vault': describeSuite(gapSuites[0], fullNames),
};

if (process.env.PIN_SCENARIOS === '1') writeFileSync(PINNED, `${JSON.stringify(actual, null, 1)}\n`);
const pinned = existsSync(PINNED) ? (JSON.parse(readFileSync(PINNED, 'utf8')) as typeof actual) : {};

describe('every scenario of the proofs, pinned', () => {
  it.each(Object.keys(actual) as (keyof typeof actual)[])('%s', (name) => {
    expect(actual[name]).toEqual(pinned[name as keyof typeof pinned]);
  });

  it('names every policy of the scenarios: none is unknown', () => {
    expect(Object.values(actual).flat().filter((line) => line.includes('unknown'))).toEqual([]);
  });

  it('are the same in every region but for the region', () => {
    const [first, second] = subjects.regions;
    expect(resourceSuites.map((s) => s.region)).toEqual([first, second]);
    expect(describeSuite(resourceSuites[1], exampleNames).map((line) => line.replaceAll(second, first))).toEqual(actual['example, central and source policies']);
    const [gapFirst, gapSecond] = gapSuites.map((s) => s.region);
    expect(describeSuite(gapSuites[1], fullNames).map((line) => line.replaceAll(gapSecond, gapFirst))).toEqual(actual['envs/full.ts, the air-gapped vault']);
  });
});

describe('which suites an output calls for', () => {
  it('the resource policies in each region, the air-gapped vaults in each region, then the SCP', () => {
    const titles = (suites: ScenarioSuite[]) => suites.map((s) => `${s.underTest} ${s.region}`);
    expect(titles(securityScenarios(example))).toEqual(['resource ap-southeast-2', 'resource eu-west-1', 'scp ap-southeast-2']);
    expect(titles(securityScenarios(fullOut))).toEqual([...titles(resourcePolicySuites(fullSubjects)), ...titles(gapSuites), ...titles(scpSuites(fullSubjects))]);
    expect(titles(gapSuites)).toEqual(['resource ap-southeast-2', 'resource eu-west-1']);
  });

  it('no SCP suite without an SCP attached at the root', () => {
    expect(scpSuites({ ...subjects, scps: [] })).toEqual([]);
    expect(scpSuites({ ...subjects, scps: subjects.scps.map((p) => ({ ...p, targets: ['ou-a1b2-c3d4e5f6'] })) })).toEqual([]);
  });
});

describe('without a break-glass role', () => {
  const breakGlass = subjects.breakGlassRoleArn as string;
  const lines = (suites: ScenarioSuite[]) => suites[0].scenarios.map((s) => describeScenario(s, exampleNames));
  const without = { ...subjects, breakGlassRoleArn: undefined };

  it('the scenarios are those of the break-glass role left out, in both suites', () => {
    expect(breakGlass).toMatch(/^arn:aws:iam::\d{12}:role\//);
    const others = (suites: ScenarioSuite[]) => suites[0].scenarios.filter((s) => s.request.caller.arn !== breakGlass).map((s) => describeScenario(s, exampleNames));
    expect(lines(resourcePolicySuites(without))).toEqual(others(resourceSuites));
    expect(lines(scpSuites(without))).toEqual(
      others(scp).filter((line) => !line.includes(`on ${breakGlass}`)),
    );
    expect(resourceSuites[0].scenarios.length - resourcePolicySuites(without)[0].scenarios.length).toBe(15);
    expect(scp[0].scenarios.length - scpSuites(without)[0].scenarios.length).toBe(7);
  });
});

describe('the other member account the scenarios attack from', () => {
  const one = (ids: string[]) => ({ ...subjects, backupAccount: { ...subjects.backupAccount, accountId: ids[0] }, sources: [{ ...subjects.sources[0], accountId: ids[1] }] });

  it('is the second source account when there is one', () => {
    expect(subjects.sources.length).toBeGreaterThan(1);
    expect(otherMemberAccount(subjects)).toBe(subjects.sources[1].accountId);
  });

  it('with one source account, is an account id the output names nowhere', () => {
    expect(otherMemberAccount(one(['222222222222', '333333333333']))).toBe('123456789012');
    expect(otherMemberAccount(one(['123456789012', '333333333333']))).toBe('210987654321');
    expect(otherMemberAccount(one(['222222222222', '123456789012']))).toBe('210987654321');
  });
});

describe('what the scenarios refuse to be built from', () => {
  it('a source account without a vault in a region of the central vaults', () => {
    const [first, second] = subjects.regions;
    const source = { ...subjects.sources[0], vaults: { [first]: subjects.sources[0].vaults[first] } };
    expect(() => resourcePolicySuites({ ...subjects, sources: [source] })).toThrow(new SubjectError(`stack ${source.stack} has no backup vault in ${second}`));
    const central = { ...subjects.backupAccount, vaults: { [second]: subjects.backupAccount.vaults[second] } };
    expect(() => scpSuites({ ...subjects, backupAccount: central })).toThrow(new SubjectError(`stack backup-account has no backup vault in ${first}`));
  });

  it('an SCP over a source key without an alias', () => {
    const [first] = subjects.regions;
    const vault = subjects.sources[0].vaults[first];
    const source = { ...subjects.sources[0], vaults: { ...subjects.sources[0].vaults, [first]: { ...vault, keyAliases: [] } } };
    expect(() => scpSuites({ ...subjects, sources: [source] })).toThrow(
      new SubjectError(`${source.stack} ${vault.keyAddress}: the key has no alias, which the SCP's key protection goes by`),
    );
  });
});
