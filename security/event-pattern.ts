/**
 * EventBridge event pattern matching, for proving the synthesized alert rules against real events.
 * The subset of AWS's pattern syntax the rules use ("Creating event patterns", EventBridge user
 * guide): a field matches when its value (or any element, for an array) equals one of the listed
 * values or satisfies a filter (`prefix`, `anything-but`, `exists`); nested objects match field by
 * field; `$or` matches when any of its patterns does; every field of a pattern must match. Any other
 * filter throws, so a pattern this matcher does not understand never passes by accident.
 */
type Json = unknown;

export function matchesPattern(pattern: Record<string, Json>, event: Json): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === '$or') {
      if (!Array.isArray(expected)) throw new Error('$or takes an array of patterns');
      return expected.some((alternative) => matchesPattern(alternative as Record<string, Json>, event));
    }
    const value = isObject(event) ? event[key] : undefined;
    if (Array.isArray(expected)) return matchesField(expected, value);
    if (isObject(expected)) return isObject(value) && matchesPattern(expected, value);
    throw new Error(`pattern field ${key}: expected an array of values or a nested pattern`);
  });
}

function matchesField(expected: readonly Json[], value: Json): boolean {
  const present = value !== undefined;
  const values = Array.isArray(value) ? value : present ? [value] : [];
  return expected.some((filter) => {
    if (!isObject(filter)) return values.some((v) => v === filter);
    const [name, argument] = Object.entries(filter)[0] ?? [];
    switch (name) {
      case 'exists':
        return argument === present;
      case 'prefix':
        return values.some((v) => typeof v === 'string' && v.startsWith(argument as string));
      case 'anything-but': {
        const excluded = Array.isArray(argument) ? argument : [argument];
        return present && values.every((v) => !excluded.includes(v));
      }
      default:
        throw new Error(`filter ${JSON.stringify(filter)} is not one this matcher implements`);
    }
  });
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
