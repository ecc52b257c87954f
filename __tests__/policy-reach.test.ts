/**
 * A backup policy attached to the root or an OU reaches every account below it. The attachment's
 * precondition must name exactly the active accounts there that have no backup role and vault, and
 * pass when every account is covered or excluded. The synthesized precondition is run by Terraform
 * itself (where a terraform binary is on PATH): `terraform console` evaluates the list of accounts
 * it names, and `terraform plan` runs the precondition on a `terraform_data` resource (built into
 * Terraform, so no provider is needed), with the data source's accounts fed in as a variable.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { validateConfig } from '../envs/load';
import { accountsWithLocalVault, coveredAccountIds, coveredAccounts } from '../envs/policy-targets';
import { uncoveredAccountsExpression } from '../modules/management/policy-reach';
import { exampleConfig, resource, synthApp } from './support/synth';

const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
const withTerraform = terraform.status === 0 ? it : it.skip;
if (terraform.status !== 0) console.log('skipped: no terraform binary on PATH, so the reach preconditions are not run by terraform');
const TERRAFORM_ENV = { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null', TF_IN_AUTOMATION: '1' };

const out = synthApp();
const management = out.stacks.management;

interface Precondition {
  condition: string;
  error_message: string;
}

function preconditionsOf(address: string): Precondition[] {
  return ((resource(management, address).lifecycle as { precondition?: Precondition[] } | undefined)?.precondition ?? []) as Precondition[];
}

/** An account as the provider's data sources list it. */
function account(id: string, name: string, state: string, status = state) {
  return { id, name, arn: `arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/${id}`, email: `${name}@example.com`, state, status };
}

/** The example's source accounts, management and Backup accounts, all active. */
const PREPARED = [
  account('111111111111', 'management', 'ACTIVE'),
  account('222222222222', 'backup', 'ACTIVE'),
  account('333333333333', 'workloads-prod', 'ACTIVE'),
  account('444444444444', 'workloads-staging', 'ACTIVE'),
  account('555555555555', 'data-prod', 'ACTIVE'),
  account('666666666666', 'shared-services', 'ACTIVE'),
];
const UNPREPARED = [
  account('777777777777', 'sandbox', 'ACTIVE'),
  account('888888888888', 'closed-one', 'CLOSED', 'SUSPENDED'),
  account('999999999999', 'suspended', 'SUSPENDED'),
  account('101010101010', 'pending', 'PENDING_ACTIVATION'),
  account('121212121212', 'closing', 'PENDING_CLOSURE'),
  // The provider reports no state: counted, so the check fails closed.
  account('131313131313', 'no-state', '', ''),
  // Only the retired status field is filled in.
  account('141414141414', 'status-only', '', 'ACTIVE'),
];

/** The list the backup-account stack outputs, which the attachments read through its remote state. */
function coveredOutput(): Record<string, string> {
  return (out.stacks['backup-account'].output as Record<string, { value: Record<string, string> }>)[COVERED_OUTPUT].value;
}

/**
 * A scratch Terraform configuration: the accounts and the backup-account stack's output as
 * variables, in place of the data source and the remote state.
 */
function scratch(accounts: object[], files: Record<string, unknown>, covered = coveredOutput()): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'org-backup-reach-'));
  writeFileSync(path.join(dir, 'terraform.tfvars.json'), JSON.stringify({ accounts, covered }));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

const VARIABLE = {
  variable: {
    accounts: { type: 'list(object({ id = string, name = string, arn = string, email = string, state = string, status = string }))' },
    covered: { type: 'map(string)' },
  },
};

function fedWithVariables(precondition: Precondition, reference: string): Precondition {
  const swap = (text: string) => text.split(reference).join('var.accounts').split(COVERED_STATE).join('var.covered');
  return { condition: swap(precondition.condition), error_message: swap(precondition.error_message) };
}

function plan(precondition: Precondition, accounts: object[], covered?: Record<string, string>): { status: number | null; output: string } {
  const dir = scratch(accounts, {
    'variables.tf.json': VARIABLE,
    'main.tf.json': { resource: { terraform_data: { attachment: { input: 'attached', lifecycle: { precondition: [precondition] } } } } },
  }, covered);
  const run = (args: string[]) => spawnSync('terraform', args, { cwd: dir, encoding: 'utf8', env: TERRAFORM_ENV });
  const init = run(['init', '-input=false', '-no-color']);
  if (init.status !== 0) throw new Error(`terraform init: ${init.stdout}${init.stderr}`);
  const result = run(['plan', '-input=false', '-no-color', '-lock=false']);
  // Terraform wraps the message to the terminal's width: compare it with single spaces.
  return { status: result.status, output: `${result.stdout}${result.stderr}`.replace(/[\s│]+/g, ' ') };
}

/**
 * Applies the attachment (local state: `terraform_data` needs no provider) while every account is
 * covered, then plans again after `joined` has joined the target: the attachment has no change of
 * its own, and the plan must still fail.
 */
function planAfterJoin(precondition: Precondition, accounts: object[], joined: object): { applied: number | null; status: number | null; output: string } {
  const dir = scratch(accounts, {
    'variables.tf.json': VARIABLE,
    'main.tf.json': { resource: { terraform_data: { attachment: { input: 'attached', lifecycle: { precondition: [precondition] } } } } },
  });
  const run = (args: string[]) => spawnSync('terraform', args, { cwd: dir, encoding: 'utf8', env: TERRAFORM_ENV });
  if (run(['init', '-input=false', '-no-color']).status !== 0) throw new Error('terraform init failed');
  const applied = run(['apply', '-auto-approve', '-input=false', '-no-color', '-lock=false']).status;
  writeFileSync(path.join(dir, 'terraform.tfvars.json'), JSON.stringify({ accounts: [...accounts, joined], covered: coveredOutput() }));
  const result = run(['plan', '-input=false', '-no-color', '-lock=false']);
  return { applied, status: result.status, output: `${result.stdout}${result.stderr}`.replace(/[\s│]+/g, ' ') };
}

function consoleList(expression: string, accounts: object[]): string[] {
  const dir = scratch(accounts, { 'variables.tf.json': VARIABLE, 'uncovered.tf': `locals {\n  uncovered = ${expression}\n}\n` });
  const result = spawnSync('terraform', ['console'], { cwd: dir, input: 'jsonencode(local.uncovered)\n', encoding: 'utf8', env: TERRAFORM_ENV });
  if (result.status !== 0) throw new Error(`terraform console: ${result.stdout}${result.stderr}`);
  return JSON.parse(JSON.parse(result.stdout.trim())) as string[];
}

const ROOT_ATTACHMENT = 'aws_organizations_policy_attachment.backup_standard_r-a1b2';
const OU_ATTACHMENT = 'aws_organizations_policy_attachment.backup_critical_ou-a1b2-c3d4e5f6';
const ORGANIZATION_ACCOUNTS = 'data.aws_organizations_organization.this.accounts';
const OU_ACCOUNTS = 'data.aws_organizations_organizational_unit_descendant_accounts.ou-a1b2-c3d4e5f6.accounts';
const COVERED_OUTPUT = 'policy_covered_accounts';
const COVERED_STATE = `data.terraform_remote_state.backup_account.outputs.${COVERED_OUTPUT}`;

describe('the accounts a backup policy reaches', () => {
  it('are read at plan time: the organization for the root, the descendant-accounts data source for an OU', () => {
    expect(preconditionsOf(ROOT_ATTACHMENT).map((p) => p.condition)).toEqual([expect.stringContaining(`for a in ${ORGANIZATION_ACCOUNTS} :`)]);
    expect(preconditionsOf(OU_ATTACHMENT).map((p) => p.condition)).toEqual([expect.stringContaining(`for a in ${OU_ACCOUNTS} :`)]);
    expect(management.data?.aws_organizations_organizational_unit_descendant_accounts?.['ou-a1b2-c3d4e5f6']).toMatchObject({ parent_id: 'ou-a1b2-c3d4e5f6' });
    // An account target is itself, held to a prepared account by the validator: nothing to read.
    expect(preconditionsOf('aws_organizations_policy_attachment.backup_critical_555555555555')).toEqual([]);
  });

  it('count the source, management and Backup accounts (which get a local vault under the root) and the excluded ones as covered', () => {
    expect(coveredAccountIds(exampleConfig())).toEqual(PREPARED.map((a) => a.id).sort());
    // The backup-account stack carries the list; the attachments read it from its state, so the
    // management stack does not grow with the organization.
    expect(coveredOutput()).toEqual(coveredAccounts(exampleConfig()));
    expect(coveredOutput()).toEqual({
      '111111111111': 'the management account',
      '222222222222': 'the Backup account',
      '333333333333': 'source account workloads-prod',
      '444444444444': 'source account workloads-staging',
      '555555555555': 'source account data-prod',
      '666666666666': 'source account shared-services',
    });
    expect(JSON.stringify(management)).not.toContain('333333333333');
    expect(coveredAccountIds(exampleConfig((c) => (c.excludedAccounts = ['777777777777'])))).toContain('777777777777');
    // Without a root target the management and Backup accounts have no local vault: not covered.
    const noRoot = exampleConfig((c) => c.policies.forEach((p) => (p.targets = p.targets.filter((t) => t !== 'root').concat(p.targets.includes('root') ? ['ou-a1b2-c3d4e5f6'] : []))));
    expect(coveredAccountIds(noRoot)).not.toEqual(expect.arrayContaining(['111111111111']));
    expect(coveredAccountIds(noRoot)).not.toEqual(expect.arrayContaining(['222222222222']));
    // Naming one of them as a target gives that one the role and vault.
    const backupTarget = exampleConfig((c) => c.policies.forEach((p) => (p.targets = p.targets.map((t) => (t === 'root' ? '222222222222' : t)))));
    expect(accountsWithLocalVault(backupTarget)).toEqual({ management: false, backup: true });
    expect(accountsWithLocalVault(exampleConfig())).toEqual({ management: true, backup: true });
  });

  withTerraform('terraform console: the precondition names exactly the active accounts without the role and vault', () => {
    const [root] = preconditionsOf(ROOT_ATTACHMENT);
    const inner = root.condition.replace(/^\$\{length\(/, '').replace(/\) == 0\}$/, '');
    expect(inner).toBe(uncoveredAccountsExpression(ORGANIZATION_ACCOUNTS, `keys(${COVERED_STATE})`));
    const fed = inner.split(ORGANIZATION_ACCOUNTS).join('var.accounts').split(COVERED_STATE).join('var.covered');
    expect(consoleList(fed, [...PREPARED, ...UNPREPARED])).toEqual(['777777777777 (sandbox)', '131313131313 (no-state)', '141414141414 (status-only)']);
    expect(consoleList(fed, PREPARED)).toEqual([]);
  });

  withTerraform('terraform plan: the root attachment fails with a message naming each uncovered account, and passes when all are covered', () => {
    const precondition = fedWithVariables(preconditionsOf(ROOT_ATTACHMENT)[0], ORGANIZATION_ACCOUNTS);
    const failing = plan(precondition, [...PREPARED, account('777777777777', 'sandbox', 'ACTIVE'), account('999999999999', 'suspended', 'SUSPENDED')]);
    expect(failing.status).toBe(1);
    expect(failing.output).toContain('Resource precondition failed');
    expect(failing.output).toContain(
      'Backup policy org-backup-standard, attached to r-a1b2, reaches accounts that have neither the AWS Backup role OrgBackupServiceRole nor the vault org-local-backup, so every backup it schedules there would fail: 777777777777 (sandbox). Add each to sourceAccounts',
    );
    expect(failing.output).not.toContain('999999999999');
    const passing = plan(precondition, PREPARED);
    expect([passing.status, passing.output]).toEqual([0, expect.stringContaining('terraform_data.attachment will be created')]);
  });

  withTerraform('terraform plan: an account that joins the root after the attachment was applied fails the next plan', () => {
    const precondition = fedWithVariables(preconditionsOf(ROOT_ATTACHMENT)[0], ORGANIZATION_ACCOUNTS);
    const later = planAfterJoin(precondition, PREPARED, account('777777777777', 'joined-later', 'ACTIVE'));
    expect([later.applied, later.status]).toEqual([0, 1]);
    expect(later.output).toContain('so every backup it schedules there would fail: 777777777777 (joined-later).');
  });

  withTerraform('terraform plan: an excluded account is not named; the OU attachment fails the same way', () => {
    // The backup-account stack outputs `coveredAccounts` (checked on the example above); the
    // management stack does not depend on the list, so only the fed-in value changes.
    const excluded = coveredAccounts(exampleConfig((c) => (c.excludedAccounts = ['777777777777'])));
    expect(excluded['777777777777']).toBe('excluded (excludedAccounts)');
    const precondition = fedWithVariables(preconditionsOf(ROOT_ATTACHMENT)[0], ORGANIZATION_ACCOUNTS);
    const sandbox = account('777777777777', 'sandbox', 'ACTIVE');
    expect(plan(precondition, [...PREPARED, sandbox], excluded).status).toBe(0);
    const ou = plan(fedWithVariables(preconditionsOf(OU_ATTACHMENT)[0], OU_ACCOUNTS), [PREPARED[2], sandbox]);
    expect([ou.status, ou.output]).toEqual([1, expect.stringContaining('attached to ou-a1b2-c3d4e5f6, reaches accounts that have neither')]);
  });
});

describe('another organization (fixtures/other-org.json), whose policy is attached to an OU only', () => {
  const other = synthApp(validateConfig(JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'other-org.json'), 'utf8')), 'other-org.json'));
  const attachment = other.stacks.management.resource?.aws_organizations_policy_attachment?.['backup_gold_ou-zz99-abcdefgh'] as { lifecycle?: { precondition?: Precondition[] } };

  it('checks the OU attachment against the OU\'s descendant accounts and the covered accounts of its backup-account stack', () => {
    expect(attachment.lifecycle?.precondition?.map((p) => p.condition)).toEqual([
      expect.stringContaining('for a in data.aws_organizations_organizational_unit_descendant_accounts.ou-zz99-abcdefgh.accounts :'),
    ]);
    expect(attachment.lifecycle?.precondition?.[0].error_message).toContain('Backup policy org-backup-gold, attached to ou-zz99-abcdefgh, reaches accounts');
  });

  it('gives the management and Backup accounts no local vault, and so does not count them as covered', () => {
    const output = (other.stacks['backup-account'].output as Record<string, { value: Record<string, string> }>)[COVERED_OUTPUT].value;
    expect(Object.keys(output)).toEqual(['900000000010', '900000000011']);
    for (const stack of ['management', 'backup-account']) {
      expect(Object.keys(other.stacks[stack].resource?.aws_backup_vault ?? {}).filter((name) => name.startsWith('local_'))).toEqual([]);
    }
    // The management account gets no backup role either (the Backup account has one for the copy back).
    expect(other.stacks.management.resource?.aws_iam_role?.backup).toBeUndefined();
  });
});
