/**
 * Every block the app synthesizes, pinned exactly, for each example organization: every resource,
 * data source, output, provider and `terraform` block of every stack, and each stack's
 * dependencies, as Terraform receives them (cdktf's `//` metadata left out). A changed retention, a
 * tag dropped, a resource created by another provider, an argument renamed, a policy loosened: any
 * change to what Terraform would plan fails here, named by stack and address.
 *
 * The pinned output is `__tests__/fixtures/synth-output.json`. After a change to the output made
 * on purpose, review the difference (`git diff`) and rewrite the file with
 * `PIN_OUTPUT=1 npx jest __tests__/synth-output-pins.test.ts`. `policy-statements.test.ts` pins
 * the same policies statement by statement, for a readable difference when one changes.
 *
 * Each organization is synthesized inside its own test, so that under mutation testing a mutant is
 * tested only with the organizations whose synthesis reaches it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { config as controlTower } from '../envs/control-tower';
import { config as exampleFull } from '../envs/example-full';
import { config as full } from '../envs/full';
import { config as landingZoneAccelerator } from '../envs/landing-zone-accelerator';
import { validateConfig } from '../envs/load';
import type { SynthOutput } from '../output/synth-output';
import { providerAddress } from '../tools/cdktn/compare';
import { exampleConfig, synthApp } from './support/synth';

const PINNED = path.join(__dirname, 'fixtures', 'synth-output.json');

const organizations: Record<string, () => SynthOutput> = {
  example: () => synthApp(),
  'example with protectBackupsScp': () => synthApp(exampleConfig((c) => void (c.protectBackupsScp = true))),
  'example-full': () => synthApp(validateConfig(exampleFull, 'envs/example-full.ts')),
  full: () => synthApp(validateConfig(full, 'envs/full.ts')),
  'control-tower': () => synthApp(validateConfig(controlTower, 'envs/control-tower.ts')),
  'landing-zone-accelerator': () => synthApp(validateConfig(landingZoneAccelerator, 'envs/landing-zone-accelerator.ts')),
};

type Blocks = Record<string, unknown>;

/**
 * One entry per block, keyed `<stack> <kind> <address>` (`backup-account resource
 * aws_backup_vault.central_eu-west-1`, `management provider aws[0]`, `management terraform`,
 * `management dependencies`), in a stable order.
 */
export function blocksOf(out: SynthOutput): Blocks {
  const blocks: Blocks = {};
  for (const stack of Object.keys(out.stacks).sort()) {
    const json = out.stacks[stack] as Record<string, unknown>;
    blocks[`${stack} dependencies`] = [...out.manifest.stacks[stack].dependencies].sort();
    for (const kind of Object.keys(json).sort()) {
      if (kind === '//') continue;
      const value = json[kind] as Record<string, unknown>;
      if (kind === 'resource' || kind === 'data') {
        for (const type of Object.keys(value).sort()) {
          const named = value[type] as Record<string, unknown>;
          for (const name of Object.keys(named).sort()) blocks[`${stack} ${kind} ${type}.${name}`] = withoutMetadata(named[name]);
        }
      } else if (kind === 'provider') {
        for (const type of Object.keys(value).sort()) {
          (value[type] as unknown[]).forEach((config, i) => void (blocks[`${stack} provider ${type}[${i}]`] = config));
        }
      } else if (kind === 'output') {
        for (const name of Object.keys(value).sort()) blocks[`${stack} output ${name}`] = value[name];
      } else if (kind === 'terraform') {
        blocks[`${stack} ${kind}`] = withProviderPinsSetAside(value);
      } else {
        blocks[`${stack} ${kind}`] = value;
      }
    }
  }
  return blocks;
}

/**
 * The `terraform` block with each required provider's version pin left out and its source read as
 * the address Terraform reads it as: both come from the provider package, not from this app, and
 * differ under CDK Terrain (`npm run test:cdktn` sets the same two aside, tools/cdktn/compare.ts).
 */
function withProviderPinsSetAside(block: Record<string, unknown>): Record<string, unknown> {
  const required = block.required_providers as Record<string, { source?: string; version?: string }> | undefined;
  if (required === undefined) return block;
  const providers = Object.fromEntries(
    Object.entries(required).map(([name, { version: _pin, source, ...rest }]) => [name, { ...rest, ...(source === undefined ? {} : { source: providerAddress(source) }) }]),
  );
  return { ...block, required_providers: providers };
}

/** A block without cdktf's `//` metadata (its construct path), which Terraform ignores. */
function withoutMetadata(block: unknown): unknown {
  if (block === null || typeof block !== 'object' || Array.isArray(block)) return block;
  return Object.fromEntries(Object.entries(block).filter(([key]) => key !== '//'));
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * What differs between two block maps, one line each: a block missing or added, or, for a block in
 * both, each top-level argument with another value (`<block> <argument>: <value> (pinned: <value>)`).
 */
export function differences(pinned: Blocks, actual: Blocks): string[] {
  const found: string[] = [];
  const json = (v: unknown) => (v === undefined ? 'absent' : JSON.stringify(v));
  for (const key of Object.keys(pinned)) {
    if (!(key in actual)) {
      found.push(`${key}: no longer synthesized`);
      continue;
    }
    const [was, is] = [pinned[key], actual[key]];
    if (isObject(was) && isObject(is)) {
      for (const argument of [...new Set([...Object.keys(was), ...Object.keys(is)])]) {
        if (json(is[argument]) !== json(was[argument])) found.push(`${key} ${argument}: ${json(is[argument])} (pinned: ${json(was[argument])})`);
      }
    } else if (json(is) !== json(was)) found.push(`${key}: ${json(is)} (pinned: ${json(was)})`);
  }
  for (const key of Object.keys(actual)) if (!(key in pinned)) found.push(`${key}: not pinned`);
  return found;
}

const pinning = process.env.PIN_OUTPUT === '1';
const pinned = existsSync(PINNED) ? (JSON.parse(readFileSync(PINNED, 'utf8')) as Record<string, Blocks>) : {};
const written: Record<string, Blocks> = {};

describe('every synthesized block, pinned', () => {
  it.each(Object.keys(organizations))('%s: the same blocks with the same values', (name) => {
    const actual = blocksOf(organizations[name]());
    if (pinning) written[name] = actual;
    else expect(differences(pinned[name] ?? {}, actual)).toEqual([]);
  });

  afterAll(() => {
    if (pinning) writeFileSync(PINNED, `${JSON.stringify(written, null, 1)}\n`);
  });

  it('pins every organization, each with blocks of every kind', () => {
    const checked = pinning ? written : pinned;
    expect(Object.keys(checked).sort()).toEqual(Object.keys(organizations).sort());
    for (const blocks of Object.values(checked)) {
      for (const kind of [' resource ', ' data ', ' provider ', ' output ']) {
        expect(Object.keys(blocks).some((key) => key.includes(kind))).toBe(true);
      }
      expect(Object.keys(blocks).some((key) => key.endsWith(' terraform'))).toBe(true);
      expect(JSON.stringify(blocks['management terraform'])).toContain('"source":"registry.terraform.io/hashicorp/aws"');
    }
  });
});

describe('differences', () => {
  it('names a block changed, removed or added', () => {
    const pinnedBlocks = { 'a resource x.y': { n: 1, m: [1] }, 'a resource x.z': {}, 'a dependencies': ['b'] };
    expect(differences(pinnedBlocks, { 'a resource x.y': { n: 2, m: [1], k: 'v' }, 'a dependencies': [], 'a output o': 1 })).toEqual([
      'a resource x.y n: 2 (pinned: 1)',
      'a resource x.y k: "v" (pinned: absent)',
      'a resource x.z: no longer synthesized',
      'a dependencies: [] (pinned: ["b"])',
      'a output o: not pinned',
    ]);
    expect(differences({ 'a resource x.y': { n: 1 } }, { 'a resource x.y': {} })).toEqual(['a resource x.y n: absent (pinned: 1)']);
    expect(differences(pinnedBlocks, structuredClone(pinnedBlocks))).toEqual([]);
  });
});
