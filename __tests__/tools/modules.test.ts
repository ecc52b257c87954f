import { readJsonDocument } from '../../output/terraform-expression';
import { parse } from '@cdktf/hcl2json';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ACCOUNT_ID, IAM_ROLE_ARN, IAM_ROLE_NAME, ORG_ID, ROOT_ID, TARGET, VAULT_NAME } from '../../envs/fields';
import { AWS_PROVIDER_VERSION, MIN_TERRAFORM_VERSION, writeModules } from '../../tools/modules';
import { MODULES, moduleVariables } from '../../tools/terraform-modules/definitions';
import { PATTERNS } from '../../tools/terraform-modules/variables';
import { parseHcl, printHcl, type Block } from '../../tools/hcl/document';
import { moduleStatements } from '../../tools/terraform-modules/policy-words';
import { exampleConfig, resource, synthApp } from '../support/synth';
import { loadConfig } from '../../envs/load';

const outdir = mkdtempSync(path.join(tmpdir(), 'org-backup-modules-test-'));
const published = writeModules(outdir, exampleConfig(), { version: '1.4.2', namespace: 'acme' });
const read = (module: string, file: string) => readFileSync(path.join(outdir, module, file), 'utf8');
const parseFile = (module: string, file: string) => parse(`${module}/${file}`, read(module, file));

/** The variables each module must validate, because the config validator has a rule for the field. */
const VALIDATED: Record<string, string[]> = {
  'source-account': ['backup_account_id', 'vault_name', 'backup_role_name'],
  'backup-account': ['organization_id', 'organization_root_id', 'vault_name', 'deployment_role_name', 'break_glass_role_arns', 'min_retention_days', 'max_retention_days', 'changeable_for_days'],
  'organization-policy': ['name', 'regions', 'selection', 'rules', 'central_vault_arns', 'target_ids', 'vault_name', 'backup_role_name'],
};

/** Rows of a README table under a heading (terraform-docs style: `| <a name="input_x"></a> [x](#input\_x) |`). */
function tableNames(readme: string, heading: string): string[] {
  const section = readme.split(`## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => /^\| <a name=/.test(line))
    .map((line) => /^\| <a name="[a-z]+_([^"]+)"><\/a>/.exec(line)![1]);
}

/** A README table row by the input's name. */
const rowOf = (readme: string, name: string) => readme.split('\n').find((l) => l.startsWith(`| <a name="input_${name}"></a>`));

describe('published Terraform modules', () => {
  it('writes the three modules in the layout a registry expects, each with a tarball beside it', () => {
    expect(published.map((m) => m.name)).toEqual(['source-account', 'backup-account', 'organization-policy']);
    for (const m of published) {
      expect(m.files).toEqual(['CHANGELOG.md', 'README.md', 'examples/basic/main.tf', 'main.tf', 'outputs.tf', 'variables.tf', 'versions.tf']);
      expect(readdirSync(m.dir).sort()).toEqual(['CHANGELOG.md', 'README.md', 'examples', 'main.tf', 'outputs.tf', 'variables.tf', 'versions.tf']);
      expect(m.tarball).toBe(path.join(outdir, `${m.name}-1.4.2.tar.gz`));
    }
    expect(readdirSync(outdir).filter((f) => f.endsWith('.tar.gz')).sort()).toEqual(['backup-account-1.4.2.tar.gz', 'organization-policy-1.4.2.tar.gz', 'source-account-1.4.2.tar.gz']);
  });

  it('packs each module folder into its tarball, every file byte for byte, reproducibly', () => {
    const m = published[0];
    const listing = spawnSync('tar', ['-tzf', m.tarball], { encoding: 'utf8' });
    expect(listing.status).toBe(0);
    expect(listing.stdout.trim().split('\n')).toEqual(m.files.map((f) => `${m.name}/${f}`));
    const extracted = mkdtempSync(path.join(tmpdir(), 'org-backup-tar-'));
    expect(spawnSync('tar', ['-xzf', m.tarball, '-C', extracted]).status).toBe(0);
    for (const file of m.files) expect(readFileSync(path.join(extracted, m.name, file), 'utf8')).toBe(read(m.name, file));
    const again = mkdtempSync(path.join(tmpdir(), 'org-backup-modules-again-'));
    writeModules(again, exampleConfig(), { version: '1.4.2', namespace: 'acme' });
    expect(readFileSync(path.join(again, `${m.name}-1.4.2.tar.gz`)).equals(readFileSync(m.tarball))).toBe(true);
  });

  it('records the release in each CHANGELOG.md', () => {
    for (const m of published) expect(read(m.name, 'CHANGELOG.md')).toMatch(/^# Changelog\n\n## 1\.4\.2\n/);
  });

  it('refuses a version that is not semantic, and a bad namespace', () => {
    expect(() => writeModules(mkdtempSync(path.join(tmpdir(), 'x-')), exampleConfig(), { version: '1.4' })).toThrow('--version 1.4: a semantic version such as 1.2.0');
    expect(() => writeModules(mkdtempSync(path.join(tmpdir(), 'x-')), exampleConfig(), { namespace: 'Acme Corp' })).toThrow('--namespace Acme Corp');
  });

  describe.each(MODULES.map((m) => [m.name]))('%s', (name) => {
    let main: any;
    let variables: any;
    let outputs: any;
    let versions: any;
    let example: any;
    beforeAll(async () => {
      [main, variables, outputs, versions, example] = await Promise.all(
        ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf', 'examples/basic/main.tf'].map((f) => parseFile(name, f)),
      );
    });
    const declared = () => Object.keys(variables.variable);
    const usedIn = (...files: string[]) =>
      [...new Set(files.flatMap((f) => [...read(name, f).matchAll(/\bvar\.([A-Za-z_][\w-]*)/g)].map((m) => m[1])))].sort();

    it('parses with a real HCL parser, every file', () => {
      expect(Object.keys(main.resource ?? {}).length).toBeGreaterThan(0);
      expect(declared().length).toBeGreaterThan(0);
      expect(Object.keys(outputs.output).length).toBeGreaterThan(0);
      expect(Object.keys(example.module).length).toBeGreaterThan(0);
    });

    it('declares every variable it uses, and uses every variable it declares', () => {
      expect(usedIn('main.tf', 'outputs.tf')).toEqual([...declared()].sort());
      // Every validation condition speaks of its own variable (others only where Terraform 1.9+ allows it).
      for (const [varName, blocks] of Object.entries<any>(variables.variable)) {
        for (const validation of blocks[0].validation ?? []) {
          expect([...String(validation.condition).matchAll(/\bvar\.(\w+)/g)].map((m) => m[1])).toEqual(expect.arrayContaining([varName]));
        }
      }
    });

    it('types and describes every variable, and validates the ones the config validator has a rule for', () => {
      for (const [varName, blocks] of Object.entries<any>(variables.variable)) {
        expect(blocks[0].type).toMatch(/^\$\{(string|number|bool|list\(string\)|map\(string\)|object\(\{[\s\S]+\}\)|list\(object\(\{[\s\S]+\}\)\))\}$/);
        expect(blocks[0].description.length).toBeGreaterThan(10);
        if (VALIDATED[name].includes(varName)) expect(blocks[0].validation?.length).toBeGreaterThan(0);
      }
      expect(VALIDATED[name].every((v) => declared().includes(v))).toBe(true);
    });

    it('writes each variable block in the conventional order: description, type, default, validation (condition, error_message)', () => {
      const ORDER = ['description', 'type', 'default', 'nullable', 'sensitive', 'validation'];
      for (const block of parseHcl(read(name, 'variables.tf')).filter((b): b is Block => b.kind === 'block')) {
        const names = block.body.flatMap((i) => (i.kind === 'attribute' ? [i.name] : i.kind === 'block' ? [i.type] : []));
        expect([block.labels[0], names]).toEqual([block.labels[0], [...names].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))]);
        expect(names.slice(0, 2)).toEqual(['description', 'type']);
        for (const v of block.body.filter((i): i is Block => i.kind === 'block')) {
          expect(v.body.flatMap((i) => (i.kind === 'attribute' ? [i.name] : []))).toEqual(['condition', 'error_message']);
        }
      }
    });

    it('takes its provider from the caller: no provider, backend or terraform block in main.tf', () => {
      expect(main.provider).toBeUndefined();
      expect(main.terraform).toBeUndefined();
      expect(read(name, 'main.tf')).not.toMatch(/^\s*provider\s*=/m);
    });

    it('states the minimum terraform and aws provider versions', () => {
      // The stacks' minimum: the published modules run where the stacks run (S3 native locking, 1.11).
      expect(versions.terraform[0].required_version).toBe('>= 1.11.0');
      expect(MIN_TERRAFORM_VERSION).toBe('>= 1.11.0');
      expect(versions.terraform[0].required_providers[0].aws).toEqual({ source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION });
    });

    it('lists in its README exactly the inputs and outputs it has', () => {
      const readme = read(name, 'README.md');
      expect(tableNames(readme, 'Inputs').sort()).toEqual([...declared()].sort());
      expect(tableNames(readme, 'Outputs').sort()).toEqual(Object.keys(outputs.output).sort());
      for (const [varName, blocks] of Object.entries<any>(variables.variable)) {
        const row = rowOf(readme, varName)!;
        expect(row.endsWith(blocks[0].default === undefined ? '| yes |' : '| no |')).toBe(true);
      }
      expect(readme).toContain('## Usage\n\n```hcl\n' + read(name, 'examples/basic/main.tf').trimEnd() + '\n```');
    });

    it('has an example call that passes every required variable and nothing undeclared', () => {
      const required = Object.entries<any>(variables.variable).filter(([, b]) => !('default' in b[0])).map(([n]) => n);
      expect(required.length).toBeGreaterThan(0);
      for (const [label, calls] of Object.entries<any>(example.module)) {
        const call = calls[0];
        expect([label, call.source, call.version]).toEqual([label, `acme/${name}/aws`, '~> 1.4']);
        const passed = Object.keys(call).filter((k) => !['source', 'version', 'providers'].includes(k));
        expect(required.filter((r) => !passed.includes(r))).toEqual([]);
        expect(passed.filter((p) => !declared().includes(p))).toEqual([]);
      }
    });
  });

  it('builds the backup-account module from the same construct as the app: the same vault policy statements', () => {
    const app = synthApp(exampleConfig());
    // The module exempts by ARN only (it reads no role ids): the app's twin denies by unique id aside.
    const appDocument = readJsonDocument(resource(app.stacks['backup-account'], 'aws_backup_vault_policy.central_eu-west-1').policy as string) as any;
    const appPolicy = { ...appDocument, Statement: appDocument.Statement.filter((st: { Sid: string }) => !st.Sid.endsWith('ByRoleId')) };
    const vaultPolicy = parseHcl(read('backup-account', 'main.tf'))
      .filter((b): b is Block => b.kind === 'block')
      .find((b) => b.labels[0] === '"aws_backup_vault_policy"')!
      .body.find((i) => i.kind === 'attribute' && i.name === 'policy')!;
    const shape = (statements: any[]) => statements.map((s: any) => [s.Sid, s.Effect, s.Action, Object.keys(s.Condition ?? {}).sort()]);
    // The example has a break-glass role: the module's plan-time exemptions are present.
    expect(shape(moduleStatements(vaultPolicy as any))).toEqual(shape(appPolicy.Statement));
  });

  it('makes optional resources conditional on their variables', () => {
    const countsOf = (text: string, expression: string) => text.split('\n').filter((l) => new RegExp(`^\\s+count\\s+= ${expression}$`).test(l)).length;
    // The role and its four policy attachments; EBS encryption and its default key.
    expect(countsOf(read('source-account', 'main.tf'), 'var\\.create && var\\.create_backup_role \\? 1 : 0')).toBe(5);
    expect(countsOf(read('source-account', 'main.tf'), 'var\\.create && var\\.ebs_default_encryption \\? 1 : 0')).toBe(2);
    expect(countsOf(read('organization-policy', 'main.tf'), 'var\\.create && var\\.manage_cross_account_backup \\? 1 : 0')).toBe(1);
    expect(read('organization-policy', 'main.tf')).toMatch(/^\s+for_each\s+= var\.create \? toset\(var\.target_ids\) : toset\(\[\]\)$/m);
  });

  describe.each(MODULES.map((m) => [m.name]))('%s: create = false', (name) => {
    const blocks = () => parseHcl(read(name, 'main.tf')).filter((b): b is Block => b.kind === 'block');
    const attr = (block: Block, key: string) => {
      const found = block.body.find((i) => i.kind === 'attribute' && i.name === key);
      return found && found.kind === 'attribute' ? printHcl([found]).replace(/^\w+\s*=\s*/, '').trim() : undefined;
    };

    it('counts or iterates every resource and data source on var.create', () => {
      const managed = blocks().filter((b) => b.type === 'resource' || b.type === 'data');
      expect(managed.length).toBeGreaterThan(0);
      for (const block of managed) {
        const toggle = attr(block, 'count') ?? attr(block, 'for_each');
        expect([block.labels.join('.'), toggle]).toEqual([block.labels.join('.'), expect.stringMatching(/^var\.create( \?| &&)/)]);
      }
    });

    it('indexes every reference to a counted block and returns null outputs', () => {
      const counted = blocks()
        .filter((b) => (b.type === 'resource' || b.type === 'data') && attr(b, 'count') !== undefined)
        .map((b) => `${b.type === 'data' ? 'data\\.' : ''}${b.labels.map((l) => l.replace(/"/g, '')).join('\\.')}`);
      const text = read(name, 'main.tf') + read(name, 'outputs.tf');
      for (const address of counted) {
        // depends_on names a whole resource; every other use is of an instance.
        const bare = [...text.matchAll(new RegExp(`(?<![\\w.])${address}(?![\\w\\[])`, 'g'))].filter((m) => !/^\s+[\w.]+,\s*$/.test(text.slice(text.lastIndexOf('\n', m.index) + 1, text.indexOf('\n', m.index))));
        expect([address, bare.length]).toEqual([address, 0]);
      }
      for (const output of parseHcl(read(name, 'outputs.tf')).filter((b): b is Block => b.kind === 'block')) {
        expect(attr(output, 'value')).toMatch(/^var\.create \? [\s\S]+ : null$/);
      }
    });
  });

  it.each(MODULES.map((m) => [m.name]))('%s: merges var.tags into every resource whose provider schema has tags', (name) => {
    const resources = parseHcl(read(name, 'main.tf')).filter((b): b is Block => b.kind === 'block' && b.type === 'resource');
    // The binding's config interface, generated from the provider schema, says whether a resource takes tags.
    const takesTags = (type: string) => {
      // Found by resolving the package (not a node_modules path), so that it is @cdktn/provider-aws under test:cdktn.
      const lib = path.join(path.dirname(require.resolve('@cdktf/provider-aws/package.json')), 'lib');
      const file = path.join(lib, type.replace(/^aws_/, '').replace(/_/g, '-'), 'index.d.ts');
      const config = readFileSync(file, 'utf8').split(/export declare class/)[0];
      return /\n\s+readonly tags\?: \{/.test(config);
    };
    const taggable = resources.filter((b) => takesTags(b.labels[0].replace(/"/g, '')));
    expect(taggable.length).toBeGreaterThan(0);
    for (const block of taggable) {
      const tags = block.body.find((i) => i.kind === 'attribute' && i.name === 'tags');
      expect([block.labels.join('.'), tags && printHcl([tags]).trim()]).toEqual([block.labels.join('.'), expect.stringMatching(/^tags\s*= (var\.tags|merge\(var\.tags, [\s\S]+\))$/)]);
    }
    for (const block of resources.filter((b) => !takesTags(b.labels[0].replace(/"/g, '')))) {
      expect(block.body.some((i) => i.kind === 'attribute' && i.name === 'tags')).toBe(false);
    }
  });

  it('says in each README, statement by statement, what its policies allow and deny, and which inputs weaken protection', () => {
    const readme = read('backup-account', 'README.md');
    expect(readme).toContain('**`aws_backup_vault_policy.this`** (`policy`):');
    expect(readme).toMatch(/- \*\*DenyRecoveryPointDestruction\*\*: denies `backup:DeleteRecoveryPoint`, `backup:UpdateRecoveryPointLifecycle`, `backup:DeleteBackupVault` to every principal, unless `aws:PrincipalArn` matches/);
    expect(readme).toContain('when no value of `backup:CopyTargetOrgPaths` matches `<organization_id>/<organization_root_id>/*`');
    expect(readme).toContain('- **DenyShortKeyDeletionWindow**: denies `kms:ScheduleKeyDeletion` to every principal, when `kms:ScheduleKeyDeletionPendingWindowInDays` < `30`.');
    expect(read('source-account', 'README.md')).toContain('**`aws_iam_role.backup`** (`assume_role_policy`):');
    for (const m of published) {
      const section = read(m.name, 'README.md').split('## Inputs that weaken protection\n\n')[1].split('\n\n')[0];
      expect(section.split('\n').length).toBeGreaterThanOrEqual(3);
      // Every weakening input named there is an input of the module.
      const names = [...section.matchAll(/^- `([a-z_]+)/gm)].map((x) => x[1]);
      expect(names.filter((n) => !moduleVariables(MODULES.find((d) => d.name === m.name)!).some((v) => v.name === n))).toEqual([]);
    }
  });

  it('counts the air-gapped vault, its policy and share on create_air_gapped_vault, and shares it with each listed account', () => {
    const text = read('backup-account', 'main.tf');
    for (const type of ['aws_backup_logically_air_gapped_vault', 'aws_backup_vault_policy', 'aws_ram_resource_share', 'aws_ram_resource_association']) {
      const block = text.slice(text.indexOf(`resource "${type}" "air_gapped"`));
      expect([type, /count\s+= (.+)/.exec(block)![1]]).toEqual([type, 'var.create && var.create_air_gapped_vault ? 1 : 0']);
    }
    expect(text).toMatch(/for_each\s+= var\.create \? toset\(var\.create_air_gapped_vault \? var\.air_gapped_share_account_ids : \[\]\) : toset\(\[\]\)/);
    expect(text.slice(text.indexOf('resource "aws_ram_resource_share" "air_gapped"'))).toMatch(/allow_external_principals\s+= false/);
  });

  it('passes the configured air-gapped vault to the example when the configuration has one', () => {
    const full = mkdtempSync(path.join(tmpdir(), 'org-backup-modules-full-'));
    writeModules(full, loadConfig({ env: 'full' }));
    const example = readFileSync(path.join(full, 'backup-account', 'examples/basic/main.tf'), 'utf8');
    expect(example).toMatch(/create_air_gapped_vault\s+= true/);
    expect(example).toMatch(/air_gapped_share_account_ids\s+= \["\d{12}"/);
    expect(read('backup-account', 'examples/basic/main.tf')).not.toContain('create_air_gapped_vault');
  });

  it('keeps the example on the configured lock mode: no changeable_for_days for a governance lock', () => {
    expect(read('backup-account', 'examples/basic/main.tf')).not.toContain('changeable_for_days');
    expect(read('backup-account', 'examples/basic/main.tf')).toMatch(/break_glass_role_arns\s+= \["arn:aws:iam::222222222222:role\/backup-break-glass"\]/);
  });

  it('calls the organization-policy module once per configured policy, with cross-account backup managed in one call', () => {
    const text = read('organization-policy', 'examples/basic/main.tf');
    expect([...text.matchAll(/^module "(\w+)"/gm)].map((m) => m[1])).toEqual(['backup_policy_standard', 'backup_policy_critical']);
    expect([...text.matchAll(/manage_cross_account_backup\s+= (\w+)/g)].map((m) => m[1])).toEqual(['true', 'false']);
  });

  it('checks the size of the rendered policy at plan time', () => {
    expect(read('organization-policy', 'main.tf')).toContain('length(jsonencode({ plans = local.backup_policy_plans })) <= 10000');
  });

  it('passes terraform fmt -check where terraform is on PATH', () => {
    const version = spawnSync('terraform', ['version'], { encoding: 'utf8' });
    if (version.status !== 0) {
      console.log('skipped: no terraform binary on PATH, so `terraform fmt -check` cannot run here');
      return;
    }
    const result = spawnSync('terraform', ['fmt', '-check', '-recursive', outdir], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('variable validation patterns agree with the config validator', () => {
  const cases: [keyof typeof PATTERNS, { safeParse(v: unknown): { success: boolean } }, string[]][] = [
    ['accountId', ACCOUNT_ID, ['123456789012', '12345678901', '1234567890123', 'abcdefghijkl', '']],
    ['organizationId', ORG_ID, ['o-a1b2c3d4e5', 'o-a1b2', 'o-A1B2C3D4E5', 'x-a1b2c3d4e5']],
    ['rootId', ROOT_ID, ['r-a1b2', 'r-a1', 'r-A1B2', 'r-0123456789abcdef']],
    ['target', TARGET, ['r-a1b2', 'ou-a1b2-c3d4e5f6', '555555555555', 'root', 'ou-a1b2-c3d4', '55555']],
    ['iamRoleName', IAM_ROLE_NAME, ['OrgBackupServiceRole', 'a+b=c,d.e@f_g-h', 'with space', 'x'.repeat(64), 'x'.repeat(65)]],
    ['iamRoleArn', IAM_ROLE_ARN, ['arn:aws:iam::222222222222:role/backup-break-glass', 'arn:aws-cn:iam::222222222222:role/path/x', 'arn:aws:iam::22:role/x', 'arn:aws:iam::222222222222:user/x']],
    ['vaultName', VAULT_NAME, ['org-local-backup', 'a', 'ab', 'has space', 'x'.repeat(50), 'x'.repeat(51)]],
  ];

  it.each(cases)('%s', (key, schema, values) => {
    // A config target `root` is the root id (r-...) in a module call, as the app writes it.
    const accepts = (v: string) => (key === 'target' ? v !== 'root' && (schema.safeParse(v).success || ROOT_ID.safeParse(v).success) : schema.safeParse(v).success);
    const verdicts = values.map((v) => [v, new RegExp(PATTERNS[key]).test(v)]);
    const expected = values.map((v) => [v, accepts(v)]);
    expect(verdicts).toEqual(expected);
    expect(verdicts.some(([, ok]) => ok)).toBe(true);
    expect(verdicts.some(([, ok]) => !ok)).toBe(true);
  });
});
