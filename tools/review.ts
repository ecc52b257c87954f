/**
 * `npm run review [-- --base <dir> | --base-ref <git ref>] [--out <dir>] [--fail-on weakening]`:
 * writes `<out>/review.md`, the plan-review report of the synthesized output in `<out>` (default
 * `cdktf.out`), and `<out>/review.json` with the same findings, and prints where they are. With a
 * base it also compares: policy documents statement by statement, the security scenarios decided
 * on both sides, and every change that weakens protection. `--fail-on weakening` exits 2 when one
 * does, so a pipeline can stop the pull request.
 */
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readSynthOutput, type SynthOutput } from '../output/synth-output';
import { BaseRefError, synthesizeRef } from './review/base-ref';
import { changeFindings } from './review/changes';
import { diffReviews, type ReviewDiff } from './review/diff';
import { policyDocuments, type PolicyDocumentView } from './review/documents';
import { SynthesizedApp } from '../checks/model';
import { groupFindings, type FindingGroup } from './review/findings';
import { sourceGroups } from './review/groups';
import { buildReviewModel } from './review/model';
import { COMMENT_LIMIT, renderReport } from './review/report';
import { scenarioDelta, type ScenarioDelta } from './review/scenario-delta';
import { failed, reviewProofs, reviewSecurity, type SecurityReview } from './review/security';
import { reviewJson } from './review/json';

export class UsageError extends Error {}

export interface ReviewArgs {
  readonly out: string;
  readonly base?: string;
  readonly baseRef?: string;
  readonly failOn?: 'weakening';
  /** `--help`: print the usage and do nothing else. */
  readonly help?: boolean;
}

const USAGE = 'usage: npm run review -- [--base <earlier cdktf.out> | --base-ref <git ref>] [--out <cdktf.out>] [--fail-on weakening]';

export function parseArgs(argv: readonly string[]): ReviewArgs {
  let out = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  let base: string | undefined;
  let baseRef: string | undefined;
  let failOn: 'weakening' | undefined;
  if (argv.includes('--help')) return { out, help: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (['--base', '--out', '--base-ref', '--fail-on'].includes(flag) && (value === undefined || value.startsWith('--'))) {
      throw new UsageError(`${flag} needs ${flag === '--base-ref' ? 'a git ref' : flag === '--fail-on' ? 'a value (weakening)' : 'a directory'}`);
    }
    if (flag === '--base') base = argv[++i];
    else if (flag === '--out') out = argv[++i];
    else if (flag === '--base-ref') baseRef = argv[++i];
    else if (flag === '--fail-on') {
      const v = argv[++i];
      if (v !== 'weakening') throw new UsageError(`--fail-on ${v}: the only value is weakening`);
      failOn = v;
    } else throw new UsageError(`unknown argument ${flag}; ${USAGE}`);
  }
  if (base !== undefined && baseRef !== undefined) throw new UsageError(`give --base or --base-ref, not both; ${USAGE}`);
  if (failOn && base === undefined && baseRef === undefined) throw new UsageError('--fail-on weakening needs a base to compare with (--base or --base-ref)');
  return { out, base, baseRef, failOn };
}

function requireSynthOutput(dir: string, what: string): void {
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new UsageError(`${what} ${dir} has no manifest.json: ${what === 'output' ? 'run `npm run synth` first' : 'give a folder an earlier synth wrote'}`);
  }
}

export interface ReviewResult {
  readonly file: string;
  readonly jsonFile: string;
  /** Characters of review.md. */
  readonly size: number;
  /** What the report left out to fit one GitHub comment: 0 nothing, 1 passing-scenario tables, 2 long listings too. */
  readonly compact: 0 | 1 | 2;
  /** Changes that weaken protection, and scenarios refused before and allowed now. */
  readonly weakening: number;
}

/** Writes the report and review.json, and returns where, with the count of weakening changes. */
export async function runReview(args: ReviewArgs): Promise<ReviewResult> {
  requireSynthOutput(args.out, 'output');
  const output = readSynthOutput(args.out);
  const current = buildReviewModel(output);
  // One SynthesizedApp and one document list per output, shared by the rule pack, the proofs and the diff.
  const app = new SynthesizedApp(output.stacks);
  const security = await reviewSecurity(output, app);
  const groups = sourceGroups(output, current.stacks);
  const documents = policyDocuments(output, app);
  let compared: Compared | undefined;
  if (args.baseRef) {
    let ref;
    try {
      ref = synthesizeRef(args.baseRef);
    } catch (err) {
      if (err instanceof BaseRefError) throw new UsageError(err.message);
      throw err;
    }
    try {
      compared = await compare(readSynthOutput(ref.dir), `${args.baseRef} (${ref.commit.slice(0, 12)})`, output, current, security, documents);
    } finally {
      ref.cleanup();
    }
  } else if (args.base) {
    requireSynthOutput(args.base, 'base');
    compared = await compare(readSynthOutput(args.base), args.base, output, current, security, documents);
  }
  const diff = compared ? { base: compared.label, changes: compared.changes, findings: compared.groups, scenarios: compared.scenarios } : undefined;
  const options = { source: args.out, diff, security, groups, documents };
  // The whole report if it fits one GitHub comment; else without passing-scenario tables; else without long listings.
  let text = renderReport(current, options);
  let compact: 0 | 1 | 2 = 0;
  while (text.length > COMMENT_LIMIT && compact < 2) {
    compact = (compact + 1) as 1 | 2;
    text = renderReport(current, { ...options, compact });
  }
  const file = path.join(args.out, 'review.md');
  writeFileSync(file, text);
  const jsonFile = path.join(args.out, 'review.json');
  const weakening = compared ? compared.groups.filter((g) => g.effect === 'weakens').length + ('error' in compared.scenarios ? 0 : compared.scenarios.changes.filter((c) => c.opens).length) : 0;
  writeFileSync(jsonFile, `${JSON.stringify(reviewJson({ source: args.out, model: current, groups, security, documents, compared, weakening }), null, 2)}\n`);
  return { file, jsonFile, size: text.length, compact, weakening };
}

/** Writes the report and returns its path. */
export async function writeReview(args: ReviewArgs): Promise<string> {
  return (await runReview(args)).file;
}

export interface Compared {
  readonly label: string;
  readonly changes: ReviewDiff;
  readonly groups: readonly FindingGroup[];
  readonly scenarios: ScenarioDelta | { readonly error: string };
}

async function compare(
  baseOut: SynthOutput,
  label: string,
  output: SynthOutput,
  current: ReturnType<typeof buildReviewModel>,
  security: SecurityReview,
  documents: readonly PolicyDocumentView[],
): Promise<Compared> {
  const base = buildReviewModel(baseOut);
  const changes = diffReviews(base, current);
  const baseApp = new SynthesizedApp(baseOut.stacks);
  const found = changeFindings(baseOut, output, base, current, changes, { base: policyDocuments(baseOut, baseApp), current: documents });
  const accounts = new Map([...base.stacks, ...current.stacks].map((s) => [s.name, s.accountId]));
  const groups = groupFindings(found.findings, (stack) => accounts.get(stack));
  let scenarios: Compared['scenarios'];
  // Only the base's scenarios are compared: its rule pack tally, a sixth of a 10,000-account review, is not read.
  const baseProofs = await reviewProofs(baseOut, baseApp);
  if (failed(baseProofs) || failed(security.proofs)) {
    scenarios = { error: failed(security.proofs) ? `this output: ${security.proofs.error}` : `the base: ${(baseProofs as { error: string }).error}` };
  } else {
    scenarios = await scenarioDelta({
      baseSuites: [...baseProofs.resourcePolicies, ...baseProofs.scp],
      currentSuites: [...security.proofs.resourcePolicies, ...security.proofs.scp],
      baseDocuments: found.baseDocuments,
      currentDocuments: found.currentDocuments,
      newlyExempt: found.newlyExempt,
      breakGlassRoleArn: security.proofs.subjects.breakGlassRoleArn,
    });
  }
  return { label, changes, groups, scenarios };
}

/** The arguments, or the one-line error and exit code 1. */
function parseArgsOrExit(): ReviewArgs {
  try {
    return parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`error: ${err.message}\n`);
    process.exit(1);
  }
}

if (require.main === module) {
  if (parseArgsOrExit().help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  Promise.resolve()
    .then(() => runReview(parseArgs(process.argv.slice(2))))
    .then((result) => {
      process.stdout.write(`${result.file}\n${result.jsonFile}\n`);
      process.stdout.write(`review.md: ${result.size} characters${result.compact > 0 ? ' (listings left out to fit one comment; review.json has them)' : ''}\n`);
      const args = parseArgs(process.argv.slice(2));
      if (args.base || args.baseRef) process.stdout.write(`${result.weakening} change${result.weakening === 1 ? '' : 's'} weaken protection\n`);
      if (args.failOn === 'weakening' && result.weakening > 0) process.exit(2);
    })
    .catch((err: unknown) => {
      if (!(err instanceof UsageError)) throw err;
      process.stderr.write(`error: ${err.message}\n`);
      process.exit(1);
    });
}
