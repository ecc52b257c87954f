/**
 * `npm run modules [-- --out <dir>]`: the project's constructs published as plain Terraform modules
 * under `dist/terraform-modules/<module>/` (main.tf, variables.tf, outputs.tf, versions.tf,
 * README.md, examples/basic/). Each module is a CDKTF stack with Terraform variables in place of
 * config, synthesized as HCL, corrected like `synth:hcl`, then split into the conventional files
 * without provider or backend: a module takes its provider from its caller.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { loadConfig, selectionFromEnv } from '../envs/load';
import type { OrgConfig } from '../envs/schema';
import { roleArn } from '../modules/shared/arn';
import { MIN_TERRAFORM_VERSION } from '../modules/shared/terraform-version';
import { backupPolicyContent, backupPolicyDescription, literalCopyTargets } from '../envs/backup-policy-content';
import { parseHcl, printHcl, type Block, type Body } from './hcl/document';
import { fixTerraformHcl } from './hcl/terraform-fixes';
import { runCommand } from './command';
import { outOption } from './out-option';
import { withHclOutput } from './synth-hcl';
import { MODULES, moduleStack, type ModuleDefinition } from './terraform-modules/definitions';
import type { VariableSpec } from './terraform-modules/variables';

/** Oldest Terraform the modules accept: the same as every stack's (S3 native locking, 1.11). */
export { MIN_TERRAFORM_VERSION };
/** The AWS provider major version the constructs' bindings were generated from (6.x: aws_region.region). */
export const AWS_PROVIDER_VERSION = '>= 6.0.0, < 7.0.0';

export interface PublishedModule {
  readonly name: string;
  readonly dir: string;
  readonly files: readonly string[];
}

export function writeModules(outdir: string, config: OrgConfig): PublishedModule[] {
  const synthDir = mkdtempSync(path.join(tmpdir(), 'org-backup-modules-'));
  try {
    const app = withHclOutput(() => {
      const moduleApp = new App({ outdir: synthDir, hclOutput: true });
      for (const definition of MODULES) moduleStack(moduleApp, definition);
      return moduleApp;
    });
    app.synth();
    return MODULES.map((definition) => {
      const body = fixTerraformHcl(parseHcl(readFileSync(path.join(synthDir, 'stacks', definition.name, 'cdk.tf'), 'utf8')));
      return publish(outdir, definition, body, config);
    });
  } finally {
    rmSync(synthDir, { recursive: true, force: true });
  }
}

function publish(outdir: string, definition: ModuleDefinition, stackBody: Body, config: OrgConfig): PublishedModule {
  const dir = path.join(outdir, definition.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'examples', 'basic'), { recursive: true });
  const blocks = stackBody.filter((item): item is Block => item.kind === 'block');
  const of = (...types: string[]) => blocks.filter((b) => types.includes(b.type));
  const example = exampleFor(definition, config);
  const files: Record<string, string> = {
    'main.tf': printHcl(of('data', 'resource', 'locals').map(withoutProviderArgument)),
    'variables.tf': printHcl(of('variable').map((b) => withNullDefault(b, definition))),
    'outputs.tf': printHcl(of('output')),
    'versions.tf': printHcl(parseHcl(versionsTf())),
    'README.md': readme(definition, example.main),
    'examples/basic/main.tf': example.main,
    ...Object.fromEntries(Object.entries(example.extra).map(([name, text]) => [`examples/basic/${name}`, text])),
  };
  const unexpected = blocks.filter((b) => !['data', 'resource', 'locals', 'variable', 'output', 'terraform', 'provider'].includes(b.type));
  if (unexpected.length > 0) throw new Error(`module ${definition.name}: unexpected ${unexpected.map((b) => b.type).join(', ')} blocks`);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return { name: definition.name, dir, files: Object.keys(files).sort() };
}

/** Resources and data sources use the caller's default provider: no `provider` argument. */
function withoutProviderArgument(block: Block): Block {
  return { ...block, body: block.body.filter((item) => !(item.kind === 'attribute' && item.name === 'provider')) };
}

/** CDKTF cannot write `default = null`; optional variables without a value need it. */
function withNullDefault(block: Block, definition: ModuleDefinition): Block {
  const name = block.labels[0]?.replace(/"/g, '');
  const spec = definition.variables.find((v) => v.name === name);
  if (!spec) throw new Error(`module ${definition.name}: variable ${name} has no specification`);
  if (spec.default !== null) return block;
  return { ...block, body: [{ kind: 'attribute', name: 'default', value: [{ type: 'ident', text: 'null' }] }, ...block.body.filter((i) => !(i.kind === 'attribute' && i.name === 'nullable'))] };
}

function versionsTf(): string {
  return [
    'terraform {',
    `required_version = "${MIN_TERRAFORM_VERSION}"`,
    'required_providers {',
    'aws = {',
    'source = "hashicorp/aws"',
    `version = "${AWS_PROVIDER_VERSION}"`,
    '}',
    '}',
    '}',
    '',
  ].join('\n');
}

/** An HCL value: strings quoted, `${expr}` written as the expression, lists and scalars as such. */
function hclValue(value: VariableSpec['example']): string {
  if (Array.isArray(value)) return `[${value.map((v) => hclValue(v)).join(', ')}]`;
  if (typeof value === 'string') return /^\$\{[\s\S]*\}$/.test(value) ? value.slice(2, -1) : JSON.stringify(value);
  return String(value);
}

interface ExampleCall {
  readonly label: string;
  readonly region: string;
  readonly accountId: string;
  readonly values: Readonly<Record<string, VariableSpec['example']>>;
}

/** The example: providers for the account and regions, one module call each, every variable passed. */
function exampleFor(definition: ModuleDefinition, config: OrgConfig): { main: string; extra: Record<string, string> } {
  const calls = exampleCalls(definition, config);
  const lines: string[] = [];
  const regions = [...new Set(calls.map((c) => c.region))];
  regions.forEach((region, i) => {
    const accountId = calls.find((c) => c.region === region)!.accountId;
    lines.push('provider "aws" {', ...(i === 0 ? [] : [`alias = "${region}"`]), `region = "${region}"`, 'assume_role {',
      `role_arn = "${roleArn(config.partition, accountId, config.deploymentRoleName)}"`, '}', '}', '');
  });
  for (const call of calls) {
    lines.push(`module "${call.label}" {`, 'source = "../.."');
    if (call.region !== regions[0]) lines.push('providers = {', `aws = aws.${call.region}`, '}');
    // Every required variable, and the optional ones the configuration sets.
    for (const spec of definition.variables) {
      const value = call.values[spec.name] ?? (spec.default === undefined ? spec.example : undefined);
      if (value !== undefined) lines.push(`${spec.name} = ${hclValue(value)}`);
    }
    lines.push('}', '');
  }
  const extra: Record<string, string> = {};
  if (definition.name === 'organization-policy') {
    const policy = config.policies[0];
    const document = backupPolicyContent(config, policy, literalCopyTargets(config));
    extra['backup-policy.json'] = `${JSON.stringify(document, null, 2)}\n`;
  }
  return { main: printHcl(fixTerraformHcl(parseHcl(lines.join('\n')))), extra };
}

function exampleCalls(definition: ModuleDefinition, config: OrgConfig): ExampleCall[] {
  const label = (prefix: string, region: string) => `${prefix}_${region.replace(/-/g, '_')}`;
  if (definition.name === 'source-account') {
    const account = config.sourceAccounts[0];
    return config.regions.map((region, i) => ({
      label: label(account.name.replace(/-/g, '_'), region),
      region,
      accountId: account.accountId,
      values: {
        backup_account_id: config.backupAccount.accountId,
        vault_name: config.sourceVaultName,
        backup_role_name: config.backupRoleName,
        create_backup_role: i === 0,
        ebs_default_encryption: account.ebsDefaultEncryption,
      },
    }));
  }
  if (definition.name === 'backup-account') {
    const { backupAccount, organization } = config;
    return config.regions.map((region) => ({
      label: label('central', region),
      region,
      accountId: backupAccount.accountId,
      values: {
        organization_id: organization.id,
        organization_root_id: organization.rootId,
        vault_name: backupAccount.vaultName,
        deployment_role_name: config.deploymentRoleName,
        ...(backupAccount.breakGlassRoleArns[0] ? { break_glass_role_arn: backupAccount.breakGlassRoleArns[0] } : {}),
        min_retention_days: backupAccount.vaultLock.minRetentionDays,
        max_retention_days: backupAccount.vaultLock.maxRetentionDays,
        ...(backupAccount.vaultLock.changeableForDays !== undefined ? { changeable_for_days: backupAccount.vaultLock.changeableForDays } : {}),
      },
    }));
  }
  const policy = config.policies[0];
  return [
    {
      label: `backup_policy_${policy.name.replace(/-/g, '_')}`,
      region: config.regions[0],
      accountId: config.organization.managementAccountId,
      values: {
        name: `org-backup-${policy.name}`,
        description: backupPolicyDescription(policy),
        target_ids: policy.targets.map((t) => (t === 'root' ? config.organization.rootId : t)),
      },
    },
  ];
}

function readme(definition: ModuleDefinition, example: string): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const defaultOf = (spec: VariableSpec) => (spec.default === undefined ? 'n/a' : `\`${spec.default === null ? 'null' : hclValue(spec.default)}\``);
  return [
    `# ${definition.name}`,
    '',
    definition.summary,
    '',
    'Generated by `npm run modules` of org-backup from the same CDKTF constructs as its stacks; edit those, not these files.',
    '',
    '## Usage',
    '',
    '```hcl',
    example.trimEnd(),
    '```',
    '',
    '## Notes',
    '',
    ...definition.notes.map((n) => `- ${n}`),
    '',
    '## Requirements',
    '',
    '| name | version |',
    '|---|---|',
    `| terraform | \`${MIN_TERRAFORM_VERSION}\` |`,
    `| aws | \`${AWS_PROVIDER_VERSION}\` |`,
    '',
    '## Inputs',
    '',
    '| name | description | type | default | required |',
    '|---|---|---|---|:---:|',
    ...definition.variables.map(
      (v) => `| \`${v.name}\` | ${cell(v.description)} | \`${v.type}\` | ${defaultOf(v)} | ${v.default === undefined ? 'yes' : 'no'} |`,
    ),
    '',
    '## Outputs',
    '',
    '| name | description |',
    '|---|---|',
    ...definition.outputs.map((o) => `| \`${o.name}\` | ${cell(o.description)} |`),
    '',
  ].join('\n');
}

function main(): void {
  const outdir = outOption(process.argv.slice(2), 'modules', path.join('dist', 'terraform-modules'));
  if (outdir === undefined) process.exit(1);
  for (const published of writeModules(outdir, loadConfig(selectionFromEnv()))) {
    for (const file of published.files) process.stdout.write(`${path.join(published.dir, file)}\n`);
  }
}

if (require.main === module) {
  runCommand(main);
}
