/**
 * The JSON Schema read by validators other than ours: ajv (draft 2020-12, an independent
 * implementation) accepts every example and fixture configuration and refuses invalid ones; its
 * patterns keep to syntax common engines share; and where Python's jsonschema is installed (it is
 * not a dependency of this project), it reads the schema and gives the same verdicts.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { configJsonSchema } from '../envs/json-schema';
import { NON_PORTABLE, portablePattern } from '../envs/portable-pattern';
import { exampleDraft } from './fixtures/invalid-configs';

const ROOT = path.resolve(__dirname, '..');
const schema = configJsonSchema();
const committed = JSON.parse(readFileSync(path.join(ROOT, 'schema/org-backup.schema.json'), 'utf8')) as unknown;

const patterns: string[] = [];
JSON.stringify(schema, (key, value: unknown) => {
  if (key === 'pattern' && typeof value === 'string') patterns.push(value);
  return value;
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
const envConfig = (name: string) => (require(path.join(ROOT, 'envs', name)) as { config: unknown }).config;
const ENVS = readdirSync(path.join(ROOT, 'envs'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => /^export const config\b/m.test(readFileSync(path.join(ROOT, 'envs', `${name}.ts`), 'utf8')));
const valid: [string, unknown][] = [
  ...ENVS.map((name): [string, unknown] => [`envs/${name}.ts`, envConfig(name)]),
  ['fixtures/other-org.json', JSON.parse(readFileSync(path.join(__dirname, 'fixtures/other-org.json'), 'utf8'))],
  ['fixtures/other-org.yaml', parse(readFileSync(path.join(__dirname, 'fixtures/other-org.yaml'), 'utf8'))],
];
const broken = (change: (c: any) => void) => {
  const draft = exampleDraft();
  change(draft);
  return draft;
};
const invalid: [string, unknown][] = [
  ['account id too short', broken((c) => (c.organization.managementAccountId = '12345'))],
  ['account id of non-ASCII digits', broken((c) => (c.organization.managementAccountId = '١١١١١١١١١١١١'))],
  ['account id as a number', broken((c) => (c.organization.managementAccountId = 111111111111))],
  ['unknown partition', broken((c) => (c.partition = 'aws-iso'))],
  ['tag value with a character AWS refuses', broken((c) => (c.tags = { owner: 'team#1' }))],
  ['role name with a space', broken((c) => (c.deploymentRoleName = 'Org Deployer'))],
  ['unknown top-level key', broken((c) => (c.regionz = ['eu-west-1']))],
];

describe('the JSON Schema under ajv (draft 2020-12)', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);

  it('is what npm run schema committed', () => {
    expect(committed).toEqual(schema);
  });

  it('covers every example environment and fixture', () => {
    expect(ENVS).toEqual(expect.arrayContaining(['example', 'control-tower', 'landing-zone-accelerator']));
  });

  it.each(valid)('accepts %s', (_name, config) => {
    expect(validate(config) ? [] : validate.errors).toEqual([]);
  });

  it.each(invalid)('refuses: %s', (_name, config) => {
    expect(validate(config)).toBe(false);
  });
});

describe('portable patterns', () => {
  it('use no Unicode property escape, shorthand class, lookbehind or named group', () => {
    expect(patterns.length).toBeGreaterThan(15);
    expect(patterns.filter((p) => NON_PORTABLE.test(p))).toEqual([]);
  });

  it('catch what is not portable (the check fails on the validator regexes themselves)', () => {
    expect(NON_PORTABLE.test('^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$')).toBe(true);
    expect(NON_PORTABLE.test('^\\d{12}$')).toBe(true);
  });

  it('mean in ECMAScript what the validator regexes mean, on sample values', () => {
    const samples = ['123456789012', '١٢٣٤٥٦٧٨٩٠١٢', 'abc_DEF-1', 'a b', 'arn:aws:ec2:*', 'arn:aws:ec2:x y', 'x\u00a0y', 'é', ''];
    for (const [source, flags] of [['^\\d{12}$', ''], ['^[\\w+=,.@-]{1,64}$', ''], ['^(\\*|arn:aws(-us-gov|-cn)?:[a-z0-9-]+:[^\\s]*)$', '']]) {
      const original = new RegExp(source, flags);
      const portable = new RegExp(portablePattern(source), 'u');
      for (const sample of samples) expect([source, sample, portable.test(sample)]).toEqual([source, sample, original.test(sample)]);
    }
  });

  it('keep the tag rule for ASCII exactly, and let non-ASCII letters through', () => {
    const original = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
    const portable = new RegExp(portablePattern(original.source), 'u');
    for (let code = 0; code < 128; code++) {
      const c = String.fromCharCode(code);
      expect([code, portable.test(c)]).toEqual([code, original.test(c)]);
    }
    expect(portable.test('équipe données')).toBe(true);
  });
});

const python = spawnSync('python3', ['-c', 'import jsonschema'], { encoding: 'utf8' });
const hasPython = python.status === 0;
if (!hasPython) console.log("skipped: Python's jsonschema is not installed, so the schema is not read by it here");

(hasPython ? describe : describe.skip)("the JSON Schema under Python's jsonschema (re patterns)", () => {
  it('gives the same verdict as ajv on every valid and invalid configuration', () => {
    const cases = [...valid.map(([n, c]) => [n, c, true]), ...invalid.map(([n, c]) => [n, c, false])];
    const script = [
      'import json, sys, jsonschema',
      'data = json.load(sys.stdin)',
      'v = jsonschema.Draft202012Validator(data["schema"])',
      'print(json.dumps([[c[0], v.is_valid(c[1])] for c in data["cases"]]))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script], { input: JSON.stringify({ schema, cases }), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(cases.map(([n, , ok]) => [n, ok]));
  });
});
