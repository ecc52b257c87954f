/**
 * The fast synth path (checks/fast-synth.ts) on a small app that has every part its resolve
 * handles (stack overrides, nested outputs, data sources, a number token, a stack whose overrides are not plain data),
 * compared byte for byte with cdktf's stock synth; the guard's every fallback, each with its
 * reason; and exactly which tokens a release drops from cdktf's token map.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App, DefaultTokenResolver, Lazy, StringConcat, TerraformOutput, TerraformStack, Token, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import { buildAndSynth, chooseSynthPath, FAST_SYNTH_CDKTF_VERSION, fastResolve, STOCK_SYNTH_ENV, type SynthPath } from '../../../checks/fast-synth';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require('cdktf/package.json') as { name: string; version: string };
const tested = core.name === 'cdktf' && core.version === FAST_SYNTH_CDKTF_VERSION;
const scratch = mkdtempSync(path.join(tmpdir(), 'org-backup-fast-'));

interface TokenMap {
  readonly stringTokenMap: Map<string, unknown>;
  readonly numberTokenMap: Map<number, unknown>;
  readonly tokenCounter: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tokenMap = (require('cdktf/lib/tokens/private/token-map') as { TokenMap: { instance: () => TokenMap } }).TokenMap.instance();

function build(app: App): TerraformStack[] {
  const one = new TerraformStack(app, 'one');
  new AwsProvider(one, 'aws', { region: 'eu-west-1' });
  const me = new DataAwsCallerIdentity(one, 'me');
  const bucket = new S3Bucket(one, 'bucket', { bucket: 'b', tags: { a: 'x' } });
  const group = new Construct(one, 'group');
  new TerraformOutput(group, 'arn', { value: bucket.arn, description: 'the bucket' });
  new TerraformOutput(one, 'account', { value: me.accountId, sensitive: true });
  new TerraformOutput(one, 'number', { value: Token.asNumber(me.accountId) });
  one.addOverride('terraform.required_version', '>= 1.6');
  one.addOverride('terraform.backend.local.path', 'x.tfstate');
  const two = new TerraformStack(app, 'two');
  new AwsProvider(two, 'aws', { region: 'us-east-1', alias: 'us' });
  new S3Bucket(two, 'other', { bucket: 'o', forceDestroy: false });
  const three = new TerraformStack(app, 'three');
  new AwsProvider(three, 'aws', { region: 'eu-west-1' });
  // Not plain data: these stacks keep cdktf's own toTerraform on the fast path.
  const b = new S3Bucket(three, 'b', { bucket: 't' });
  three.addOverride('output.b.value', b.arn);
  const four = new TerraformStack(app, 'four');
  new AwsProvider(four, 'aws', { region: 'eu-west-1' });
  // A resolvable of its own class, with only plain data of its own: its resolve() must be called.
  four.addOverride('terraform.x', new (class Resolvable { readonly value = 'own data'; resolve() { return 'resolved'; } })());
  return [one, two, three, four];
}

function synth(synthPath: SynthPath, name: string): Record<string, string> {
  const outdir = path.join(scratch, name);
  expect(buildAndSynth({ outdir, build, path: synthPath }).path).toBe(synthPath);
  const files: Record<string, string> = {};
  for (const entry of readdirSync(outdir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[path.relative(outdir, path.join(entry.parentPath, entry.name))] = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

(tested ? describe : describe.skip)('the fast path on a small app', () => {
  it('writes byte for byte what the stock path writes', () => {
    const stock = synth('stock', 'stock');
    expect(Object.keys(stock).sort()).toEqual(['manifest.json', 'stacks/four/cdk.tf.json', 'stacks/one/cdk.tf.json', 'stacks/three/cdk.tf.json', 'stacks/two/cdk.tf.json']);
    expect(JSON.parse(stock['stacks/one/cdk.tf.json'])['//'].metadata.overrides).toEqual({ stack: ['terraform'] });
    expect(JSON.parse(stock['stacks/two/cdk.tf.json'])['//'].metadata).not.toHaveProperty('overrides');
    expect(JSON.parse(stock['stacks/four/cdk.tf.json']).terraform.x).toBe('resolved');
    expect(synth('fast', 'fast')).toEqual(stock);
  });

  it('releases exactly the tokens registered while the app was built and written', () => {
    const before = Token.asString({ resolve: () => 'before' });
    const first = tokenMap.tokenCounter;
    // The first token of the run is a number token, the next a string token: both are released.
    let firstOfRun: number[] = [];
    const buildWithTokens = (app: App) => {
      firstOfRun = [Lazy.numberValue({ produce: () => 1 }), Token.asNumber(Lazy.stringValue({ produce: () => 'x' }))];
      return build(app);
    };
    buildAndSynth({ outdir: path.join(scratch, 'release'), build: buildWithTokens, path: 'fast', releaseTokens: true });
    expect(firstOfRun.every((n) => Token.isUnresolved(n))).toBe(true);
    const counter = (key: string) => Number(key.slice(key.lastIndexOf('.') + 1));
    expect([...tokenMap.stringTokenMap.keys()].filter((key) => counter(key) >= first)).toEqual([]);
    expect([...tokenMap.numberTokenMap.keys()].filter((key) => key >= first)).toEqual([]);
    expect(tokenMap.tokenCounter).toBeGreaterThan(first);
    // Tokens registered before the build are kept, the last one included.
    expect([...tokenMap.stringTokenMap.keys()].filter((key) => counter(key) === first - 1)).toHaveLength(1);
    expect(before).toContain('TfToken[');
  });

  it('keeps the tokens without a release, and on the stock path', () => {
    const first = tokenMap.tokenCounter;
    buildAndSynth({ outdir: path.join(scratch, 'kept'), build, path: 'fast' });
    const fastKept = [...tokenMap.stringTokenMap.keys()].filter((key) => Number(key.slice(key.lastIndexOf('.') + 1)) >= first).length;
    expect(fastKept).toBeGreaterThan(0);
    expect([...tokenMap.numberTokenMap.keys()].filter((key) => key >= first).length).toBeGreaterThan(0);
    const second = tokenMap.tokenCounter;
    buildAndSynth({ outdir: path.join(scratch, 'kept-stock'), build, path: 'stock', releaseTokens: true });
    expect([...tokenMap.stringTokenMap.keys()].filter((key) => Number(key.slice(key.lastIndexOf('.') + 1)) >= second).length).toBeGreaterThan(0);
  });
});

(tested ? describe : describe.skip)('the fast path resolve inside a list', () => {
  it("fails as cdktf does, naming the same path, for a function in a list", () => {
    const stack = new TerraformStack(new App({ outdir: path.join(scratch, 'list') }), 'list');
    const value = { a: ['x', { b: [() => 1] }] };
    const stock = () => Tokenization.resolve(value, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
    const message = (run: () => unknown) => {
      try {
        run();
      } catch (err) {
        return (err as Error).message;
      }
      return 'no error';
    };
    expect(message(stock)).toContain('/a/1/b/0');
    expect(message(() => fastResolve(stack, value))).toBe(message(stock));
  });
});

describe('the guard', () => {
  const version = { name: 'cdktf', version: FAST_SYNTH_CDKTF_VERSION };

  it.each(['', '0', 'false'])(`takes the fast path when ${STOCK_SYNTH_ENV} is %j`, (value) => {
    // As without the variable: the fast path wherever the internals are in shape, which they are in
    // cdktf 0.21.0 and in the CDK Terrain copy of npm run test:cdktn, whose imports name cdktn.
    expect(chooseSynthPath({ [STOCK_SYNTH_ENV]: value }, version)).toEqual(chooseSynthPath({}, version));
    expect(chooseSynthPath({ [STOCK_SYNTH_ENV]: value }, version)).toEqual({ path: 'fast', reason: '' });
  });

  it.each(['1', 'true', 'no', ' '])(`takes the stock path when ${STOCK_SYNTH_ENV} is %j, saying so`, (value) => {
    expect(chooseSynthPath({ [STOCK_SYNTH_ENV]: value }, version)).toEqual({ path: 'stock', reason: `${STOCK_SYNTH_ENV}=${value}` });
  });

  it('names what it found when the package is not the one tested', () => {
    const reason = (installed: { name?: string; version?: string }) => chooseSynthPath({}, installed).reason;
    expect(reason({ name: 'cdktf', version: '0.21.1' })).toBe('cdktf 0.21.1 is not cdktf 0.21.0, the version the fast path was tested with');
    expect(reason({ name: 'cdktn', version: '0.21.0' })).toBe('cdktn 0.21.0 is not cdktf 0.21.0, the version the fast path was tested with');
    expect(reason({ version: '0.21.0' })).toBe('cdktf 0.21.0 is not cdktf 0.21.0, the version the fast path was tested with');
    expect(reason({ name: 'cdktf' })).toBe('cdktf (unknown version) is not cdktf 0.21.0, the version the fast path was tested with');
  });

  (tested ? describe : describe.skip)("with cdktf's internals not in the expected shape", () => {
    const internalsReason = `cdktf ${FAST_SYNTH_CDKTF_VERSION}'s internals are not in the shape the fast path expects`;

    it.each(['prepareStack', 'ensureBackendExists', 'toTerraform'])('takes the stock path without TerraformStack.prototype.%s', (method) => {
      const proto = TerraformStack.prototype as unknown as Record<string, unknown>;
      const saved = proto[method];
      delete proto[method];
      try {
        expect(chooseSynthPath({}, version)).toEqual({ path: 'stock', reason: internalsReason });
        expect(buildAndSynth({ outdir: path.join(scratch, `shape-${method}`), build: () => undefined, path: 'fast' }).path).toBe('stock');
      } finally {
        proto[method] = saved;
      }
      expect(chooseSynthPath({}, version)).toEqual({ path: 'fast', reason: '' });
    });

    it.each([
      ['cdktf/lib/tokens/private/stack-trace', 'captureStackTrace'],
      ['cdktf/lib/_tokens', 'resolve'],
      ['cdktf/lib/util', 'deepMerge'],
      ['cdktf/lib/tokens/private/resolve', 'resolve'],
    ])('takes the stock path when %s has no function %s', (file, member) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loaded = require(file) as Record<string, unknown>;
      const saved = Object.getOwnPropertyDescriptor(loaded, member)!;
      Object.defineProperty(loaded, member, { value: 'not a function', configurable: true, writable: true });
      try {
        expect(chooseSynthPath({}, version)).toEqual({ path: 'stock', reason: internalsReason });
      } finally {
        Object.defineProperty(loaded, member, saved);
      }
      expect(chooseSynthPath({}, version)).toEqual({ path: 'fast', reason: '' });
    });
  });
});
