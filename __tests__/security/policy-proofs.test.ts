/**
 * Security properties of SPEC section 6, proven by evaluating the policies exactly as synthesized for
 * the example environment (read back from cdk.tf.json), request by request, with an IAM policy
 * evaluator. The scenarios (security/properties.ts) take their principals and resources from the
 * output; the review report evaluates the same list. Identity policies are the worst case for a
 * "cannot" (AdministratorAccess: `*` on `*`) and, for AWS Backup's own role, the AWS managed policy
 * this project attaches.
 */
import { decide } from '../../security/evaluation';
import { resourcePolicySuites } from '../../security/properties';
import { readSecuritySubjects } from '../../security/subjects';
import { registerSuite } from '../support/proofs';
import { exampleConfig, synthApp } from '../support/synth';

const config = exampleConfig();
const out = synthApp(config);
const subjects = readSecuritySubjects(out);
const suites = resourcePolicySuites(subjects);

it("the source accounts' backup role has the AWS managed policy whose copy statements the scenarios use", () => {
  expect(out.stacks[`source-${config.sourceAccounts[0].name}`].resource?.aws_iam_role_policy_attachment?.backup_AWSBackupServiceRolePolicyForBackup).toMatchObject({
    policy_arn: 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
    role: '${aws_iam_role.backup.name}',
  });
});

describe('principals and resources of the proofs, read from the output', () => {
  it('are the organization, accounts and roles of the config', () => {
    expect(subjects).toMatchObject({
      partition: 'aws',
      organizationId: config.organization.id,
      rootId: config.organization.rootId,
      memberOrgPath: `${config.organization.id}/${config.organization.rootId}/ou-a1b2-c3d4e5f6/`,
      regions: config.regions,
      breakGlassRoleArn: config.backupAccount.breakGlassRoleArns[0],
      backupAccount: {
        accountId: config.backupAccount.accountId,
        deploymentRoleArn: `arn:aws:iam::${config.backupAccount.accountId}:role/${config.deploymentRoleName}`,
      },
      scps: [],
    });
    expect(subjects.sources.map((s) => [s.name, s.accountId, s.backupRoleName])).toEqual(
      config.sourceAccounts.map((a) => [a.name, a.accountId, config.backupRoleName]),
    );
  });

  it.each(config.regions)('name the central and source vaults and keys in %s with their synthesized policies', (region) => {
    const central = subjects.backupAccount.vaults[region];
    expect(central).toMatchObject({
      vaultArn: `arn:aws:backup:${region}:${config.backupAccount.accountId}:backup-vault:${config.backupAccount.vaultName}`,
      vaultPolicyAddress: `aws_backup_vault_policy.central_${region}`,
      keyAddress: `aws_kms_key.central_${region}`,
    });
    expect(JSON.stringify(central.vaultPolicy)).toContain('DenyRecoveryPointDestruction');
    expect(JSON.stringify(central.keyPolicy)).toContain('DenyKeyDestruction');
    const source = subjects.sources[0].vaults[region];
    expect(source).toMatchObject({
      vaultArn: `arn:aws:backup:${region}:${config.sourceAccounts[0].accountId}:backup-vault:${config.sourceVaultName}`,
      vaultPolicyAddress: `aws_backup_vault_policy.local_${region}`,
      keyAddress: `aws_kms_key.backup_${region}`,
      keyAliases: ['alias/org-backup'],
    });
  });

  it('cover every region with the same 89 scenarios', () => {
    expect(suites.map((s) => [s.region, s.scenarios.length])).toEqual(config.regions.map((r) => [r, 89]));
  });
});

suites.forEach(registerSuite);

describe('why each exemption is two denies, not one', () => {
  /** The policy with every `<Sid>ByRoleId` twin folded into its deny: ArnNotLike and StringNotLike in one Condition block. */
  const oneBlock = (policy: { Version: string; Statement: unknown[] }) => {
    const statements = policy.Statement as { Sid: string; Condition?: Record<string, unknown> }[];
    return {
      ...policy,
      Statement: statements
        .filter((s) => !s.Sid.endsWith('ByRoleId'))
        .map((s) => {
          const twin = statements.find((t) => t.Sid === `${s.Sid}ByRoleId`);
          return twin ? { ...s, Condition: { ...s.Condition, ...twin.Condition } } : s;
        }),
    };
  };
  const recreated = suites[0].scenarios.filter((s) => s.name.startsWith('a re-created '));

  it('has re-created-role scenarios to show it with', () => {
    expect(recreated.map((s) => s.name)).toHaveLength(4);
  });

  it.each(recreated.map((s) => [s.name, s] as const))('one block would let through: %s', async (_, scenario) => {
    expect(await decide(scenario.request)).toBe('ExplicitlyDenied');
    expect(await decide({ ...scenario.request, resourcePolicy: oneBlock(scenario.request.resourcePolicy!) })).toBe('Allowed');
  });
});
