/**
 * `npm run review [-- --base <dir>] [--out <dir>]`: writes `<out>/review.md`, the plan-review report
 * of the synthesized output in `<out>` (default `cdktf.out`), and prints where it is. With `--base`,
 * it also compares with an earlier synthesized output. The report's Security section runs the
 * security rule pack and evaluates the security properties over the output (tools/review/security.ts).
 */
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readSynthOutput } from '../output/synth-output';
import { diffReviews } from './review/diff';
import { buildReviewModel } from './review/model';
import { renderReport } from './review/report';
import { reviewSecurity } from './review/security';

export class UsageError extends Error {}

export interface ReviewArgs {
  readonly out: string;
  readonly base?: string;
}

export function parseArgs(argv: readonly string[]): ReviewArgs {
  let out = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  let base: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if ((argv[i] === '--base' || argv[i] === '--out') && (value === undefined || value.startsWith('--'))) {
      throw new UsageError(`${argv[i]} needs a directory`);
    }
    if (argv[i] === '--base') base = argv[++i];
    else if (argv[i] === '--out') out = argv[++i];
    else throw new UsageError(`unknown argument ${argv[i]}; usage: npm run review -- [--base <earlier cdktf.out>] [--out <cdktf.out>]`);
  }
  return { out, base };
}

function requireSynthOutput(dir: string, what: string): void {
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new UsageError(`${what} ${dir} has no manifest.json: ${what === 'output' ? 'run `npm run synth` first' : 'give a folder an earlier synth wrote'}`);
  }
}

/** Writes the report and returns its path. */
export async function writeReview(args: ReviewArgs): Promise<string> {
  requireSynthOutput(args.out, 'output');
  const output = readSynthOutput(args.out);
  const current = buildReviewModel(output);
  const security = await reviewSecurity(output);
  let diff;
  if (args.base) {
    requireSynthOutput(args.base, 'base');
    diff = { base: args.base, changes: diffReviews(buildReviewModel(readSynthOutput(args.base)), current) };
  }
  const file = path.join(args.out, 'review.md');
  writeFileSync(file, renderReport(current, { source: args.out, diff, security }));
  return file;
}

if (require.main === module) {
  Promise.resolve()
    .then(() => writeReview(parseArgs(process.argv.slice(2))))
    .then((file) => process.stdout.write(`${file}\n`))
    .catch((err: unknown) => {
      if (!(err instanceof UsageError)) throw err;
      process.stderr.write(`error: ${err.message}\n`);
      process.exit(1);
    });
}
