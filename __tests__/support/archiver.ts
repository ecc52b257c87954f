/**
 * What jest loads for `require('archiver')` (jest.config.js `moduleNameMapper`): the stand-in of
 * checks/lazy-archiver.ts, which loads the real archiver only when cdktf zips an asset. Every test
 * file loads cdktf anew, and archiver was about a third of that.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { lazyModule } from '../../checks/lazy-archiver';

/**
 * The real archiver's file, found from cdktf's folder up the node_modules folders as node finds it:
 * jest's resolver, which maps `archiver` here, cannot be asked.
 */
function archiverFile(): string {
  for (let dir = path.dirname(require.resolve('cdktf/package.json')); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', 'archiver', 'index.js');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error("archiver not found in a node_modules folder above cdktf's");
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export = lazyModule(() => require(archiverFile()));
