/**
 * The checkout's root folder, for the commands that read or write files of the project (README,
 * schema, reports) or start other commands in it. A command runs from `tools/` (in the tests, through
 * jest's transform) or from its build under `dist/js/tools/` (npm scripts), so a fixed `..` from the file is right for
 * one of them only: the root is the nearest folder above holding package.json.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

function nearestPackageFolder(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json in ${from} or any folder above it`);
  }
}

export const PROJECT_ROOT = nearestPackageFolder(__dirname);
