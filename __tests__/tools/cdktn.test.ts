/**
 * The parts of `npm run test:cdktn` that need no CDK Terrain install: the import rewrite (and that it
 * maps every cdktf import of the repository), the scratch copy's package.json following package.json,
 * and the output comparison, shown to catch what it must catch. The run itself (install, suite on
 * Node 22, synth with both) is `npm run test:cdktn`, in `.ci/run`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { compareOutputs, providerAddress, summarizeNormalized } from '../../tools/cdktn/compare';
import { cdktnManifest, CDKTN_NODE_ENGINE, PACKAGE_SWAPS } from '../../tools/cdktn/packages';
import { isSourceFile, rewriteImports } from '../../tools/cdktn/rewrite';
import { cdktnManifestDrift, environmentNames } from '../../tools/test-cdktn';

const ROOT = path.resolve(__dirname, '../..');
/** Under `npm run test:cdktn` this file runs in the CDK Terrain copy, whose package.json is cdktn/package.json. */
const onCdktn = 'cdktn' in JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).dependencies;
const scratch = mkdtempSync(path.join(tmpdir(), 'org-backup-cdktn-unit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the import rewrite', () => {
  // Spelt in pieces: test:cdktn rewrites this file too, and must leave these inputs as they are.
  const tf = ['cdk', 'tf'].join('');
  const scope = `@${tf}`;

  it('names the CDK Terrain package in every kind of module specifier', () => {
    const source = [
      `import { App, TerraformStack } from '${tf}';`,
      `import type { Construct } from "${tf}";`,
      `import { KmsKey } from '${scope}/provider-aws/lib/kms-key';`,
      `export { Fn } from '${tf}';`,
      `const t = require('${tf}/lib/_tokens');`,
      `const cli = require.resolve('${tf}-cli/package.json');`,
      `const hcl = await import('${scope}/hcl2json');`,
      `jest.mock('${tf}');`,
    ].join('\n');
    const out = rewriteImports(source);
    expect(out.text.split('\n')).toEqual([
      "import { App, TerraformStack } from 'cdktn';",
      'import type { Construct } from "cdktn";',
      "import { KmsKey } from '@cdktn/provider-aws/lib/kms-key';",
      "export { Fn } from 'cdktn';",
      "const t = require('cdktn/lib/_tokens');",
      "const cli = require.resolve('cdktn-cli/package.json');",
      "const hcl = await import('@cdktn/hcl2json');",
      "jest.mock('cdktn');",
    ]);
    expect([out.changed, out.unmapped]).toEqual([8, []]);
  });

  it('leaves strings that are not module specifiers, and other packages', () => {
    const source = [
      `if (pkg.name !== '${tf}') return;`,
      `const out = '${tf}.out';`,
      "import { parse } from 'yaml';",
      `import { x } from '${tf}-like';`,
      "import { Construct } from 'constructs';",
    ].join('\n');
    expect(rewriteImports(source)).toEqual({ text: source, changed: 0, unmapped: [] });
  });

  it('reports a cdktf package it has no counterpart for', () => {
    const out = rewriteImports(`import { Provider } from '${scope}/provider-google/lib/provider';`);
    expect(out.unmapped).toEqual([`${scope}/provider-google/lib/provider`]);
    expect(out.text).toContain(`'${scope}/provider-google/lib/provider'`);
  });

  it('maps every cdktf module the repository imports', () => {
    const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
    const sources = listed.stdout.split('\0').filter((f) => f !== '' && isSourceFile(f));
    expect(sources.length).toBeGreaterThan(50);
    let changed = 0;
    const unmapped: string[] = [];
    for (const file of sources) {
      let text: string;
      try {
        text = readFileSync(path.join(ROOT, file), 'utf8');
      } catch {
        continue; // deleted in the work tree, not yet in git
      }
      const out = rewriteImports(text);
      changed += out.changed;
      unmapped.push(...out.unmapped.map((s) => `${file}: ${s}`));
    }
    expect(unmapped).toEqual([]);
    // In the CDK Terrain copy every one was rewritten already.
    if (onCdktn) expect(changed).toBe(0);
    else expect(changed).toBeGreaterThan(100);
  });
});

describe('the scratch copy\'s packages', () => {
  it('are package.json with each cdktf package swapped, as committed in cdktn/package.json', () => {
    const { committed, expected } = onCdktn
      ? { committed: readFileSync(path.join(ROOT, 'cdktn', 'package.json'), 'utf8'), expected: readFileSync(path.join(ROOT, 'package.json'), 'utf8') }
      : cdktnManifestDrift();
    expect(committed).toBe(expected);
    const manifest = JSON.parse(committed);
    const all = { ...manifest.dependencies, ...manifest.devDependencies };
    for (const swap of PACKAGE_SWAPS) {
      expect([swap.cdktf in all, all[swap.cdktn]]).toEqual([false, swap.version]);
    }
    expect(manifest.engines.node).toBe(CDKTN_NODE_ENGINE);
    expect(manifest.scripts).toEqual(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts);
  });

  it('have a lockfile resolving each CDK Terrain package at its version', () => {
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'cdktn', 'package-lock.json'), 'utf8'));
    for (const swap of PACKAGE_SWAPS) expect(lock.packages[`node_modules/${swap.cdktn}`]?.version).toBe(swap.version);
    expect(lock.packages['node_modules/cdktf']).toBeUndefined();
  });

  it('refuse a cdktf package without a counterpart, and a missing one', () => {
    const base = { dependencies: { cdktf: '0.21.0', '@cdktf/provider-aws': '21.22.1' }, devDependencies: { 'cdktf-cli': '0.21.0', '@cdktf/hcl2json': '0.21.0' } };
    expect(() => cdktnManifest({ ...base, dependencies: { ...base.dependencies, '@cdktf/provider-random': '12.0.0' } })).toThrow(
      'package.json: @cdktf/provider-random has no CDK Terrain counterpart',
    );
    expect(() => cdktnManifest({ ...base, devDependencies: {} })).toThrow('package.json: no cdktf-cli, @cdktf/hcl2json to swap');
  });
});

describe('the output comparison', () => {
  const stack = (over: { version?: string; source?: string; pin?: string; alias?: string } = {}) => ({
    '//': { metadata: { backend: 's3', stackName: 'backup-account', version: over.version ?? '0.21.0' }, outputs: {} },
    provider: { aws: [{ alias: over.alias ?? 'eu-west-1', region: 'eu-west-1' }] },
    resource: { aws_kms_key: { 'central_eu-west-1': { enable_key_rotation: true, deletion_window_in_days: 30 } } },
    terraform: { required_providers: { aws: { source: over.source ?? 'aws', version: over.pin ?? '6.25.0' } } },
  });
  /** A synthesized folder with a manifest and one stack, written with the given layout. */
  const write = (name: string, tf: unknown, opts: { manifestVersion?: string; indent?: number } = {}) => {
    const dir = path.join(scratch, name);
    mkdirSync(path.join(dir, 'stacks', 'backup-account'), { recursive: true });
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: opts.manifestVersion ?? '0.21.0', stacks: { 'backup-account': { annotations: [] } } }, null, opts.indent ?? 2));
    writeFileSync(path.join(dir, 'stacks', 'backup-account', 'cdk.tf.json'), JSON.stringify(tf, null, opts.indent ?? 2));
    return dir;
  };
  const cdktf = write('cdktf', stack());

  it('sets aside the CDK version, the provider pin and the spelling of the same provider source, and lists each', () => {
    const cdktn = write('cdktn', stack({ version: '0.24.0', source: 'hashicorp/aws', pin: '6.66.0' }), { manifestVersion: '0.24.0', indent: 1 });
    const c = compareOutputs(cdktf, cdktn);
    expect(c.differences).toEqual([]);
    expect(c.files).toBe(2);
    expect(summarizeNormalized(c.normalized)).toEqual([
      'cdk version: version "0.21.0" -> "0.24.0" (1 file)',
      'cdk version: //.metadata.version "0.21.0" -> "0.24.0" (1 file)',
      'provider source spelling: terraform.required_providers.aws.source "aws" -> "hashicorp/aws" (1 file)',
      'provider version pin: terraform.required_providers.aws.version "6.25.0" -> "6.66.0" (1 file)',
    ]);
    expect(c.layoutOnly).toEqual(['manifest.json', 'stacks/backup-account/cdk.tf.json']);
  });

  it('finds a changed argument, another provider, a changed alias and a missing file', () => {
    const renamed: any = stack();
    renamed.resource.aws_kms_key['central_eu-west-1'] = { enable_key_rotation: true, deletion_window_days: 30 };
    expect(compareOutputs(cdktf, write('renamed', renamed)).differences).toEqual([
      { file: 'stacks/backup-account/cdk.tf.json', at: 'resource.aws_kms_key.central_eu-west-1.deletion_window_days', cdktf: undefined, cdktn: '30' },
      { file: 'stacks/backup-account/cdk.tf.json', at: 'resource.aws_kms_key.central_eu-west-1.deletion_window_in_days', cdktf: '30', cdktn: undefined },
    ]);
    expect(compareOutputs(cdktf, write('other-provider', stack({ source: 'opentofu/aws' }))).differences).toEqual([
      { file: 'stacks/backup-account/cdk.tf.json', at: 'terraform.required_providers.aws.source', cdktf: '"aws"', cdktn: '"opentofu/aws"' },
    ]);
    expect(compareOutputs(cdktf, write('alias', stack({ alias: 'eu_west_1' }))).differences).toHaveLength(1);
    const missing = write('missing', stack());
    rmSync(path.join(missing, 'stacks'), { recursive: true });
    expect(compareOutputs(cdktf, missing).differences).toEqual([{ file: 'stacks/backup-account/cdk.tf.json', at: '', cdktf: '(file)' }]);
  });

  it('reads a provider source as Terraform does', () => {
    expect(['aws', 'hashicorp/aws', 'registry.terraform.io/hashicorp/aws', 'HashiCorp/AWS'].map(providerAddress)).toEqual(
      Array(4).fill('registry.terraform.io/hashicorp/aws'),
    );
    expect(providerAddress('registry.opentofu.org/hashicorp/aws')).toBe('registry.opentofu.org/hashicorp/aws');
  });
});

it('compares every environment module', () => {
  expect(environmentNames()).toEqual(expect.arrayContaining(['control-tower', 'example', 'example-full', 'full', 'landing-zone-accelerator']));
});
