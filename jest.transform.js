/**
 * jest's TypeScript transform: esbuild's, the one tools/build.mjs builds dist/js with, one file at a
 * time. tsconfig.json's `isolatedModules` makes each file transpilable on its own, and type-checking
 * is `npm run typecheck`, so the tests only need the types stripped. ts-jest did the same work but
 * loaded the TypeScript compiler into every jest worker (about 0.6 s each) and took much longer to
 * transpile a checkout the first time (a clean clone, CI). The source map is inline, for stack traces.
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const TSCONFIG = readFileSync(path.join(__dirname, 'tsconfig.json'), 'utf8');
const { compilerOptions } = JSON.parse(TSCONFIG);
const OPTIONS = {
  loader: 'ts',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  // The options that change what esbuild emits for TypeScript (class fields, interop).
  tsconfigRaw: { compilerOptions },
};
/** Everything the output depends on besides the file: esbuild's version, the options, this file. */
const SALT = createHash('sha256').update(esbuild.version).update(JSON.stringify(OPTIONS)).update(readFileSync(__filename)).digest('hex');

module.exports = {
  process(source, filename) {
    const { code } = esbuild.transformSync(source, { ...OPTIONS, sourcefile: filename });
    return { code };
  },
  getCacheKey(source, filename) {
    return createHash('sha256').update(SALT).update('\0').update(filename).update('\0').update(source).digest('hex');
  },
};
