import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function sources(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full).flatMap((name) => (name.endsWith('.ts') || statSync(path.join(full, name)).isDirectory() ? sources(path.join(entry, name)) : []));
}

describe('the AGPL policy evaluator stays out of what users deploy', () => {
  it('is a devDependency only', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.devDependencies['@cloud-copilot/iam-simulate']).toBeDefined();
    expect(pkg.dependencies['@cloud-copilot/iam-simulate']).toBeUndefined();
  });

  it('is imported by no file the app loads (main.ts, envs/, modules/, stacks/, checks/)', () => {
    const files = ['main.ts', 'envs', 'modules', 'stacks', 'checks'].flatMap(sources);
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((file) => readFileSync(file, 'utf8').includes('@cloud-copilot/')).map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});
