/** Reading an output folder (through its link) as a map of relative path to content, for comparisons. */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export function outputFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isFile()) out[path.relative(dir, full)] = readFileSync(full, 'utf8');
    else if (entry.isDirectory()) out[`${path.relative(dir, full)}/`] = '';
  }
  return out;
}

/** Polls `done` until it holds, for at most `ms` (background deletions take a few milliseconds). */
export async function waitFor(done: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not done within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
