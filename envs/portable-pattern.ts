/**
 * JSON Schema patterns that other validators read as ajv does. The validator's regexes are
 * ECMAScript; Python's `re` (jsonschema) has no `\p{L}`, and reads `\d`, `\w` and `\s` as Unicode
 * classes. The JSON Schema keeps to the syntax every common engine shares (the subset JSON Schema
 * recommends, plus literal characters): `\d` and `\w` become the ASCII classes they are in
 * ECMAScript, `\s` the characters ECMAScript counts as white space that matter here.
 *
 * One rule cannot be said that way: AWS's tag character class `[\p{L}\p{Z}\p{N}_.:/=+\-@]`. The
 * schema says instead "none of the ASCII characters and control characters AWS refuses", which
 * is looser for non-ASCII symbols (an emoji): those are refused by the validator (`npm run synth`),
 * not by the JSON Schema.
 */

/** AWS's tag characters, as far as a portable class can say them: everything but what AWS refuses in ASCII. */
export const PORTABLE_TAG_CLASS = '[^\u0000-\u001f\u007f!-*,;<>?\\[-\\^`{-~]';
const TAG_CLASS = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]';
/** The characters ECMAScript's `\s` stands for that matter here (its other Unicode spaces are left out). */
const SPACES = ' \t\n\r\f\v\u00a0\u2028\u2029\ufeff';

/** The portable form of an ECMAScript pattern source. */
export function portablePattern(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    if (!inClass && source.startsWith(TAG_CLASS, i)) {
      out += PORTABLE_TAG_CLASS;
      i += TAG_CLASS.length - 1;
    } else if (source[i] === '\\') {
      const next = source[i + 1];
      if (next === 'd') out += inClass ? '0-9' : '[0-9]';
      else if (next === 'w') out += inClass ? 'A-Za-z0-9_' : '[A-Za-z0-9_]';
      else if (next === 's') out += inClass ? SPACES : `[${SPACES}]`;
      else out += `\\${next}`;
      i++;
    } else {
      if (source[i] === '[') inClass = true;
      else if (source[i] === ']') inClass = false;
      out += source[i];
    }
  }
  return out;
}

/** What a portable pattern must not use: Unicode property escapes, shorthand classes, lookbehind, named groups, word boundaries. */
export const NON_PORTABLE = /\\[pPdDwWsSbB]|\(\?<[=!a-zA-Z]|\(\?[a-z]/;

/** Every `pattern` of a JSON Schema, rewritten portably, in place. */
export function makePatternsPortable(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) makePatternsPortable(item);
  } else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (key === 'pattern' && typeof value === 'string') record[key] = portablePattern(value);
      else makePatternsPortable(value);
    }
  }
}
