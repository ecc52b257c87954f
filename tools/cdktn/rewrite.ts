/**
 * The import rewrite of `npm run test:cdktn`: in a copy of the sources, every module specifier naming
 * a cdktf package (`from 'cdktf'`, `require('cdktf/lib/...')`, `@cdktf/provider-aws/lib/...`) is
 * changed to its CDK Terrain package, as a project moving to CDK Terrain changes its imports. Only
 * specifiers are touched (import, export ... from, dynamic import, require, require.resolve,
 * jest.mock), never other strings: `pkg.name !== 'cdktf'` in the fast-path guard must stay as it is.
 */
import { isCdktfPackage, PACKAGE_SWAPS } from './packages';

/** A module specifier in one of the positions a module is named in TypeScript and CommonJS. */
const SPECIFIER = /(\bfrom\s+|\bimport\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|\brequire\.resolve\s*\(\s*|\bjest\.mock\s*\(\s*)(['"])([^'"\n]+)\2/g;

export interface RewriteResult {
  readonly text: string;
  /** How many specifiers were changed. */
  readonly changed: number;
  /** Specifiers of a cdktf package without a CDK Terrain counterpart: the copy would still need cdktf. */
  readonly unmapped: readonly string[];
}

/** The package a specifier names: `@scope/name` or `name`, without a path inside it. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The source text with every cdktf module specifier changed to its CDK Terrain package. */
export function rewriteImports(text: string): RewriteResult {
  let changed = 0;
  const unmapped: string[] = [];
  const out = text.replace(SPECIFIER, (whole, lead: string, quote: string, specifier: string) => {
    const pkg = packageOf(specifier);
    if (!isCdktfPackage(pkg)) return whole;
    const swap = PACKAGE_SWAPS.find((s) => s.cdktf === pkg);
    if (!swap) {
      unmapped.push(specifier);
      return whole;
    }
    changed++;
    return `${lead}${quote}${swap.cdktn}${specifier.slice(pkg.length)}${quote}`;
  });
  return { text: out, changed, unmapped };
}

/** The source files the rewrite applies to. */
export function isSourceFile(file: string): boolean {
  return /\.(ts|mts|cts|js|mjs|cjs)$/.test(file);
}
