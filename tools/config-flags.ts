/**
 * `--config <file>` and `--env <name>`: the configuration chosen on the command line, as the
 * environment variables BACKUP_CONFIG and BACKUP_ENV choose it. A flag wins over the variables.
 */
import { type ConfigSelection, selectionFromEnv } from '../envs/load';
import { type CommandLine, type FlagSpec, UsageError } from './args';

export const CONFIG_FLAGS: Readonly<Record<string, FlagSpec>> = {
  config: { type: 'string', value: '<file>', description: 'a JSON or YAML configuration file (as BACKUP_CONFIG=<file>)' },
  env: { type: 'string', value: '<name>', description: 'the environment envs/<name>.ts (as BACKUP_ENV=<name>; default example)' },
};

export function configSelection(line: CommandLine, env: NodeJS.ProcessEnv = process.env): ConfigSelection {
  const config = line.values.config;
  const name = line.values.env;
  if (typeof config === 'string' && typeof name === 'string') {
    throw new UsageError(`--config ${config} and --env ${name} both choose the configuration: give one`);
  }
  if (typeof config === 'string') return { configPath: config };
  if (typeof name === 'string') return { env: name };
  return selectionFromEnv(env);
}

/** How the summary line names the configuration: the file as given, or the environment module. */
export function configSource(selection: ConfigSelection): string {
  return selection.configPath ?? `envs/${selection.env ?? 'example'}.ts`;
}
