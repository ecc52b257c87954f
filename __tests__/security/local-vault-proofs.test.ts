/**
 * A policy attached to the root reaches the management and Backup accounts too, so they get the
 * backup role and a local vault under a key of their own, built by the source account's constructs.
 * This shows that those vaults and keys keep the source vault's protections: the rule pack checks
 * them like any other (counted here), and the source-vault and source-key properties of the proofs
 * (security/properties.ts), run with each of these accounts in the source account's place, hold.
 */
import { SECURITY_RULES } from '../../checks/pack';
import { SynthesizedApp } from '../../checks/model';
import { resourcePolicySuites } from '../../security/properties';
import { localVaultSubject, readSecuritySubjects, type SourceSubject } from '../../security/subjects';
import type { ScenarioSuite } from '../../security/scenarios';
import { registerSuite } from '../support/proofs';
import { exampleConfig, synthApp } from '../support/synth';

const out = synthApp();
const subjects = readSecuritySubjects(out);

/** The scenarios on the local vault and key of `local`, run with it as the source account. */
function localSuites(local: SourceSubject, properties?: readonly string[]): ScenarioSuite[] {
  return resourcePolicySuites({ ...subjects, sources: [local, ...subjects.sources] }).map((suite) => {
    const vault = local.vaults[suite.region];
    const onLocal = [JSON.stringify(vault.keyPolicy), JSON.stringify(vault.vaultPolicy)];
    return {
      ...suite,
      title: `${local.stack}'s local vault and key in ${suite.region}, in a source account's place`,
      scenarios: suite.scenarios.filter(
        (s) => onLocal.includes(JSON.stringify(s.request.resourcePolicy ?? null)) && (!properties || properties.includes(s.property)),
      ),
    };
  });
}

describe('the local vaults of the management and Backup accounts', () => {
  it('are found beside the central vaults, which stay the proofs\' central vaults', () => {
    const management = localVaultSubject(out, 'management');
    const backup = localVaultSubject(out, 'backup-account');
    for (const local of [management, backup]) {
      expect(Object.keys(local.vaults).sort()).toEqual([...subjects.regions]);
      expect(Object.values(local.vaults).map((v) => v.vaultName)).toEqual(subjects.regions.map(() => 'org-local-backup'));
      expect(local.backupRoleName).toBe('OrgBackupServiceRole');
    }
    expect(Object.values(subjects.backupAccount.vaults).map((v) => v.vaultName)).toEqual(subjects.regions.map(() => 'org-central-backup'));
  });

  it('are held to every rule of the pack, like a source account\'s', () => {
    const app = new SynthesizedApp(out.stacks);
    const local = app.resources.filter((r) => ['management', 'backup-account'].includes(r.stack) && /^aws_(kms_key|kms_alias|backup_vault|backup_vault_policy|iam_role)\.(backup|local)/.test(r.address));
    // Per account: 2 keys, 2 aliases, 2 vaults, 2 vault policies, the role.
    expect(local).toHaveLength(18);
    const outcomes = (status: string) =>
      local.flatMap((r) => SECURITY_RULES.filter((rule) => rule.check(r, app).status === status).map((rule) => `${r.stack} ${r.address} ${rule.id}`));
    expect(outcomes('noncompliant')).toEqual([]);
    // In scope of the same rules as a source account's key and vault, and passing them.
    const compliant = outcomes('compliant');
    for (const stack of ['management', 'backup-account']) {
      for (const region of subjects.regions) {
        for (const id of ['OB-KMS-ROTATION', 'OB-KMS-DELETION-WINDOW', 'OB-KMS-DENIES-SHORT-DELETION', 'OB-PREVENT-DESTROY', 'OB-KMS-GRANTS-FOR-AWS-RESOURCES']) {
          expect(compliant).toContain(`${stack} aws_kms_key.backup_${region} ${id}`);
        }
        for (const id of ['OB-VAULT-CMK', 'OB-PREVENT-DESTROY']) expect(compliant).toContain(`${stack} aws_backup_vault.local_${region} ${id}`);
      }
      expect(compliant).toContain(`${stack} aws_iam_role.backup OB-ROLE-TRUST-BACKUP`);
    }
  });

  it('are not created where no policy reaches them (no root target, neither account a target)', () => {
    const noRoot = synthApp(
      exampleConfig((c) => {
        c.policies[0].targets = ['ou-a1b2-c3d4e5f6'];
      }),
    );
    for (const stack of ['management', 'backup-account']) {
      expect(Object.keys(noRoot.stacks[stack].resource?.aws_backup_vault ?? {}).filter((name) => name.startsWith('local_'))).toEqual([]);
    }
    expect(noRoot.stacks.management.resource?.aws_iam_role?.backup).toBeUndefined();
    // The Backup account has its AWS Backup role whatever the targets: the copy back to a source account passes it.
    expect(noRoot.stacks['backup-account'].resource?.aws_iam_role?.backup).toBeDefined();
  });
});

// The management account is a member account for these properties: all of the source-vault ones apply.
localSuites(localVaultSubject(out, 'management')).forEach(registerSuite);
// The Backup account owns both its local key and the central vault, so the properties about the
// Backup account's reach into a source account do not apply; these do.
localSuites(localVaultSubject(out, 'backup-account'), [
  'nobody, break-glass and key owners included, can schedule the deletion of a key in fewer than 30 days',
  "EC2 Auto Scaling and EC2 Spot of the key's own account use the source key through EC2 only",
  'the Backup account can copy back into a source vault; no other account can',
]).forEach(registerSuite);
