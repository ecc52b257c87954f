/**
 * cdktf loads `archiver`, a zip library, when it is loaded itself (`lib/private/fs.js`, for
 * `TerraformAsset`), and only calls it to zip an asset: this app has none. With its dependencies
 * (readable-stream, glob, archiver-utils) it was about 60 of the 150 ms cdktf takes to load, in every
 * process and in every test file. Here it is replaced, before cdktf is loaded, by a stand-in that
 * loads the real module the first time anything calls it or reads one of its properties: an app
 * with an asset still zips it, with the same library.
 *
 * Two ways in, one stand-in: `deferArchiver()` for a plain `node` process (main.ts calls it before
 * it loads cdktf), and `__tests__/support/archiver.ts`, which jest's `moduleNameMapper` loads
 * instead of `archiver` in every test file.
 */
import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';

/**
 * A function that stands for the module `load` returns: calling it, constructing it or reading or
 * testing a property loads the module (once) and does the same to it.
 */
export function lazyModule(load: () => unknown): unknown {
  let real: object | undefined;
  const target = (): object => (real ??= load() as object);
  return new Proxy(function notYetLoaded() {}, {
    apply: (_stub, self, args) => Reflect.apply(target() as (...a: unknown[]) => unknown, self, args),
    construct: (_stub, args) => Reflect.construct(target() as new (...a: unknown[]) => object, args),
    get: (_stub, key) => Reflect.get(target(), key),
    has: (_stub, key) => Reflect.has(target(), key),
  });
}

/**
 * The file `require('archiver')` gives inside cdktf (its package's `main`, in the first node_modules
 * folder above cdktf's that holds it, as node looks), or undefined if cdktf or archiver is not
 * found. Looked up by hand rather than with a resolver: under jest, the resolver would answer with
 * the stand-in it maps `archiver` to.
 */
export function archiverPath(): string | undefined {
  const cdktf = cdktfFolder();
  return cdktf === undefined ? undefined : archiverPathFrom(cdktf);
}

/** The file `require('archiver')` gives to a module in folder `from`, or undefined if none. */
export function archiverPathFrom(from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'node_modules', 'archiver', 'package.json');
    if (existsSync(manifest)) {
      const { main } = JSON.parse(readFileSync(manifest, 'utf8')) as { main?: string };
      return path.join(path.dirname(manifest), main ?? 'index.js');
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The folder of the cdktf package this process loads, or undefined if there is none. */
function cdktfFolder(): string | undefined {
  try {
    return path.dirname(require.resolve('cdktf/package.json'));
  } catch {
    return undefined;
  }
}

/**
 * Puts the stand-in in node's module cache where cdktf will look for `archiver`; does nothing if
 * archiver is loaded already or not found. To be called before cdktf is first loaded.
 */
export function deferArchiver(): void {
  installStandIn(archiverPath(), require.cache);
}

/** Puts a stand-in for the module `file` in `cache`, unless `file` is undefined or already there. */
export function installStandIn(file: string | undefined, cache: NodeJS.Dict<NodeJS.Module>): void {
  if (file === undefined || cache[file] !== undefined) return;
  const stub = new Module(file);
  stub.filename = file;
  stub.loaded = true;
  stub.exports = lazyModule(() => {
    // The real module takes the stand-in's place in the cache, for every later `require`.
    delete cache[file];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file);
  });
  cache[file] = stub;
}
