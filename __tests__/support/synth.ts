/**
 * Whole-app synthesis for tests: the same `buildStacks` the app runs, into a temporary folder,
 * read back as Terraform receives it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { config as example } from '../../envs/example';
import { validateConfig } from '../../envs/load';
import type { OrgConfig, OrgConfigInput } from '../../envs/schema';
import { buildStacks } from '../../stacks/org-backup-app';
import { readSynthOutput, type StackJson, type SynthOutput } from '../../output/synth-output';

export function exampleConfig(change: (draft: OrgConfigInput) => void = () => {}): OrgConfig {
  const draft = structuredClone(example) as OrgConfigInput;
  change(draft);
  return validateConfig(draft, 'test config');
}

export function synthApp(config: OrgConfig = exampleConfig()): SynthOutput {
  const outdir = mkdtempSync(path.join(tmpdir(), 'org-backup-test-'));
  const app = new App({ outdir, skipValidation: false });
  buildStacks(app, config);
  app.synth();
  return readSynthOutput(outdir);
}

/** A resource's body by address (`aws_kms_key.central_eu-west-1`), failing loudly when absent. */
export function resource(stack: StackJson, address: string): Record<string, unknown> {
  const [type, name] = address.split('.');
  const body = stack.resource?.[type]?.[name];
  if (!body) throw new Error(`no resource ${address}`);
  return body;
}

export function jsonAttribute(stack: StackJson, address: string, attribute: string): any {
  return JSON.parse(resource(stack, address)[attribute] as string);
}
