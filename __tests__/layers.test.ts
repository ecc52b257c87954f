import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Layers point down only: the commands in tools/ and bench/ sit on top; checks/ and security/ read the
 * synthesized output through output/; output/ reads files and knows nothing of the app; modules/
 * writes Terraform and imports neither the config nor any reader of the output.
 */
const ROOT = path.resolve(__dirname, '..');

/** The top-level folders each layer may import from (besides itself and npm packages). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  output: [],
  modules: [],
  envs: ['modules'],
  stacks: ['modules', 'envs'],
  checks: ['output'],
  security: ['output', 'checks'],
};

/**
 * Facts about AWS that the constructs write and the rule pack checks, one source for both: plain
 * data files of modules/ that import nothing, which checks/ may read (the rule must hold the output
 * to the very list the constructs use, not to a copy).
 */
const SHARED_FACTS = ['modules/shared/backup-resource-types.ts'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

function importedFiles(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\(\s*|\brequire\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) =>
    path.relative(ROOT, path.resolve(path.dirname(file), m[1])),
  );
}

function importedLayers(file: string): string[] {
  return importedFiles(file)
    .filter((imported) => !(path.relative(ROOT, file).startsWith(`checks${path.sep}`) && SHARED_FACTS.includes(`${imported}.ts`)))
    .map((imported) => imported.split(path.sep)[0]);
}

describe('layering', () => {
  it.each(Object.entries(MAY_IMPORT))('%s/ imports only from the layers below it', (layer, allowed) => {
    const files = sources(path.join(ROOT, layer));
    expect(files.length).toBeGreaterThan(0);
    const violations = files.flatMap((file) =>
      importedLayers(file)
        .filter((imported) => imported !== layer && !allowed.includes(imported))
        .map((imported) => `${path.relative(ROOT, file)} imports ${imported}/`),
    );
    expect(violations).toEqual([]);
  });

  it('shares with checks/ only fact files of modules/ that import nothing', () => {
    for (const fact of SHARED_FACTS) {
      expect([fact, readFileSync(path.join(ROOT, fact), 'utf8').match(/^import .*/gm) ?? []]).toEqual([fact, []]);
    }
  });
});
