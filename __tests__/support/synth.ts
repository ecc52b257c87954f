/**
 * Whole-app synthesis for tests: the same `buildStacks` the app runs, into a temporary folder,
 * read back as Terraform receives it.
 */
import type * as FastSynth from '../../checks/fast-synth';
import { config as example } from '../../envs/example';
import { validateConfig } from '../../envs/load';
import type { OrgConfig, OrgConfigInput } from '../../envs/schema';
import type * as OrgBackupApp from '../../stacks/org-backup-app';
import { readSynthOutput, type StackJson, type SynthOutput } from '../../output/synth-output';
import { cachedSynth } from './synth-cache';

export function exampleConfig(change: (draft: OrgConfigInput) => void = () => {}): OrgConfig {
  const draft = structuredClone(example) as OrgConfigInput;
  change(draft);
  return validateConfig(draft, 'test config');
}

/**
 * The app synthesized as `npm run synth` writes it (the fast path of checks/fast-synth.ts, whose
 * output `__tests__/checks/fast-synth.test.ts` compares byte for byte with `app.synth()`'s), without
 * the gate; the same configuration is synthesized once per source version (synth-cache.ts).
 */
export function synthApp(config: OrgConfig = exampleConfig()): SynthOutput {
  const outdir = cachedSynth(config, (dir) => {
    // Loaded on a miss only: a test file whose syntheses are all cached never loads cdktf and the provider.
    const { buildAndSynth } = require('../../checks/fast-synth') as typeof FastSynth; // eslint-disable-line @typescript-eslint/no-require-imports
    const { buildStacks } = require('../../stacks/org-backup-app') as typeof OrgBackupApp; // eslint-disable-line @typescript-eslint/no-require-imports
    buildAndSynth({ outdir: dir, build: (app) => buildStacks(app, config) });
  });
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
