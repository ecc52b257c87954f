/**
 * Loads the configuration the user chose (BACKUP_CONFIG file, or BACKUP_ENV module under envs/)
 * and validates it. Every problem becomes one line of a ConfigError; nothing is thrown past
 * this module for a user mistake.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type * as Yaml from 'yaml';
import type { z } from 'zod';
import { inputProblems, jsonErrorOffset, MAX_CONFIG_BYTES, MAX_YAML_ALIAS_COUNT, oneLine, preview } from './input-limits';
import { configSchema, type OrgConfig } from './schema';

/** A configuration a user must fix: one line per problem, no stack trace needed. */
export class ConfigError extends Error {
  /** One line each, whatever the input held (a key or a value with a line break is escaped). */
  readonly problems: readonly string[];

  constructor(
    readonly source: string,
    problems: readonly string[],
  ) {
    const lines = problems.map(oneLine);
    super(`${oneLine(source)}: ${lines.length} problem${lines.length === 1 ? '' : 's'}\n${lines.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = lines;
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
    const { data, written } = readConfigFile(selection.configPath);
    return validateConfig(data, selection.configPath, written);
  }
  const name = selection.env ?? 'example';
  return validateConfig(readEnvModule(name), `envs/${name}.ts`);
}

/**
 * Validates raw input against the schema; `source` names the input in messages. `written` maps a
 * path (`a.b[0]`) to the text a YAML file had there, where the parsed number reads differently
 * (`012345678901` became 12345678901), so that a message shows what the person wrote.
 */
export function validateConfig(raw: unknown, source = 'config', written: ReadonlyMap<string, string> = new Map()): OrgConfig {
  const shape = inputProblems(raw);
  if (shape.length > 0) throw new ConfigError(source, shape.map((p) => `${formatPath(p.path) || '(top level)'}: ${p.message}`));
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issues = [...result.error.issues].sort((a, b) => comparePaths(a.path, b.path));
    throw new ConfigError(source, issues.flatMap((issue) => formatIssue(issue, raw, written)));
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
  let mod: { config?: unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(path.join(__dirname, name)) as { config?: unknown };
  } catch (err) {
    throw new ConfigError(`envs/${name}.ts`, [`cannot load the module: ${String((err as Error).message ?? err).split('\n')[0]}`]);
  }
  if (mod.config === undefined) {
    throw new ConfigError(`envs/${name}.ts`, ['the module does not export `config`']);
  }
  return mod.config;
}

interface ParsedFile {
  readonly data: unknown;
  readonly written: ReadonlyMap<string, string>;
}

function readConfigFile(file: string): ParsedFile {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_CONFIG_BYTES) {
      throw new ConfigError(file, [`the file has ${size} bytes; a configuration file may have at most ${MAX_CONFIG_BYTES} (16 MiB)`]);
    }
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(file, [`cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`]);
  }
  // A byte order mark is allowed (RFC 8259 lets a parser ignore it; YAML allows it), in JSON and YAML alike.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  if (/\.json$/i.test(file)) {
    return { data: parseJson(file, text), written: new Map() };
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
    const offset = at ? Number(at[1]) : jsonErrorOffset(text);
    const where = offset === undefined ? '' : `line ${lineOf(text, offset)}: `;
    // V8 quotes the input (a part of a long one, with ... on either side) in some messages, and
    // since Node 22 ends others with its own "(line 13 column 1)": the line number in front says
    // where instead, the same on every Node version.
    const reason = message.replace(/ \(line \d+ column \d+\)$/, '').replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '');
    throw new ConfigError(file, [`${where}invalid JSON: ${reason.slice(0, 200)}`]);
  }
}

/** The tags of the YAML 1.2 core schema: any other (`!foo`, `!!binary`, `!!set`) is refused, not ignored. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/**
 * The YAML library, loaded only for a YAML file: a JSON file or an environment module does not pay
 * for it (about 30 ms of a synth's start-up).
 */
function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml') as typeof Yaml;
}

function parseYaml(file: string, text: string): ParsedFile {
  const { parseDocument } = yaml();
  // YAML 1.2 core schema: `yes` stays a string; an unquoted 012345678901 is still a number.
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  } catch (err) {
    throw new ConfigError(file, [yamlLimitMessage(err)]);
  }
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) =>
        /call stack/i.test(e.message) ? yamlLimitMessage(e) : `line ${lineOf(text, e.pos[0])}: invalid YAML: ${e.message.split('\n')[0].slice(0, 200)}`,
      ),
    );
  }
  const written = new Map<string, string>();
  const tags: string[] = [];
  let data: unknown;
  try {
    inspectYaml(doc.contents, written, tags, text);
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (err) {
    throw new ConfigError(file, [yamlLimitMessage(err)]);
  }
  if (tags.length > 0) throw new ConfigError(file, tags);
  return { data, written };
}

/** The message for a YAML file past a limit: aliases expanded too often, or nesting too deep. */
function yamlLimitMessage(err: unknown): string {
  const message = String((err as Error)?.message ?? err);
  if (/alias count/i.test(message)) {
    return `invalid YAML: its aliases expand to more than ${MAX_YAML_ALIAS_COUNT} copies (an alias bomb?); write the values out`;
  }
  if (err instanceof RangeError || /call stack/i.test(message)) return 'invalid YAML: nested too deep to read; a configuration needs fewer than 10 levels';
  return `invalid YAML: ${message.split('\n')[0].slice(0, 200)}`;
}

/**
 * One walk over the YAML nodes (without recursion): numbers whose source text differs from how they
 * read back (a leading zero, an octal or hex form, .nan), and tags outside the core schema.
 */
function inspectYaml(root: Yaml.Node | null | undefined, out: Map<string, string>, tags: string[], text: string): void {
  const { isMap, isScalar, isSeq } = yaml();
  const stack: { node: unknown; at: PropertyKey[] }[] = [{ node: root, at: [] }];
  while (stack.length > 0) {
    const { node, at } = stack.pop()!;
    const tag = (node as { tag?: string } | null)?.tag;
    if (tag !== undefined && !CORE_TAGS.has(tag) && (isMap(node) || isSeq(node) || isScalar(node))) {
      const offset = node.range?.[0] ?? 0;
      tags.push(`line ${lineOf(text, offset)}: the YAML tag ${tag.replace(/^tag:yaml.org,2002:/, '!!')} is not allowed: only plain values, lists and maps (YAML 1.2 core schema)`);
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (isScalar(pair.key) || isMap(pair.key) || isSeq(pair.key)) stack.push({ node: pair.key, at });
        stack.push({ node: pair.value, at: typeof key === 'string' || typeof key === 'number' ? [...at, String(key)] : at });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, at: [...at, i] }));
    } else if (isScalar(node) && typeof node.value === 'number' && node.source !== undefined && node.source !== String(node.value)) {
      out.set(formatPath(at), node.source);
    }
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** `policies[0].rules[1].lifecycle`: the path in the notation people write. */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((s, i) => {
      if (typeof s === 'number') return `[${s}]`;
      // A key of any length names its place in at most 200 characters (a tag key may have 128).
      const key = String(s).length > 200 ? `${String(s).slice(0, 197)}...` : String(s);
      return /^[A-Za-z_$][\w$]*$/.test(String(s)) ? `${i === 0 ? '' : '.'}${key}` : `[${JSON.stringify(key)}]`;
    })
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

/** Unknown keys that people write for a setting that does not exist, with what to do instead. */
const UNKNOWN_KEY_HINTS: Readonly<Record<string, string>> = {
  region: "copies go to the central vault of the rule's own region; there is no region setting",
  regions: "copies go to the central vault of the rule's own region; there is no region setting",
  targetRegion: "copies go to the central vault of the rule's own region; there is no region setting",
  destinationRegion: "copies go to the central vault of the rule's own region; there is no region setting",
  targetVaultArn: "copies go to the central vault of the rule's own region (backupAccount.vaultName); there is no vault setting",
};

/** One line per problem: `path = value given: what is allowed`. */
function formatIssue(issue: z.core.$ZodIssue, raw: unknown, written: ReadonlyMap<string, string>): string[] {
  const where = formatPath(issue.path) || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(issue.path);
    const inCopy = issue.path[issue.path.length - 1] === 'copyToBackupAccount';
    return issue.keys.map((key) => {
      const hint = inCopy ? UNKNOWN_KEY_HINTS[key] : undefined;
      const close = closest(key, known);
      const advice = hint ? ` (${hint})` : close ? ` (did you mean "${close}"?)` : '';
      return `${formatPath([...issue.path, key])}: unknown key${advice}; allowed: ${known.join(', ')}`;
    });
  }
  if (issue.code === 'invalid_key') {
    return [`${where}: key not allowed: ${issue.issues.map((i) => i.message).join('; ')}`];
  }
  const params = (issue as { params?: { rule?: boolean; value?: unknown } }).params;
  const given = valueAt(raw, issue.path);
  const reason = describe(issue, given);
  if (params?.rule) {
    // A cross-field rule: the value it names may be a default the person never wrote.
    if (!('value' in params)) return [`${where}: ${reason}`];
    return [`${where} = ${show(params.value)}${given === undefined ? ' (the default)' : ''}: ${reason}`];
  }
  if (given === undefined) {
    const generic = /^Invalid input/.test(issue.message);
    return [issue.code === 'invalid_type' && generic ? `${where}: required (${issue.expected})` : `${where}: ${reason}`];
  }
  const writtenAs = written.get(formatPath(issue.path));
  return [`${where} = ${writtenAs !== undefined ? `${writtenAs} (read as the number ${show(given)})` : show(given)}: ${reason}`];
}

/** zod's own wording where it is already plain; shorter words for its generic ones. */
function describe(issue: z.core.$ZodIssue, given: unknown): string {
  const generic = /^(Invalid input|Invalid option|Too small|Too big)/.test(issue.message);
  if (!generic) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}, got ${Array.isArray(given) ? 'array' : given === null ? 'null' : Number.isNaN(given) ? 'NaN' : typeof given}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' ? `expected at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}` : `expected at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `expected at most ${issue.maximum} items` : `expected at most ${issue.maximum}`;
    default:
      return issue.message;
  }
}

function show(value: unknown): string {
  return preview(value, 80);
}

/** Config order: keys in the order the schema declares them, list items by index. */
function comparePaths(a: readonly PropertyKey[], b: readonly PropertyKey[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (a[i] as number) - (b[i] as number);
    const order = knownKeys(a.slice(0, i));
    const rank = (s: PropertyKey) => (order.includes(String(s)) ? order.indexOf(String(s)) : order.length);
    return rank(a[i]) - rank(b[i]) || String(a[i]).localeCompare(String(b[i]));
  }
  return a.length - b.length;
}

/** The keys the schema allows at a path of the config. */
function knownKeys(segments: readonly PropertyKey[]): string[] {
  let node: unknown = configSchema;
  for (const s of [...segments, null]) {
    node = unwrap(node);
    const def = (node as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; valueType?: unknown } }).def;
    if (s === null) return Object.keys(def?.shape ?? {});
    node = typeof s === 'number' ? def?.element : (def?.shape?.[String(s)] ?? def?.valueType);
  }
  return [];
}

function unwrap(schema: unknown): unknown {
  let node = schema as { def?: { innerType?: unknown; in?: unknown } } | undefined;
  while (node?.def && (node.def.innerType || node.def.in)) {
    node = (node.def.innerType ?? node.def.in) as typeof node;
  }
  return node;
}

/** The known key within edit distance 2 of `key`, if any: the likely typo. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    // Lengths more than 2 apart are more than 2 edits apart: never compare a huge key letter by letter.
    if (Math.abs(candidate.length - key.length) > 2) continue;
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
