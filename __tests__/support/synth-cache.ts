/**
 * A cache of whole-app syntheses for the tests, by content: the same configuration synthesized by
 * the same sources gives the same files, so a test file that synthesizes the example (most do)
 * reads the folder an earlier file wrote instead of building the app again. The key is a digest of
 * every source file the app is built from, package-lock.json (the dependencies' versions), this
 * helper and the configuration; a change to any of them misses. Each hit is copied into a new
 * temporary folder, so a test that writes into its output (a review report, an edited stack)
 * never changes what the next one reads.
 *
 * Off under mutation testing: Stryker switches a mutant on inside the test process, with the
 * sources unchanged, so an output cached without the active mutant would hide it. It is detected
 * by the environment variables Stryker's worker processes carry (STRYKER_MUTATOR_WORKER, and
 * __STRYKER_ACTIVE_MUTANT__ while a mutant is on), by the
 * `__stryker__` global its instrumented code sets, and by the sandbox folder (.stryker-tmp) the
 * sources are copied to. ORG_BACKUP_TEST_SYNTH_CACHE=0 turns it off by hand.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { removeInBackground } from '../../checks/output-folder';

const ROOT = path.resolve(__dirname, '../..');
export const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'org-backup-test-synth');
/** Folders whose TypeScript the app is not built from (tests, the benchmark, outputs). */
const SKIP = new Set(['node_modules', 'dist', 'cdktf.out', '__tests__', 'bench', 'coverage', '.gen', 'reports']);

/** Why the cache is off, or undefined when it is on. */
export function cacheOffReason(env: NodeJS.ProcessEnv = process.env, root = ROOT): string | undefined {
  if (env.ORG_BACKUP_TEST_SYNTH_CACHE === '0') return 'ORG_BACKUP_TEST_SYNTH_CACHE=0';
  if (env.STRYKER_MUTATOR_WORKER !== undefined) return 'mutation testing (STRYKER_MUTATOR_WORKER)';
  if (env.__STRYKER_ACTIVE_MUTANT__ !== undefined) return 'mutation testing (__STRYKER_ACTIVE_MUTANT__)';
  if ('__stryker__' in globalThis) return 'mutation testing (__stryker__ global)';
  if (root.split(path.sep).includes('.stryker-tmp')) return 'mutation testing (sandbox folder)';
  return undefined;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('.') || SKIP.has(entry.name) ? [] : sources(file);
    return /\.(ts|json)$/.test(entry.name) && !/\.d\.ts$/.test(entry.name) ? [file] : [];
  });
}

let digest: string | undefined;

/** The digest of what the app is built from: every source and JSON file outside tests, the lockfile, this helper and the synth helper. */
export function sourceDigest(root = ROOT): string {
  if (digest && root === ROOT) return digest;
  const hash = createHash('sha256');
  const files = [...sources(root), path.join(root, '__tests__', 'support', 'synth.ts'), path.join(root, '__tests__', 'support', 'synth-cache.ts')].sort();
  for (const file of files) hash.update(`${path.relative(root, file)}\0`).update(readFileSync(file)).update('\0');
  const result = hash.digest('hex').slice(0, 32);
  if (root === ROOT) digest = result;
  return result;
}

/**
 * Removes the entries of other source digests (called once per run, before the workers start):
 * each is renamed aside in one step and deleted in the background, as the synth deletes a
 * replaced output. A version's entries hold thousands of files (the 1,000-account outputs), whose
 * deletion would hold up the start of the first run after every source change by seconds.
 */
export function pruneSynthCache(): void {
  if (!existsSync(CACHE_DIR)) return;
  const current = sourceDigest();
  for (const entry of readdirSync(CACHE_DIR)) {
    if (entry !== current && !entry.startsWith('.')) renameSync(path.join(CACHE_DIR, entry), path.join(CACHE_DIR, `.pruned-${entry}-${process.pid}`));
  }
  // This prune's, and any an earlier prune left before its deletion finished.
  removeInBackground(readdirSync(CACHE_DIR).filter((entry) => entry.startsWith('.pruned-')).map((entry) => path.join(CACHE_DIR, entry)));
}

/**
 * The folder of a synthesis of `config`: a fresh copy of the cached one, or a new one written by
 * `synthesize(outdir)` and then kept. With the cache off, always `synthesize`.
 */
export function cachedSynth(config: unknown, synthesize: (outdir: string) => void): string {
  const outdir = mkdtempSync(path.join(tmpdir(), 'org-backup-test-'));
  if (cacheOffReason() !== undefined) {
    synthesize(outdir);
    return outdir;
  }
  const key = createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 32);
  const entry = path.join(CACHE_DIR, sourceDigest(), key);
  if (existsSync(path.join(entry, 'manifest.json'))) {
    cpSync(entry, outdir, { recursive: true });
    return outdir;
  }
  synthesize(outdir);
  // Kept by renaming a complete copy into place: a reader never sees half a folder, and of two
  // workers writing the same entry the second finds it there and keeps its own copy to itself.
  // The copy follows links: the output of `npm run synth` is a link to a generation folder
  // (checks/output-folder.ts) that lives only as long as the test's temporary folder.
  mkdirSync(path.dirname(entry), { recursive: true });
  const staging = mkdtempSync(path.join(path.dirname(entry), '.staging-'));
  try {
    cpSync(outdir, staging, { recursive: true, dereference: true });
    renameSync(staging, entry);
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
  return outdir;
}
