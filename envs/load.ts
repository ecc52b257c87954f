/**
 * Loads the configuration the user chose (BACKUP_CONFIG file, or BACKUP_ENV module under envs/)
 * and validates it. Every problem becomes one line of a ConfigError; nothing is thrown past
 * this module for a user mistake.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { configSchema, type OrgConfig } from './schema';

/** A configuration a user must fix: one line per problem, no stack trace needed. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface ConfigSelection {
  /** Name of a module in envs/ exporting `config` (BACKUP_ENV). @default 'example' */
  readonly env?: string;
  /** Path of a JSON or YAML file (BACKUP_CONFIG); wins over `env`. */
  readonly configPath?: string;
}

/** The selection made by the environment variables BACKUP_CONFIG and BACKUP_ENV. */
export function selectionFromEnv(env: NodeJS.ProcessEnv = process.env): ConfigSelection {
  return { env: env.BACKUP_ENV || undefined, configPath: env.BACKUP_CONFIG || undefined };
}

export function loadConfig(selection: ConfigSelection = {}): OrgConfig {
  if (selection.configPath) {
    return validateConfig(readConfigFile(selection.configPath), selection.configPath);
  }
  const name = selection.env ?? 'example';
  return validateConfig(readEnvModule(name), `envs/${name}.ts`);
}

/** Validates raw input against the schema; `source` names the input in messages. */
export function validateConfig(raw: unknown, source = 'config'): OrgConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(source, result.error.issues.map((issue) => formatIssue(issue, raw)));
  }
  return result.data;
}

function readEnvModule(name: string): unknown {
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(name)) {
    throw new ConfigError('BACKUP_ENV', [`"${name}" is not an environment name (letters, digits, - and _)`]);
  }
  const file = path.join(__dirname, `${name}.ts`);
  if (!existsSync(file) && !existsSync(path.join(__dirname, `${name}.js`))) {
    throw new ConfigError('BACKUP_ENV', [`no environment "${name}": expected envs/${name}.ts exporting \`config\``]);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(__dirname, name)) as { config?: unknown };
  if (mod.config === undefined) {
    throw new ConfigError(`envs/${name}.ts`, ['the module does not export `config`']);
  }
  return mod.config;
}

function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`]);
  }
  if (/\.json$/i.test(file)) {
    return parseJson(file, text);
  }
  if (/\.ya?ml$/i.test(file)) {
    return parseYaml(file, text);
  }
  throw new ConfigError(file, ['unknown file type: expected .json, .yaml or .yml']);
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? `line ${lineOf(text, Number(at[1]))}: ` : '';
    throw new ConfigError(file, [`${where}invalid JSON: ${message}`]);
  }
}

function parseYaml(file: string, text: string): unknown {
  // YAML 1.2 core schema: `0123` stays a number only if written as one, `yes` stays a string.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => `line ${e.linePos?.[0].line ?? '?'}: invalid YAML: ${e.message.split('\n')[0]}`),
    );
  }
  return doc.toJS();
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** `policies[0].rules[1].lifecycle`: the path in the notation people write. */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`))
    .join('');
}

function valueAt(raw: unknown, segments: readonly PropertyKey[]): unknown {
  let node: unknown = raw;
  for (const s of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[s];
  }
  return node;
}

function formatIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const where = formatPath(issue.path) || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(issue.path);
    return issue.keys
      .map((key) => {
        const hint = closest(key, known);
        return `${formatPath([...issue.path, key])}: unknown key${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${known.join(', ')}`;
      })
      .join('\n  - ');
  }
  const given = valueAt(raw, issue.path);
  const shown = given === undefined ? 'missing' : JSON.stringify(given);
  if (issue.code === 'invalid_type' && given === undefined) {
    return `${where}: required (${issue.expected})`;
  }
  return `${where}: ${shown} is not valid: ${issue.message}`;
}

/** The keys the schema allows at a path of the config. */
function knownKeys(segments: readonly PropertyKey[]): string[] {
  let node: unknown = configSchema;
  for (const s of [...segments, null]) {
    node = unwrap(node);
    const def = (node as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } }).def;
    if (s === null) return Object.keys(def?.shape ?? {});
    node = typeof s === 'number' ? def?.element : def?.shape?.[String(s)];
  }
  return [];
}

function unwrap(schema: unknown): unknown {
  let node = schema as { def?: { innerType?: unknown; in?: unknown; schema?: unknown } } | undefined;
  while (node?.def && (node.def.innerType || node.def.in)) {
    node = (node.def.innerType ?? node.def.in) as typeof node;
  }
  return node;
}

/** The known key within edit distance 2 of `key`, if any: the likely typo. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}
