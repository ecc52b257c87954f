/**
 * Test sequencer of `npm run mutation`: runs only the test files that hold a test a mutant is
 * tested with, those most likely to fail first (the run stops at the first failing file). Stryker's jest runner names the tests covering a mutant by `testNamePattern` but
 * hands jest every test file; jest then loads each file (cdktf, the provider classes, fixtures)
 * only to skip all its tests, about 1.5 s of CPU per file and some 70 files per mutant. The names
 * of each file's tests are recorded during the initial run (jest.mutation-environment.js); a file none of
 * whose tests match the pattern is left out, which is what jest would do after loading it.
 *
 * Without a pattern (the initial run, or a mutant Stryker tests with every test), or without the
 * recorded names, or when no recorded name matches, every file runs as usual.
 *
 * A mutant's files are cut to a budget of initial-run time, ORG_BACKUP_MUTATION_BUDGET_MS (set by
 * `npm run mutation`; unset or 0: no budget): files are taken in order while their recorded
 * durations fit, and always the first. A mutant that survives its budgeted files counts as
 * survived, though a file left out might have killed it, so a score is a lower bound of what the
 * whole suite catches. Without a budget one surviving mutant of a synthesized construct runs every
 * synthesizing file, minutes per mutant on two cores.
 */
const fs = require('node:fs');
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

class MutantTestFileSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this.pattern = options.globalConfig.testNamePattern;
    this.rootDir = options.globalConfig.rootDir;
    this.namesDir = path.join(this.rootDir, '.stryker-test-names');
  }

  async sort(tests) {
    const sorted = await super.sort(tests);
    if (process.env.STRYKER_MUTATOR_WORKER === undefined || !this.pattern || !fs.existsSync(this.namesDir)) return sorted;
    const holdsWanted = wantedNames(this.pattern);
    const wanted = new Map();
    for (const entry of fs.readdirSync(this.namesDir)) {
      const { testPath, durationMs, names } = JSON.parse(fs.readFileSync(path.join(this.namesDir, entry), 'utf8'));
      if (names.some(holdsWanted)) wanted.set(testPath, durationMs);
    }
    if (wanted.size === 0) return sorted;
    // The run stops at the first failing file (jest.mutation-runner.js): first the files that killed
    // the most mutants of this worker per second they take, so a mutant is usually killed by the first.
    const kills = globalThis.orgBackupMutationKills ?? new Map();
    const rate = (test) => ((kills.get(test.path) ?? 0) + 1) / Math.max(wanted.get(test.path), 1);
    // Before them all, the test files named after the mutated source: they test its behaviour
    // directly, but rarely kill first in a worker whose earlier mutants were killed by synthesizing
    // files, and were left past the budget for the mutants only they catch.
    const source = mutatedSource(process.env.__STRYKER_ACTIVE_MUTANT__, this.rootDir);
    const mirror = (test) => source !== undefined && mirrorsSource(path.relative(this.rootDir, test.path), source);
    return withinBudget(
      sorted.filter((test) => wanted.has(test.path)).sort((a, b) => mirror(b) - mirror(a) || rate(b) - rate(a)),
      (test) => wanted.get(test.path),
      Number(process.env.ORG_BACKUP_MUTATION_BUDGET_MS ?? 0),
    );
  }
}

/**
 * Whether a recorded test name is one of the pattern's. Stryker's pattern is the covering tests'
 * full names, each escaped and in parentheses, joined by `|`: read back as a set of names, looked up
 * once per name. (Matching the regular expression, hundreds of alternatives against every name of
 * every recorded file, took a sixth of a test runner's time.) A pattern of another form is matched
 * as jest matches it, as a case-insensitive regular expression.
 */
function wantedNames(pattern) {
  const names = strykerPatternNames(pattern);
  if (names === undefined) {
    const expression = new RegExp(pattern, 'i');
    return (name) => expression.test(name);
  }
  const set = new Set(names);
  return (name) => set.has(name);
}

/** The names of a pattern `(a)|(b\\.c)|...`, unescaped; undefined if it has another form. */
function strykerPatternNames(pattern) {
  const names = [];
  let name;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (name === undefined) {
      if (c === '(' && (i === 0 || pattern[i - 1] === '|')) name = '';
      else if (c !== '|' || pattern[i - 1] !== ')') return undefined;
    } else if (c === '\\' && i + 1 < pattern.length) {
      name += pattern[++i];
    } else if (c === ')') {
      names.push(name);
      name = undefined;
    } else if ('()|[]{}.*+?^$\\-'.includes(c)) {
      return undefined;
    } else {
      name += c;
    }
  }
  return name === undefined && names.length > 0 && !pattern.endsWith('|') ? names : undefined;
}

/**
 * The source file (relative to `rootDir`) holding mutant `id`, read from the instrumented sources
 * of the sandbox, where each mutant is switched by a call `stryMutAct_9fa48("<id>")`; undefined
 * outside a mutant's run or when not found. The files are read once per process.
 */
function mutatedSource(id, rootDir) {
  if (id === undefined) return undefined;
  let sources = globalThis.orgBackupMutantSources;
  if (sources === undefined) {
    sources = new Map();
    // The folders of stryker.config.json's `mutate` patterns (`envs/**/*.ts`).
    const config = path.join(rootDir, 'stryker.config.json');
    const patterns = fs.existsSync(config) ? JSON.parse(fs.readFileSync(config, 'utf8')).mutate ?? [] : [];
    for (const folder of new Set(patterns.map((pattern) => pattern.split('/')[0]))) {
      const dir = path.join(rootDir, folder);
      if (!fs.existsSync(dir)) continue;
      for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.ts')) continue;
        const text = fs.readFileSync(path.join(dir, file), 'utf8');
        for (const match of text.matchAll(/stryMutAct_9fa48\("(\d+)"\)/g)) sources.set(match[1], path.join(folder, file));
      }
    }
    globalThis.orgBackupMutantSources = sources;
  }
  return sources.get(id);
}

/**
 * Whether a test file (relative path) is named after a source file: `envs/rules.ts` has
 * `__tests__/envs/rules.test.ts` and `__tests__/envs/rules-<anything>.test.ts`.
 */
function mirrorsSource(testFile, source) {
  const base = path.join('__tests__', source.replace(/\.ts$/, ''));
  return testFile === `${base}.test.ts` || (testFile.startsWith(`${base}-`) && testFile.endsWith('.test.ts'));
}

/** The leading tests whose durations add up to at most `budgetMs`, and at least the first; all of them without a budget. */
function withinBudget(tests, durationMs, budgetMs) {
  if (!(budgetMs > 0)) return tests;
  let spent = 0;
  return tests.filter((test, i) => {
    spent += durationMs(test);
    return i === 0 || spent <= budgetMs;
  });
}

module.exports = MutantTestFileSequencer;
module.exports.withinBudget = withinBudget;
module.exports.strykerPatternNames = strykerPatternNames;
module.exports.mirrorsSource = mirrorsSource;
module.exports.mutatedSource = mutatedSource;
