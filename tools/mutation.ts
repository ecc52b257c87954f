/**
 * `npm run mutation`: Stryker (stryker.config.json) over the five source folders, one folder per
 * run, and the mutation score of each. A folder has its own incremental file
 * (reports/mutation/<folder>-incremental.json): Stryker writes into it only the files of the run,
 * so one file shared by runs of different folders would keep only the last folder's results, and
 * a rerun of a folder tests only the mutants of what changed since its last run.
 *
 * Score = killed / (killed + survived): timeouts count as killed, no-coverage as survived; compile
 * and runtime errors and ignored mutants are no test outcome and count in neither.
 *
 * Stryker runs at the lowest CPU priority: a run takes hours on two cores, and other work on the
 * machine must not wait for it. Niceness 19 (inherited by its workers) is not enough on Linux with
 * autogroup scheduling, the default of most distributions: the kernel shares the CPU between
 * sessions first and applies niceness only among the processes of one session, so a Stryker at
 * niceness 19 still takes an equal share from a test run in another terminal. Stryker therefore
 * runs in a session of its own, whose autogroup is given niceness 19 as well
 * (`/proc/<pid>/autogroup`, where the kernel has it); Ctrl-C and SIGTERM are passed on to it.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type CommandSpec, parseCommandLine, UsageError } from './args';
import { runCommand } from './command';
import { PROJECT_ROOT } from './project-root';

export const MUTATED_FOLDERS = ['stacks', 'security', 'checks', 'envs', 'modules'] as const;

/**
 * How much of its tests a mutant gets (jest.mutation-sequencer.js): its covering test files, those
 * that killed the most per second first, while their initial-run durations add up to this. A
 * mutant surviving them counts as survived, so a score is a lower bound of what the suite catches.
 */
export const DEFAULT_BUDGET_SECONDS = 10;

/** `--budget`: whole seconds, 0 for none. */
export function budgetSeconds(value: string | boolean | undefined): number {
  if (typeof value !== 'string') return DEFAULT_BUDGET_SECONDS;
  if (!/^\d{1,5}$/.test(value.trim())) throw new UsageError(`--budget: "${value}" is not a whole number of seconds (0 for no budget)`);
  return Number(value.trim());
}

const MUTATION_COMMAND: CommandSpec = {
  command: 'mutation',
  summary: `Mutation testing (Stryker) of ${MUTATED_FOLDERS.join(', ')}, one folder per run, and the score of each.`,
  flags: {
    folder: { type: 'string', value: '<names>', description: `comma-separated folders to run (default: all, in the order ${MUTATED_FOLDERS.join(', ')})` },
    files: { type: 'string', value: '<paths>', description: 'comma-separated source files of one folder to run instead of the whole folder (their own incremental file; counted in the folder score)' },
    budget: {
      type: 'string',
      value: '<seconds>',
      description: `test time per mutant, in initial-run seconds of its test files, best first (default ${DEFAULT_BUDGET_SECONDS}; 0: every covering file)`,
    },
    report: { type: 'boolean', description: 'run nothing: print the scores of the last runs' },
    survivors: { type: 'boolean', description: 'run nothing: list the mutants not killed so far by the running or the last run (reports/mutation/events)' },
  },
};

const ROOT = PROJECT_ROOT;

const REPORTS = path.join('reports', 'mutation');

/**
 * The incremental file of a folder's run, or of a run over some of its files (`files`): a group has
 * its own, named by a digest of its file list, so that rerunning the group tests only what changed
 * and a run of another group or of the whole folder keeps its results.
 */
export function incrementalFile(folder: string, files?: readonly string[]): string {
  const group = files === undefined ? '' : `-${createHash('sha256').update([...files].sort().join('\n')).digest('hex').slice(0, 8)}`;
  return path.join(REPORTS, `${folder}${group}-incremental.json`);
}

/** Stryker's event-recorder reporter writes each mutant's result here as soon as it is tested. */
const EVENTS = path.join(REPORTS, 'events');

/** A mutant's result as the event recorder writes it (`<n>-onMutantTested.json`): the fields read here. */
export interface TestedMutant {
  readonly fileName: string;
  readonly status: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}

/**
 * One line per mutant that survived or had no test, in file and line order, and a last line of the
 * counts by status: `envs/schedule.ts:19:17 Survived StringLiteral -> ""`. Paths are made relative
 * to the project (Stryker names the files in its sandbox or by absolute path).
 */
export function survivorLines(mutants: readonly TestedMutant[]): string[] {
  const relative = (file: string) => file.replace(/\\/g, '/').replace(/^.*?\/\.stryker-tmp\/[^/]+\//, '').replace(`${ROOT.replace(/\\/g, '/')}/`, '');
  const counts = new Map<string, number>();
  const lines: [string, number, number, string][] = [];
  for (const m of mutants) {
    counts.set(m.status, (counts.get(m.status) ?? 0) + 1);
    if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
    const file = relative(m.fileName);
    const { line, column } = m.location.start;
    lines.push([file, line, column, `${file}:${line}:${column} ${m.status} ${m.mutatorName} -> ${JSON.stringify(m.replacement ?? '').slice(0, 120)}`]);
  }
  lines.sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2]);
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const byStatus = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([status, n]) => `${status} ${n}`);
  return [...lines.map((l) => l[3]), `${total} mutant${total === 1 ? '' : 's'} tested so far${byStatus.length > 0 ? `: ${byStatus.join(', ')}` : ''}`];
}

function printSurvivors(): void {
  const dir = path.join(ROOT, EVENTS);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('-onMutantTested.json')) : [];
  if (files.length === 0) {
    process.stdout.write(`no mutant tested yet (nothing in ${EVENTS})\n`);
    return;
  }
  const mutants = files.map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as TestedMutant);
  process.stdout.write(`${survivorLines(mutants).join('\n')}\n`);
}

/** A folder's own incremental file and those of its file groups. */
const FOLDER_REPORT = (folder: string) => new RegExp(`^${folder}(-[0-9a-f]{8})?-incremental\\.json$`);

export interface FolderScore {
  readonly folder: string;
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Compile errors, runtime errors and ignored mutants: no test outcome. */
  readonly other: number;
  /** Percent, or undefined when no mutant was tested. */
  readonly score: number | undefined;
  /** How many of the folder's files the report holds (a run narrowed with `--mutate` holds fewer). */
  readonly files: number;
}

interface MutationReport {
  readonly files: Record<string, { readonly source?: string; readonly mutants: readonly { readonly status: string }[] }>;
}

/**
 * The latest result of each of the folder's files over all its runs (the folder's and its groups',
 * oldest report first, so a newer run's file replaces an older one's), keeping only results for the
 * file as it is now (`currentSource`): a file changed since its last run has no score until it is
 * run again. Returns the merged report and the files left out as stale.
 */
export function latestResults(
  folder: string,
  reports: readonly MutationReport[],
  currentSource: (file: string) => string | undefined,
): { readonly report: MutationReport; readonly stale: string[] } {
  const files: Record<string, MutationReport['files'][string]> = {};
  for (const report of reports) {
    for (const [file, result] of Object.entries(report.files)) if (file.startsWith(`${folder}/`)) files[file] = result;
  }
  const stale = Object.keys(files).filter((file) => files[file].source !== currentSource(file));
  for (const file of stale) delete files[file];
  return { report: { files }, stale: stale.sort() };
}

/** The counts and score of one folder's mutation report (the mutation-testing-report-schema JSON). */
export function folderScore(folder: string, report: MutationReport): FolderScore {
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, other: 0 };
  let files = 0;
  for (const [file, { mutants }] of Object.entries(report.files)) {
    if (!file.startsWith(`${folder}/`)) continue;
    files += 1;
    for (const { status } of mutants) {
      if (status === 'Killed' || status === 'Timeout' || status === 'Survived' || status === 'NoCoverage') counts[status] += 1;
      else counts.other += 1;
    }
  }
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  return {
    folder,
    killed: counts.Killed,
    timeout: counts.Timeout,
    survived: counts.Survived,
    noCoverage: counts.NoCoverage,
    other: counts.other,
    score: valid === 0 ? undefined : (100 * detected) / valid,
    files,
  };
}

/** `folderFiles`: how many source files the folder has, to say when a report covers only some. */
export function scoreLine(s: FolderScore, folderFiles?: number): string {
  const score = s.score === undefined ? 'no mutant tested' : `${(Math.floor(s.score * 100) / 100).toFixed(2)}%`;
  const partial = folderFiles !== undefined && s.files < folderFiles ? `, only ${s.files} of its ${folderFiles} files` : '';
  return `${s.folder}/: ${score} (killed ${s.killed}, timeout ${s.timeout}, survived ${s.survived}, no coverage ${s.noCoverage}; not counted ${s.other}${partial})`;
}

/** The folder's TypeScript files, as Stryker's `<folder>/**\/*.ts` finds them. */
function sourceFileCount(folder: string): number {
  return (readdirSync(path.join(ROOT, folder), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).length;
}

export function selectedFolders(value: string | boolean | undefined): string[] {
  if (typeof value !== 'string') return [...MUTATED_FOLDERS];
  const folders = value.split(',').map((f) => f.trim().replace(/\/+$/, ''));
  for (const folder of folders) {
    if (!(MUTATED_FOLDERS as readonly string[]).includes(folder)) {
      throw new UsageError(`--folder: "${folder}" is not a mutated folder; allowed: ${MUTATED_FOLDERS.join(', ')}`);
    }
  }
  return folders;
}

/**
 * Gives the autogroup of the session `pid` leads the lowest priority; false where the kernel has no
 * autogroups (or does not let this process change it), which leaves niceness alone to do it.
 */
export function lowerAutogroup(pid: number, procRoot = '/proc'): boolean {
  try {
    writeFileSync(path.join(procRoot, String(pid), 'autogroup'), '19');
    return true;
  } catch {
    return false;
  }
}

/** One Stryker run, in a session of its own at the lowest priority (see the module comment). */
function runStryker(folder: string, files: readonly string[] | undefined, budget: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const mutate = files === undefined ? `${folder}/**/*.ts` : files.join(',');
    const child = spawn('npx', ['stryker', 'run', '--mutate', mutate, '--incrementalFile', incrementalFile(folder, files)], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, CHECKPOINT_DISABLE: '1', ORG_BACKUP_MUTATION_BUDGET_MS: String(budget * 1000) },
      detached: true,
    });
    if (child.pid !== undefined) lowerAutogroup(child.pid);
    // Its own session is not in the terminal's foreground process group: signals are passed on by hand.
    const forward = (signal: NodeJS.Signals) => {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    };
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(String(status ?? signal));
    });
  });
}

function printScores(folders: readonly string[]): void {
  const dir = path.join(ROOT, REPORTS);
  const names = existsSync(dir) ? readdirSync(dir) : [];
  for (const folder of folders) {
    const runs = names
      .filter((name) => FOLDER_REPORT(folder).test(name))
      .map((name) => path.join(dir, name))
      .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
    if (runs.length === 0) {
      process.stdout.write(`${folder}/: no finished run (no ${folder}*-incremental.json in ${REPORTS})\n`);
      continue;
    }
    const current = (file: string) => (existsSync(path.join(ROOT, file)) ? readFileSync(path.join(ROOT, file), 'utf8') : undefined);
    const { report, stale } = latestResults(folder, runs.map((run) => JSON.parse(readFileSync(run, 'utf8')) as MutationReport), current);
    process.stdout.write(`${scoreLine(folderScore(folder, report), sourceFileCount(folder))}\n`);
    if (stale.length > 0) process.stdout.write(`  changed since their last run, not counted: ${stale.join(', ')}\n`);
  }
}

/** The files of `--files`, all in one of the mutated folders; returns that folder and the files. */
export function selectedFiles(value: string): { readonly folder: string; readonly files: string[] } {
  const files = value.split(',').map((f) => path.normalize(f.trim()));
  const folders = new Set(files.map((f) => f.split(path.sep)[0]));
  const [folder] = folders;
  if (folders.size !== 1 || !(MUTATED_FOLDERS as readonly string[]).includes(folder)) {
    throw new UsageError(`--files: the files must all be in one of the folders ${MUTATED_FOLDERS.join(', ')}; got ${[...folders].join(', ')}`);
  }
  const missing = files.filter((f) => !f.endsWith('.ts') || !existsSync(path.join(ROOT, f)));
  if (missing.length > 0) throw new UsageError(`--files: no such TypeScript source: ${missing.join(', ')}`);
  return { folder, files };
}

/** A Stryker run: a whole folder, or some of its files. */
interface MutationRun {
  readonly folder: string;
  readonly files?: readonly string[];
}

async function runAll(runs: readonly MutationRun[], budget: number): Promise<void> {
  os.setPriority(19);
  for (const { folder, files } of runs) {
    const started = Date.now();
    const status = await runStryker(folder, files, budget);
    process.stdout.write(`${folder}/: stryker exited ${status} after ${Math.round((Date.now() - started) / 60000)} min\n`);
  }
  printScores(runs.map((run) => run.folder));
}

function main(): void {
  const line = parseCommandLine(MUTATION_COMMAND, process.argv.slice(2));
  if (line === undefined) return;
  const folders = selectedFolders(line.values.folder);
  const budget = budgetSeconds(line.values.budget);
  const runs: MutationRun[] = typeof line.values.files === 'string' ? [selectedFiles(line.values.files)] : folders.map((folder) => ({ folder }));
  if (line.values.report === true) {
    printScores(runs.map((run) => run.folder));
    return;
  }
  if (line.values.survivors === true) {
    printSurvivors();
    return;
  }
  runAll(runs, budget).catch((err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}

if (require.main === module) runCommand(main);
