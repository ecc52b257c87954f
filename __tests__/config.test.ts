import * as path from 'node:path';
import { readSynthOutput } from '../output/synth-output';
import { ConfigError, loadConfig, validateConfig } from '../envs/load';
import { config as example } from '../envs/example';
import { runApp } from './support/run-app';

const fixture = (name: string) => path.join(__dirname, 'fixtures', name);

describe('configuration loading', () => {
  it('loads the example environment by default, with defaults applied', () => {
    const config = loadConfig();
    expect(config.organization.id).toBe('o-a1b2c3d4e5');
    expect(config.backupAccount.vaultLock).toEqual({ mode: 'governance', minRetentionDays: 7, maxRetentionDays: 3650 });
  });

  it('loads JSON and YAML files of the same schema to the same configuration', () => {
    expect(loadConfig({ configPath: fixture('other-org.yaml') })).toEqual(loadConfig({ configPath: fixture('other-org.json') }));
  });

  it('applies the documented defaults', () => {
    const config = loadConfig({ configPath: fixture('other-org.json') });
    expect(config).toMatchObject({
      partition: 'aws',
      backupRoleName: 'OrgBackupServiceRole',
      sourceVaultName: 'org-local-backup',
      manageOrganization: false,
      protectBackupsScp: false,
      tags: {},
    });
    expect(config.sourceAccounts[0].ebsDefaultEncryption).toBe(true);
    expect(config.policies[0].rules[0]).toMatchObject({ startWindowMinutes: 60, completionWindowMinutes: 360 });
  });

  it('names an unknown environment', () => {
    expect(() => loadConfig({ env: 'nope' })).toThrow('no environment "nope": expected envs/nope.ts');
  });

  it.each([
    [(c: any) => (c.organization.managementAccountId = '12345'), 'organization.managementAccountId = "12345": expected a 12-digit account id'],
    [(c: any) => (c.regions = ['mars-north-1']), 'regions[0] = "mars-north-1": expected an AWS region code'],
    [(c: any) => delete c.organization.id, 'organization.id: required'],
    [(c: any) => (c.sourceAccounts[1].accountId = '333333333333'), 'sourceAccounts[1].accountId = "333333333333": already listed at sourceAccounts[0]'],
    [(c: any) => (c.sourceAccounts[0].accountId = '222222222222'), 'is the Backup account, which cannot be a source account'],
  ])('rejects basic mistakes with the path and what is allowed (%#)', (change, message) => {
    const draft = structuredClone(example) as any;
    change(draft);
    expect(() => validateConfig(draft)).toThrow(ConfigError);
    expect(() => validateConfig(draft)).toThrow(message);
  });

  it('suggests the known key for a misspelt one instead of applying a default', () => {
    const draft = structuredClone(example) as any;
    draft.policies[0].rules[0].lifecycle = { deleteAfterDay: 35 };
    expect(() => validateConfig(draft)).toThrow('policies[0].rules[0].lifecycle.deleteAfterDay: unknown key (did you mean "deleteAfterDays"?)');
  });
});

describe('the app entry point (BACKUP_CONFIG)', () => {
  it('synthesizes another organization from JSON without code changes', () => {
    const run = runApp({ BACKUP_CONFIG: fixture('other-org.json') });
    expect(run.stderr).not.toContain('error');
    expect(run.status).toBe(0);
    const out = readSynthOutput(run.outdir);
    expect(Object.keys(out.stacks).sort()).toEqual(['backup-account', 'management', 'source-analytics', 'source-payments']);
    const payments = out.stacks['source-payments'];
    expect(payments.provider?.aws.map((p) => p.alias)).toEqual(['us-east-1', 'us-west-2', 'eu-central-1']);
    expect(payments.provider?.aws[0].assume_role).toEqual([
      { role_arn: 'arn:aws:iam::900000000010:role/PlatformDeployer', session_name: 'org-backup-source-payments' },
    ]);
    expect(payments.terraform?.backend?.s3).toMatchObject({ bucket: 'globex-backup-state', key: 'backup/v1/source-payments.tfstate' });
    expect(out.stacks['backup-account'].resource?.aws_backup_vault?.['central_eu-central-1']).toMatchObject({ name: 'globex-vault' });
    expect(out.stacks.management.resource?.aws_organizations_policy_attachment).toHaveProperty(['backup_gold_ou-zz99-abcdefgh']);
  });

  it('synthesizes the same stacks from the YAML form', () => {
    const json = readSynthOutput(runApp({ BACKUP_CONFIG: fixture('other-org.json') }).outdir);
    const yaml = readSynthOutput(runApp({ BACKUP_CONFIG: fixture('other-org.yaml') }).outdir);
    expect(yaml.stacks).toEqual(json.stacks);
  });

  it('exits 1 with one line per problem and no stack trace for an invalid file', () => {
    const run = runApp({ BACKUP_CONFIG: fixture('does-not-exist.json') });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('does-not-exist.json');
    expect(run.stderr).toContain('cannot read the file: ENOENT');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
