/**
 * The optional service control policy (`protectBackupsScp: true`), proven on the SCP exactly as
 * synthesized into the management stack, attached at the root beside AWS's default FullAWSAccess.
 * The scenarios (security/properties.ts) take their principals and resources from the output. A
 * member-account administrator holds AdministratorAccess; the deployment role, the AWS Backup role
 * and the break-glass roles are the only exemptions.
 */
import { scpSuites } from '../../security/properties';
import { readSecuritySubjects } from '../../security/subjects';
import { registerSuite } from '../support/proofs';
import { exampleConfig, synthApp } from '../support/synth';

const config = exampleConfig((draft) => {
  draft.protectBackupsScp = true;
});
const out = synthApp(config);
const management = out.stacks.management;
const ROOT = config.organization.rootId;
const subjects = readSecuritySubjects(out);
const suites = scpSuites(subjects);

describe('the backup protection SCP, as synthesized', () => {
  it('is synthesized as a SERVICE_CONTROL_POLICY attached at the organization root', () => {
    expect(management.resource?.aws_organizations_policy?.protect_backups).toMatchObject({ type: 'SERVICE_CONTROL_POLICY', name: 'org-backup-protect-backups' });
    expect(management.resource?.aws_organizations_policy_attachment?.[`protect_backups_${ROOT}`]).toMatchObject({ target_id: ROOT });
    const checks = (management.data?.aws_organizations_organization?.this.lifecycle as { postcondition: { error_message: string }[] }).postcondition;
    expect(checks.some((c) => c.error_message.startsWith('The SERVICE_CONTROL_POLICY policy type is not enabled'))).toBe(true);
  });

  it('is absent unless protectBackupsScp is true', () => {
    const plain = synthApp(exampleConfig()).stacks.management.resource ?? {};
    expect(Object.keys(plain.aws_organizations_policy ?? {})).not.toContain('protect_backups');
  });

  it('is read from the output with its root attachment, and proven in the first region by 43 scenarios', () => {
    expect(subjects.scps).toEqual([
      expect.objectContaining({ address: 'aws_organizations_policy.protect_backups', name: 'org-backup-protect-backups', targets: [ROOT] }),
    ]);
    expect(JSON.stringify(subjects.scps[0].policy)).toContain('ProtectBackupVaults');
    expect(suites.map((s) => [s.region, s.scenarios.length])).toEqual([[config.regions[0], 43]]);
    expect(subjects.sources[0].deploymentRoleArn).toBe(`arn:aws:iam::${config.sourceAccounts[0].accountId}:role/${config.deploymentRoleName}`);
  });
});

suites.forEach(registerSuite);
