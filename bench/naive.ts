/**
 * The naive way to run the same app, for comparison: a copy of the sources in which every deep
 * provider import (`@cdktf/provider-aws/lib/kms-key`) becomes an import of the package root, run by
 * ts-node through `cdktf synth`, as `cdktf init` sets a project up. The copy lives in the ignored
 * bench/work/ folder: the lint rule forbids root imports in the sources.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const PACKAGE = '@cdktf/provider-aws';
const DEEP_IMPORT = /^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'@cdktf\/provider-aws\/lib\/([^']+)';$/gm;
const SKIP = new Set(['node_modules', 'dist', 'cdktf.out', '__tests__', 'bench', 'coverage', '.gen']);

/** The app command of the naive copy's cdktf.json. */
export const NAIVE_APP = 'npx ts-node main.ts';

/** Writes the naive copy of the app at `root` into `dest` (emptied first); returns the files rewritten. */
export function writeNaiveCopy(root: string, dest: string): number {
  const namespaces = providerNamespaces(root);
  rmSync(dest, { recursive: true, force: true });
  let rewritten = 0;
  for (const file of sources(root)) {
    const relative = path.relative(root, file);
    const text = readFileSync(file, 'utf8');
    const naive = rootImports(text, namespaces, relative);
    if (naive !== text) rewritten++;
    mkdirSync(path.dirname(path.join(dest, relative)), { recursive: true });
    writeFileSync(path.join(dest, relative), naive);
  }
  if (rewritten === 0) throw new Error('naive copy: no provider import found to rewrite');

  const tsconfig = JSON.parse(readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
  // The project's compiler options, less the incremental cache and output folder of its own build.
  const compilerOptions = { ...tsconfig.compilerOptions, types: ['node'] };
  for (const key of ['incremental', 'tsBuildInfoFile', 'outDir']) delete compilerOptions[key];
  writeJson(path.join(dest, 'tsconfig.json'), {
    compilerOptions,
    include: ['**/*.ts'],
  });
  const cdktf = JSON.parse(readFileSync(path.join(root, 'cdktf.json'), 'utf8'));
  writeJson(path.join(dest, 'cdktf.json'), { ...cdktf, app: NAIVE_APP });
  return rewritten;
}

/**
 * `import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';` becomes
 * `import { kmsKey as aws_kmsKey } from the package root; import KmsKey = aws_kmsKey.KmsKey;`
 * (an import alias keeps both the value and the type meaning of the name).
 */
export function rootImports(text: string, namespaces: ReadonlyMap<string, string>, file = 'source'): string {
  const out = text.replace(DEEP_IMPORT, (_all, _type: string | undefined, names: string, module: string) => {
    const ns = namespaces.get(module);
    if (!ns) throw new Error(`${file}: ${PACKAGE} exports no namespace for lib/${module}`);
    const alias = `aws_${ns}`;
    const lines = [`import { ${ns} as ${alias} } from '${PACKAGE}';`];
    for (const spec of names.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [imported, local = imported] = spec.replace(/^type\s+/, '').split(/\s+as\s+/);
      lines.push(`import ${local} = ${alias}.${imported};`);
    }
    return lines.join('\n');
  });
  if (out.includes(`${PACKAGE}/lib/`)) {
    throw new Error(`${file}: a provider import in a form the naive copy cannot rewrite`);
  }
  return out;
}

/** `kms-key` -> `kmsKey`, as the package root exports each resource module. */
export function providerNamespaces(root: string): Map<string, string> {
  const index = readFileSync(path.join(root, 'node_modules', PACKAGE, 'lib', 'index.d.ts'), 'utf8');
  return new Map([...index.matchAll(/export \* as (\w+) from '\.\/([^']+)';/g)].map((m) => [m[2], m[1]]));
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name.startsWith('.') || SKIP.has(entry.name) ? [] : sources(file);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}
