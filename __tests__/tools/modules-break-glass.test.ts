/**
 * The backup-account module takes zero, one or more break-glass roles. Its key and vault policies
 * are evaluated by `terraform console` (where a terraform binary is on PATH) for each count, with
 * the provider's data sources written as fixed values: the exemptions must name exactly the roles
 * given (and the deployment role where it belongs), and a deny that exempts only break-glass roles
 * carries no exemption at all when there are none.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeModules } from '../../tools/modules';
import { parseHcl, printHcl, type Block } from '../../tools/hcl/document';
import { exampleConfig } from '../support/synth';

const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
const run = terraform.status === 0 ? it : it.skip;
if (terraform.status !== 0) console.log('skipped: no terraform binary on PATH, so the module policies are not evaluated by terraform console');

const outdir = mkdtempSync(path.join(tmpdir(), 'org-backup-break-glass-'));
writeModules(outdir, exampleConfig());
const moduleDir = path.join(outdir, 'backup-account');
const blocks = parseHcl(readFileSync(path.join(moduleDir, 'main.tf'), 'utf8')).filter((b): b is Block => b.kind === 'block');

/** The policy argument of a resource, as an expression over variables only. */
function policyExpression(type: string): string {
  const block = blocks.find((b) => b.type === 'resource' && b.labels[0] === `"${type}"`)!;
  const attribute = block.body.find((i) => i.kind === 'attribute' && i.name === 'policy')!;
  return printHcl([attribute])
    .replace(/^policy\s*=\s*/, '')
    .replace(/data\.aws_partition\.current\[0\]\.partition/g, '"aws"')
    .replace(/data\.aws_caller_identity\.current\[0\]\.account_id/g, '"222222222222"')
    .replace(/data\.aws_region\.current\[0\]\.region/g, '"eu-west-1"')
    .trim();
}

function evaluatePolicies(breakGlass: string[]): Record<string, Record<string, any>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'org-backup-break-glass-console-'));
  writeFileSync(path.join(dir, 'variables.tf'), readFileSync(path.join(moduleDir, 'variables.tf')));
  writeFileSync(
    path.join(dir, 'terraform.tfvars.json'),
    JSON.stringify({ organization_id: 'o-a1b2c3d4e5', organization_root_id: 'r-a1b2', break_glass_role_arns: breakGlass }),
  );
  // In a file, not on the console's line: the expressions span lines.
  writeFileSync(path.join(dir, 'policies.tf'), `locals {\nkey = ${policyExpression('aws_kms_key')}\nvault = ${policyExpression('aws_backup_vault_policy')}\n}\n`);
  const input = 'jsonencode({ key = local.key, vault = local.vault })\n';
  const result = spawnSync('terraform', ['console'], {
    cwd: dir,
    input,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null' },
  });
  if (result.status !== 0) throw new Error(`terraform console: ${result.stdout}${result.stderr}`);
  if (process.env.DEBUG_DIR) console.log(dir);
  const both = JSON.parse(JSON.parse(result.stdout.trim())) as Record<string, string>;
  const bySid = (doc: string) => Object.fromEntries((JSON.parse(doc).Statement as any[]).map((s) => [s.Sid, s]));
  return { ...bySid(both.key), ...bySid(both.vault) };
}

const DEPLOYMENT = 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole';
const ROLES = ['arn:aws:iam::222222222222:role/break-glass-a', 'arn:aws:iam::222222222222:role/break-glass-b'];

describe('backup-account module: break_glass_role_arns', () => {
  run.each([0, 1, 2])('with %i break-glass roles, exempts exactly those (and the deployment role where it belongs)', (count) => {
    const roles = ROLES.slice(0, count);
    const statements = evaluatePolicies(roles);
    const exempt = (sid: string) => statements[sid].Condition?.ArnNotLike?.['aws:PrincipalArn'];
    for (const sid of ['DenyKeyDestruction', 'DenyRecoveryPointDestruction']) {
      if (count === 0) expect([sid, statements[sid].Condition]).toEqual([sid, undefined]);
      else expect([sid, exempt(sid)]).toEqual([sid, roles]);
    }
    for (const sid of ['DenyGrantsNotForAwsResources', 'DenyCopyOutOfOrganization']) {
      // Their other conditions stay; the exemption comes and goes with the list.
      expect(Object.keys(statements[sid].Condition).length).toBe(count === 0 ? 1 : 2);
      expect([sid, exempt(sid)]).toEqual([sid, count === 0 ? undefined : roles]);
    }
    for (const sid of ['DenyKeyProtectionChanges', 'DenyVaultProtectionChanges']) {
      expect([sid, exempt(sid)]).toEqual([sid, [...roles, DEPLOYMENT]]);
    }
  });
});
