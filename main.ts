/**
 * The app: load the chosen environment, build every stack, synthesize.
 * A configuration error prints one line per problem and exits 1 before anything is written.
 */
import { App } from 'cdktf';
import { ConfigError, loadConfig, selectionFromEnv } from './envs/load';
import { configWarnings } from './envs/rules';
import { buildStacks } from './stacks/org-backup-app';

function main(): void {
  const config = loadConfig(selectionFromEnv());
  for (const warning of configWarnings(config)) process.stderr.write(`warning: ${warning}\n`);
  const app = new App();
  buildStacks(app, config);
  app.synth();
}

try {
  main();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`error: invalid configuration in ${err.message}\n`);
  process.exit(1);
}
