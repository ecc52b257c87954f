/**
 * Limits on what the loader accepts before the schema sees it, so that hostile or broken input
 * ends in a one-line message rather than a stack trace, a hang or a silently dropped value. Each
 * limit is far above what a real organization needs (the 1,000-account benchmark organization is
 * about 80 KB as JSON and 6 levels deep; envs/example-full.ts is 7 deep).
 *
 * Everything here runs in time linear in the size of the input, without recursion.
 */

/** Largest configuration file read, in bytes. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
/** Deepest nesting of lists and maps accepted (the schema needs 7). */
export const MAX_DEPTH = 64;
/** Most YAML alias expansions accepted (yaml's toJS counts them; a billion-laughs file needs millions). */
export const MAX_YAML_ALIAS_COUNT = 1000;
/** Keys that JavaScript gives a meaning of their own: refused rather than silently dropped or misread. */
export const RESERVED_KEYS: readonly string[] = ['__proto__'];

export interface InputProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * Problems of shape that no schema check should meet: nesting deeper than MAX_DEPTH, a value that
 * contains itself (a YAML alias inside its own anchor), a reserved key. One problem per place,
 * in document order; nothing below a problem is looked at.
 */
export function inputProblems(data: unknown): InputProblem[] {
  const problems: InputProblem[] = [];
  // Depth-first, with the objects on the current path, to tell a cycle from a shared value (an
  // alias used twice is fine).
  const onPath = new Set<object>();
  const stack: ({ value: unknown; path: PropertyKey[] } | { leave: object })[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('leave' in item) {
      onPath.delete(item.leave);
      continue;
    }
    const { value, path } = item;
    if (value === null || typeof value !== 'object') continue;
    if (onPath.has(value)) {
      problems.push({ path, message: 'refers back to a value that contains it (a YAML alias inside its own anchor); write the value out' });
      continue;
    }
    if (path.length >= MAX_DEPTH) {
      problems.push({ path, message: `nested more than ${MAX_DEPTH} levels deep; a configuration needs fewer than 10` });
      continue;
    }
    onPath.add(value);
    stack.push({ leave: value });
    // A list's items only; a map's entries but those under a reserved key (reported, not entered).
    let entries: [PropertyKey, unknown][];
    if (Array.isArray(value)) {
      entries = value.map((v, i) => [i, v]);
    } else {
      for (const key of Object.getOwnPropertyNames(value)) {
        if (RESERVED_KEYS.includes(key)) problems.push({ path: [...path, key], message: `"${key}" cannot be a key: JavaScript reserves it; rename it` });
      }
      entries = Object.entries(value).filter(([key]) => !RESERVED_KEYS.includes(key));
    }
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return problems;
}

/**
 * The offset of the first syntax error in a text that JSON.parse refused, for the messages in which
 * V8 gives none (`Unexpected token 'x', "..." is not valid JSON`). One pass over the text, no
 * recursion; the grammar is RFC 8259's.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const n = text.length;
  const containers: string[] = [];
  let i = 0;
  let state: 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'after' = 'value';
  // eslint-disable-next-line no-control-regex -- RFC 8259 forbids raw control characters in strings
  const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
  const SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  const WHITESPACE = /[ \t\n\r]*/y;
  const match = (re: RegExp): boolean => {
    re.lastIndex = i;
    if (!re.test(text)) return false;
    i = re.lastIndex;
    return true;
  };
  for (;;) {
    match(WHITESPACE);
    if (i >= n) return state === 'after' && containers.length === 0 ? undefined : n;
    const c = text[i];
    switch (state) {
      case 'value':
      case 'valueOrClose':
        if (state === 'valueOrClose' && c === ']') {
          containers.pop();
          i++;
          state = 'after';
        } else if (c === '{' || c === '[') {
          containers.push(c);
          i++;
          state = c === '{' ? 'keyOrClose' : 'valueOrClose';
        } else if (match(STRING) || match(SCALAR)) {
          state = 'after';
        } else {
          return i;
        }
        break;
      case 'key':
      case 'keyOrClose':
        if (state === 'keyOrClose' && c === '}') {
          containers.pop();
          i++;
          state = 'after';
        } else if (match(STRING)) {
          state = 'colon';
        } else {
          return i;
        }
        break;
      case 'colon':
        if (c !== ':') return i;
        i++;
        state = 'value';
        break;
      case 'after': {
        const open = containers[containers.length - 1];
        if (open === undefined) return i;
        if (c === ',') state = open === '{' ? 'key' : 'value';
        else if ((open === '{' && c === '}') || (open === '[' && c === ']')) containers.pop();
        else return i;
        i++;
        break;
      }
    }
  }
}

/**
 * A short, single-line rendering of any value for a message: at most `max` characters, three levels
 * and ten entries deep, NaN and Infinity by name (JSON.stringify would say null, or overflow the
 * stack on a deep value, or throw on a circular one).
 */
export function preview(value: unknown, max = 80): string {
  const text = render(value, 0);
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

function render(value: unknown, depth: number): string {
  // At most 200 characters are quoted: the preview keeps fewer, and a 50 MB value is not escaped whole.
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 200));
  if (value === null) return 'null';
  if (typeof value !== 'object') return String(value);
  if (depth >= 3) return Array.isArray(value) ? '[...]' : '{...}';
  if (Array.isArray(value)) {
    return `[${value.slice(0, 10).map((v) => render(v, depth + 1)).join(',')}${value.length > 10 ? ',...' : ''}]`;
  }
  const entries = Object.entries(value);
  const shown = entries.slice(0, 10).map(([k, v]) => `${JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}...` : k)}:${render(v, depth + 1)}`);
  return `{${shown.join(',')}${entries.length > 10 ? ',...' : ''}}`;
}

/** One line: line breaks and other control characters written as escapes. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
