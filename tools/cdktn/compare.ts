/**
 * The output comparison of `npm run test:cdktn`: two synthesized folders (`manifest.json`,
 * `stacks/<stack>/cdk.tf.json`), one written with cdktf and one with CDK Terrain, compared value by
 * value. Only what is expected to differ between the two toolchains is set aside, each occurrence
 * listed so that nothing is set aside unseen:
 *
 * - the version of the CDK that wrote the output (`manifest.json` `version`, each stack's
 *   `//.metadata.version`), which Terraform never reads;
 * - the provider version pin (`terraform.required_providers.<p>.version`): each prebuilt provider
 *   package pins the provider version it was generated from;
 * - the spelling of the provider source (`terraform.required_providers.<p>.source`), only when both
 *   spellings name the same provider: Terraform reads a source without a namespace as
 *   `hashicorp/<type>` and one without a hostname as `registry.terraform.io/...`
 *   (`addrs.ParseProviderSourceString`), so `aws` and `hashicorp/aws` are one provider.
 *
 * JSON files are compared as parsed values (whitespace and key layout are not values); a file whose
 * bytes differ but whose values are equal is counted as a layout difference. Every other difference
 * is a difference.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** What a set-aside difference was. */
export type NormalizedKind = 'cdk version' | 'provider version pin' | 'provider source spelling';

export interface Difference {
  /** The file, relative to the output folder. */
  readonly file: string;
  /** The JSON path inside it (`resource.aws_kms_key.x.policy`), empty for the whole file. */
  readonly at: string;
  /** The value in the cdktf output, as JSON; undefined when missing there. */
  readonly cdktf?: string;
  /** The value in the CDK Terrain output, as JSON; undefined when missing there. */
  readonly cdktn?: string;
}

export interface NormalizedDifference extends Difference {
  readonly kind: NormalizedKind;
}

export interface Comparison {
  /** Files compared. */
  readonly files: number;
  /** Differences set aside, every occurrence. */
  readonly normalized: readonly NormalizedDifference[];
  /** JSON files whose bytes differ while their values are equal (once set-aside values are set aside). */
  readonly layoutOnly: readonly string[];
  /** Every other difference: the outputs are not the same. */
  readonly differences: readonly Difference[];
}

/** The fully qualified provider address Terraform reads a `source` as. */
export function providerAddress(source: string): string {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts[0]}/${parts[1]}`;
  return parts.join('/');
}

/** Which set-aside rule a difference at `at` (path segments) in `file` falls under, if any. */
function normalizedKind(file: string, at: readonly string[], a: unknown, b: unknown): NormalizedKind | undefined {
  const isStack = /^stacks\/[^/]+\/cdk\.tf\.json$/.test(file);
  if (file === 'manifest.json' && at.length === 1 && at[0] === 'version') return 'cdk version';
  if (isStack && at.length === 3 && at[0] === '//' && at[1] === 'metadata' && at[2] === 'version') return 'cdk version';
  if (isStack && at.length === 4 && at[0] === 'terraform' && at[1] === 'required_providers') {
    if (at[3] === 'version' && typeof a === 'string' && typeof b === 'string') return 'provider version pin';
    if (at[3] === 'source' && typeof a === 'string' && typeof b === 'string' && providerAddress(a) === providerAddress(b)) {
      return 'provider source spelling';
    }
  }
  return undefined;
}

const json = (v: unknown): string | undefined => (v === undefined ? undefined : JSON.stringify(v));

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Walks two parsed values in parallel, sorting every leaf difference into set aside or not. */
function compareValues(
  file: string,
  at: string[],
  a: unknown,
  b: unknown,
  normalized: NormalizedDifference[],
  differences: Difference[],
): void {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) compareValues(file, [...at, k], a[k], b[k], normalized, differences);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((v, i) => compareValues(file, [...at, String(i)], v, b[i], normalized, differences));
    return;
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const d = { file, at: at.join('.'), cdktf: json(a), cdktn: json(b) };
  const kind = normalizedKind(file, at, a, b);
  if (kind) normalized.push({ ...d, kind });
  else differences.push(d);
}

/** Every file under a folder (following a link to it), relative with `/`, sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else out.push(r);
    }
  };
  if (existsSync(dir)) walk('');
  return out;
}

/** Compares the synthesized folder written with cdktf with the one written with CDK Terrain. */
export function compareOutputs(cdktfDir: string, cdktnDir: string): Comparison {
  const left = filesUnder(cdktfDir);
  const right = filesUnder(cdktnDir);
  const normalized: NormalizedDifference[] = [];
  const differences: Difference[] = [];
  const layoutOnly: string[] = [];
  for (const file of [...new Set([...left, ...right])].sort()) {
    if (!left.includes(file)) {
      differences.push({ file, at: '', cdktn: '(file)' });
      continue;
    }
    if (!right.includes(file)) {
      differences.push({ file, at: '', cdktf: '(file)' });
      continue;
    }
    const a = readFileSync(path.join(cdktfDir, file));
    const b = readFileSync(path.join(cdktnDir, file));
    if (a.equals(b)) continue;
    if (!file.endsWith('.json')) {
      differences.push({ file, at: '', cdktf: `(${a.length} bytes)`, cdktn: `(${b.length} bytes)` });
      continue;
    }
    const before = differences.length;
    const setAside = normalized.length;
    compareValues(file, [], JSON.parse(a.toString('utf8')), JSON.parse(b.toString('utf8')), normalized, differences);
    // Equal values (once set aside) in different bytes: the JSON is laid out differently.
    if (differences.length === before && !sameAfterSettingAside(a, b, normalized.slice(setAside))) layoutOnly.push(file);
  }
  return { files: new Set([...left, ...right]).size, normalized, layoutOnly, differences };
}

/**
 * Whether the two files are byte for byte the same once each set-aside value of the cdktf side is
 * written in as the CDK Terrain value: if not, their layout differs too.
 */
function sameAfterSettingAside(a: Buffer, b: Buffer, set: readonly NormalizedDifference[]): boolean {
  let text = a.toString('utf8');
  for (const n of set) if (n.cdktf !== undefined && n.cdktn !== undefined) text = text.split(n.cdktf).join(n.cdktn);
  return text === b.toString('utf8');
}

/** The set-aside differences, one line per distinct change, with where it occurs. */
export function summarizeNormalized(normalized: readonly NormalizedDifference[]): string[] {
  const groups = new Map<string, string[]>();
  for (const n of normalized) {
    const at = n.at.replace(/^terraform\.required_providers\.([^.]+)\./, 'terraform.required_providers.$1.');
    const key = `${n.kind}: ${at} ${n.cdktf} -> ${n.cdktn}`;
    groups.set(key, [...(groups.get(key) ?? []), n.file]);
  }
  return [...groups].map(([key, files]) => `${key} (${files.length} file${files.length === 1 ? '' : 's'})`);
}

/** One line per difference that is not set aside. */
export function describeDifference(d: Difference): string {
  const side = (v: string | undefined) => (v === undefined ? '(missing)' : v.length > 200 ? `${v.slice(0, 200)}...` : v);
  return `${d.file}${d.at ? ` ${d.at}` : ''}: cdktf ${side(d.cdktf)}, cdktn ${side(d.cdktn)}`;
}
