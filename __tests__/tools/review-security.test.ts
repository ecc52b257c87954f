/**
 * The Security section of the review report on outputs other than the plain example: with the SCP,
 * with a central vault policy weakened by hand in cdk.tf.json, with a policy the evaluator cannot
 * read, and without a break-glass role.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { proveSuite } from '../../security/proofs';
import { ADMINISTRATOR_ACCESS, role } from '../../security/requests';
import { writeReview } from '../../tools/review';
import type { SynthOutput } from '../../output/synth-output';
import { exampleConfig, synthApp } from '../support/synth';
import { readJsonDocument } from '../../output/terraform-expression';
import { securityScenarios } from '../../security/properties';

const withScp = synthApp(exampleConfig((d) => void (d.protectBackupsScp = true)));
/** How many scenarios the output calls for: the count the report must give, read from the output rather than typed. */
const scenarioCount = (out: SynthOutput) => securityScenarios(out).reduce((n, suite) => n + suite.scenarios.length, 0);

/** A copy of the output with one stack's cdk.tf.json changed. */
function editedCopy(out: SynthOutput, stack: string, edit: (json: any) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'org-backup-edited-'));
  cpSync(out.dir, dir, { recursive: true });
  const file = path.join(dir, out.manifest.stacks[stack].synthesizedStackPath);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  edit(json);
  writeFileSync(file, JSON.stringify(json));
  return dir;
}

async function securitySection(dir: string): Promise<{ report: string; section: string }> {
  const report = readFileSync(await writeReview({ out: dir }), 'utf8');
  return { report, section: report.slice(report.indexOf('## Security'), report.indexOf('## Copy flows')) };
}

describe('Security section with the backup protection SCP', () => {
  let section: string;
  beforeAll(async () => void ({ section } = await securitySection(withScp.dir)));

  it('proves the SCP scenarios as well, every one passing', () => {
    expect(section).toContain(`**All ${scenarioCount(withScp)} scenarios pass**`);
    expect(section).toContain('`management: aws_organizations_policy.protect_backups` (org-backup-protect-backups), attached at the root beside FullAWSAccess');
    expect(section).toContain('- PASS: a member-account administrator cannot delete its own backup vault; the deployment role can (7 scenarios)');
    expect(section).toContain('- PASS: the SCP does not get in the way of AWS Backup or the break-glass role (2 scenarios)');
    expect(section).toContain('| pass | ap-southeast-2 | cannot: source admin leaves the organization | ExplicitlyDenied | ExplicitlyDenied |');
    expect(section).toContain('| pass | ap-southeast-2 | 22 of 22 | - |');
    expect(section).not.toMatch(/FAIL\*\*:|ERROR|could not/);
  });
});

describe('Security section of an output whose central vault policy lost DenyRecoveryPointDestruction in eu-west-1', () => {
  const dir = editedCopy(withScp, 'backup-account', (json) => {
    const policy = json.resource.aws_backup_vault_policy['central_eu-west-1'];
    // The deny and its twin by role id (DenyRecoveryPointDestructionByRoleId); the role ids stay Terraform references.
    const document = readJsonDocument(policy.policy) as { Statement: { Sid?: string }[] };
    const before = document.Statement.length;
    document.Statement = document.Statement.filter((s: { Sid?: string }) => !s.Sid?.startsWith('DenyRecoveryPointDestruction'));
    if (document.Statement.length !== before - 2) throw new Error('the central vault policy has no DenyRecoveryPointDestruction statements to remove');
    policy.policy = JSON.stringify(document);
  });
  let section: string;
  beforeAll(async () => void ({ section } = await securitySection(dir)));

  it('flags the rule pack failure on that vault', () => {
    expect(section).toMatch(/^\| `OB-VAULT-DENIES-DESTRUCTION` \| error \| \*\*FAIL\*\* \| 1 \| 1 \| \d+ \| `backup-account: aws_backup_vault.central_eu-west-1`: no unconditional deny/m);
    expect(section).toContain('over this output: 1 error rule fails, 1 warning rule fails.');
  });

  it('shows FAIL for the properties that statement proves, in eu-west-1 only', () => {
    expect(section).toContain(`> **6 of ${scenarioCount(withScp)} scenarios FAIL** in: a source-account administrator cannot destroy or shorten a central recovery point; the break-glass role can; ` +
        'even an administrator of the Backup account cannot delete central recovery points or the vault; ' +
        'a source-account administrator cannot re-policy or unlock the central vault; the deployment role can re-policy it; ' +
        'a role deleted and re-created under the same name (same ARN, a new unique id) is no longer exempt.');
    expect(section).toContain('- **FAIL**: a source-account administrator cannot destroy or shorten a central recovery point; the break-glass role can (8 scenarios)');
    expect(section).toContain('  - **FAIL** cannot: source admin deletes a central recovery point (eu-west-1): expected ExplicitlyDenied, got ImplicitlyDenied');
    expect(section).toContain('  - **FAIL** cannot: Backup-account admin deletes a central recovery point (eu-west-1): expected ExplicitlyDenied, got Allowed');
    expect(section).toContain('  - **FAIL** cannot: Backup-account admin deletes the central vault (eu-west-1): expected ExplicitlyDenied, got Allowed');
    expect(section).toContain('| **FAIL** | eu-west-1 | cannot: source admin shortens the lifecycle of a central recovery point | ExplicitlyDenied | ImplicitlyDenied |');
    expect(section).toContain('| pass | ap-southeast-2 | cannot: source admin deletes a central recovery point | ExplicitlyDenied | ExplicitlyDenied |');
    expect(section).toContain('<details open><summary><b>FAIL</b>: even an administrator of the Backup account cannot delete central recovery points or the vault</summary>');
    expect(section).toContain('  - **FAIL** cannot: source admin deletes the central vault (eu-west-1): expected ExplicitlyDenied, got ImplicitlyDenied');
    expect(section).toContain('| pass | eu-west-1 | can: break-glass role deletes a central recovery point | Allowed | Allowed |');
    expect(section).toContain('- PASS: no source account can disable, delete or re-policy the central key; the break-glass and deployment roles can (16 scenarios)');
  });
});

describe('Security section of an output with a policy the evaluator cannot read', () => {
  const dir = editedCopy(withScp, 'backup-account', (json) => {
    json.resource.aws_kms_key['central_eu-west-1'].policy = '${data.aws_iam_policy_document.central.json}';
  });
  let report: string;
  let section: string;
  beforeAll(async () => void ({ report, section } = await securitySection(dir)));

  it('says the properties could not be evaluated, and why, instead of failing the review', () => {
    expect(section).toContain('> The security properties could not be evaluated on this output: backup-account aws_kms_key.central_eu-west-1.policy is not readable JSON');
    expect(section).toContain('| `OB-KMS-ROTATION` | error | pass |');
    expect(report).toContain('## Copy flows');
    expect(report).toContain('## Resources by stack');
  });
});

describe('Security section of an output without a break-glass role', () => {
  const out = synthApp(exampleConfig((d) => void (d.backupAccount.breakGlassRoleArns = [])));
  let section: string;
  beforeAll(async () => void ({ section } = await securitySection(out.dir)));

  it("leaves out the break-glass role's scenarios and says so; the rest pass", () => {
    expect(section).toContain('**no break-glass role** (its scenarios are left out)');
    expect(section).not.toContain('break-glass role deletes');
    expect(section).toContain(`**All ${scenarioCount(out)} scenarios pass**`);
  });
});

describe('Security section of an output with a single source account', () => {
  // The policy attached to a dropped account goes with it: the validator refuses a target without a vault.
  const out = synthApp(
    exampleConfig((d) => {
      d.sourceAccounts = d.sourceAccounts.slice(0, 1);
      d.policies.forEach((p) => (p.targets = p.targets.filter((t) => t !== '555555555555')));
    }),
  );
  let section: string;
  beforeAll(async () => void ({ section } = await securitySection(out.dir)));

  it('attacks it from an illustrative member account of the organization, and every property holds', () => {
    expect(section).toContain('source account workloads-prod (333333333333), and an illustrative member account 123456789012 as another account of the organization.');
    expect(section).toContain(`**All ${scenarioCount(out)} scenarios pass**`);
  });
});

describe('evaluating a scenario the evaluator refuses', () => {
  const scenario = {
    property: 'an unknown action proves nothing',
    name: 'admin calls an action AWS does not have',
    expectation: 'can' as const,
    decision: 'Allowed' as const,
    request: {
      caller: role('arn:aws:iam::222222222222:role/Admin', ADMINISTRATOR_ACCESS),
      action: 'backup:NoSuchAction',
      resource: 'arn:aws:backup:eu-west-1:222222222222:backup-vault:v',
      resourcePolicy: ADMINISTRATOR_ACCESS,
    },
  };

  it('is reported as an error of that scenario and of the deny-everything check, not as a pass or a crash', async () => {
    const result = await proveSuite({ title: 't', underTest: 'resource', region: 'eu-west-1', scenarios: [scenario] });
    expect(result.results).toEqual([expect.objectContaining({ outcome: 'error', error: expect.stringContaining('backup:NoSuchAction') })]);
    expect(result.denyEverything).toEqual(expect.objectContaining({ outcome: 'error', checked: 1 }));
  });
});
