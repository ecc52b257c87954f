/**
 * Edges of the stacks that no example organization reaches: an OU whose id ends in twelve digits
 * (still an OU, reached through its accounts, not read as an account), and break-glass roles whose
 * names give the same Terraform address (each read by a data source of its own).
 */
import { exampleConfig, resource, synthApp } from './support/synth';

describe('an OU id ending in twelve digits', () => {
  const OU = 'ou-a1b2-123456789012';
  const out = synthApp(exampleConfig((c) => void (c.policies[1].targets = [OU, '555555555555'])));
  const data = out.stacks.management.data?.aws_organizations_organizational_unit_descendant_accounts ?? {};

  it('is read as an OU: its accounts are listed, and the policy attachment checks them', () => {
    expect(Object.values(data).map((d) => d.parent_id)).toContain(OU);
    const attachments = Object.values(out.stacks.management.resource?.aws_organizations_policy_attachment ?? {});
    const onOu = attachments.filter((a) => a.target_id === OU);
    expect(onOu).toHaveLength(1);
    expect(JSON.stringify((onOu[0].lifecycle as { precondition?: unknown[] }).precondition ?? [])).toContain(OU);
  });

  it('while an account target is not listed as an OU', () => {
    expect(Object.values(data).map((d) => d.parent_id)).not.toContain('555555555555');
  });
});

describe('break-glass roles whose names give the same address', () => {
  const arns = ['ops.admin', 'ops_admin', 'ops+admin'].map((name) => `arn:aws:iam::222222222222:role/${name}`);
  const out = synthApp(exampleConfig((c) => void (c.backupAccount.breakGlassRoleArns = arns)));
  const backup = out.stacks['backup-account'];

  it('each get a data source of their own, numbered in order', () => {
    expect(resourceName(backup, 'break_glass_ops_admin')).toBe('ops.admin');
    expect(resourceName(backup, 'break_glass_ops_admin_2')).toBe('ops_admin');
    expect(resourceName(backup, 'break_glass_ops_admin_3')).toBe('ops+admin');
    expect(Object.keys(backup.data?.aws_iam_role ?? {}).sort()).toEqual(['break_glass_ops_admin', 'break_glass_ops_admin_2', 'break_glass_ops_admin_3', 'deployment']);
  });

  it('and each unique id is exempted in the central vault policy', () => {
    const policy = JSON.stringify(resource(backup, 'aws_backup_vault_policy.central_eu-west-1'));
    for (const address of ['break_glass_ops_admin', 'break_glass_ops_admin_2', 'break_glass_ops_admin_3']) expect(policy).toContain(`data.aws_iam_role.${address}.unique_id`);
  });
});

function resourceName(stack: { data?: Record<string, Record<string, Record<string, unknown>>> }, address: string): unknown {
  return stack.data?.aws_iam_role?.[address]?.name;
}

describe('a break-glass role that is also the deployment role', () => {
  const deployment = 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole';
  const out = synthApp(exampleConfig((c) => void (c.backupAccount.breakGlassRoleArns = [deployment])));

  it('is read once, as the deployment role', () => {
    expect(Object.keys(out.stacks['backup-account'].data?.aws_iam_role ?? {})).toEqual(['deployment']);
  });
});
