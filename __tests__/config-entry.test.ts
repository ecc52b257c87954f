/**
 * Bad input through the entry point users run (`npm run synth`: the build of main.ts on plain node): exit code, one
 * line per problem, no stack trace, and an earlier good `cdktf.out` left byte-for-byte as it was.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { ConfigError, loadConfig, validateConfig } from '../envs/load';
import { renderedPolicySize } from '../envs/rules';
import { backupVaultArn } from '../modules/shared/arn';
import { centralVaultOutputName } from '../stacks/backup-account-stack';
import { readJsonDocument } from '../output/terraform-expression';
import { readSynthOutput } from '../output/synth-output';
import { exampleDraft, INVALID_CASES } from './fixtures/invalid-configs';
import { runApp } from './support/run-app';

const work = mkdtempSync(path.join(tmpdir(), 'org-backup-bad-input-'));

/** Every file under a folder with its bytes and modification time. */
function snapshot(dir: string): Record<string, { bytes: string; mtimeMs: number }> {
  const files: Record<string, { bytes: string; mtimeMs: number }> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = { bytes: readFileSync(full).toString('base64'), mtimeMs: statSync(full).mtimeMs };
    }
  };
  walk(dir);
  return files;
}

// Rows that can be combined into one config; each still gives exactly its own line.
const COMBINED = [
  'account id too short',
  'tag value with a character AWS refuses',
  'organization id too short',
  'cron day-of-month out of range',
  'cron every 15 minutes',
  'delete less than 90 days after cold',
  'copy kept shorter than the vault lock minimum',
  'source account listed twice',
  'compliance lock without changeableForDays',
  'misspelt lifecycle key',
  'bucket name with adjacent dots',
  'break-glass ARN of another partition',
  'policy name that makes plan names too long',
].map((title) => INVALID_CASES.find((c) => c.title === title)!);

function combinedDraft(): any {
  const draft = exampleDraft();
  COMBINED.forEach((row) => row.change(draft));
  return draft;
}

const problemLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('  - ')).map((l) => l.slice(4));

describe('bad input through the entry point', () => {
  // An earlier good run, as a user would have it.
  const good = runApp({});
  const outdir = good.outdir;
  const before = snapshot(outdir);

  const jsonFile = path.join(work, 'bad.json');
  writeFileSync(jsonFile, JSON.stringify(combinedDraft(), null, 2));
  const jsonRun = runApp({ BACKUP_CONFIG: jsonFile }, outdir);
  const yamlFile = path.join(work, 'bad.yaml');
  writeFileSync(yamlFile, stringify(combinedDraft()));
  const yamlRun = runApp({ BACKUP_CONFIG: yamlFile }, outdir);

  it('starts from a good run that wrote stacks, warning about cold storage without failing', () => {
    expect(good.status).toBe(0);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['manifest.json', 'stacks/management/cdk.tf.json']));
    expect(good.stdout).toContain('warning: policies[1].rules[1].lifecycle.moveToColdStorageAfterDays = 30: only the resource types');
  });

  it('measures a policy as the management stack renders it, vault ARNs resolved', () => {
    const config = validateConfig(exampleDraft());
    const management = readSynthOutput(outdir).stacks.management;
    for (const policy of config.policies) {
      const content = management.resource?.aws_organizations_policy?.[`backup_${policy.name}`]?.content as string;
      let resolved = JSON.stringify(readJsonDocument(content));
      for (const region of config.regions) {
        const arn = backupVaultArn(config.partition, region, config.backupAccount.accountId, config.backupAccount.vaultName);
        resolved = resolved.replaceAll(`\${data.terraform_remote_state.backup_account.outputs.${centralVaultOutputName(region)}}`, arn);
      }
      expect(resolved).not.toContain('${');
      expect(renderedPolicySize(config, policy)).toBe(resolved.length);
    }
  });

  it('exits 1 with every problem on its own line, path and value first, and no stack trace', () => {
    expect(jsonRun.status).toBe(1);
    expect(jsonRun.stdout).toBe('');
    expect(jsonRun.stderr).not.toMatch(/\n\s+at /);
    expect(jsonRun.stderr.split('\n')[0]).toBe(`error: invalid configuration in ${jsonFile}: ${COMBINED.length} problems`);
    const lines = problemLines(jsonRun.stderr);
    expect(lines).toHaveLength(COMBINED.length);
    for (const row of COMBINED) {
      expect(lines.filter((l) => l.startsWith(row.path) && l.includes(row.reason))).toHaveLength(1);
    }
  });

  it('leaves the earlier cdktf.out byte-for-byte as it was', () => {
    expect(snapshot(outdir)).toEqual(before);
  });

  it('prints the same problems for the same config written as YAML', () => {
    expect(yamlRun.status).toBe(1);
    expect(problemLines(yamlRun.stderr)).toEqual(problemLines(jsonRun.stderr));
  });

  it('names the file and the line of malformed JSON', () => {
    const file = path.join(work, 'malformed.json');
    writeFileSync(file, '{\n  "partition": "aws",\n  "regions": ["eu-west-1",]\n}\n');
    const run = runApp({ BACKUP_CONFIG: file }, outdir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`error: invalid configuration in ${file}: 1 problem\n  - line 3: invalid JSON:`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(outdir)).toEqual(before);
  });
});

describe('file formats', () => {
  const write = (name: string, text: string) => {
    const file = path.join(work, name);
    writeFileSync(file, text);
    return file;
  };
  const problems = (file: string) => {
    try {
      loadConfig({ configPath: file });
    } catch (err) {
      if (err instanceof ConfigError) return [err.source, ...err.problems];
      throw err;
    }
    return [];
  };

  it('names the line of malformed YAML', () => {
    const file = write('malformed.yaml', 'partition: aws\nregions: [eu-west-1]\npartition: aws-cn\n');
    expect(problems(file)).toEqual([file, 'line 3: invalid YAML: Map keys must be unique']);
  });

  it('names the line of JSON that V8 reports without a position', () => {
    const file = write('token.json', '{\n  "partition": "aws",\n  "regions": }\n');
    expect(problems(file)).toEqual([file, expect.stringMatching(/^line 3: invalid JSON: Unexpected token '}'$/)]);
  });

  it('refuses an unquoted YAML account id, showing it as written and saying to quote it', () => {
    const yaml = stringify(exampleDraft())
      .replace('managementAccountId: "111111111111"', 'managementAccountId: 011111111111')
      .replace('accountId: "222222222222"', 'accountId: 222222222222');
    const file = write('numbers.yaml', yaml);
    expect(yaml).toContain('managementAccountId: 011111111111');
    expect(problems(file)).toEqual([
      file,
      'organization.managementAccountId = 011111111111 (read as the number 11111111111): an account id must be a quoted string of 12 digits: write "011111111111" (a number loses its leading zeros)',
      'backupAccount.accountId = 222222222222: an account id must be a quoted string of 12 digits: write "222222222222" (a number loses its leading zeros)',
    ]);
  });
});

describe('a configuration mistake', () => {
  // main.ts loads cdktf, the provider's resources and the rule pack only for a valid configuration,
  // so an error is reported in a fraction of the start-up; an import of a construct module by the
  // validator (for a shared constant) would bring them all back.
  it('is found and reported without loading cdktf or the provider', () => {
    const probe = [
      "require('./dist/js/envs/load'); require('./dist/js/envs/rules'); require('./dist/js/tools/command'); require('./dist/js/checks/finding');",
      "console.log(JSON.stringify(Object.keys(require.cache).filter((f) => /node_modules\\/(cdktf|@cdktf\\/provider-aws|@cloud-copilot)\\//.test(f))));",
    ].join('\n');
    const run = spawnSync(process.execPath, ['-e', probe], { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(JSON.parse(run.stdout)).toEqual([]);
  });
  it.each([
    ['other-org.json', false],
    ['other-org.yaml', true],
  ])('%s is read with the YAML library loaded: %s', (fixture, loaded) => {
    const probe = [
      `require('./dist/js/envs/load').loadConfig({ configPath: ${JSON.stringify(path.join('__tests__', 'fixtures', fixture))} });`,
      "console.log(Object.keys(require.cache).some((f) => /node_modules\\/yaml\\//.test(f)));",
    ].join('\n');
    const run = spawnSync(process.execPath, ['-e', probe], { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' });
    expect([run.status, run.stderr, run.stdout.trim()]).toEqual([0, '', String(loaded)]);
  });
});
