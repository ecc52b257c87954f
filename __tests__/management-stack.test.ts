/**
 * The management stack's wiring (stacks/management-stack.ts, stacks/backup-policies.ts): the
 * backup-protection SCP only with `protectBackupsScp`, attached at the root after the organization
 * is ready; the organization's policy types; delegated administration in the Backup global
 * settings; and with `deployBackupPolicies` the backup policies moved to the delegated-admin stack.
 */
import { App, Testing } from 'cdktf';
import type { OrgConfigInput } from '../envs/schema';
import { DelegatedAdminStack } from '../stacks/delegated-admin-stack';
import { ManagementStack } from '../stacks/management-stack';
import { exampleConfig } from './support/synth';

const ADMIN = '777777777777';

function management(change: (c: OrgConfigInput) => void) {
  return JSON.parse(Testing.synth(new ManagementStack(new App(), exampleConfig(change))));
}

describe('the backup-protection SCP', () => {
  it('with protectBackupsScp: one SERVICE_CONTROL_POLICY, attached at the root only, after the organization is ready', () => {
    const r = management((c) => void (c.protectBackupsScp = true)).resource;
    const { content, ...policy } = r.aws_organizations_policy.protect_backups;
    expect(policy).toEqual({
      name: 'org-backup-protect-backups',
      type: 'SERVICE_CONTROL_POLICY',
      description: 'Only the deployment, AWS Backup and break-glass roles may delete or change the org-backup vaults, role and keys',
      depends_on: ['data.aws_organizations_organization.this', 'aws_backup_global_settings.cross_account'],
      provider: 'aws.ap-southeast-2',
    });
    expect(JSON.parse(content).Statement.length).toBeGreaterThan(0);
    const attachments = Object.entries(r.aws_organizations_policy_attachment as Record<string, { policy_id: string; target_id: string }>).filter(([, a]) =>
      a.policy_id.includes('protect_backups'),
    );
    expect(attachments.map(([name, a]) => [name, a.target_id])).toEqual([['protect_backups_r-a1b2', 'r-a1b2']]);
  });

  it('without it: no SCP', () => {
    expect(management((c) => void (c.protectBackupsScp = false)).resource.aws_organizations_policy.protect_backups).toBeUndefined();
  });
});

describe('the organization, managed by the stack', () => {
  const types = (scp: boolean) =>
    management((c) => {
      c.manageOrganization = true;
      c.protectBackupsScp = scp;
    }).resource.aws_organizations_organization.this.enabled_policy_types;

  it('enables backup policies, and service control policies only with protectBackupsScp', () => {
    expect(types(false)).toEqual(['BACKUP_POLICY']);
    expect(types(true)).toEqual(['BACKUP_POLICY', 'SERVICE_CONTROL_POLICY']);
  });
});

describe('a delegated administrator', () => {
  const delegated = (deployBackupPolicies: boolean) => (c: OrgConfigInput) => void (c.delegatedAdministrator = { accountId: ADMIN, deployBackupPolicies });

  it('turns delegated administration on in the Backup global settings, and is registered for AWS Backup', () => {
    const r = management(delegated(false)).resource;
    expect(r.aws_backup_global_settings.cross_account.global_settings).toEqual({ isCrossAccountBackupEnabled: 'true', isDelegatedAdministratorEnabled: 'true' });
    expect(Object.values(r.aws_organizations_delegated_administrator ?? {}).map((d: any) => d.account_id)).toContain(ADMIN);
  });

  it('without one, the global settings leave delegated administration alone', () => {
    expect(management(() => {}).resource.aws_backup_global_settings.cross_account.global_settings).toEqual({ isCrossAccountBackupEnabled: 'true' });
  });

  it('keeps the backup policies in the management stack unless it deploys them', () => {
    const policyNames = (r: any) => Object.keys(r.aws_organizations_policy ?? {}).sort();
    expect(policyNames(management(delegated(false)).resource)).toEqual(['backup_critical', 'backup_standard']);
    expect(policyNames(management(delegated(true)).resource)).toEqual([]);
  });

  it('deploying them, its stack holds the backup policies, from its own account in the first region', () => {
    const stack = JSON.parse(Testing.synth(new DelegatedAdminStack(new App(), exampleConfig(delegated(true)))));
    expect(Object.keys(stack.resource.aws_organizations_policy).sort()).toEqual(['backup_critical', 'backup_standard']);
    expect(stack.provider.aws.map((p: any) => [p.alias, p.allowed_account_ids])).toEqual([['ap-southeast-2', [ADMIN]]]);
  });
});
