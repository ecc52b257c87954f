/**
 * The gate lets go of the construct tree once the app is written (checks/fast-synth.ts
 * `releaseTokens`, checks/collect-garbage.ts): cdktf's global token map no longer holds the app,
 * so the tree is collected before the rule pack reads the output back; a released token is
 * refused loudly by cdktf if anything resolves it later, never resolved to something else.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App, DefaultTokenResolver, StringConcat, TerraformOutput, TerraformStack, Tokenization } from 'cdktf';
import { collectGarbage } from '../../checks/collect-garbage';
import { buildAndSynth, FAST_SYNTH_CDKTF_VERSION } from '../../checks/fast-synth';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require('cdktf/package.json') as { name: string; version: string };
const scratch = mkdtempSync(path.join(tmpdir(), 'org-backup-release-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes a one-bucket app; returns a weak reference to its stack and the bucket's ARN token. */
function writeApp(name: string, releaseTokens: boolean): { stack: WeakRef<TerraformStack>; arn: string } {
  let arn = '';
  const { built } = buildAndSynth({
    outdir: path.join(scratch, name),
    path: 'fast',
    releaseTokens,
    build: (app) => {
      const stack = new TerraformStack(app, 'release');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      const bucket = new S3Bucket(stack, 'bucket', { bucket: 'b' });
      new TerraformOutput(stack, 'arn', { value: bucket.arn });
      arn = bucket.arn;
      return stack;
    },
  });
  return { stack: new WeakRef(built), arn };
}

const afterCollection = async () => {
  await new Promise((resolve) => setImmediate(resolve)); // weak references clear between jobs
  expect(collectGarbage(0)).toBe(true);
  await new Promise((resolve) => setImmediate(resolve));
};

(core.name === 'cdktf' && core.version === FAST_SYNTH_CDKTF_VERSION ? describe : describe.skip)('releasing the app after synth', () => {
  const resolveAgain = (token: string) => Tokenization.resolve(token, { scope: new TerraformStack(new App({ outdir: path.join(scratch, 'again') }), 'again'), preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });

  it('lets the construct tree be collected once the tokens are released', async () => {
    const { stack } = writeApp('released', true);
    await afterCollection();
    expect(stack.deref()).toBeUndefined();
  });

  it('keeps it while the token map holds the tokens (without the release)', async () => {
    const { stack } = writeApp('kept', false);
    await afterCollection();
    expect(stack.deref()).toBeInstanceOf(TerraformStack);
  });

  it('refuses a released token loudly instead of resolving it', () => {
    const { arn } = writeApp('refused', true);
    expect(arn).toContain('TfToken[');
    expect(() => resolveAgain(arn)).toThrow(/Unrecognized Token Key/);
  });

  it('collects only above the threshold', () => {
    expect(collectGarbage(Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});
