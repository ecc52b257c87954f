/**
 * What jest loads for `require('archiver')` (jest.config.js `moduleNameMapper`): the stand-in of
 * checks/lazy-archiver.ts, which loads the real archiver only when cdktf zips an asset. Every test
 * file loads cdktf anew, and archiver was about a third of that.
 */
import { archiverPath, lazyModule } from '../../checks/lazy-archiver';

export = lazyModule(() => {
  const file = archiverPath();
  if (file === undefined) throw new Error("archiver not found in a node_modules folder above cdktf's");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file);
});
