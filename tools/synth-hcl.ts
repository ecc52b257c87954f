/**
 * `npm run synth:hcl [-- --out <dir>] [--config <file> | --env <name>]`: the same synthesis as `npm
 * run synth`, written as HCL (`stacks/<stack>/cdk.tf`, default under `cdktf.out/hcl/`, beside and not
 * over the JSON synth). The folder is replaced whole, as the gate replaces `cdktf.out`
 * (checks/output-folder.ts): a stack that no longer exists leaves no `cdk.tf` behind.
 *
 * CDKTF 0.21 renders HCL when SYNTH_HCL_OUTPUT is set while the App and its stacks are constructed
 * (`App({ hclOutput })` alone only renames the file in the manifest). Its rendering needs the
 * corrections of ./hcl/terraform-fixes before Terraform reads it as it reads the JSON, and is
 * then laid out as `terraform fmt` would.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { LOCK_WAIT_MS } from '../checks/gate';
import { OutputFolder } from '../checks/output-folder';
import { loadConfig } from '../envs/load';
import type { OrgConfig } from '../envs/schema';
import { MIN_TERRAFORM_VERSION } from '../modules/shared/terraform-version';
import { buildStacks } from '../stacks/org-backup-app';
import { parseHcl, printHcl } from './hcl/document';
import { fixTerraformHcl } from './hcl/terraform-fixes';
import { type CommandSpec, parseCommandLine } from './args';
import { runCommand } from './command';
import { CONFIG_FLAGS, configSelection } from './config-flags';
import type { Manifest } from '../output/synth-output';

/** Runs `build` with CDKTF's HCL switch on, as it is only read while constructs are created. */
export function withHclOutput<T>(build: () => T): T {
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = 'true';
  try {
    return build();
  } finally {
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
}

/**
 * CDKTF 0.21 renders the `terraform` block's plain attributes by their names only (it passes the
 * list of names where it means the object): `required_version = ">= 1.11.0"` comes out as
 * `0 = "required_version"`, which is not valid HCL. The only such attribute the stacks set is the
 * Terraform version every stack requires; it is written back with that value (the HCL test
 * compares it with the JSON synth, value by value).
 */
function restoreRequiredVersion(source: string): string {
  return source.replace(/^(\s*)\d+ = "required_version"$/m, (_line, indent: string) => `${indent}required_version = "${MIN_TERRAFORM_VERSION}"`);
}

/** Corrects and formats one CDKTF-rendered HCL file's text. */
export function finishHcl(source: string): string {
  return printHcl(fixTerraformHcl(parseHcl(restoreRequiredVersion(source))));
}

/**
 * Synthesizes every stack as HCL into a staging folder and puts it in place of `outdir`, whole;
 * returns the written `cdk.tf` paths under `outdir`.
 */
export function synthHcl(config: OrgConfig, outdir: string): string[] {
  const folder = new OutputFolder(outdir);
  const unlock = folder.lock(LOCK_WAIT_MS);
  try {
    folder.recoverOutput();
    folder.removeLeftovers();
    const staging = folder.createStaging();
    try {
      const app = withHclOutput(() => {
        const hclApp = new App({ outdir: staging, hclOutput: true });
        buildStacks(hclApp, config);
        return hclApp;
      });
      app.synth();
      const written = finishStacks(staging).map((file) => path.relative(staging, file));
      folder.publish(staging);
      return written.map((file) => path.join(outdir, file));
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  } finally {
    unlock();
  }
}

/** Applies `finishHcl` to every stack file the manifest in `outdir` lists. */
export function finishStacks(outdir: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as Manifest;
  return Object.values(manifest.stacks).map((entry) => {
    const file = path.join(outdir, entry.synthesizedStackPath);
    writeFileSync(file, finishHcl(readFileSync(file, 'utf8')));
    return file;
  });
}

const SYNTH_HCL_COMMAND: CommandSpec = {
  command: 'synth:hcl',
  summary: 'Synthesizes the chosen configuration as HCL, one cdk.tf per stack, and prints the files written.',
  flags: {
    out: { type: 'string', value: '<dir>', description: 'the folder to replace (default cdktf.out/hcl)' },
    ...CONFIG_FLAGS,
  },
};

function main(): void {
  const line = parseCommandLine(SYNTH_HCL_COMMAND, process.argv.slice(2));
  if (line === undefined) return;
  const outdir = typeof line.values.out === 'string' ? line.values.out : path.join('cdktf.out', 'hcl');
  for (const file of synthHcl(loadConfig(configSelection(line)), outdir)) process.stdout.write(`${file}\n`);
}

if (require.main === module) {
  runCommand(main);
}
