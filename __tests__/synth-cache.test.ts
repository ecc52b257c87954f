/**
 * The tests' synth cache (support/synth-cache.ts): a hit is a fresh copy of what the same sources
 * wrote for the same configuration, a test writing into its copy changes no other, and the cache is
 * off whenever a mutant may be switched on.
 */
import { lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cacheOffReason, cachedSynth } from './support/synth-cache';
import { exampleConfig, synthApp } from './support/synth';

const files = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => statSync(path.join(dir, f)).isFile())
      .sort()
      .map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]),
  );

/** A stand-in synthesis that writes a manifest and counts its calls. */
function fakeSynth() {
  const calls: string[] = [];
  const synthesize = (dir: string) => {
    calls.push(dir);
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ stacks: {}, call: calls.length }));
  };
  return { calls, synthesize };
}

const withEnv = <T>(name: string, value: string, run: () => T): T => {
  const saved = process.env[name];
  process.env[name] = value;
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
};

// The cache is off for the whole run under mutation testing or ORG_BACKUP_TEST_SYNTH_CACHE=0: the
// tests of a hit then cannot run, and are skipped rather than failed.
const itWhenOn = cacheOffReason() === undefined ? it : it.skip;

describe('the test synth cache', () => {
  const config = { nonce: `${Date.now()}-${Math.random()}` };

  itWhenOn('synthesizes a configuration once, and gives every caller its own copy', () => {
    const { calls, synthesize } = fakeSynth();
    const first = cachedSynth(config, synthesize);
    const second = cachedSynth(config, synthesize);
    expect(calls).toEqual([first]);
    expect(second).not.toBe(first);
    expect(files(second)).toEqual(files(first));
    writeFileSync(path.join(second, 'manifest.json'), 'changed by a test');
    expect(readFileSync(path.join(cachedSynth(config, synthesize), 'manifest.json'), 'utf8')).toContain('"call":1');
  });

  // `npm run synth` leaves its output as a link to a generation folder beside it, which goes away
  // with the test's temporary folder: the cache must keep the files, not the link.
  itWhenOn('keeps the files of an output that is a link, after its target is gone', () => {
    let target = '';
    const synthesize = (dir: string) => {
      target = `${dir}.generation`;
      mkdirSync(target);
      writeFileSync(path.join(target, 'manifest.json'), '{"stacks":{},"linked":true}');
      rmSync(dir, { recursive: true });
      symlinkSync(target, dir, 'dir');
    };
    cachedSynth({ ...config, linked: true }, synthesize);
    rmSync(target, { recursive: true });
    const hit = cachedSynth({ ...config, linked: true }, () => {
      throw new Error('synthesized again');
    });
    expect(lstatSync(hit).isSymbolicLink()).toBe(false);
    expect(readFileSync(path.join(hit, 'manifest.json'), 'utf8')).toContain('"linked":true');
  });

  itWhenOn('misses for another configuration', () => {
    const { calls, synthesize } = fakeSynth();
    cachedSynth({ ...config, other: true }, synthesize);
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['STRYKER_MUTATOR_WORKER', '1'],
    ['__STRYKER_ACTIVE_MUTANT__', '12'],
    ['ORG_BACKUP_TEST_SYNTH_CACHE', '0'],
  ])('is off with %s=%s: every call synthesizes', (name, value) => {
    const { calls, synthesize } = fakeSynth();
    withEnv(name, value, () => {
      expect(cacheOffReason()).toBeDefined();
      cachedSynth(config, synthesize);
      cachedSynth(config, synthesize);
    });
    expect(calls).toHaveLength(2);
  });

  itWhenOn('is off where Stryker instrumented the code or copied the sources to its sandbox', () => {
    expect(cacheOffReason({})).toBeUndefined();
    expect(cacheOffReason({}, path.join('/work', 'x', '.stryker-tmp', 'sandbox-1'))).toMatch(/sandbox/);
    (globalThis as Record<string, unknown>).__stryker__ = {};
    try {
      expect(cacheOffReason({})).toMatch(/__stryker__/);
    } finally {
      delete (globalThis as Record<string, unknown>).__stryker__;
    }
  });

  it('serves the example exactly as a synthesis without the cache writes it', () => {
    const cached = synthApp(exampleConfig());
    const fresh = withEnv('ORG_BACKUP_TEST_SYNTH_CACHE', '0', () => synthApp(exampleConfig()));
    expect(Object.keys(files(cached.dir)).length).toBeGreaterThan(3);
    expect(files(cached.dir)).toEqual(files(fresh.dir));
  });
});
