/**
 * CDK Terrain (cdktn), the community continuation of CDK for Terraform, as `npm run test:cdktn`
 * installs it: which package replaces which, at which exact version, and the Node version it needs.
 * One list for the package.json of the scratch copy, the import rewrite and the README's steps.
 */

export interface PackageSwap {
  /** The package this project depends on. */
  readonly cdktf: string;
  /** The CDK Terrain package that replaces it. */
  readonly cdktn: string;
  /** The exact version installed. */
  readonly version: string;
}

/** Every cdktf package of package.json and its CDK Terrain counterpart. */
export const PACKAGE_SWAPS: readonly PackageSwap[] = [
  { cdktf: 'cdktf', cdktn: 'cdktn', version: '0.24.0' },
  { cdktf: '@cdktf/provider-aws', cdktn: '@cdktn/provider-aws', version: '25.7.0' },
  { cdktf: 'cdktf-cli', cdktn: 'cdktn-cli', version: '0.24.0' },
  { cdktf: '@cdktf/hcl2json', cdktn: '@cdktn/hcl2json', version: '0.24.0' },
];

/** cdktn-cli 0.24.0's `engines.node`. */
export const CDKTN_NODE_ENGINE = '>=22.19.0';

/** The folder of the repository holding the scratch copy's package.json and lockfile. */
export const CDKTN_PACKAGE_DIR = 'cdktn';

type Manifest = Record<string, unknown> & {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  engines?: Record<string, string>;
};

/**
 * The scratch copy's package.json: this project's, with each cdktf package swapped for its CDK
 * Terrain counterpart and the Node engine cdktn-cli needs; everything else as it is. Throws when
 * package.json has a cdktf package the list does not know, or lacks one it does.
 */
export function cdktnManifest(manifest: Manifest): Manifest {
  const swap = (deps: Record<string, string> | undefined): Record<string, string> | undefined => {
    if (!deps) return deps;
    const out: Record<string, string> = {};
    for (const [name, version] of Object.entries(deps)) {
      const s = PACKAGE_SWAPS.find((p) => p.cdktf === name);
      if (s) out[s.cdktn] = s.version;
      else if (isCdktfPackage(name)) throw new Error(`package.json: ${name} has no CDK Terrain counterpart in tools/cdktn/packages.ts`);
      else out[name] = version;
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  };
  const all = { ...manifest.dependencies, ...manifest.devDependencies };
  const missing = PACKAGE_SWAPS.filter((s) => !(s.cdktf in all)).map((s) => s.cdktf);
  if (missing.length > 0) throw new Error(`package.json: no ${missing.join(', ')} to swap (tools/cdktn/packages.ts lists it)`);
  return {
    ...manifest,
    engines: { ...manifest.engines, node: CDKTN_NODE_ENGINE },
    dependencies: swap(manifest.dependencies),
    devDependencies: swap(manifest.devDependencies),
  };
}

/** cdktf, cdktf-cli, or a package of the @cdktf scope. */
export function isCdktfPackage(name: string): boolean {
  return name === 'cdktf' || name === 'cdktf-cli' || name.startsWith('@cdktf/');
}
