/**
 * The CDK CLI's entry script, to run with this Node as a user's `cdktf synth` runs: the `bin` of
 * cdktf-cli's package.json, so that the same tests run `cdktn` under `npm run test:cdktn`, where the
 * import below names cdktn-cli, whose script has another name and folder.
 */
import * as path from 'node:path';

export function cdkCliScript(): string {
  const manifestPath = require.resolve('cdktf-cli/package.json');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { bin } = require(manifestPath) as { bin: string | Record<string, string> };
  const script = typeof bin === 'string' ? bin : Object.values(bin)[0];
  return path.join(path.dirname(manifestPath), script);
}
