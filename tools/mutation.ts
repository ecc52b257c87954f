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
 * Stryker runs at the lowest CPU priority (niceness 19, inherited by its workers): a run takes
 * hours on two cores, and other work on the machine must not wait for it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type CommandSpec, parseCommandLine, UsageError } from './args';
import { runCommand } from './command';
import { PROJECT_ROOT } from './project-root';

export const MUTATED_FOLDERS = ['stacks', 'security', 'checks', 'envs', 'modules'] as const;

const MUTATION_COMMAND: CommandSpec = {
  command: 'mutation',
  summary: `Mutation testing (Stryker) of ${MUTATED_FOLDERS.join(', ')}, one folder per run, and the score of each.`,
  flags: {
    folder: { type: 'string', value: '<names>', description: `comma-separated folders to run (default: all, in the order ${MUTATED_FOLDERS.join(', ')})` },
    report: { type: 'boolean', description: 'run nothing: print the scores of the last runs' },
  },
};

const ROOT = PROJECT_ROOT;

export function incrementalFile(folder: string): string {
  return path.join('reports', 'mutation', `${folder}-incremental.json`);
}

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
  readonly files: Record<string, { readonly mutants: readonly { readonly status: string }[] }>;
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

function main(): void {
  const line = parseCommandLine(MUTATION_COMMAND, process.argv.slice(2));
  if (line === undefined) return;
  const folders = selectedFolders(line.values.folder);
  if (line.values.report !== true) {
    os.setPriority(19);
    for (const folder of folders) {
      const started = Date.now();
      const run = spawnSync('npx', ['stryker', 'run', '--mutate', `${folder}/**/*.ts`, '--incrementalFile', incrementalFile(folder)], {
        cwd: ROOT,
        stdio: 'inherit',
        env: { ...process.env, CHECKPOINT_DISABLE: '1' },
      });
      process.stdout.write(`${folder}/: stryker exited ${run.status ?? run.signal} after ${Math.round((Date.now() - started) / 60000)} min\n`);
    }
  }
  for (const folder of folders) {
    const file = path.join(ROOT, incrementalFile(folder));
    if (!existsSync(file)) {
      process.stdout.write(`${folder}/: no finished run (${incrementalFile(folder)} is missing)\n`);
      continue;
    }
    process.stdout.write(`${scoreLine(folderScore(folder, JSON.parse(readFileSync(file, 'utf8')) as MutationReport), sourceFileCount(folder))}\n`);
  }
}

if (require.main === module) runCommand(main);
