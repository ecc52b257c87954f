/**
 * The organization-policy module renders the BACKUP_POLICY from typed inputs: the document must be
 * the app's document for the same configuration. Checked twice: by evaluating the module's
 * expression here (always), and by `terraform console` on the published HCL (where a terraform
 * binary is on PATH; it needs no provider and no network for a file of variables and locals).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { backupPolicyContent, literalAirGappedTargets, literalCopyTargets } from '../../envs/backup-policy-content';
import { loadConfig } from '../../envs/load';
import type { OrgConfig } from '../../envs/schema';
import { moduleTakes, organizationPolicyInputs, writeModules } from '../../tools/modules';
import { parseHcl, printHcl, type Block } from '../../tools/hcl/document';
import { backupPolicyPlansTemplate, evaluate } from '../../tools/terraform-modules/policy-template';
import { exampleConfig } from '../support/synth';

const FIXTURES = path.resolve(__dirname, '../fixtures');
const CONFIGS: [string, OrgConfig][] = [
  ['example', exampleConfig()],
  ['other-org.json', loadConfig({ configPath: path.join(FIXTURES, 'other-org.json') })],
  ['other-org.yaml', loadConfig({ configPath: path.join(FIXTURES, 'other-org.yaml') })],
  // Cold storage in the copy and no copy at all: the two optional parts of a rule.
  [
    'example, varied rules',
    exampleConfig((draft) => {
      const rules = draft.policies![0].rules!;
      rules[0].copyToBackupAccount = { moveToColdStorageAfterDays: 30, deleteAfterDays: 365 };
      delete rules[1].copyToBackupAccount;
    }),
  ],
];

const FULL = loadConfig({ env: 'example-full' });
CONFIGS.push(['example-full', FULL], ['full (air-gapped copies)', loadConfig({ env: 'full' })]);

const cases = CONFIGS.flatMap(([label, config]) =>
  config.policies.filter((policy) => moduleTakes(policy)).map((policy) => [`${label}: ${policy.name}`, config, policy] as const),
);

/** What the app sends AWS for the policy, with the central vault ARNs as Terraform resolves them. */
const appDocument = (config: OrgConfig, policy: OrgConfig['policies'][number]) =>
  backupPolicyContent(config, policy, literalCopyTargets(config), literalAirGappedTargets(config));

const moduleScope = (config: OrgConfig, policy: OrgConfig['policies'][number]) => ({
  var: organizationPolicyInputs(config, policy),
  local: { partition: config.partition },
});

describe('organization-policy module: the document', () => {
  const template = backupPolicyPlansTemplate();

  it.each(cases)('%s: the module renders the app\'s document', (_label, config, policy) => {
    const rendered = { plans: evaluate(template, moduleScope(config, policy)) };
    expect(rendered).toEqual(appDocument(config, policy));
  });

  it('names what it cannot take: a policy with app-only features has no module call', () => {
    const refused = FULL.policies.filter((policy) => !moduleTakes(policy));
    expect(refused.length).toBeGreaterThan(0);
    for (const policy of refused) expect(() => organizationPolicyInputs(FULL, policy)).toThrow(`policy ${policy.name}: uses features the organization-policy module does not take`);
  });

  it('tells a different input apart (the comparison can fail)', () => {
    const config = exampleConfig();
    const policy = config.policies[0];
    const scope = moduleScope(config, policy);
    const rules = scope.var.rules as Record<string, any>[];
    rules[0] = { ...rules[0], lifecycle: { delete_after_days: 36 } };
    expect({ plans: evaluate(template, scope) }).not.toEqual(appDocument(config, policy));
    const noCopy = moduleScope(config, policy);
    (noCopy.var.rules as Record<string, any>[])[0] = { ...(noCopy.var.rules as Record<string, any>[])[0], copy_to_backup_account: null };
    expect({ plans: evaluate(template, noCopy) }).not.toEqual(appDocument(config, policy));
  });
});

describe('organization-policy module: the published HCL, evaluated by terraform console', () => {
  const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  const available = terraform.status === 0;
  const outdir = mkdtempSync(path.join(tmpdir(), 'org-backup-modules-policy-'));
  writeModules(outdir, exampleConfig());
  const moduleDir = path.join(outdir, 'organization-policy');
  const locals = (parseHcl(readFileSync(path.join(moduleDir, 'main.tf'), 'utf8')).find((b) => b.kind === 'block' && b.type === 'locals') as Block).body.filter(
    (item) => item.kind === 'attribute' && item.name === 'backup_policy_plans',
  );

  /** `jsonencode` of the module's document for the inputs, or terraform's error. */
  function consoleDocument(config: OrgConfig, inputs: Record<string, unknown>): { document?: unknown; error?: string } {
    const dir = mkdtempSync(path.join(tmpdir(), 'org-backup-console-'));
    writeFileSync(path.join(dir, 'variables.tf'), readFileSync(path.join(moduleDir, 'variables.tf')));
    writeFileSync(path.join(dir, 'locals.tf'), `locals {\npartition = ${JSON.stringify(config.partition)}\n${printHcl(locals)}}\n`);
    writeFileSync(path.join(dir, 'terraform.tfvars.json'), JSON.stringify(inputs));
    const result = spawnSync('terraform', ['console'], {
      cwd: dir,
      input: 'jsonencode({ plans = local.backup_policy_plans })\n',
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null', TF_IN_AUTOMATION: '1' },
    });
    // Terraform wraps and colours its diagnostics: compare their words.
    // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
    const words = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '').replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');
    if (result.status !== 0) return { error: words(`${result.stdout}${result.stderr}`) };
    return { document: JSON.parse(JSON.parse(result.stdout.trim())) };
  }

  const run = available ? it : it.skip;
  if (!available) console.log('skipped: no terraform binary on PATH, so the published HCL is not evaluated by terraform console (the offline evaluation above still runs)');

  run.each(cases)('%s: terraform computes the app\'s document', (_label, config, policy) => {
    const { document, error } = consoleDocument(config, organizationPolicyInputs(config, policy));
    expect(error).toBeUndefined();
    expect(document).toEqual(appDocument(config, policy));
  });

  const config = exampleConfig();
  const valid = organizationPolicyInputs(config, config.policies[0]) as Record<string, any>;
  const invalid: [string, Record<string, unknown>, string][] = [
    ['cold storage + 89 days', { ...valid, rules: [{ ...valid.rules[0], lifecycle: { move_to_cold_storage_after_days: 30, delete_after_days: 119 } }] }, 'at least move_to_cold_storage_after_days + 90'],
    ['a start window of 59 minutes', { ...valid, rules: [{ ...valid.rules[0], start_window_minutes: 59 }] }, 'start_window_minutes at least 60'],
    ['a copy without its retention', { ...valid, rules: [{ ...valid.rules[0], copy_to_backup_account: {} }] }, 'copy_to_backup_account needs delete_after_days'],
    ['two rules of one name', { ...valid, rules: [valid.rules[0], valid.rules[0]] }, 'each once'],
    ['no central vault for a region', { ...valid, central_vault_arns: { [config.regions[0]]: valid.central_vault_arns[config.regions[0]] } }, 'every region of regions needs its central vault ARN'],
    ['a plan name of 51 characters', { ...valid, name: 'x'.repeat(51 - '-eu-west-1'.length) }, 'at most 50 characters'],
  ];

  run.each(invalid)('refuses %s with a message that names the input', (_label, inputs, message) => {
    const { error } = consoleDocument(config, inputs);
    expect(error).toContain(message);
  });

  run('accepts a plan name of exactly 50 characters', () => {
    const { error } = consoleDocument(config, { ...valid, name: 'x'.repeat(50 - '-ap-southeast-2'.length) });
    expect(error).toBeUndefined();
  });
});
