/**
 * How every command ends on a user's mistake: one `error:` line per problem and exit code 1, no
 * stack trace. Anything else is a bug and keeps its stack trace.
 *
 * The message is written with a blocking write and the exit code set, not `process.exit()`: an
 * exit right after a write to a full pipe drops what the pipe had not taken yet (5,000 problems
 * on a pipe arrived as 518 lines), while a blocking write returns only once every byte is taken.
 */
import { writeSync } from 'node:fs';
import { SecurityCheckError } from '../checks/finding';
import { OutputBusyError } from '../checks/output-folder';
import { ConfigError } from '../envs/load';
import { UsageError } from './args';

/** A command line that cannot be run as given (tools/args.ts): printed as one `error:` line, exit code 1. */
export { UsageError };

export function runCommand(main: () => void): void {
  try {
    main();
  } catch (err) {
    const message = userErrorMessage(err);
    if (message === undefined) throw err;
    writeAll(2, `error: ${message}\n`);
    process.exitCode = 1;
  }
}

function userErrorMessage(err: unknown): string | undefined {
  if (err instanceof ConfigError) return `invalid configuration in ${err.message}`;
  if (err instanceof SecurityCheckError) return err.message;
  if (err instanceof OutputBusyError) return err.message;
  if (err instanceof UsageError) return err.message;
  return undefined;
}

/**
 * Writes all of `text` to a file descriptor, waiting while a pipe is full (a pipe that Node made
 * non-blocking answers EAGAIN instead of waiting).
 */
export function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}
