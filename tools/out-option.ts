/** The `--out <dir>` option shared by the commands that write a folder. */

/** The folder of `[--out <dir>]`, or the default; undefined (after printing the usage) for bad arguments. */
export function outOption(argv: readonly string[], command: string, defaultDir: string): string | undefined {
  const at = argv.indexOf('--out');
  const valid = at >= 0 ? argv.length === 2 && at === 0 && argv[1] !== undefined && !argv[1].startsWith('--') : argv.length === 0;
  if (!valid) {
    process.stderr.write(`usage: npm run ${command} -- [--out <dir>]\n`);
    return undefined;
  }
  return at >= 0 ? argv[1] : defaultDir;
}
