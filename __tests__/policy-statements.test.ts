/**
 * Every statement of every policy the app synthesizes, pinned exactly: the key, vault, role trust,
 * IAM, service control and backup policies of the example (with the SCP on) and of the fullest
 * example (envs/example-full.ts), as Terraform receives them. A dropped action, a loosened
 * condition, another effect or principal fails here; nothing is compared with arrayContaining.
 *
 * The pinned documents are `__tests__/fixtures/policy-statements.json`. After a change to a policy
 * made on purpose, review the difference and rewrite the file with
 * `PIN_POLICIES=1 npx jest __tests__/policy-statements.test.ts`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { config as full } from '../envs/example-full';
import { validateConfig } from '../envs/load';
import { resourcesOf, type SynthOutput } from '../output/synth-output';
import { readJsonDocument } from '../output/terraform-expression';
import { exampleConfig, synthApp } from './support/synth';

const PINNED = path.join(__dirname, 'fixtures', 'policy-statements.json');

/** Every attribute of every resource and data source that holds a policy document, by place. */
function policyDocuments(out: SynthOutput): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  for (const [stack, json] of Object.entries(out.stacks).sort(([a], [b]) => a.localeCompare(b))) {
    for (const resource of resourcesOf(json)) {
      for (const [attribute, value] of Object.entries(resource.body).sort(([a], [b]) => a.localeCompare(b))) {
        if (typeof value !== 'string' || !/^(\$\{jsonencode\()?\{/.test(value)) continue;
        let document: unknown;
        try {
          document = readJsonDocument(value);
        } catch {
          continue;
        }
        if (document !== null && typeof document === 'object') found[`${stack} ${resource.address} ${attribute}`] = document;
      }
    }
  }
  return found;
}

const outputs = {
  'example with protectBackupsScp': () => synthApp(exampleConfig((c) => void (c.protectBackupsScp = true))),
  'example-full': () => synthApp(validateConfig(full, 'envs/example-full.ts')),
};

describe('every policy statement, pinned', () => {
  const actual = Object.fromEntries(Object.entries(outputs).map(([name, synth]) => [name, policyDocuments(synth())]));

  if (process.env.PIN_POLICIES === '1') writeFileSync(PINNED, `${JSON.stringify(actual, null, 1)}\n`);
  const pinned = existsSync(PINNED) ? (JSON.parse(readFileSync(PINNED, 'utf8')) as typeof actual) : {};

  it.each(Object.keys(outputs))('%s: the same policy documents in the same places', (name) => {
    expect(Object.keys(actual[name])).toEqual(Object.keys(pinned[name] ?? {}));
  });

  it.each(Object.keys(outputs).flatMap((name) => Object.keys(pinned[name] ?? {}).map((place) => [name, place])))('%s: %s', (name, place) => {
    expect(actual[name][place]).toEqual(pinned[name][place]);
  });

  it('pins a statement of every kind of policy', () => {
    const places = Object.keys(pinned['example with protectBackupsScp'] ?? {});
    for (const kind of ['aws_kms_key', 'aws_backup_vault_policy', 'aws_iam_role', 'aws_organizations_policy']) {
      expect(places.filter((p) => p.includes(` ${kind}.`)).length).toBeGreaterThan(0);
    }
  });
});
