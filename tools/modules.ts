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
import { airGappedShareAccounts } from '../envs/air-gap-schema';
import { MIN_TERRAFORM_VERSION } from '../modules/shared/terraform-version';
import { backupPolicyDescription, literalAirGappedTargets, literalCopyTargets } from '../envs/backup-policy-content';
import { parseHcl, printHcl, type Block, type Body, type Item } from './hcl/document';
import { fixTerraformHcl } from './hcl/terraform-fixes';
import { tokenize } from './hcl/tokens';
import { runCommand, UsageError } from './command';
import { withHclOutput } from './synth-hcl';
import { MODULES, moduleStack, moduleVariables, type ModuleDefinition } from './terraform-modules/definitions';
import { moduleRule, unsupportedRuleFields } from './terraform-modules/policy-template';
import { withCreateToggle } from './terraform-modules/create-toggle';
import { policiesInWords } from './terraform-modules/policy-words';
import { tarGz } from './terraform-modules/tarball';
import type { HclLiteral, VariableSpec } from './terraform-modules/variables';
import { backupAccountDeploymentRoleArn, backupAccountDeploymentRoleName, defaultDeploymentRoleArn, managementDeploymentRoleArn, sourceDeploymentRoleArn } from '../envs/deployment-roles';
import { PROJECT_ROOT } from './project-root';

/** The role the app's stack for that account assumes, for the examples' providers (the management account's: none writes no assume_role). */
function deploymentRoleArnOf(config: OrgConfig, accountId: string): string | undefined {
  if (accountId === config.backupAccount.accountId) return backupAccountDeploymentRoleArn(config);
  if (accountId === config.organization.managementAccountId) return managementDeploymentRoleArn(config);
  const source = config.sourceAccounts.find((a) => a.accountId === accountId);
  return source ? sourceDeploymentRoleArn(config, source) : defaultDeploymentRoleArn(config, accountId);
}

/** Oldest Terraform the modules accept: the same as every stack's (S3 native locking, 1.11). */
export { MIN_TERRAFORM_VERSION };
/** The AWS provider major version the constructs' bindings were generated from (6.x: aws_region.region). */
export const AWS_PROVIDER_VERSION = '>= 6.0.0, < 7.0.0';

export interface PublishedModule {
  readonly name: string;
  readonly dir: string;
  readonly files: readonly string[];
  /** The module as a .tar.gz beside its folder: `<module>-<version>.tar.gz`. */
  readonly tarball: string;
}

export interface PublishOptions {
  /** Semantic version of this release of the modules. @default the package version */
  readonly version?: string;
  /** Registry namespace the examples call the modules from: `<namespace>/<module>/aws`. @default 'org-backup' */
  readonly namespace?: string;
}

export const DEFAULT_NAMESPACE = 'org-backup';
/** Semantic Versioning 2.0.0, as registries require of a module version. */
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const NAMESPACE = /^[a-z0-9][a-z0-9-]{0,63}$/;

function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

export function writeModules(outdir: string, config: OrgConfig, options: PublishOptions = {}): PublishedModule[] {
  const release = { version: options.version ?? packageVersion(), namespace: options.namespace ?? DEFAULT_NAMESPACE };
  if (!SEMVER.test(release.version)) throw new UsageError(`--version ${release.version}: a semantic version such as 1.2.0`);
  if (!NAMESPACE.test(release.namespace)) throw new UsageError(`--namespace ${release.namespace}: lowercase letters, digits and hyphens`);
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
      return publish(outdir, definition, body, config, release);
    });
  } finally {
    rmSync(synthDir, { recursive: true, force: true });
  }
}

interface Release {
  readonly version: string;
  readonly namespace: string;
}

function publish(outdir: string, definition: ModuleDefinition, stackBody: Body, config: OrgConfig, release: Release): PublishedModule {
  const { version } = release;
  const dir = path.join(outdir, definition.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'examples', 'basic'), { recursive: true });
  const blocks = withCreateToggle(withLocalExpressions(stackBody.filter((item): item is Block => item.kind === 'block'), definition));
  const of = (...types: string[]) => blocks.filter((b) => types.includes(b.type));
  const example = exampleFor(definition, config, release);
  const files: Record<string, string> = {
    'main.tf': printHcl(of('data', 'resource', 'locals').map(withoutProviderArgument)),
    'variables.tf': printHcl(of('variable').map((b) => inConventionalOrder(withSpecifiedDefault(b, definition)))),
    'outputs.tf': printHcl(of('output')),
    'versions.tf': printHcl(parseHcl(versionsTf())),
    'README.md': readme(definition, example.main, blocks, version),
    'CHANGELOG.md': changelog(definition, version),
    'examples/basic/main.tf': example.main,
    ...Object.fromEntries(Object.entries(example.extra).map(([name, text]) => [`examples/basic/${name}`, text])),
  };
  const unexpected = blocks.filter((b) => !['data', 'resource', 'locals', 'variable', 'output', 'terraform', 'provider'].includes(b.type));
  if (unexpected.length > 0) throw new Error(`module ${definition.name}: unexpected ${unexpected.map((b) => b.type).join(', ')} blocks`);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const tarball = path.join(outdir, `${definition.name}-${version}.tar.gz`);
  writeFileSync(tarball, tarGz(dir, definition.name));
  return { name: definition.name, dir, files: Object.keys(files).sort(), tarball };
}

/** The `locals` entries the definition writes itself, in place of CDKTF's placeholder values. */
function withLocalExpressions(blocks: Block[], definition: ModuleDefinition): Block[] {
  const expressions = definition.localExpressions?.() ?? {};
  const pending = new Set(Object.keys(expressions));
  const result = blocks.map((block) => {
    if (block.type !== 'locals') return block;
    return {
      ...block,
      body: block.body.map((item) => {
        if (item.kind !== 'attribute' || !(item.name in expressions)) return item;
        pending.delete(item.name);
        return { ...item, value: tokenize(expressions[item.name]) };
      }),
    };
  });
  if (pending.size > 0) throw new Error(`module ${definition.name}: no local named ${[...pending].join(', ')} to write`);
  return result;
}

/** Resources and data sources use the caller's default provider: no `provider` argument. */
function withoutProviderArgument(block: Block): Block {
  return { ...block, body: block.body.filter((item) => !(item.kind === 'attribute' && item.name === 'provider')) };
}

/** The order of terraform-aws-modules: description, type, default, then validation (condition, error_message). */
const VARIABLE_ORDER = ['description', 'type', 'default', 'nullable', 'sensitive', 'validation'];
const VALIDATION_ORDER = ['condition', 'error_message'];

function inConventionalOrder(block: Block): Block {
  const rank = (order: readonly string[]) => (item: Item) => {
    const name = item.kind === 'attribute' ? item.name : item.kind === 'block' ? item.type : '';
    const at = order.indexOf(name);
    if (at < 0) throw new Error(`variable ${block.labels[0]}: unexpected ${name}`);
    return at;
  };
  const sorted = (items: Body, order: readonly string[]) => {
    const of = rank(order);
    // Array.prototype.sort is stable: validation blocks keep their order.
    return items.filter((i) => i.kind === 'attribute' || i.kind === 'block').sort((a, b) => of(a) - of(b));
  };
  return {
    ...block,
    body: sorted(block.body, VARIABLE_ORDER).map((item) =>
      item.kind === 'block' && item.type === 'validation' ? { ...item, body: sorted(item.body, VALIDATION_ORDER) } : item,
    ),
  };
}

/**
 * The default as the specification gives it. CDKTF's HCL output drops a falsy default (`false`, `0`,
 * `""`), which would make the variable required, and cannot write `default = null`.
 */
function withSpecifiedDefault(block: Block, definition: ModuleDefinition): Block {
  const name = block.labels[0]?.replace(/"/g, '');
  const spec = moduleVariables(definition).find((v) => v.name === name);
  if (!spec) throw new Error(`module ${definition.name}: variable ${name} has no specification`);
  if (spec.default === undefined) return block;
  const rest = block.body.filter((i) => !(i.kind === 'attribute' && (i.name === 'default' || (spec.default === null && i.name === 'nullable'))));
  return { ...block, body: [{ kind: 'attribute', name: 'default', value: tokenize(hclValue(spec.default)) }, ...rest] };
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

/** An HCL value: strings quoted, `${expr}` written as the expression, lists, objects and scalars as such. */
function hclValue(value: HclLiteral): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => hclValue(v));
    return items.some((item) => item.includes('\n')) ? `[\n${items.join(',\n')},\n]` : `[${items.join(', ')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, HclLiteral>);
    if (entries.length === 0) return '{}';
    const key = (k: string) => (/^[A-Za-z_][\w-]*$/.test(k) ? k : JSON.stringify(k));
    return `{\n${entries.map(([k, v]) => `${key(k)} = ${hclValue(v)}`).join('\n')}\n}`;
  }
  if (typeof value === 'string') return /^\$\{[\s\S]*\}$/.test(value) ? value.slice(2, -1) : JSON.stringify(value);
  return String(value);
}

interface ExampleCall {
  readonly label: string;
  readonly region: string;
  readonly accountId: string;
  readonly values: Readonly<Record<string, HclLiteral>>;
}

/** The example: providers for the account and regions, one module call each, every variable passed. */
/** The registry source and version constraint a caller writes: the release's minor line. */
export function registrySource(definition: ModuleDefinition, release: Release): { source: string; version: string } {
  const [major, minor] = release.version.split('.');
  return { source: `${release.namespace}/${definition.name}/aws`, version: `~> ${major}.${minor}` };
}

function exampleFor(definition: ModuleDefinition, config: OrgConfig, release: Release): { main: string; extra: Record<string, string> } {
  const registry = registrySource(definition, release);
  const calls = exampleCalls(definition, config);
  const lines: string[] = [];
  const regions = [...new Set(calls.map((c) => c.region))];
  regions.forEach((region, i) => {
    const accountId = calls.find((c) => c.region === region)!.accountId;
    const role = deploymentRoleArnOf(config, accountId);
    lines.push('provider "aws" {', ...(i === 0 ? [] : [`alias = "${region}"`]), `region = "${region}"`,
      ...(role ? ['assume_role {', `role_arn = "${role}"`, '}'] : []), '}', '');
  });
  for (const call of calls) {
    lines.push(`module "${call.label}" {`, `source = ${JSON.stringify(registry.source)}`, `version = ${JSON.stringify(registry.version)}`);
    if (call.region !== regions[0]) lines.push('providers = {', `aws = aws.${call.region}`, '}');
    // Every required variable, and the optional ones the configuration sets.
    for (const spec of moduleVariables(definition)) {
      const value = call.values[spec.name] ?? (spec.default === undefined ? spec.example : undefined);
      if (value !== undefined) lines.push(`${spec.name} = ${hclValue(value)}`);
    }
    lines.push('}', '');
  }
  const extra: Record<string, string> = {};
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
        deployment_role_name: backupAccountDeploymentRoleName(config),
        break_glass_role_arns: [...backupAccount.breakGlassRoleArns],
        ...(backupAccount.airGappedVault
          ? {
              create_air_gapped_vault: true,
              air_gapped_vault_name: backupAccount.airGappedVault.name,
              air_gapped_min_retention_days: backupAccount.airGappedVault.minRetentionDays,
              air_gapped_max_retention_days: backupAccount.airGappedVault.maxRetentionDays,
              air_gapped_share_account_ids: airGappedShareAccounts(config),
            }
          : {}),
        min_retention_days: backupAccount.vaultLock.minRetentionDays,
        max_retention_days: backupAccount.vaultLock.maxRetentionDays,
        ...(backupAccount.vaultLock.changeableForDays !== undefined ? { changeable_for_days: backupAccount.vaultLock.changeableForDays } : {}),
      },
    }));
  }
  return config.policies.filter((policy) => moduleTakes(policy)).map((policy, i) => ({
    label: `backup_policy_${policy.name.replace(/-/g, '_')}`,
    region: config.regions[0],
    accountId: config.organization.managementAccountId,
    values: { ...organizationPolicyInputs(config, policy), manage_cross_account_backup: i === 0 },
  }));
}

/**
 * The organization-policy module's inputs for one configured policy: what the app builds its
 * document from, in the module's terms (the central vault ARNs written out, as Terraform knows them
 * once the Backup account is deployed).
 */
export function organizationPolicyInputs(config: OrgConfig, policy: OrgConfig['policies'][number]): Record<string, HclLiteral> {
  if (!moduleTakes(policy)) throw new Error(`policy ${policy.name}: uses features the organization-policy module does not take`);
  const copyTargets = literalCopyTargets(config);
  return {
    name: policy.name,
    regions: [...config.regions],
    selection: { tag_key: policy.selection.tagKey!, tag_values: [...policy.selection.tagValues!] },
    rules: policy.rules.map((rule) => moduleRule(rule) as HclLiteral),
    central_vault_arns: Object.fromEntries(Object.entries(copyTargets).map(([region, target]) => [region, target.arn])),
    air_gapped_vault_arns: Object.fromEntries(Object.entries(literalAirGappedTargets(config)).map(([region, target]) => [region, target.arn])),
    target_ids: policy.targets.map((t) => (t === 'root' ? config.organization.rootId : t)),
    vault_name: config.sourceVaultName,
    backup_role_name: config.backupRoleName,
    description: backupPolicyDescription(policy),
  };
}

/**
 * Whether the organization-policy module can express a configured policy: a selection by tag, and
 * rules without the app-only features (malware scans, backup indexes, continuous backup, and the
 * plan-level Windows VSS and plan tags).
 */
export function moduleTakes(policy: OrgConfig['policies'][number]): boolean {
  const { selection } = policy;
  return (
    selection.resourceTypes === undefined &&
    selection.tagKey !== undefined &&
    selection.tagValues !== undefined &&
    policy.rules.every((rule) => unsupportedRuleFields(rule).length === 0) &&
    !policy.windowsVss &&
    Object.keys(policy.planTags ?? {}).length === 0
  );
}

/** Resources and data sources of the module, as terraform-docs lists them. */
function resourceRows(blocks: readonly Block[]): string[] {
  return blocks
    .filter((b) => b.type === 'resource' || b.type === 'data')
    .map((b) => {
      const [type, name] = b.labels.map((l) => l.replace(/"/g, ''));
      const kind = b.type === 'resource' ? 'resources' : 'data-sources';
      const docs = `https://registry.terraform.io/providers/hashicorp/aws/latest/docs/${kind}/${type.replace(/^aws_/, '')}`;
      return `| [${b.type === 'data' ? 'data.' : ''}${type}.${name}](${docs}) | ${b.type === 'resource' ? 'resource' : 'data source'} |`;
    })
    .sort();
}

function readme(definition: ModuleDefinition, example: string, blocks: readonly Block[], version: string): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  // terraform-docs writes a multi-line value as <pre> with <br> line breaks.
  const code = (text: string) => (text.includes('\n') ? `<pre>${cell(text.split('\n').join('<br/>'))}</pre>` : `\`${cell(text)}\``);
  const defaultOf = (spec: VariableSpec) => (spec.default === undefined ? 'n/a' : code(spec.default === null ? 'null' : hclValue(spec.default)));
  const anchor = (kind: string, name: string) => `<a name="${kind}_${name}"></a> [${name}](#${kind}\\_${name.replace(/_/g, '\\_')})`;
  return [
    `# ${definition.name}`,
    '',
    definition.summary,
    '',
    `Version ${version}. Generated by \`npm run modules\` of org-backup from the same CDKTF constructs as its stacks; edit those, not these files.`,
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
    '## Policies it creates',
    '',
    'Read back from this module\'s `main.tf`, statement by statement (`<name>` is the input of that name, `<this account>` and `<partition>` come from the provider):',
    '',
    ...policiesInWords(blocks),
    '## Inputs that weaken protection',
    '',
    ...definition.weakening.map((w) => `- ${w}`),
    '',
    '## Requirements',
    '',
    '| Name | Version |',
    '|------|---------|',
    `| ${anchor('requirement', 'terraform')} | ${MIN_TERRAFORM_VERSION} |`,
    `| ${anchor('requirement', 'aws')} | ${AWS_PROVIDER_VERSION} |`,
    '',
    '## Providers',
    '',
    '| Name | Version |',
    '|------|---------|',
    `| ${anchor('provider', 'aws')} | ${AWS_PROVIDER_VERSION} |`,
    '',
    '## Resources',
    '',
    '| Name | Type |',
    '|------|------|',
    ...resourceRows(blocks),
    '',
    '## Inputs',
    '',
    '| Name | Description | Type | Default | Required |',
    '|------|-------------|------|---------|:--------:|',
    ...moduleVariables(definition).map(
      (v) => `| ${anchor('input', v.name)} | ${cell(v.description)} | ${code(v.type)} | ${defaultOf(v)} | ${v.default === undefined ? 'yes' : 'no'} |`,
    ),
    '',
    '## Outputs',
    '',
    '| Name | Description |',
    '|------|-------------|',
    ...definition.outputs.map((o) => `| ${anchor('output', o.name)} | ${cell(o.description)} |`),
    '',
  ].join('\n');
}

/** The release entry of CHANGELOG.md: what this version of the module takes, creates and returns. */
function changelog(definition: ModuleDefinition, version: string): string {
  const names = (items: readonly { name: string }[]) => items.map((i) => `\`${i.name}\``).join(', ');
  return [
    '# Changelog',
    '',
    `## ${version}`,
    '',
    `- Built from org-backup ${packageVersion()}; requires Terraform \`${MIN_TERRAFORM_VERSION}\` and the AWS provider \`${AWS_PROVIDER_VERSION}\`.`,
    `- Inputs: ${names(moduleVariables(definition))}.`,
    `- Outputs: ${names(definition.outputs)}.`,
    '',
  ].join('\n');
}

const USAGE = `usage: npm run modules -- [--version <semver>] [--namespace <name>] [--out <dir>]

Writes the published Terraform modules (source-account, backup-account, organization-policy), each in
the layout a module registry expects, and a <module>-<version>.tar.gz beside each folder.

  --version <semver>   the release version (default: the package version)
  --namespace <name>   registry namespace the examples call the modules from (default: ${DEFAULT_NAMESPACE})
  --out <dir>          where to write (default: dist/terraform-modules)
  --help               this text

The configuration (BACKUP_ENV / BACKUP_CONFIG) fills the examples.`;

interface ModulesArguments {
  readonly help: boolean;
  readonly out: string;
  readonly version?: string;
  readonly namespace?: string;
}

export function parseModulesArguments(argv: readonly string[]): ModulesArguments {
  const values: Record<string, string> = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') {
      help = true;
      continue;
    }
    if (!['--version', '--namespace', '--out'].includes(flag)) throw new UsageError(`unknown argument ${flag} (see --help)`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value (see --help)`);
    if (flag in values) throw new UsageError(`${flag} given twice`);
    values[flag] = value;
    i++;
  }
  return { help, out: values['--out'] ?? path.join('dist', 'terraform-modules'), version: values['--version'], namespace: values['--namespace'] };
}

function main(): void {
  const args = parseModulesArguments(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const published = writeModules(args.out, loadConfig(selectionFromEnv()), { version: args.version, namespace: args.namespace });
  for (const module of published) {
    for (const file of module.files) process.stdout.write(`${path.join(module.dir, file)}\n`);
    process.stdout.write(`${module.tarball}\n`);
  }
  process.stderr.write(`wrote ${published.length} modules (${published.map((m) => m.name).join(', ')}) into ${args.out}\n`);
}

if (require.main === module) {
  runCommand(main);
}
