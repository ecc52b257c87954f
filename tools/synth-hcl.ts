/**
 * `npm run synth:hcl [-- --out <dir>]`: the same synthesis as `npm run synth`, written as HCL
 * (`stacks/<stack>/cdk.tf`, default under `cdktf.out/hcl/`, beside and not over the JSON synth).
 *
 * CDKTF 0.21 renders HCL when SYNTH_HCL_OUTPUT is set while the App and its stacks are constructed
 * (`App({ hclOutput })` alone only renames the file in the manifest). Its rendering needs the
 * corrections of ./hcl/terraform-fixes before Terraform reads it as it reads the JSON, and is
 * then laid out as `terraform fmt` would.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { loadConfig, selectionFromEnv } from '../envs/load';
import type { OrgConfig } from '../envs/schema';
import { MIN_TERRAFORM_VERSION } from '../modules/shared/terraform-version';
import { buildStacks } from '../stacks/org-backup-app';
import { parseHcl, printHcl } from './hcl/document';
import { fixTerraformHcl } from './hcl/terraform-fixes';
import { runCommand } from './command';
import { outOption } from './out-option';
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

/** Synthesizes every stack as HCL into `outdir`; returns the written `cdk.tf` paths. */
export function synthHcl(config: OrgConfig, outdir: string): string[] {
  mkdirSync(outdir, { recursive: true });
  const app = withHclOutput(() => {
    const hclApp = new App({ outdir, hclOutput: true });
    buildStacks(hclApp, config);
    return hclApp;
  });
  app.synth();
  return finishStacks(outdir);
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

function main(): void {
  const outdir = outOption(process.argv.slice(2), 'synth:hcl', path.join('cdktf.out', 'hcl'));
  if (outdir === undefined) process.exit(1);
  for (const file of synthHcl(loadConfig(selectionFromEnv()), outdir)) process.stdout.write(`${file}\n`);
}

if (require.main === module) {
  runCommand(main);
}
