/**
 * The JSON Schema (`npm run schema`) and the README's configuration reference stay in step with
 * the validator: both are regenerated here and compared with the committed files, and the JSON
 * Schema is evaluated on the example and on invalid rows to show it means what the validator means.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { configJsonSchema, configJsonSchemaText, JSON_SCHEMA_PATH, referenceMarkdown, referenceRows } from '../envs/json-schema';
import { exampleDraft, INVALID_CASES } from './fixtures/invalid-configs';

const ROOT = path.resolve(__dirname, '..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The subset of JSON Schema 2020-12 the generated schema uses; returns the paths that fail. */
function violations(schema: any, value: any, at = '$'): string[] {
  const out: string[] = [];
  const type = schema.type;
  const typeOk =
    type === undefined ||
    (type === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) ||
    (type === 'array' && Array.isArray(value)) ||
    (type === 'integer' && Number.isInteger(value)) ||
    (type === 'number' && typeof value === 'number') ||
    (type === 'string' && typeof value === 'string') ||
    (type === 'boolean' && typeof value === 'boolean');
  if (!typeOk) return [`${at}: type`];
  if (schema.enum && !schema.enum.includes(value)) out.push(`${at}: enum`);
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) out.push(`${at}: pattern`);
    if (schema.minLength !== undefined && [...value].length < schema.minLength) out.push(`${at}: minLength`);
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) out.push(`${at}: maxLength`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) out.push(`${at}: minimum`);
    if (schema.maximum !== undefined && value > schema.maximum) out.push(`${at}: maximum`);
  }
  for (const part of schema.allOf ?? []) out.push(...violations(part, value, at));
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) out.push(`${at}: minItems`);
    value.forEach((item, i) => out.push(...violations(schema.items ?? {}, item, `${at}[${i}]`)));
  } else if (type === 'object') {
    for (const key of schema.required ?? []) if (!(key in value)) out.push(`${at}.${key}: required`);
    for (const [key, item] of Object.entries(value)) {
      if (schema.propertyNames) out.push(...violations(schema.propertyNames, key, `${at}.${key}(key)`));
      const property = schema.properties?.[key];
      if (property) out.push(...violations(property, item, `${at}.${key}`));
      else if (schema.additionalProperties === false) out.push(`${at}.${key}: additionalProperties`);
      else if (typeof schema.additionalProperties === 'object') out.push(...violations(schema.additionalProperties, item, `${at}.${key}`));
    }
  }
  return out;
}

describe('the JSON Schema of the configuration', () => {
  const schema = configJsonSchema();

  it('is committed as npm run schema writes it', () => {
    expect(readFileSync(path.join(ROOT, JSON_SCHEMA_PATH), 'utf8')).toBe(configJsonSchemaText());
  });

  it('accepts the example and the JSON fixture', () => {
    expect(violations(schema, exampleDraft())).toEqual([]);
    expect(violations(schema, JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'other-org.json'), 'utf8')))).toEqual([]);
  });

  it.each([
    'account id as a number',
    'organization id too short',
    'OU id malformed',
    'unknown partition',
    'vault name with a dot',
    'tag key with the reserved aws: prefix',
    'tag value with a character AWS refuses',
    'schedule that is neither cron nor rate',
    'start window under 60 minutes',
    'retention over 100 years',
    'compliance lock with changeableForDays under 3',
    'misspelt lifecycle key',
    'misspelt key in a defaulted object',
    'bucket name with adjacent dots',
    'bucket name with a reserved suffix',
  ])('rejects a field-level mistake the validator rejects: %s', (title) => {
    const draft = exampleDraft();
    INVALID_CASES.find((c) => c.title === title)!.change(draft);
    expect(violations(schema, draft)).not.toEqual([]);
  });
});

describe('the configuration reference in README.md', () => {
  const start = README.indexOf('## Configuration reference');
  const section = README.slice(start, README.indexOf('\n## ', start + 1));

  it('is the table npm run schema generates', () => {
    expect(section).toContain(referenceMarkdown());
  });

  it('names every top-level and nested key of the schema', () => {
    const keys = referenceRows().map((row) => row.key);
    expect(keys).toEqual(expect.arrayContaining(['partition', 'backupAccount.vaultLock.changeableForDays', 'policies[].rules[].copyToBackupAccount.deleteAfterDays']));
    for (const key of keys) expect(section).toContain(`| \`${key}\` |`);
  });
});
