/**
 * The app: load the chosen environment, build every stack, synthesize, and publish the output only
 * once the security rule pack passes. A configuration error or a rule-pack error prints one line per
 * problem and exits 1, leaving an earlier output folder as it was.
 */
import { synthesizeChecked } from './checks/gate';
import { formatFinding } from './checks/pack';
import { loadConfig, selectionFromEnv } from './envs/load';
import { configWarnings } from './envs/rules';
import { allStacks, buildStacks } from './stacks/org-backup-app';
import { runCommand, writeAll } from './tools/command';

function main(): void {
  const config = loadConfig(selectionFromEnv());
  for (const warning of configWarnings(config)) writeAll(2, `warning: ${warning}\n`);
  const findings = synthesizeChecked({
    outdir: process.env.CDKTF_OUTDIR || 'cdktf.out',
    build: (app) => allStacks(buildStacks(app, config)),
    // Set by cdktf-cli for the app it runs (see leaveRemovedStackFolders).
    leaveRemovedStackFolders: process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined,
  });
  // Warnings and suppressed findings: reported, not fatal.
  for (const finding of findings.filter((f) => f.level === 'warning' || f.suppressedBecause !== undefined)) {
    writeAll(2, `${formatFinding(finding)}\n`);
  }
}

runCommand(main);
