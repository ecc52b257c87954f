/**
 * The same security properties, proven on another organization: the other-organization fixture
 * (three regions, its own deployment role name), with a break-glass role (without one, its "can"
 * scenarios, the pairs of the deletion denies, are left out) and the SCP turned on. What the example
 * proves must not depend on the example's names.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { validateConfig } from '../../envs/load';
import { securityScenarios } from '../../security/properties';
import { registerSuite } from '../support/proofs';
import { synthApp } from '../support/synth';
import { readJsonDocument } from '../../output/terraform-expression';

const raw = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'other-org.json'), 'utf8'));
const config = validateConfig(
  { ...raw, backupAccount: { ...raw.backupAccount, breakGlassRoleArns: ['arn:aws:iam::900000000002:role/globex-recovery'] }, protectBackupsScp: true },
  'other-org.json with a break-glass role and protectBackupsScp',
);
const out = synthApp(config);
const suites = securityScenarios(out);

it('proves the resource policies in each of its three regions, and the SCP', () => {
  expect(suites.map((s) => [s.underTest, s.region])).toEqual([...[...config.regions].sort().map((r) => ['resource', r]), ['scp', [...config.regions].sort()[0]]]);
});

it("carries the review's key fixes in every key, and the snapshot-sharing deny in the SCP", () => {
  const sids = (stack: string, type: string) =>
    Object.values(out.stacks[stack].resource?.[type] ?? {}).map((r) => ((readJsonDocument(r.policy as string) as { Statement: unknown }).Statement as { Sid: string }[]).map((s) => s.Sid));
  for (const keySids of sids('backup-account', 'aws_kms_key')) expect(keySids).toEqual(expect.arrayContaining(['DenyShortKeyDeletionWindow', 'DenyGrantsNotForAwsResources']));
  for (const stack of ['source-payments', 'source-analytics']) {
    for (const keySids of sids(stack, 'aws_kms_key')) {
      expect(keySids).toEqual(expect.arrayContaining(['DenyShortKeyDeletionWindow', 'AutoScalingAndSpotThroughEc2Use', 'AutoScalingAndSpotThroughEc2GrantsForAwsResources']));
    }
  }
  const scp = JSON.parse(out.stacks.management.resource?.aws_organizations_policy?.protect_backups.content as string);
  expect(scp.Statement.map((s: { Sid: string }) => s.Sid)).toContain('ProtectBackupAccountSnapshots');
});

suites.forEach(registerSuite);
