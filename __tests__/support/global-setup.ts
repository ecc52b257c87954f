/**
 * Builds dist/js once before the test workers start: the tests that run `npm run synth` as users do
 * then all find the build up to date, instead of rebuilding it concurrently under one another.
 * Also drops the test synth cache's entries of other source versions (synth-cache.ts), so that it
 * holds one version's outputs at most, and gives the run a temporary folder of its own
 * (test-tmpdir.ts), removed when the run ends.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { pruneSynthCache } from './synth-cache';
import { useRunTmpdir } from './test-tmpdir';

export default function globalSetup(): void {
  useRunTmpdir();
  execFileSync(process.execPath, [path.resolve(__dirname, '../../tools/build.mjs')], { stdio: 'inherit' });
  pruneSynthCache();
}
