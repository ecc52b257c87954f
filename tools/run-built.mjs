/**
 * `node tools/run-built.mjs <script under dist/js> [arguments]`: what every npm script that runs a
 * command does. It brings dist/js up to date (tools/build.mjs), then runs the script as the main
 * module of this same process, with the arguments after it: `require.main` is the script and
 * `process.argv` is what `node <script> [arguments]` would give it. One process instead of a build
 * process followed by the command's: a node start-up (about 50 ms) less for every command.
 * Plain JavaScript because it runs before anything is compiled.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { ensureBuilt } from './build.mjs';

const [script, ...args] = process.argv.slice(2);
if (script === undefined) {
  process.stderr.write('usage: node tools/run-built.mjs <script under dist/js> [arguments]\n');
  process.exit(2);
}
if (await ensureBuilt()) {
  process.argv = [process.argv[0], path.resolve(script), ...args];
  // node's own entry-point loader: the script runs as `node <script>` would run it.
  createRequire(import.meta.url)('node:module').runMain();
} else {
  process.exitCode = 1;
}
