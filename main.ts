/**
 * The app: load the chosen environment, build every stack, synthesize, and publish the output only
 * once the security rule pack passes. A configuration error or a rule-pack error prints one line per
 * problem and exits 1, leaving an earlier output folder as it was.
 */
import { performance } from 'node:perf_hooks';
import type * as Gate from './checks/gate';
import { formatFinding } from './checks/finding';
import { deferArchiver } from './checks/lazy-archiver';
import { loadConfig } from './envs/load';
import { configWarnings } from './envs/rules';
import type * as OrgBackupApp from './stacks/org-backup-app';
import { type CommandSpec, parseCommandLine } from './tools/args';
import { runCommand, writeAll } from './tools/command';
import { CONFIG_FLAGS, configSelection, configSource } from './tools/config-flags';
import type * as SynthSummary from './tools/synth-summary';

const SYNTH_COMMAND: CommandSpec = {
  command: 'synth',
  summary: 'Synthesizes the chosen configuration into cdktf.out (or $CDKTF_OUTDIR), behind the security rule pack.',
  flags: CONFIG_FLAGS,
};

// Warnings and the summary go to standard output: cdktf-cli prints the app's standard output as it
// is, and labels every chunk of its standard error `[ERROR]`. Standard error is for errors.
function main(): void {
  const line = parseCommandLine(SYNTH_COMMAND, process.argv.slice(2));
  if (line === undefined) return;
  const selection = configSelection(line);
  const config = loadConfig(selection);
  for (const warning of configWarnings(config)) writeAll(1, `warning: ${warning}\n`);
  // cdktf, the provider's resources and the rule pack, two thirds of the start-up, are loaded only
  // for a valid configuration: a mistake in it is reported in about a tenth of a second.
  // cdktf's zip library is loaded only if something is zipped (checks/lazy-archiver.ts).
  deferArchiver();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { synthesizeChecked } = require('./checks/gate') as typeof Gate;
  const { allStacks, buildStacks } = require('./stacks/org-backup-app') as typeof OrgBackupApp;
  const { resourceCount, summaryLine } = require('./tools/synth-summary') as typeof SynthSummary;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const outdir = process.env.CDKTF_OUTDIR || 'cdktf.out';
  // Counted once the stacks are written: the construct tree is not kept through the rule pack.
  let counts = { stacks: 0, resources: 0 };
  const findings = synthesizeChecked({
    outdir,
    build: (app) => allStacks(buildStacks(app, config)),
    onSynthesized: (stacks) => (counts = { stacks: stacks.length, resources: resourceCount(stacks) }),
    // Set by cdktf-cli for the app it runs (see leaveRemovedStackFolders).
    leaveRemovedStackFolders: process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined,
  });
  // Warnings and suppressed findings: reported, not fatal.
  for (const finding of findings.filter((f) => f.level === 'warning' || f.suppressedBecause !== undefined)) {
    writeAll(1, `${formatFinding(finding)}\n`);
  }
  const summary = { ...counts, source: configSource(selection), outdir };
  writeAll(1, `${summaryLine({ ...summary, milliseconds: performance.now() })}\n`);
}

runCommand(main);
