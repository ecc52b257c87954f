/**
 * `npm run bench`: how synth scales with the organization.
 *
 * For each size it generates a valid organization (JSON fed through BACKUP_CONFIG), then runs,
 * alternately and each into an empty folder:
 * - ours: the command of `npm run synth` (read from package.json), as a child process;
 * - stock: the same with ORG_BACKUP_STOCK_SYNTH=1, cdktf's own app.synth() (unless --skip-stock);
 * - naive: the same app with provider root imports, run by ts-node through `cdktf synth`;
 * - with --with-cli, ours through `cdktf synth` too (the path of `cdktf deploy`).
 * It checks that every variant wrote the same bytes, prints a table and the targets, and writes
 * bench/results.json (or --out). Last, unless --skip-profile, one more run of `npm run synth` on
 * the largest organization under `node --cpu-prof` says where the time goes. For sizes of 1,000
 * accounts and more it also times `npm run plan-matrix`, `npm run review` and the review against a base on the output, and at
 * 1,000 counts the jobs `plan-matrix --changed-since` plans for three changes (an account added, a
 * rule changed, the vault lock changed) against a full plan. Flags: --sizes 10,100,1000 (10000 too,
 * on demand) --runs 5 --naive-runs 3 --skip-naive --skip-stock --with-cli --skip-profile --settle 1
 * (seconds of pause before each run) --out FILE.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { validateConfig } from '../envs/load';
import { STOCK_SYNTH_ENV } from '../checks/fast-synth';
import { changedPlanMatrixOf, planMatrixOf } from '../tools/plan-matrix';
import { hasGnuTime, measure, type Measurement } from './measure';
import { writeNaiveCopy } from './naive';
import { generateOrganization } from './org';
import { summarizeOutput, type OutputSummary } from './output';
import { formatProfile, summarizeProfile, type ProfileSummary } from './profile';
import { PROJECT_ROOT } from '../tools/project-root';

const ROOT = PROJECT_ROOT;
const WORK = path.join(ROOT, 'bench', 'work');
const OUT = path.join(WORK, 'out');
const CDKTF_CLI = path.join(ROOT, 'node_modules', '.bin', 'cdktf');

/** The targets of this machine (2 cores), checked at the end of a run. */
const TARGETS = {
  wallSeconds1000: 2,
  peakRssMB1000: 300,
  wallSeconds10000: 25,
  peakRssMB10000: 1000,
  growth10000over1000: 11,
  commandSeconds10000: 30,
  naiveSpeedup: 3,
  growth1000over100: 10,
  maxSourceStackResources: 30,
};

type VariantName = 'ours' | 'stock' | 'naive' | 'cli';

interface Variant {
  readonly name: VariantName;
  readonly label: string;
  readonly cwd: string;
  command(outdir: string): string;
  env(outdir: string): Record<string, string>;
}

interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number[];
}

interface VariantResult {
  readonly command: string;
  readonly wallSeconds: Stats;
  readonly peakRssMB: Stats;
  readonly treeRssMB: Stats;
}

interface SizeResult {
  readonly accounts: number;
  readonly regions: number;
  readonly policies: number;
  readonly output: OutputSummary;
  readonly variants: Partial<Record<VariantName, VariantResult>>;
  /** naive / ours, medians. */
  readonly naiveOverOurs?: { readonly wall: number; readonly peakRss: number; readonly treeRss: number };
  /** stock / ours, medians: what the fast synth path saves. */
  readonly stockOverOurs?: { readonly wall: number; readonly peakRss: number };
  /** At 1,000 accounts and more: the commands that read the output, wall seconds of one run. */
  readonly commands?: {
    readonly planMatrixSeconds: number;
    readonly reviewSeconds: number;
    readonly reviewStatus: number | null;
    /** `npm run review -- --base <the same output>`: the comparison a pull request runs, with nothing changed. */
    readonly reviewAgainstBaseSeconds: number;
    readonly reviewAgainstBaseStatus: number | null;
  };
  /** At 1,000 accounts: jobs of a full plan and of `--changed-since` for three changes. */
  readonly changedOnly?: { readonly fullJobs: number; readonly fullStacks: number; readonly cases: { readonly change: string; readonly jobs: number; readonly stacks: string[] }[] };
}

interface Options {
  readonly sizes: number[];
  readonly runs: number;
  readonly naiveRuns: number;
  readonly naive: boolean;
  readonly stock: boolean;
  readonly cli: boolean;
  readonly profile: boolean;
  readonly settleSeconds: number;
  readonly out: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '10,100,1000' },
      runs: { type: 'string', default: '5' },
      'naive-runs': { type: 'string', default: '3' },
      'skip-naive': { type: 'boolean', default: false },
      'skip-stock': { type: 'boolean', default: false },
      'with-cli': { type: 'boolean', default: false },
      'skip-profile': { type: 'boolean', default: false },
      settle: { type: 'string', default: '1' },
      out: { type: 'string', default: path.join('bench', 'results.json') },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: npm run bench -- [--sizes 10,100,1000] [--runs 5] [--naive-runs 3] [--skip-naive] [--skip-stock] [--with-cli] [--skip-profile] [--settle 1] [--out bench/results.json]\n',
    );
    process.exit(0);
  }
  const positive = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name}: expected a positive integer, given "${text}"`);
    return n;
  };
  const nonNegative = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name}: expected a number of seconds, given "${text}"`);
    return n;
  };
  return {
    sizes: values.sizes.split(',').map((s) => positive('sizes', s.trim())),
    runs: positive('runs', values.runs),
    naiveRuns: positive('naive-runs', values['naive-runs']),
    naive: !values['skip-naive'],
    stock: !values['skip-stock'],
    cli: values['with-cli'],
    profile: !values['skip-profile'],
    settleSeconds: nonNegative('settle', values.settle),
    out: path.resolve(ROOT, values.out),
  };
}

class UsageError extends Error {}

function variants(options: Options): Variant[] {
  const synthScript = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.synth as string;
  const base = (outdir: string) => ({ CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' });
  const list: Variant[] = [
    { name: 'ours', label: 'npm run synth', cwd: ROOT, command: () => synthScript, env: base },
  ];
  if (options.stock) {
    list.push({
      name: 'stock',
      label: `npm run synth, ${STOCK_SYNTH_ENV}=1 (cdktf's stock app.synth())`,
      cwd: ROOT,
      command: () => synthScript,
      env: (outdir) => ({ ...base(outdir), [STOCK_SYNTH_ENV]: '1' }),
    });
  }
  if (options.naive) {
    list.push({
      name: 'naive',
      label: 'naive (root import, ts-node, cdktf synth)',
      cwd: path.join(WORK, 'naive'),
      command: (outdir) => `"${CDKTF_CLI}" synth --output "${outdir}"`,
      env: base,
    });
  }
  if (options.cli) {
    list.push({
      name: 'cli',
      label: 'cdktf synth (our app through the CLI)',
      cwd: ROOT,
      command: (outdir) => `"${CDKTF_CLI}" synth --output "${outdir}"`,
      env: base,
    });
  }
  return list;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: values };
}

const MB = (kib: number) => (kib * 1024) / 1e6;

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

/**
 * One run into a new, empty folder. Folders are not deleted between runs: the kernel's deferred
 * work after deleting a thousand files was measured to add 0.3 to 0.5 s of system time to the
 * next run, so all outputs are deleted together at the end. For the same reason, the previous
 * run's written data is flushed (`sync`) before each run, so that no run pays for another's.
 */
async function runOnce(
  variant: Variant,
  configFile: string,
  outdir: string,
  settleMs: number,
): Promise<{ m: Measurement; summary: OutputSummary }> {
  mkdirSync(path.dirname(outdir), { recursive: true });
  spawnSync('sync');
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...variant.env(outdir),
    BACKUP_CONFIG: configFile,
    PATH: `${path.join(ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
  };
  delete env.BACKUP_ENV;
  const m = await measure(variant.command(outdir), { cwd: variant.cwd, env, logFile: `${outdir}.log` });
  return { m, summary: summarizeOutput(outdir) };
}

async function benchSize(accounts: number, options: Options, list: Variant[], label = ''): Promise<SizeResult> {
  const input = generateOrganization(accounts);
  const config = validateConfig(input, `generated organization of ${accounts} accounts`);
  const configFile = path.join(WORK, `org-${accounts}.json`);
  writeFileSync(configFile, `${JSON.stringify(input, null, 2)}\n`);

  const measured = new Map<VariantName, Measurement[]>(list.map((v) => [v.name, []]));
  let reference: OutputSummary | undefined;
  const rounds = Math.max(options.runs, list.some((v) => v.name === 'naive' || v.name === 'cli') ? options.naiveRuns : 0);
  for (let round = 1; round <= rounds; round++) {
    for (const variant of list) {
      const wanted = variant.name === 'ours' || variant.name === 'stock' ? options.runs : options.naiveRuns;
      if (round > wanted) continue;
      const outdir = path.join(OUT, `${label}${variant.name}-${accounts}-${round}`);
      const { m, summary } = await runOnce(variant, configFile, outdir, options.settleSeconds * 1000);
      if (!reference) reference = summary;
      if (summary.digest !== reference.digest) {
        throw new Error(`${variant.label} wrote different output for ${accounts} accounts (run ${round}); see ${outdir}`);
      }
      measured.get(variant.name)?.push(m);
      progress(
        `  ${String(accounts).padStart(5)} accounts  ${variant.name.padEnd(5)} run ${round}/${wanted}: ` +
          `${(m.wallMs / 1000).toFixed(2)} s, peak ${MB(m.peakRssKiB).toFixed(0)} MB, tree ${MB(m.treeRssKiB).toFixed(0)} MB`,
      );
    }
  }

  const variantsResult: Partial<Record<VariantName, VariantResult>> = {};
  for (const variant of list) {
    const runs = measured.get(variant.name) ?? [];
    variantsResult[variant.name] = {
      command: variant.command('<outdir>'),
      wallSeconds: stats(runs.map((m) => m.wallMs / 1000)),
      peakRssMB: stats(runs.map((m) => MB(m.peakRssKiB))),
      treeRssMB: stats(runs.map((m) => MB(m.treeRssKiB))),
    };
  }
  const ours = variantsResult.ours as VariantResult;
  const naive = variantsResult.naive;
  const stock = variantsResult.stock;
  const kept = path.join(OUT, `${label}ours-${accounts}-1`);
  return {
    stockOverOurs: stock && { wall: stock.wallSeconds.median / ours.wallSeconds.median, peakRss: stock.peakRssMB.median / ours.peakRssMB.median },
    commands: accounts >= 1000 && !label ? await timeCommands(kept) : undefined,
    changedOnly: accounts === 1000 && !label ? await changedOnly(kept, input, options) : undefined,
    accounts,
    regions: config.regions.length,
    policies: config.policies.length,
    output: reference as OutputSummary,
    variants: variantsResult,
    naiveOverOurs: naive && {
      wall: naive.wallSeconds.median / ours.wallSeconds.median,
      peakRss: naive.peakRssMB.median / ours.peakRssMB.median,
      treeRss: naive.treeRssMB.median / ours.treeRssMB.median,
    },
  };
}

/** One timed run each of `npm run plan-matrix`, `npm run review` and the review against a base, on a synthesized folder. */
async function timeCommands(outdir: string): Promise<SizeResult['commands']> {
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', CDKTF_OUTDIR: outdir };
  const matrix = await measure(`npm run -s plan-matrix -- "${outdir}" --out "${outdir}.matrix.json"`, { cwd: ROOT, env, logFile: `${outdir}.plan-matrix.log` });
  // A failed review is reported with its time, not allowed to end the benchmark.
  const timeReview = async (args: string, log: string): Promise<{ seconds: number; status: number | null }> => {
    const started = Date.now();
    let status: number | null = 0;
    try {
      await measure(`npm run -s review -- ${args}`, { cwd: ROOT, env, logFile: `${outdir}.${log}.log` });
    } catch (err) {
      progress(`  review ${args} failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      status = 1;
    }
    return { seconds: (Date.now() - started) / 1000, status };
  };
  const review = await timeReview(`--out "${outdir}"`, 'review');
  // The pull-request case: the same output as its own base, so every comparison runs and finds nothing.
  const againstBase = await timeReview(`--out "${outdir}" --base "${outdir}"`, 'review-base');
  progress(`  plan-matrix ${(matrix.wallMs / 1000).toFixed(2)} s, review ${review.seconds.toFixed(2)} s, review --base ${againstBase.seconds.toFixed(2)} s`);
  return {
    planMatrixSeconds: matrix.wallMs / 1000,
    reviewSeconds: review.seconds,
    reviewStatus: review.status,
    reviewAgainstBaseSeconds: againstBase.seconds,
    reviewAgainstBaseStatus: againstBase.status,
  };
}

/** The changes of the change-detection test, each synthesized once: the jobs a pull request plans. */
async function changedOnly(baseDir: string, input: ReturnType<typeof generateOrganization>, options: Options): Promise<SizeResult['changedOnly']> {
  const full = planMatrixOf(baseDir);
  const accounts = input.sourceAccounts.length;
  const edited = (edit: (org: any) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const org = structuredClone(input);
    edit(org);
    return org;
  };
  const changes: [string, ReturnType<typeof generateOrganization>][] = [
    ['one account added', generateOrganization(accounts + 1)],
    ['one rule changed', edited((org) => void (org.policies[0].rules[0].lifecycle.deleteAfterDays += 1))],
    ['central vault lock changed', edited((org) => void (org.backupAccount.vaultLock.maxRetentionDays -= 1))],
  ];
  const ours = variants({ ...options, naive: false, stock: false, cli: false })[0];
  const cases = [];
  for (const [change, org] of changes) {
    const configFile = path.join(WORK, `org-${accounts}-${change.replace(/\W+/g, '-')}.json`);
    writeFileSync(configFile, JSON.stringify(org));
    const outdir = path.join(OUT, `changed-${accounts}-${change.replace(/\W+/g, '-')}`);
    await runOnce(ours, configFile, outdir, 0);
    const matrix = changedPlanMatrixOf(outdir, baseDir);
    cases.push({ change, jobs: matrix.jobs.length, stacks: matrix.jobs.flatMap((j) => j.stacks) });
    progress(`  --changed-since, ${change}: ${matrix.jobs.length} jobs (${cases[cases.length - 1].stacks.join(', ')})`);
  }
  return { fullJobs: full.jobs.length, fullStacks: full.waves.flat().length, cases };
}

const seconds = (s: Stats) => `${s.median.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
const megabytes = (s: Stats) => `${s.median.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;

function table(results: SizeResult[], list: Variant[]): string {
  const header = ['accounts', 'stacks', 'largest stack', 'output', 'synth s', 'synth MB'];
  if (list.some((v) => v.name === 'stock')) header.push('stock s', 'stock MB', 'stock/ours s');
  if (list.some((v) => v.name === 'naive')) header.push('naive s', 'naive MB', 'naive/ours s', 'naive/ours MB');
  if (list.some((v) => v.name === 'cli')) header.push('cdktf synth s', 'cdktf synth MB');
  const rows = results.map((r) => {
    const row = [
      String(r.accounts),
      String(r.output.stacks),
      `${r.output.largestStack.resources} (${r.output.largestStack.name})`,
      `${(r.output.bytes / 1e6).toFixed(1)} MB / ${r.output.files} files`,
      seconds(r.variants.ours!.wallSeconds),
      megabytes(r.variants.ours!.peakRssMB),
    ];
    if (list.some((v) => v.name === 'stock')) {
      row.push(
        r.variants.stock ? seconds(r.variants.stock.wallSeconds) : '',
        r.variants.stock ? megabytes(r.variants.stock.peakRssMB) : '',
        r.stockOverOurs ? `${r.stockOverOurs.wall.toFixed(2)}x` : '',
      );
    }
    if (r.variants.naive && r.naiveOverOurs) {
      row.push(
        seconds(r.variants.naive.wallSeconds),
        megabytes(r.variants.naive.peakRssMB),
        `${r.naiveOverOurs.wall.toFixed(1)}x`,
        `${r.naiveOverOurs.peakRss.toFixed(1)}x`,
      );
    }
    if (r.variants.cli) row.push(seconds(r.variants.cli.wallSeconds), megabytes(r.variants.cli.peakRssMB));
    return row;
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

function checkTargets(results: SizeResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const at = (n: number) => results.find((r) => r.accounts === n);
  const big = at(1000);
  if (big) {
    const ours = big.variants.ours!;
    checks.push({
      target: `1,000 accounts: npm run synth median wall <= ${TARGETS.wallSeconds1000} s`,
      measured: `${ours.wallSeconds.median.toFixed(2)} s`,
      met: ours.wallSeconds.median <= TARGETS.wallSeconds1000,
    });
    checks.push({
      target: `1,000 accounts: npm run synth median peak RSS <= ${TARGETS.peakRssMB1000} MB`,
      measured: `${ours.peakRssMB.median.toFixed(0)} MB`,
      met: ours.peakRssMB.median <= TARGETS.peakRssMB1000,
    });
    if (big.stockOverOurs) {
      checks.push({
        target: '1,000 accounts: the fast synth path against stock app.synth() (interleaved, medians)',
        measured: `stock/ours ${big.stockOverOurs.wall.toFixed(2)}x wall, ${big.stockOverOurs.peakRss.toFixed(2)}x peak RSS`,
        met: big.stockOverOurs.wall > 1,
      });
    }
    if (big.naiveOverOurs) {
      checks.push({
        target: `1,000 accounts: at least ${TARGETS.naiveSpeedup}x faster than naive`,
        measured: `${big.naiveOverOurs.wall.toFixed(1)}x`,
        met: big.naiveOverOurs.wall >= TARGETS.naiveSpeedup,
      });
    }
  }
  const tenThousand = at(10000);
  if (tenThousand) {
    const ours = tenThousand.variants.ours!;
    checks.push({
      target: `10,000 accounts: npm run synth median wall <= ${TARGETS.wallSeconds10000} s`,
      measured: `${ours.wallSeconds.median.toFixed(2)} s`,
      met: ours.wallSeconds.median <= TARGETS.wallSeconds10000,
    });
    checks.push({
      target: `10,000 accounts: npm run synth median peak RSS <= ${TARGETS.peakRssMB10000} MB`,
      measured: `${ours.peakRssMB.median.toFixed(0)} MB`,
      met: ours.peakRssMB.median <= TARGETS.peakRssMB10000,
    });
    if (big) {
      const growth = ours.wallSeconds.median / big.variants.ours!.wallSeconds.median;
      checks.push({ target: `growth: time(10,000) / time(1,000) <= ${TARGETS.growth10000over1000}`, measured: growth.toFixed(1), met: growth <= TARGETS.growth10000over1000 });
    }
    const commands = tenThousand.commands;
    if (commands) {
      checks.push({
        target: `10,000 accounts: npm run plan-matrix <= ${TARGETS.commandSeconds10000} s`,
        measured: `${commands.planMatrixSeconds.toFixed(2)} s`,
        met: commands.planMatrixSeconds <= TARGETS.commandSeconds10000,
      });
      checks.push({
        target: `10,000 accounts: npm run review <= ${TARGETS.commandSeconds10000} s`,
        measured: `${commands.reviewSeconds.toFixed(2)} s${commands.reviewStatus ? ' (it reported an error: see the log)' : ''}`,
        met: commands.reviewSeconds <= TARGETS.commandSeconds10000 && commands.reviewStatus === 0,
      });
      checks.push({
        target: `10,000 accounts: npm run review -- --base <the same output> <= ${TARGETS.commandSeconds10000} s`,
        measured: `${commands.reviewAgainstBaseSeconds.toFixed(2)} s${commands.reviewAgainstBaseStatus ? ' (it reported an error: see the log)' : ''}`,
        met: commands.reviewAgainstBaseSeconds <= TARGETS.commandSeconds10000 && commands.reviewAgainstBaseStatus === 0,
      });
    }
  }
  const changed = big?.changedOnly;
  if (changed) {
    const expected: Record<string, string[]> = {
      // backup-account too: its policy_covered_accounts output (read by the reach preconditions) lists the account.
      'one account added': ['backup-account', 'management', 'source-account-01000'],
      'one rule changed': ['management'],
      'central vault lock changed': ['backup-account'],
    };
    for (const c of changed.cases) {
      checks.push({
        target: `1,000 accounts, ${c.change}: --changed-since plans ${expected[c.change].join(' and ')} (full plan: ${changed.fullJobs} jobs)`,
        measured: `${c.jobs} jobs: ${c.stacks.join(', ')}`,
        met: [...c.stacks].sort().join() === expected[c.change].join(),
      });
    }
  }
  const hundred = at(100);
  if (big && hundred) {
    const growth = big.variants.ours!.wallSeconds.median / hundred.variants.ours!.wallSeconds.median;
    checks.push({
      target: `growth: time(1,000) / time(100) <= ${TARGETS.growth1000over100}`,
      measured: growth.toFixed(1),
      met: growth <= TARGETS.growth1000over100,
    });
  }
  const largestSource = Math.max(...results.map((r) => r.output.largestSourceStack.resources));
  checks.push({
    target: `no source stack over ${TARGETS.maxSourceStackResources} resources`,
    measured: `largest: ${largestSource}`,
    met: largestSource <= TARGETS.maxSourceStackResources,
  });
  const management = [...new Set(results.map((r) => r.output.managementResources))];
  checks.push({
    target: 'management stack resources independent of the account count (root/OU targets)',
    measured: results.map((r) => `${r.accounts}: ${r.output.managementResources}`).join(', '),
    met: management.length === 1,
  });
  return checks;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const list = variants(options);
  mkdirSync(WORK, { recursive: true });
  rmSync(OUT, { recursive: true, force: true });
  if (options.naive) {
    const files = writeNaiveCopy(ROOT, path.join(WORK, 'naive'));
    progress(`naive copy: ${files} files rewritten to import the provider package root, in ${path.relative(ROOT, WORK)}/naive`);
  }
  const cpus = os.cpus();
  const machine = {
    cores: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memoryGB: Number((os.totalmem() / 1e9).toFixed(1)),
    platform: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
  progress(
    `machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGB} GB, node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}`,
  );
  progress(`sizes ${options.sizes.join(', ')}; runs: ours ${options.runs}, others ${options.naiveRuns}; peak RSS by ${hasGnuTime() ? 'GNU time' : 'polling /proc'}`);

  // One untimed run of each variant on the smallest organization: file caches, first-run effects.
  const smallest = Math.min(...options.sizes);
  progress(`warm-up (${smallest} accounts, not counted)`);
  await benchSize(smallest, { ...options, runs: 1, naiveRuns: 1 }, list, 'warmup-');

  const started = Date.now();
  const results: SizeResult[] = [];
  for (const accounts of options.sizes) {
    progress(`${accounts} accounts x 2 regions:`);
    results.push(await benchSize(accounts, options, list));
  }

  const printed = table(results, list);
  const checks = checkTargets(results);
  const loadAtEnd = os.loadavg().map((l) => Number(l.toFixed(2)));
  process.stdout.write(
    `\nsynth of generated organizations, ${BENCH_DESCRIPTION}; ${machine.cores}-core machine (${machine.cpu}), node ${machine.node}\n` +
      `wall seconds and peak RSS in MB (10^6 bytes, largest process${hasGnuTime() ? ', GNU time' : ', polled /proc VmHWM'}): median (min–max) of ${options.runs} runs` +
      (options.naive || options.cli ? `, ${options.naiveRuns} for the others` : '') +
      `; load average ${machine.loadAverageAtStart[0]} at start, ${loadAtEnd[0]} at end\n\n` +
      `${printed}\n\n` +
      checks.map((c) => `${c.met ? 'met   ' : 'MISSED'}  ${c.target}: ${c.measured}`).join('\n') +
      '\n',
  );
  for (const variant of list) progress(`${variant.name}: ${variant.label}: ${variant.command('<outdir>')}`);
  const report = {
    date: new Date().toISOString(),
    machine: { ...machine, loadAverageAtEnd: loadAtEnd },
    rssMethod: hasGnuTime() ? 'GNU time ru_maxrss (largest process); tree: VmRSS summed over the process tree, polled every 25 ms' : 'polled /proc VmHWM (largest process) and VmRSS summed over the process tree, every 25 ms',
    options: {
      sizes: options.sizes,
      runs: options.runs,
      naiveRuns: options.naiveRuns,
      naive: options.naive,
      stock: options.stock,
      cli: options.cli,
      profile: options.profile,
      settleSeconds: options.settleSeconds,
    },
    variants: Object.fromEntries(list.map((v) => [v.name, { label: v.label, command: v.command('<outdir>') }])),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    table: printed,
    targets: checks,
    results,
    profile: undefined as (ProfileSummary & { accounts: number }) | undefined,
  };
  if (options.profile) {
    const accounts = Math.max(...options.sizes);
    progress(`profiling npm run synth on ${accounts} accounts (node --cpu-prof, not timed)`);
    const summary = await profileSynth(list[0], accounts);
    report.profile = { accounts, ...summary };
    process.stdout.write(`\n${accounts} accounts, ${formatProfile(summary)}\n`);
  }
  writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
  rmSync(OUT, { recursive: true, force: true });
  progress(`wrote ${path.relative(ROOT, options.out)} (${report.durationSeconds} s of measurement after the warm-up)`);
}

/**
 * One run of the `npm run synth` command with `--cpu-prof` added to each `node` in it (node does not
 * take --cpu-prof from NODE_OPTIONS); the largest profile written is the app's.
 */
async function profileSynth(ours: Variant, accounts: number): Promise<ProfileSummary> {
  const dir = path.join(WORK, 'profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const outdir = path.join(OUT, `profile-${accounts}`);
  const command = ours.command(outdir).replace(/(^|[\s;&|])node(?=\s)/g, `$1node --cpu-prof --cpu-prof-dir="${dir}"`);
  if (!command.includes('--cpu-prof')) throw new Error(`cannot profile: no node command in "${ours.command(outdir)}"`);
  await measure(command, {
    cwd: ours.cwd,
    env: { ...process.env, ...ours.env(outdir), BACKUP_CONFIG: path.join(WORK, `org-${accounts}.json`) },
    logFile: `${outdir}.log`,
  });
  const profiles = readdirSync(dir).map((f) => path.join(dir, f));
  const largest = profiles.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));
  return summarizeProfile(largest);
}

const BENCH_DESCRIPTION = 'source accounts x 2 regions, 2 backup policies on root and an OU';

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof UsageError ? '' : 'failed: '}${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
