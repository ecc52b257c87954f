/**
 * Building and synthesizing the app, by cdktf's own `app.synth()` (the stock path) or by a fast path
 * that writes the same bytes in about half the time at organization scale. The fast path changes
 * things cdktf does that this app does not need, each through cdktf internals:
 *
 * 1. No stack trace is captured when cdktf creates a token (about 12,000 per 1,000 accounts, and
 *    `App({ stackTraces: false })` does not stop them). cdktf only uses them in the message of an
 *    error raised while resolving that token.
 * 2. `prepareStack` keeps its backend check (a stack without a backend still gets the local one)
 *    but skips its preparing resolve of every element, whose only other effect is wiring an
 *    implicit cross-stack reference (an output in the origin stack, remote state in the reader).
 *    This app wires its cross-stack reads explicitly through remote state; the rule
 *    OB-NO-CROSS-STACK-TOKEN refuses an output naming another stack's resource, so a reference that
 *    would have needed the wiring stops the synth instead of dangling.
 * 3. `toTerraform` resolves each element once, and merges the results, instead of resolving the
 *    merged (already resolved) tree a second time. A stack whose overrides hold anything but plain
 *    data keeps cdktf's own `toTerraform`.
 * 4. That resolve copies plain data (objects, arrays, strings without a token marker, booleans,
 *    null) itself and hands every other value (a token, a string that could hold one, a number,
 *    anything with a `resolve` method) to cdktf's resolver with the same path. cdktf's resolver
 *    allocates a context, two closures and a path array for every key and value it visits: most of
 *    the synth's allocations, for values it returns unchanged.
 * 5. `keysToSnakeCase`, which every provider, resource and data source calls on its attributes,
 *    converts each key name once per synth instead of once per use (three regular expressions a
 *    key: the provider alone has about 60 keys, and there are two providers per account).
 *
 * The fast path is taken only with the exact cdktf version it was tested against
 * (`FAST_SYNTH_CDKTF_VERSION`) and the internals in the shape it expects; anything else, or
 * `ORG_BACKUP_STOCK_SYNTH=1`, takes the stock path. `__tests__/checks/fast-synth.test.ts` compares
 * the two byte for byte for every organization the tests know and a generated 200-account one.
 */
import { App, DefaultTokenResolver, StringConcat, TerraformElement, TerraformOutput, TerraformStack, Token, Tokenization } from 'cdktf';

/** The only cdktf version whose internals the fast path was checked against. */
export const FAST_SYNTH_CDKTF_VERSION = '0.21.0';

/** Set to 1 (or true) to take cdktf's stock synth, e.g. to get token stack traces back in errors. */
export const STOCK_SYNTH_ENV = 'ORG_BACKUP_STOCK_SYNTH';

export type SynthPath = 'fast' | 'stock';

export interface SynthPathChoice {
  readonly path: SynthPath;
  /** Why the stock path was taken; empty for the fast path. */
  readonly reason: string;
}

interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
}
interface TokensModule {
  resolve: (scope: unknown, obj: unknown, preparing?: boolean) => unknown;
}
/** cdktf's global token registry (`tokens/private/token-map`): every token by its key, for the whole process. */
interface TokenMapInternals {
  readonly stringTokenMap: Map<string, unknown>;
  readonly numberTokenMap: Map<number, unknown>;
  readonly tokenCounter: number;
}
/** cdktf's recursive resolver (`tokens/private/resolve`), which takes the path of the value. */
interface ResolveModule {
  resolve: (obj: unknown, options: { scope: unknown; preparing: boolean; resolver: unknown; prefix?: string[] }) => unknown;
}
interface UtilModule {
  deepMerge: (target: unknown, ...sources: unknown[]) => unknown;
  snakeCase: (name: string) => string;
  keysToSnakeCase: (object: unknown) => unknown;
}
interface Internals {
  readonly stackTrace: StackTraceModule;
  readonly tokens: TokensModule;
  readonly util: UtilModule;
  readonly resolver: ResolveModule;
}

/** The parts of a stack the fast path touches; private or internal in cdktf's typings. */
interface StackInternals {
  rawOverrides: Record<string, unknown>;
  cdktfVersion: string;
  prepareStack(): void;
  ensureBackendExists(): unknown;
  toTerraform(): unknown;
}

/**
 * The cdktf modules the fast path patches or calls, loaded by file (they are not part of cdktf's
 * API, so there is no import for them); undefined when one is missing or of another shape.
 */
function loadInternals(): Internals | undefined {
  try {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const stackTrace = require('cdktf/lib/tokens/private/stack-trace') as StackTraceModule;
    const tokens = require('cdktf/lib/_tokens') as TokensModule;
    const util = require('cdktf/lib/util') as UtilModule;
    const resolver = require('cdktf/lib/tokens/private/resolve') as ResolveModule;
    /* eslint-enable @typescript-eslint/no-require-imports */
    const proto = TerraformStack.prototype as unknown as Partial<StackInternals>;
    const shapeOk =
      typeof stackTrace.captureStackTrace === 'function' &&
      typeof tokens.resolve === 'function' &&
      typeof util.deepMerge === 'function' &&
      typeof util.snakeCase === 'function' &&
      typeof util.keysToSnakeCase === 'function' &&
      typeof resolver.resolve === 'function' &&
      typeof proto.prepareStack === 'function' &&
      typeof proto.ensureBackendExists === 'function' &&
      typeof proto.toTerraform === 'function';
    return shapeOk ? { stackTrace, tokens, util, resolver } : undefined;
  } catch {
    return undefined;
  }
}

/** The cdktf package the app resolves: its name (a fork such as cdktn is not cdktf) and version. */
function installedCdktf(): { name?: string; version?: string } {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('cdktf/package.json') as { name?: string; version?: string };
  } catch {
    return {};
  }
}

/** Fast unless the escape hatch is set, or cdktf is not the version (and shape) tested. */
export function chooseSynthPath(
  env: NodeJS.ProcessEnv = process.env,
  /** The cdktf package.json found (a parameter for the tests). */
  installed: { readonly name?: string; readonly version?: string } = installedCdktf(),
): SynthPathChoice {
  const hatch = env[STOCK_SYNTH_ENV];
  if (hatch !== undefined && hatch !== '' && hatch !== '0' && hatch !== 'false') {
    return { path: 'stock', reason: `${STOCK_SYNTH_ENV}=${hatch}` };
  }
  const pkg = installed;
  if (pkg.name !== 'cdktf' || pkg.version !== FAST_SYNTH_CDKTF_VERSION) {
    return {
      path: 'stock',
      reason: `${pkg.name ?? 'cdktf'} ${pkg.version ?? '(unknown version)'} is not cdktf ${FAST_SYNTH_CDKTF_VERSION}, the version the fast path was tested with`,
    };
  }
  if (!loadInternals()) {
    return { path: 'stock', reason: `cdktf ${pkg.version}'s internals are not in the shape the fast path expects` };
  }
  return { path: 'fast', reason: '' };
}

export interface BuildAndSynthOptions<T> {
  /** The folder cdktf writes into. */
  readonly outdir: string;
  /** Adds the stacks to the app. */
  readonly build: (app: App) => T;
  /** @default - chooseSynthPath() */
  readonly path?: SynthPath;
  /**
   * On the fast path, once the app is written, drop the tokens it registered from cdktf's global
   * token map, which otherwise keeps every construct of the app alive (a reference token holds its
   * stack) until the process ends: at 10,000 accounts about 400 MB that the rule pack, reading the
   * written files, does not need. The app's tokens cannot be resolved afterwards: cdktf throws
   * (unrecognized token key), it never writes a wrong value. For a caller that writes the app once
   * and never resolves its constructs again.
   * @default false
   */
  readonly releaseTokens?: boolean;
}

/**
 * cdktf's token map, if it has the shape this module knows; else undefined and nothing is released.
 */
function tokenMapOf(): TokenMapInternals | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { TokenMap } = require('cdktf/lib/tokens/private/token-map') as { TokenMap?: { instance?: () => unknown } };
    const map = TokenMap?.instance?.() as Partial<TokenMapInternals> | undefined;
    return map && map.stringTokenMap instanceof Map && map.numberTokenMap instanceof Map && typeof map.tokenCounter === 'number' ? (map as TokenMapInternals) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Deletes from the token map every token registered from counter `first` on: cdktf numbers every
 * token from one counter, string keys as `<hint>.<counter>` and number tokens by the counter.
 */
function releaseTokensFrom(map: TokenMapInternals, first: number): void {
  for (const key of map.stringTokenMap.keys()) {
    if (Number(key.slice(key.lastIndexOf('.') + 1)) >= first) map.stringTokenMap.delete(key);
  }
  for (const key of map.numberTokenMap.keys()) {
    if (key >= first) map.numberTokenMap.delete(key);
  }
}

/** Creates the app, builds it and synthesizes it into `outdir`; returns what `build` returned. */
export function buildAndSynth<T>(options: BuildAndSynthOptions<T>): { readonly built: T; readonly path: SynthPath } {
  const internals = (options.path ?? chooseSynthPath().path) === 'fast' ? loadInternals() : undefined;
  if (!internals) {
    const app = new App({ outdir: options.outdir });
    const built = options.build(app);
    app.synth();
    return { built, path: 'stock' };
  }
  const original = internals.stackTrace.captureStackTrace;
  const originalKeysToSnakeCase = internals.util.keysToSnakeCase;
  const tokenMap = options.releaseTokens ? tokenMapOf() : undefined;
  const firstToken = tokenMap?.tokenCounter;
  // Tokens are created while the app is built and while it is resolved: both without traces.
  internals.stackTrace.captureStackTrace = noStackTrace;
  internals.util.keysToSnakeCase = memoizedKeysToSnakeCase(internals.util.snakeCase);
  try {
    const app = new App({ outdir: options.outdir });
    const built = options.build(app);
    for (const stack of app.node.findAll().filter(TerraformStack.isStack)) {
      const s = stack as unknown as StackInternals;
      const stockToTerraform = s.toTerraform.bind(s);
      s.prepareStack = () => {
        s.ensureBackendExists();
      };
      s.toTerraform = () => (isPlainData(s.rawOverrides) ? resolveOnce(stack, s, internals) : stockToTerraform());
    }
    app.synth();
    if (tokenMap && firstToken !== undefined) releaseTokensFrom(tokenMap, firstToken);
    return { built, path: 'fast' };
  } finally {
    internals.stackTrace.captureStackTrace = original;
    internals.util.keysToSnakeCase = originalKeysToSnakeCase;
  }
}

/**
 * cdktf's `keysToSnakeCase` (cdktf/lib/util), step for step, with each key's snake-case name
 * computed once by cdktf's own `snakeCase` and remembered: that conversion is a pure function of the
 * key, and the same few hundred attribute names come back for every provider and resource. Like
 * cdktf's: a resolvable is returned as it is, `tags` and `environment` keep their keys, a nested
 * array is converted twice (once as an object, once as an array), and null throws.
 */
export function memoizedKeysToSnakeCase(snakeCase: (name: string) => string): (object: unknown) => unknown {
  const names = new Map<string, string>();
  const snake = (key: string): string => {
    let name = names.get(key);
    if (name === undefined) {
      name = snakeCase(key);
      names.set(key, name);
    }
    return name;
  };
  const convert = (object: unknown): unknown => {
    if (Tokenization.isResolvable(object)) return object;
    if (Array.isArray(object)) return object.map((e: unknown) => (typeof e === 'object' ? convert(e) : e));
    const record = object as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(record)) {
      if (key === 'tags' || key === 'environment') {
        result[key] = record[key];
        continue;
      }
      let value = record[key];
      if (typeof value === 'object') value = convert(value);
      if (Array.isArray(value)) value = value.map((e: unknown) => (typeof e === 'object' ? convert(e) : e));
      result[snake(key)] = value;
    }
    return result;
  };
  return convert;
}

function noStackTrace(): string[] {
  return [];
}

/**
 * The stack's Terraform JSON as cdktf's `toTerraform` builds it (metadata, outputs, every element's
 * fragment, then the stack overrides), with each element resolved once. Resolving the merged tree
 * again, as cdktf does, returns it unchanged: it holds no token any more, and the overrides are
 * plain data (checked by the caller). cdktf's `cloud: undefined` metadata key is left out: the
 * second resolve drops it, and the JSON writer would too.
 */
function resolveOnce(stack: TerraformStack, s: StackInternals, internals: Internals): Record<string, unknown> {
  const { util } = internals;
  const tokens = { resolve: (scope: TerraformStack, value: unknown) => resolvePlainData(value, [], slowResolve(scope, internals)) };
  const elements = elementsOf(stack);
  const overrideKeys = Object.keys(s.rawOverrides);
  const metadata: Record<string, unknown> = {
    version: s.cdktfVersion,
    stackName: stack.node.id,
    backend: 'local', // a backend's own metadata overwrites it
    ...(overrideKeys.length > 0 ? { overrides: { stack: overrideKeys } } : {}),
  };
  for (const element of elements) util.deepMerge(metadata, tokens.resolve(stack, element.toMetadata()));
  const outputs: Record<string, unknown> = {};
  for (const element of elements) {
    if (!TerraformOutput.isTerraformOutput(element)) continue;
    // The output's construct path, as nested keys, leading to its Terraform name.
    const nested = element.node.path
      .split('/')
      .reduceRight<unknown>((inner, part) => ({ [part]: inner }), element.friendlyUniqueId);
    util.deepMerge(outputs, nested);
  }
  const tf: Record<string, unknown> = { '//': { metadata, outputs } };
  for (const element of elements) util.deepMerge(tf, tokens.resolve(stack, element.toTerraform()));
  util.deepMerge(tf, structuredClone(s.rawOverrides));
  return tf;
}

/**
 * The fast path's resolve of one value in `scope` (what it writes for an element's fragment), for
 * the test that compares it with cdktf's on values this app does not produce yet; undefined when
 * cdktf's internals are not the ones the fast path knows.
 */
export function fastResolve(scope: TerraformStack, value: unknown): { readonly value: unknown } | undefined {
  const internals = loadInternals();
  return internals ? { value: resolvePlainData(value, [], slowResolve(scope, internals)) } : undefined;
}

/** cdktf's own resolve of one value at a path (what `tokens.resolve` does at the root, with the path kept). */
type SlowResolve = (value: unknown, path: readonly string[]) => unknown;

/** cdktf's resolver is stateless; the one `cdktf/lib/_tokens` keeps is not exported. */
const TOKEN_RESOLVER = new DefaultTokenResolver(new StringConcat());

function slowResolve(scope: TerraformStack, { resolver }: Internals): SlowResolve {
  return (value, path) => resolver.resolve(value, { scope, preparing: false, resolver: TOKEN_RESOLVER, prefix: [...path] });
}

/**
 * cdktf's NUMBER_TOKEN_REGEX (tokens/private/encoding), without the global flag: a string it
 * matches may hold an encoded number token, and goes to cdktf.
 */
const NUMBER_TOKEN = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;

/**
 * Whether cdktf's resolve could return anything but this string itself: a token marker (string,
 * list or map: each contains `TfToken[`), a possible encoded number, or a map token's placeholder
 * (an error in cdktf). A superset of what cdktf tests, so such strings always take cdktf's path.
 */
function mayResolve(text: string): boolean {
  return text.includes('TfToken[') || NUMBER_TOKEN.test(text) || text === Token.STRING_MAP_TOKEN_VALUE || text === Token.ANY_MAP_TOKEN_VALUE;
}

/** Deeper than this, cdktf takes over (it refuses paths over 200, as a circular reference). */
const PLAIN_DEPTH = 100;

/**
 * What cdktf's resolve returns for `value`, computed without it where the value is plain data:
 * objects and arrays are copied with their undefined members dropped (as cdktf does), strings
 * that cannot hold a token, booleans and null are returned. Everything else is resolved by cdktf
 * at the same path (`path`, the keys from the root): a token or anything with a `resolve` method,
 * a string `mayResolve` flags, every number (cdktf decodes number tokens), an array holding a
 * number or a token string (cdktf resolves such lists as a whole), an object with a key that may
 * resolve, a construct (cdktf's error), functions, dates and other primitives. Within plain data
 * cdktf's contexts carry nothing (their flags are set only by tokens, for their own values), so
 * cdktf resolves the handed-over value exactly as it would have there.
 */
function resolvePlainData(value: unknown, path: string[], slow: SlowResolve): unknown {
  if (value === undefined || value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return mayResolve(value) ? slow(value, path) : value;
  if (typeof value !== 'object' || value instanceof Date || path.length >= PLAIN_DEPTH) return slow(value, path);
  if (Array.isArray(value)) {
    if (value.some((x) => typeof x === 'number' || (typeof x === 'string' && x.includes('TfToken[')))) return slow(value, path);
    return value
      .map((x, i) => {
        path.push(`${i}`);
        const resolved = resolvePlainData(x, path, slow);
        path.pop();
        return resolved;
      })
      .filter((x) => x !== undefined);
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (typeof record.resolve === 'function' || (record._children !== undefined && record._metadata !== undefined) || keys.some(mayResolve)) {
    return slow(value, path);
  }
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    path.push(key);
    const resolved = resolvePlainData(record[key], path, slow);
    path.pop();
    if (resolved !== undefined) result[key] = resolved;
  }
  return result;
}

/** The stack's Terraform elements in construct order, not descending into nested stacks. */
function elementsOf(stack: TerraformStack): TerraformElement[] {
  const found: TerraformElement[] = [];
  const visit = (node: { node: { children: readonly unknown[] } }) => {
    for (const child of node.node.children) {
      if (TerraformStack.isStack(child)) continue;
      if (TerraformElement.isTerraformElement(child)) found.push(child);
      visit(child as { node: { children: readonly unknown[] } });
    }
  };
  if (TerraformElement.isTerraformElement(stack)) found.push(stack);
  visit(stack);
  return found;
}

/**
 * Plain JSON data without a token: what resolving leaves unchanged. Undefined is not plain (cdktf's
 * merge deletes the key, its resolve drops it), nor is anything with a prototype of its own.
 */
function isPlainData(value: unknown): boolean {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'string' || typeof value === 'number') return !Token.isUnresolved(value) && !/TfToken\[/.test(String(value));
  if (Array.isArray(value)) return value.every(isPlainData);
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value as Record<string, unknown>).every(isPlainData);
}
