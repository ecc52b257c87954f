import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { exampleConfig, synthApp } from './support/synth';

describe('the example environment, synthesized whole', () => {
  const config = exampleConfig();
  const out = synthApp(config);
  const sourceStacks = ['source-workloads-prod', 'source-workloads-staging', 'source-data-prod', 'source-shared-services'];
  const accountOf: Record<string, string> = {
    management: '111111111111',
    'backup-account': '222222222222',
    'source-workloads-prod': '333333333333',
    'source-workloads-staging': '444444444444',
    'source-data-prod': '555555555555',
    'source-shared-services': '666666666666',
  };

  it('has one stack per account', () => {
    expect(Object.keys(out.manifest.stacks).sort()).toEqual(['backup-account', 'management', ...sourceStacks].sort());
  });

  it.each(Object.keys(accountOf))('%s: one provider per region, aliased by region, assuming the deployment role in its account', (name) => {
    const providers = out.stacks[name].provider?.aws ?? [];
    expect(providers.map((p) => p.alias)).toEqual(config.regions);
    for (const p of providers) {
      expect(p.region).toBe(p.alias);
      expect(p.assume_role).toEqual([{ role_arn: `arn:aws:iam::${accountOf[name]}:role/OrganizationAccountAccessRole`, session_name: `org-backup-${name}` }]);
      expect(p.allowed_account_ids).toEqual([accountOf[name]]);
    }
  });

  it.each(Object.keys(accountOf))('%s: every resource names one of its providers', (name) => {
    const aliases = new Set(config.regions.map((r) => `aws.${r}`));
    const elements = [...Object.values(out.stacks[name].resource ?? {}), ...Object.values(out.stacks[name].data ?? {})]
      .flatMap((byName) => Object.values(byName))
      .filter((body) => !('backend' in body));
    expect(elements.length).toBeGreaterThan(0);
    expect(elements.filter((body) => !aliases.has(body.provider as string))).toEqual([]);
  });

  it.each(Object.keys(accountOf))('%s: its own state file in the S3 backend, locked, encrypted', (name) => {
    expect(out.stacks[name].terraform?.backend).toEqual({
      s3: {
        bucket: 'acme-org-backup-tfstate',
        key: `org-backup/${name}.tfstate`,
        region: 'ap-southeast-2',
        encrypt: true,
        use_lockfile: true,
        assume_role: { role_arn: 'arn:aws:iam::111111111111:role/tf-state' },
      },
    });
  });

  it.each(Object.keys(accountOf))('%s: requires Terraform 1.11 or later (S3 native locking is generally available there)', (name) => {
    expect(out.stacks[name].terraform?.required_version).toBe('>= 1.11.0');
  });

  it('shares the central vault ARNs as explicit, non-sensitive outputs of the backup-account stack', () => {
    const outputs = out.stacks['backup-account'].output ?? {};
    expect(outputs.central_vault_arn_eu_west_1).toEqual({
      value: '${aws_backup_vault.central_eu-west-1.arn}',
      description: 'ARN of the central backup vault in eu-west-1',
    });
    expect(Object.values(outputs).some((o) => o.sensitive)).toBe(false);
  });

  it('reads them in the management stack through the remote state of the backup-account stack', () => {
    expect(out.stacks.management.data?.terraform_remote_state?.backup_account).toEqual({
      backend: 's3',
      config: {
        bucket: 'acme-org-backup-tfstate',
        key: 'org-backup/backup-account.tfstate',
        region: 'ap-southeast-2',
        encrypt: true,
        assume_role: { role_arn: 'arn:aws:iam::111111111111:role/tf-state' },
      },
    });
  });

  it('records the deploy order in the manifest: backup account, then sources, then management', () => {
    const deps = (name: string) => out.manifest.stacks[name].dependencies;
    expect(deps('backup-account')).toEqual([]);
    for (const source of sourceStacks) expect(deps(source)).toEqual(['backup-account']);
    expect([...deps('management')].sort()).toEqual(['backup-account', ...sourceStacks].sort());
  });

  it('creates default EBS encryption only where the account asks for it', () => {
    expect(out.stacks['source-workloads-prod'].resource?.aws_ebs_encryption_by_default).toBeDefined();
    expect(out.stacks['source-shared-services'].resource?.aws_ebs_encryption_by_default).toBeUndefined();
  });

  it('writes byte-identical output on a second synth', () => {
    const again = synthApp(config);
    for (const entry of Object.values(out.manifest.stacks)) {
      const first = readFileSync(path.join(out.dir, entry.synthesizedStackPath));
      const second = readFileSync(path.join(again.dir, entry.synthesizedStackPath));
      expect(second.equals(first)).toBe(true);
    }
    expect(readFileSync(path.join(again.dir, 'manifest.json')).equals(readFileSync(path.join(out.dir, 'manifest.json')))).toBe(true);
  });
});
