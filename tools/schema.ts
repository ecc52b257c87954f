/**
 * `npm run schema`: writes the JSON Schema of the configuration (schema/org-backup.schema.json) and
 * refreshes the generated configuration reference in README.md. Both come from envs/schema.ts;
 * __tests__/config-schema.test.ts fails when either is out of step.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type CommandSpec, parseCommandLine } from './args';
import { runCommand } from './command';
import { configJsonSchemaText, JSON_SCHEMA_PATH, withReference } from '../envs/json-schema';
import { PROJECT_ROOT } from './project-root';

const SCHEMA_COMMAND: CommandSpec = {
  command: 'schema',
  summary: 'Writes schema/org-backup.schema.json and the configuration reference in README.md, both from envs/schema.ts.',
  flags: {},
};

function main(): void {
  if (parseCommandLine(SCHEMA_COMMAND, process.argv.slice(2)) === undefined) return;
  const root = PROJECT_ROOT;
  const schemaFile = path.join(root, JSON_SCHEMA_PATH);
  mkdirSync(path.dirname(schemaFile), { recursive: true });
  writeFileSync(schemaFile, configJsonSchemaText());
  const readmeFile = path.join(root, 'README.md');
  writeFileSync(readmeFile, withReference(readFileSync(readmeFile, 'utf8')));
  process.stdout.write(`wrote ${JSON_SCHEMA_PATH} and the configuration reference in README.md\n`);
}

runCommand(main);
