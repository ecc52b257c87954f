/**
 * The app: load the chosen environment, build every stack, synthesize.
 * A configuration error prints one line per problem and exits 1 before anything is written.
 */
import { App } from 'cdktf';
import { formatFinding, SecurityCheckError, type Finding } from './checks/pack';
import { ConfigError, loadConfig, selectionFromEnv } from './envs/load';
import { configWarnings } from './envs/rules';
import { buildStacks } from './stacks/org-backup-app';

function main(): void {
  const config = loadConfig(selectionFromEnv());
  for (const warning of configWarnings(config)) process.stderr.write(`warning: ${warning}\n`);
  const app = new App();
  buildStacks(app, config, { onFindings: reportWarnings });
  app.synth();
}

/** Warnings and suppressed findings of the security rule pack: reported, not fatal. */
function reportWarnings(findings: readonly Finding[]): void {
  for (const finding of findings.filter((f) => f.level === 'warning' || f.suppressedBecause !== undefined)) {
    process.stderr.write(`${formatFinding(finding)}\n`);
  }
}

try {
  main();
} catch (err) {
  if (err instanceof SecurityCheckError) {
    process.stderr.write(`error: ${err.message}\n`);
    process.exit(1);
  }
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`error: invalid configuration in ${err.message}\n`);
  process.exit(1);
}
