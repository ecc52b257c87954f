/** What a synth wrote: its size, a digest of every byte, and the resource count of each stack. */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { readSynthOutput, resourcesOf } from '../output/synth-output';

export interface OutputSummary {
  readonly files: number;
  readonly bytes: number;
  /** sha256 over every file's relative path and content, in path order. */
  readonly digest: string;
  readonly stacks: number;
  readonly totalResources: number;
  readonly largestStack: { readonly name: string; readonly resources: number };
  readonly largestSourceStack: { readonly name: string; readonly resources: number };
  readonly managementResources: number;
  readonly backupAccountResources: number;
}

export function summarizeOutput(dir: string): OutputSummary {
  const files = listFiles(dir);
  const hash = createHash('sha256');
  let bytes = 0;
  for (const file of files) {
    const content = readFileSync(path.join(dir, file));
    bytes += content.length;
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  const counts = Object.entries(readSynthOutput(dir).stacks).map(([name, stack]) => ({ name, resources: resourcesOf(stack).length }));
  const largest = (list: typeof counts) =>
    list.reduce((a, b) => (b.resources > a.resources ? b : a), { name: '(none)', resources: 0 });
  const count = (name: string) => counts.find((c) => c.name === name)?.resources ?? 0;
  return {
    files: files.length,
    bytes,
    digest: hash.digest('hex'),
    stacks: counts.length,
    totalResources: counts.reduce((sum, c) => sum + c.resources, 0),
    largestStack: largest(counts),
    largestSourceStack: largest(counts.filter((c) => c.name.startsWith('source-'))),
    managementResources: count('management'),
    backupAccountResources: count('backup-account'),
  };
}

/** Every file under `dir`, as sorted paths relative to it. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(path.join(dir, file)).isFile())
    .sort();
}
