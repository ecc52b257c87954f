/**
 * Per-stack deployment roles (`management.deploymentRoleArn`, `backupAccount.deploymentRoleName`,
 * `sourceAccounts[].deploymentRoleName`), on the Control Tower and Landing Zone Accelerator examples:
 * the role in every provider of every stack, the exemptions of the central vault and key policies,
 * the SCP's exempt names, and the security properties proven on the Control Tower output.
 */
import { validateConfig } from '../envs/load';
import { config as controlTower } from '../envs/control-tower';
import { config as lza } from '../envs/landing-zone-accelerator';
import type { OrgConfigInput } from '../envs/schema';
import { readSecuritySubjects } from '../security/subjects';
import { resourcePolicySuites, scpSuites } from '../security/properties';
import type { SynthOutput } from '../output/synth-output';
import { registerSuite } from './support/proofs';
import { exampleConfig, synthApp } from './support/synth';
import { readJsonDocument } from '../output/terraform-expression';

type Provider = { alias?: string; allowed_account_ids?: string[]; assume_role?: { role_arn: string; session_name: string }[] };
const providers = (out: SynthOutput, stack: string) => (out.stacks[stack].provider?.aws ?? []) as Provider[];
const policyOf = (out: SynthOutput, type: string, name: string) => readJsonDocument(out.stacks['backup-account'].resource?.[type]?.[name]?.policy as string) as any;
const exempted = (policy: { Statement: { Sid: string; Condition?: { ArnNotLike?: { 'aws:PrincipalArn': string[] } } }[] }, sid: string) =>
  policy.Statement.find((s) => s.Sid === sid)?.Condition?.ArnNotLike?.['aws:PrincipalArn'];

/** Every stack's expected role ARN (undefined: no assume_role) and account. */
function expectRoles(out: SynthOutput, expected: Record<string, [string, string | undefined]>): void {
  expect(Object.keys(out.stacks).sort()).toEqual(Object.keys(expected).sort());
  for (const [stack, [account, role]] of Object.entries(expected)) {
    const list = providers(out, stack);
    expect(list.length).toBeGreaterThan(0);
    for (const p of list) {
      expect([stack, p.allowed_account_ids]).toEqual([stack, [account]]);
      expect([stack, p.assume_role]).toEqual([stack, role === undefined ? undefined : [{ role_arn: role, session_name: `org-backup-${stack}` }]]);
    }
  }
}

describe('the Control Tower example', () => {
  const config = validateConfig(controlTower, 'envs/control-tower.ts');
  const out = synthApp(config);

  it('deploys management with the pipeline credentials, members through AWSControlTowerExecution, the unenrolled account through its own role', () => {
    expectRoles(out, {
      management: ['710000000001', undefined],
      'backup-account': ['710000000005', 'arn:aws:iam::710000000005:role/AWSControlTowerExecution'],
      'source-workloads-prod': ['710000000011', 'arn:aws:iam::710000000011:role/AWSControlTowerExecution'],
      'source-workloads-sdlc': ['710000000012', 'arn:aws:iam::710000000012:role/AWSControlTowerExecution'],
      'source-legacy-erp': ['710000000013', 'arn:aws:iam::710000000013:role/OrganizationAccountAccessRole'],
    });
  });

  it("keeps this project's central vault apart from Control Tower's aws-controltower-central-backupvault-*", () => {
    for (const vault of Object.values(out.stacks['backup-account'].resource?.aws_backup_vault ?? {})) expect(String(vault.name)).not.toMatch(/^aws-controltower/);
  });

  it('exempts, in the SCP, both deployment role names in every account', () => {
    const scp = JSON.parse(out.stacks.management.resource?.aws_organizations_policy?.protect_backups.content as string);
    const leave = scp.Statement.find((s: { Sid: string }) => s.Sid === 'StayInTheOrganization');
    expect(leave.Condition.ArnNotLike['aws:PrincipalArn']).toEqual(['arn:aws:iam::*:role/AWSControlTowerExecution', 'arn:aws:iam::*:role/OrganizationAccountAccessRole']);
  });

  const subjects = readSecuritySubjects(out);
  it('is proven with the deployment role read from its providers', () => {
    expect(subjects.backupAccount.deploymentRoleArn).toBe('arn:aws:iam::710000000005:role/AWSControlTowerExecution');
  });
  resourcePolicySuites(subjects).slice(0, 1).forEach(registerSuite);
  scpSuites(subjects).forEach(registerSuite);
});

describe('the Landing Zone Accelerator example', () => {
  const config = validateConfig(lza, 'envs/landing-zone-accelerator.ts');
  const out = synthApp(config);

  it('deploys management through the pipeline role, the Backup account through its own role, members through AWSControlTowerExecution', () => {
    expectRoles(out, {
      management: ['720000000001', 'arn:aws:iam::720000000001:role/OrgBackupPipeline'],
      'backup-account': ['720000000004', 'arn:aws:iam::720000000004:role/OrgBackupDeploy'],
      'source-network': ['720000000010', 'arn:aws:iam::720000000010:role/AWSControlTowerExecution'],
      'source-shared-services': ['720000000011', 'arn:aws:iam::720000000011:role/AWSControlTowerExecution'],
      'source-app-prod': ['720000000020', 'arn:aws:iam::720000000020:role/AWSControlTowerExecution'],
    });
  });

  it.each(config.regions)('exempts the role that deploys the Backup account, and not the member role, in the central policies of %s', (region) => {
    const deploy = 'arn:aws:iam::720000000004:role/OrgBackupDeploy';
    const breakGlass = 'arn:aws:iam::720000000004:role/backup-break-glass';
    expect(exempted(policyOf(out, 'aws_backup_vault_policy', `central_${region}`), 'DenyVaultProtectionChanges')).toEqual([breakGlass, deploy]);
    expect(exempted(policyOf(out, 'aws_kms_key', `central_${region}`), 'DenyKeyProtectionChanges')).toEqual([breakGlass, deploy]);
    expect(JSON.stringify(out.stacks['backup-account'].resource)).not.toContain('720000000004:role/AWSControlTowerExecution');
  });

  resourcePolicySuites(readSecuritySubjects(out)).slice(0, 1).forEach(registerSuite);
});

describe('management.deploymentRoleArn', () => {
  const problems = (change: (draft: OrgConfigInput) => void) => {
    try {
      exampleConfig(change);
      return [];
    } catch (err) {
      return (err as { problems?: string[] }).problems ?? [String(err)];
    }
  };

  it('defaults to deploymentRoleName in the management account, as before', () => {
    expect(providers(synthApp(exampleConfig()), 'management')[0].assume_role).toEqual([
      { role_arn: 'arn:aws:iam::111111111111:role/OrganizationAccountAccessRole', session_name: 'org-backup-management' },
    ]);
  });

  it.each([
    ['a role of another account', 'arn:aws:iam::222222222222:role/Pipeline', 'the role is in account 222222222222, but the management stack deploys into the management account 111111111111'],
    ['another partition', 'arn:aws-cn:iam::111111111111:role/Pipeline', 'the ARN is in partition aws-cn, but partition is aws'],
    ['neither an ARN nor none', 'pipeline', 'management.deploymentRoleArn'],
  ])('refuses %s, naming the path and the value', (_, value, message) => {
    const found = problems((d) => void ((d as Record<string, unknown>).management = { deploymentRoleArn: value }));
    expect(found).toEqual([expect.stringContaining(message)]);
    expect(found[0]).toContain('management.deploymentRoleArn');
  });

  it('refuses a break-glass role outside the Backup account, whose unique id the stack could not read', () => {
    const found = problems((d) => void (d.backupAccount.breakGlassRoleArns = ['arn:aws:iam::333333333333:role/backup-break-glass']));
    expect(found).toEqual([expect.stringContaining('backupAccount.breakGlassRoleArns[0]')]);
    expect(found[0]).toContain('break-glass roles must be in the Backup account 222222222222');
  });

  it('refuses an unknown key beside it', () => {
    expect(problems((d) => void ((d as Record<string, unknown>).management = { deploymentRoleName: 'x' }))).toEqual([expect.stringContaining('management')]);
  });
});
