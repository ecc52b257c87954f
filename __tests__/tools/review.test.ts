import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SECURITY_RULES } from '../../checks/pack';
import { parseArgs, UsageError, writeReview } from '../../tools/review';
import { AccountNames, describeCopy } from '../../tools/review/words';
import { securityScenarios } from '../../security/properties';
import { exampleConfig, synthApp } from '../support/synth';

/** The mermaid block of a report, and the node ids its edges use but never declare. */
function mermaidOf(report: string): { diagram: string; undeclared: string[] } {
  const diagram = /```mermaid\n([\s\S]*?)\n```/.exec(report)?.[1] ?? '';
  const declared = new Set([...diagram.matchAll(/^\s*(?:subgraph )?([A-Za-z0-9_]+)[[(]/gm)].map((m) => m[1]));
  const used = [...diagram.matchAll(/^\s*([A-Za-z0-9_]+) -\.?->\|"[^"]*"\| ([A-Za-z0-9_]+)$/gm)].flatMap((m) => [m[1], m[2]]);
  return { diagram, undeclared: used.filter((id) => !declared.has(id)) };
}

describe('review report of the example', () => {
  const out = synthApp();
  let file: string;
  let report: string;
  beforeAll(async () => {
    file = await writeReview({ out: out.dir });
    report = readFileSync(file, 'utf8');
  });

  it('is written beside the synthesized output', () => {
    expect(file).toBe(path.join(out.dir, 'review.md'));
  });

  it('summarizes each stack: account, regions, resource count, remote-state dependencies', () => {
    // The management and Backup accounts hold a local vault, key and backup role too (a policy is attached to the root).
    expect(report).toContain('| `backup-account` | 222222222222 (the Backup account) | ap-southeast-2, eu-west-1 | 25 | - | - |');
    expect(report).toContain('| `source-shared-services` | 666666666666 (shared-services) | ap-southeast-2, eu-west-1 | 15 | - | `backup-account` |');
    expect(report).toMatch(/\| `management` \| 111111111111 \(the management account\) \| ap-southeast-2, eu-west-1 \| 21 \| `backup-account` \|/);
  });

  it('puts every rule in words, with its copy to the Backup account', () => {
    expect(report).toContain(
      '| `daily` | all | every day at 17:00 UTC, start within 60 min, complete within 6 h; kept 35 days; copied to org-central-backup in the Backup account, kept 90 days |',
    );
    expect(report).toContain(
      '| `monthly` | all | on day 1 of every month at 17:00 UTC, start within 2 h, complete within 24 h; cold storage after 30 days, kept 365 days; copied to org-central-backup in the Backup account, kept 2555 days |',
    );
    expect(report).toContain('every Sunday at 18:00 UTC');
  });

  it('says of a copy moved to cold storage that it can no longer be copied back', () => {
    const accounts = new AccountNames([]);
    const copy = { targetArn: 'arn:aws:backup:eu-west-1:222222222222:backup-vault:org-central-backup', vaultName: 'org-central-backup', region: 'eu-west-1', accountId: '222222222222' };
    expect(describeCopy({ ...copy, lifecycle: { moveToColdStorageAfterDays: 30, deleteAfterDays: 365 } }, accounts)).toBe(
      'copied to org-central-backup in account 222222222222, cold storage after 30 days, kept 365 days (no copy back to the source account once in cold storage, after 30 days)',
    );
    expect(describeCopy({ ...copy, lifecycle: { deleteAfterDays: 90 } }, accounts)).toBe('copied to org-central-backup in account 222222222222, kept 90 days');
  });

  it('names the selection and the targets of each policy', () => {
    expect(report).toContain('- **Attached to:** the organization root `r-a1b2` (every account)');
    expect(report).toContain('- **Attached to:** account `555555555555` (data-prod) and organizational unit `ou-a1b2-c3d4e5f6`');
    expect(report).toContain('resources tagged `backup-plan` = `critical` or `regulated`');
    expect(report).toContain(
      '- **Copies to:** `arn:aws:backup:eu-west-1:222222222222:backup-vault:org-central-backup`, read as `backup-account output central_vault_arn_eu_west_1 = aws_backup_vault.central_eu-west-1.arn`',
    );
  });

  it('shows the central vault locks and who may copy into each vault', () => {
    expect(report).toContain('| `backup-account` | `aws_backup_vault.central_eu-west-1` | org-central-backup | eu-west-1 | governance, 7 to 3650 days | any principal of the organization |');
    expect(report).toContain('| `source-data-prod` | `aws_backup_vault.local_eu-west-1` | org-local-backup | eu-west-1 | none | 222222222222 (the Backup account) |');
  });

  it('draws the copy flows as a Mermaid flowchart with quoted labels and declared nodes', () => {
    const { diagram, undeclared } = mermaidOf(report);
    expect(diagram.split('\n')[0]).toBe('flowchart LR');
    expect(diagram).toContain('subgraph region_eu_west_1["eu-west-1"]');
    expect(diagram).toContain('vault_source_data_prod_eu_west_1 -->|"copies: org-backup-critical, org-backup-standard"| vault_backup_account_eu_west_1');
    expect(diagram).toContain('vault_source_workloads_prod_eu_west_1 -->|"copies: org-backup-critical*, org-backup-standard"| vault_backup_account_eu_west_1');
    expect(diagram).toContain('vault_backup_account_eu_west_1 -.->|"copy back (restore)"| vault_source_data_prod_eu_west_1');
    expect(undeclared).toEqual([]);
    // Every label is quoted: no bracket, paren or pipe label opens without a quote.
    const unquoted = diagram.replace(/"[^"]*"/g, '""');
    expect(unquoted).not.toMatch(/\[(?![("])|\((?!")|\|(?!"|\s)/);
    expect(unquoted).toContain('[("")]');
  });

  it('lists every resource by address', () => {
    expect(report).toContain('- `aws_kms_key.central_ap-southeast-2`');
    expect(report).toContain('- `data.terraform_remote_state.backup_account`');
  });

  it('has a Security section with every rule of the pack, its level and its result', () => {
    const section = report.slice(report.indexOf('## Security'), report.indexOf('## Copy flows'));
    for (const rule of SECURITY_RULES) expect(section).toMatch(new RegExp(`^\\| \`${rule.id}\` \\| ${rule.level} \\| (pass|\\*\\*FAIL\\*\\*)`, 'm'));
    expect(section).toContain('over this output: no error rules fail, 1 warning rule fails.');
    expect(section).toContain('| `OB-KMS-ROTATION` | error | pass | 14 | 0 |');
    // Columns: passing, failing, not applicable (every other resource of the output: it grows with the output).
    expect(section).toMatch(/^\| `OB-VAULT-LOCK-COMPLIANCE` \| warning \| \*\*FAIL\*\* \(warning\) \| 0 \| 2 \| \d+ \| `backup-account: aws_backup_vault_lock_configuration.central_ap-southeast-2`: governance mode/m);
  });

  it('proves every security property on the output, with pass per scenario, and says there is no SCP to prove', () => {
    const section = report.slice(report.indexOf('### Proven security properties'), report.indexOf('## Copy flows'));
    // Counts read from the scenarios the output calls for, not typed.
    const suites = securityScenarios(out);
    const total = suites.reduce((n, suite) => n + suite.scenarios.length, 0);
    expect(section).toContain(`**All ${total} scenarios pass**`);
    expect(section).toContain('organization `o-a1b2c3d4e5` (root `r-a1b2`)');
    expect(section).toContain('break-glass role `arn:aws:iam::222222222222:role/backup-break-glass`');
    expect(section.match(/^- PASS: /gm)).toHaveLength(new Set(suites.flatMap((suite) => suite.scenarios.map((sc) => sc.property))).size);
    expect(section).toContain('- PASS: only principals of the organization can copy into the central vault (4 scenarios)');
    expect(section).toContain('| pass | eu-west-1 | cannot: source admin deletes a central recovery point | ExplicitlyDenied | ExplicitlyDenied |');
    expect(section).toContain('| pass | ap-southeast-2 | cannot: a principal of another organization copies into the central vault | ImplicitlyDenied | ImplicitlyDenied |');
    expect(section.match(/^\| pass \| (ap-southeast-2|eu-west-1) \| (can|cannot): /gm)).toHaveLength(total);
    const cans = suites.find((suite) => suite.region === 'eu-west-1')!.scenarios.filter((sc) => sc.expectation === 'can').length;
    expect(section).toContain(`| pass | eu-west-1 | ${cans} of ${cans} | - |`);
    expect(section).not.toMatch(/FAIL|ERROR|could not/);
    expect(section).toContain('No service control policy in this output (`protectBackupsScp` is off): no SCP scenarios.');
  });

  it('has no change section without a base', () => {
    expect(report).not.toContain('## Changes against');
  });
});

describe('review report of a changed configuration against a base', () => {
  const base = synthApp();
  const baseDir = mkdtempSync(path.join(tmpdir(), 'org-backup-base-'));
  cpSync(base.dir, baseDir, { recursive: true });
  // An earlier version of the code named one key differently: its address changes now.
  const stackFile = path.join(baseDir, base.manifest.stacks['source-data-prod'].synthesizedStackPath);
  const stack = JSON.parse(readFileSync(stackFile, 'utf8'));
  stack.resource.aws_kms_key['backup_euw1'] = stack.resource.aws_kms_key['backup_eu-west-1'];
  delete stack.resource.aws_kms_key['backup_eu-west-1'];
  writeFileSync(stackFile, JSON.stringify(stack));

  const changed = synthApp(
    exampleConfig((c) => {
      c.sourceAccounts = c.sourceAccounts.filter((a) => a.name !== 'shared-services');
      c.sourceAccounts.push({ accountId: '777777777777', name: 'analytics' });
      c.sourceAccounts.find((a) => a.name === 'workloads-staging')!.accountId = '888888888888';
      const standard = c.policies.find((p) => p.name === 'standard')!;
      standard.rules[0].copyToBackupAccount = { deleteAfterDays: 60 };
      standard.rules[1].schedule = 'cron(0 19 ? * SAT *)';
      standard.rules[1].lifecycle = { deleteAfterDays: 120 };
      c.backupAccount.vaultName = 'org-vault-2';
    }),
  );
  let section: string;
  beforeAll(async () => {
    const report = readFileSync(await writeReview({ out: changed.dir, base: baseDir }), 'utf8');
    section = report.slice(report.indexOf('## Changes against'), report.indexOf('## Stacks'));
  });

  it('lists accounts added and removed', () => {
    expect(section).toContain('- added: `source-analytics`, 777777777777 (analytics)');
    expect(section).toContain('- **removed**: `source-shared-services`, 666666666666 (shared-services)');
    expect(section).toContain('- **ACCOUNT CHANGED**: `source-workloads-staging` from 444444444444 to 888888888888');
  });

  it('flags a shortened retention loudly, in a caution box and on the rule', () => {
    expect(section).toContain('> **RETENTION SHORTENED** in 2 rules:');
    expect(section).toContain(
      '- **RETENTION SHORTENED** `org-backup-standard` plan `standard-eu-west-1` rule `daily`: copy target: arn:aws:backup:eu-west-1:222222222222:backup-vault:org-central-backup -> arn:aws:backup:eu-west-1:222222222222:backup-vault:org-vault-2; copy to org-vault-2 delete after days: 90 -> 60',
    );
  });

  it('reports a schedule change and a longer retention without the shortened flag', () => {
    expect(section).toContain(
      '- `org-backup-standard` plan `standard-ap-southeast-2` rule `weekly`: schedule: cron(0 18 ? * SUN *) -> cron(0 19 ? * SAT *); local delete after days: 90 -> 120; copy target:',
    );
  });

  it('flags resources whose address or identity changes as destroy/recreate', () => {
    expect(section).toContain('- **DESTROY/RECREATE (holds backups)** `source-data-prod: aws_kms_key.backup_euw1` destroyed');
    expect(section).toContain('- `source-data-prod: aws_kms_key.backup_eu-west-1` created');
    expect(section).toContain(
      '- **DESTROY/RECREATE (holds backups)** `backup-account: aws_backup_vault.central_eu-west-1` replaced (name: org-central-backup -> org-vault-2)',
    );
    expect(section).toMatch(/> \*\*\d+ vaults or keys would be destroyed or replaced\*\*/);
  });

  it('reports nothing for an unchanged output', async () => {
    const same = readFileSync(await writeReview({ out: base.dir, base: base.dir }), 'utf8');
    expect(same).toContain('### Accounts\n\n- none');
    expect(same).toContain('### Backup rules\n\n- none');
    expect(same).not.toContain('RETENTION SHORTENED');
  });
});

describe('review arguments', () => {
  it.each([
    [['--base'], '--base needs a directory'],
    [['--colour'], 'unknown argument --colour'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('says to synthesize first when there is no output', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'org-backup-empty-'));
    await expect(writeReview({ out: empty })).rejects.toThrow(UsageError);
    await expect(writeReview({ out: empty })).rejects.toThrow('run `npm run synth` first');
  });
});
