/**
 * Property-based tests (fast-check): generated configurations, valid ones and ones broken in a
 * random place with a hostile value, through the validator and the file loader. The invariants:
 * a valid configuration is accepted; anything else is refused with a ConfigError (exit code 1
 * through runCommand, no stack trace) of one line per problem, never another exception; the key
 * order of the input changes nothing, down to the bytes synthesized; a refused configuration
 * writes nothing.
 *
 * The seeds are fixed so that a failure reproduces; FUZZ_SEED and FUZZ_RUNS run the same properties
 * with other seeds and more runs (the fuzz pass of the README).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import fc from 'fast-check';
import { ConfigError, loadConfig, validateConfig } from '../envs/load';
import type { OrgConfigInput } from '../envs/schema';
import { buildStacks } from '../stacks/org-backup-app';
import { outputFiles } from './support/output-files';

const SEED = process.env.FUZZ_SEED === undefined ? 20261201 : Number(process.env.FUZZ_SEED);
const runs = (n: number) => (process.env.FUZZ_RUNS === undefined ? n : Math.max(n, Number(process.env.FUZZ_RUNS)));
const DIR = mkdtempSync(path.join(tmpdir(), 'org-backup-properties-'));

const REGIONS = ['us-east-1', 'us-west-2', 'eu-central-1', 'eu-west-1', 'ap-southeast-2'];
const SCHEDULES = ['rate(1 hour)', 'rate(12 hours)', 'rate(1 day)', 'cron(0 5 ? * * *)', 'cron(30 2 1 * ? *)', 'cron(15 */6 ? * MON-FRI *)'];
const name = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);

const rule = (lock: { min: number; max: number }) =>
  fc
    .record({
      name,
      schedule: fc.constantFrom(...SCHEDULES),
      start: fc.integer({ min: 60, max: 1440 }),
      extra: fc.integer({ min: 1, max: 10_000 }),
      cold: fc.option(fc.integer({ min: 1, max: 36_500 - 90 }), { nil: undefined }),
      keep: fc.integer({ min: 0, max: 36_500 }),
      copy: fc.option(fc.integer({ min: lock.min, max: lock.max }), { nil: undefined }),
    })
    .map(({ name: ruleName, schedule, start, extra, cold, keep, copy }) => ({
      name: ruleName,
      schedule,
      startWindowMinutes: start,
      completionWindowMinutes: start + extra,
      lifecycle: cold === undefined ? { deleteAfterDays: Math.max(1, keep) } : { moveToColdStorageAfterDays: cold, deleteAfterDays: Math.min(36_500, cold + 90 + (keep % 1000)) },
      ...(copy === undefined ? {} : { copyToBackupAccount: { deleteAfterDays: copy } }),
    }));

/** Valid configurations: every value inside AWS's limits and the cross-field rules. */
const validConfig: fc.Arbitrary<OrgConfigInput> = fc
  .record({ min: fc.integer({ min: 1, max: 100 }), span: fc.integer({ min: 1, max: 3000 }) })
  .chain(({ min, span }) => {
    const lock = { min, max: min + span };
    return fc.record({
      regions: fc.shuffledSubarray(REGIONS, { minLength: 1, maxLength: 3 }),
      accounts: fc.uniqueArray(fc.integer({ min: 10, max: 99 }), { minLength: 1, maxLength: 4 }),
      policies: fc.uniqueArray(fc.record({ name, rules: fc.uniqueArray(rule(lock), { minLength: 1, maxLength: 3, selector: (r) => r.name }) }), {
        minLength: 1,
        maxLength: 3,
        selector: (p) => p.name,
      }),
      tags: fc.dictionary(fc.stringMatching(/^[A-Za-z][\w.:/=+@-]{0,20}$/), fc.stringMatching(/^[\w .:/=+@-]{0,30}$/), { maxKeys: 5 }),
      lock: fc.constant(lock),
      scp: fc.boolean(),
    });
  })
  .map(({ regions, accounts, policies, tags, lock, scp }) => ({
    organization: { id: 'o-zz9y8x7w6v5u', rootId: 'r-zz99', managementAccountId: '900000000001' },
    regions,
    state: { bucket: 'globex-backup-state', region: regions[0] },
    backupAccount: { accountId: '900000000002', vaultLock: { minRetentionDays: lock.min, maxRetentionDays: lock.max } },
    sourceAccounts: accounts.map((n) => ({ accountId: `9000000001${n}`, name: `account-${n}` })),
    policies: policies.map((p) => ({ name: p.name, targets: ['root'], selection: { tagKey: 'backup', tagValues: [p.name] }, rules: p.rules })),
    tags,
    protectBackupsScp: scp,
  }));

/** Values people and fuzzers put where they do not belong. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1.5, NaN, Infinity, '', ' ', 'a\nb', '\u2028', '__proto__', '\uFEFF', 'x'.repeat(10_000)),
  fc.integer(),
  fc.string(),
  fc.constantFrom([], {}, [null], [[]], [-1], { region: 'us-east-1' }),
  fc.integer({ min: 60, max: 200 }).map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
  fc.constant(JSON.parse('{"__proto__": {"x": 1}}')),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);

/** Every path to a value in a configuration. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  // Not below 20 levels: a hostile value is a deep list, and may come to hold itself.
  if (value === null || typeof value !== 'object' || at.length >= 20) return [at];
  const children = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [at, ...children.flatMap(([k, v]) => paths(v, [...at, k]))];
}

type Change = { kind: 'set' | 'delete' | 'add'; pick: number; value: unknown; key: string };
const change: fc.Arbitrary<Change> = fc.record({
  kind: fc.constantFrom('set', 'set', 'delete', 'add'),
  pick: fc.nat(),
  value: hostileValue,
  key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'deleteAfterDay', 'region')),
});

function broken(config: OrgConfigInput, changes: readonly Change[]): unknown {
  const draft = structuredClone(config) as unknown;
  let root: unknown = draft;
  for (const c of changes) {
    const all = paths(root);
    const at = all[c.pick % all.length];
    if (at.length === 0) {
      if (c.kind === 'set') root = c.value;
      continue;
    }
    const parent = at.slice(0, -1).reduce<any>((node, k) => node[k], root);
    const last = at[at.length - 1];
    if (c.kind === 'set') parent[last] = c.value;
    else if (c.kind === 'delete' && Array.isArray(parent)) parent.splice(Number(last), 1);
    else if (c.kind === 'delete') delete parent[last];
    else if (parent[last] !== null && typeof parent[last] === 'object' && !Array.isArray(parent[last])) {
      Object.defineProperty(parent[last], c.key, { value: c.value, enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
}

/** The outcome as runCommand would end: 'ok', or the problems of a ConfigError; anything else throws. */
function outcome(run: () => unknown): 'ok' | readonly string[] {
  try {
    run();
    return 'ok';
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const line of err.message.split('\n').slice(1)) expect(line).toMatch(/^ {2}- /);
    expect(err.message.split('\n')).toHaveLength(err.problems.length + 1);
    return err.problems;
  }
}

/** The same value with the keys of every object in another order. */
function reordered(value: unknown, order: readonly number[], depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => reordered(v, order, depth + 1));
  const entries = Object.entries(value);
  const rotated = entries.map((_, i) => entries[(i + order[depth % order.length]) % entries.length]);
  return Object.fromEntries((order[0] % 2 === 0 ? rotated.reverse() : rotated).map(([k, v]) => [k, reordered(v, order, depth + 1)]));
}

describe('generated configurations', () => {
  it('a valid configuration is accepted, in any key order, to the same validated value', () => {
    fc.assert(
      fc.property(validConfig, fc.array(fc.nat(20), { minLength: 1, maxLength: 6 }), (config, order) => {
        // Equal as values: a map (tags) keeps the order it was written in; the bytes synthesized
        // from it do not (next property).
        expect(validateConfig(reordered(config, order))).toEqual(validateConfig(config));
      }),
      { seed: SEED, numRuns: runs(150) },
    );
  });

  it('a configuration broken anywhere with hostile values is refused with one line per problem, or accepted, never a crash', () => {
    fc.assert(
      fc.property(validConfig, fc.array(change, { minLength: 1, maxLength: 4 }), (config, changes) => {
        const result = outcome(() => validateConfig(broken(config, changes)));
        if (result !== 'ok') expect(result.length).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: runs(300) },
    );
  });

  it('a file of any bytes, or a valid one cut or spliced anywhere, is refused with one line per problem, never a crash', () => {
    const texts = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.tuple(validConfig, fc.nat(), fc.nat(), fc.string({ maxLength: 5 })).map(([config, a, b, insert]) => {
        const text = JSON.stringify(config, null, a % 3);
        const from = a % (text.length + 1);
        return text.slice(0, from) + insert + text.slice(from + (b % 4));
      }),
    );
    fc.assert(
      fc.property(texts, fc.constantFrom('json', 'yaml'), (text, ext) => {
        const file = path.join(DIR, `input.${ext}`);
        writeFileSync(file, text);
        outcome(() => loadConfig({ configPath: file }));
      }),
      { seed: SEED, numRuns: runs(150) },
    );
  });

  it('the same input in any key order synthesizes the same bytes', () => {
    fc.assert(
      fc.property(validConfig, fc.array(fc.nat(20), { minLength: 1, maxLength: 6 }), (config, order) => {
        const synth = (input: unknown) => {
          const outdir = mkdtempSync(path.join(DIR, 'synth-'));
          const app = new App({ outdir });
          buildStacks(app, validateConfig(input));
          app.synth();
          return outputFiles(outdir);
        };
        // At least two tags, so that the order of a map is put to the test every time.
        const tagged = { ...config, tags: { ...config.tags, zeta: 'last', alpha: 'first' } };
        expect(synth(reordered(tagged, order))).toEqual(synth(tagged));
      }),
      { seed: SEED, numRuns: runs(3) },
    );
  });

  it('a refused configuration, through the program, exits 1 with one line per problem and leaves the earlier output as it was', () => {
    const outdir = path.join(DIR, 'program-out');
    mkdirSync(path.join(outdir, 'stacks', 'earlier'), { recursive: true });
    writeFileSync(path.join(outdir, 'manifest.json'), 'earlier output');
    const before = outputFiles(outdir);
    fc.assert(
      fc.property(validConfig, fc.array(change, { minLength: 1, maxLength: 3 }), (config, changes) => {
        const input = broken(config, changes);
        fc.pre(outcome(() => validateConfig(input)) !== 'ok');
        // The program reads a file: a value JSON cannot write (a cycle the hostile values may hold)
        // never reaches it that way. The validator's answer to a cycle is tested in-process above.
        const text = jsonText(input);
        fc.pre(text !== undefined);
        const file = path.join(DIR, 'program.json');
        writeFileSync(file, text ?? 'null');
        const run = spawnSync(process.execPath, [path.join(__dirname, '..', 'dist', 'js', 'main.js')], {
          env: { ...process.env, BACKUP_CONFIG: file, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
          encoding: 'utf8',
        });
        expect(run.status).toBe(1);
        expect(run.stderr.trimEnd().split('\n').filter((line) => !/^(error: invalid configuration in .*: \d+ problems?| {2}- .+)$/.test(line))).toEqual([]);
        expect(outputFiles(outdir)).toEqual(before);
      }),
      { seed: SEED, numRuns: runs(2) },
    );
  });
});

/** The JSON text of a value, or undefined when JSON cannot write it (a cycle). */
function jsonText(value: unknown): string | undefined {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return undefined;
  }
}
