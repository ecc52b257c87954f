/**
 * Builds dist/js once before the test workers start: the tests that run `npm run synth` as users do
 * then all find the build up to date, instead of rebuilding it concurrently under one another.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export default function globalSetup(): void {
  execFileSync(process.execPath, [path.resolve(__dirname, '../../tools/build.mjs')], { stdio: 'inherit' });
}
