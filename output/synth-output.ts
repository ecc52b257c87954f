/**
 * Reading a synthesized `cdktf.out`: the manifest, each stack's cdk.tf.json, and the resources in
 * it by Terraform address. Used by the review report, the plan matrix and the tests, so that all of
 * them look at what Terraform receives rather than at the config.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly output?: Record<string, { value: unknown; description?: string; sensitive?: boolean }>;
  readonly terraform?: { backend?: Record<string, Record<string, unknown>>; required_providers?: unknown; required_version?: string };
}

export interface Manifest {
  readonly stacks: Record<string, { name: string; dependencies: string[]; synthesizedStackPath: string }>;
}

export interface SynthOutput {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly stacks: Record<string, StackJson>;
}

export function readSynthOutput(dir: string): SynthOutput {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const stacks: Record<string, StackJson> = {};
  for (const [name, entry] of Object.entries(manifest.stacks)) {
    stacks[name] = JSON.parse(readFileSync(path.join(dir, entry.synthesizedStackPath), 'utf8')) as StackJson;
  }
  return { dir, manifest, stacks };
}

export interface AddressedResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly body: Record<string, unknown>;
}

/**
 * `a.localeCompare(b)`, which is specified as the default collator's compare, without building
 * the collator on every call (at 10,000 accounts the sorts below made millions of calls).
 */
const byLocale = new Intl.Collator().compare;

/** Every managed resource of a stack, `type.name`, in a stable order. */
export function resourcesOf(stack: StackJson): AddressedResource[] {
  return Object.entries(stack.resource ?? {})
    .flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, body]) => ({ address: `${type}.${name}`, type, name, body })),
    )
    .sort((a, b) => byLocale(a.address, b.address));
}

/** Every data source of a stack, `data.type.name`. */
export function dataSourcesOf(stack: StackJson): AddressedResource[] {
  return Object.entries(stack.data ?? {})
    .flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, body]) => ({ address: `data.${type}.${name}`, type, name, body })),
    )
    .sort((a, b) => byLocale(a.address, b.address));
}
