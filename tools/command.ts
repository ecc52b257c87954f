/**
 * How every command ends on a user's mistake: one `error:` line per problem and exit code 1, no
 * stack trace. Anything else is a bug and keeps its stack trace.
 */
import { SecurityCheckError } from '../checks/pack';
import { ConfigError } from '../envs/load';

export function runCommand(main: () => void): void {
  try {
    main();
  } catch (err) {
    const message = userErrorMessage(err);
    if (message === undefined) throw err;
    process.stderr.write(`error: ${message}\n`);
    process.exit(1);
  }
}

function userErrorMessage(err: unknown): string | undefined {
  if (err instanceof ConfigError) return `invalid configuration in ${err.message}`;
  if (err instanceof SecurityCheckError) return err.message;
  return undefined;
}
