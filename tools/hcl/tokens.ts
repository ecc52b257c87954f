/**
 * A tokenizer for HCL native syntax, enough for what CDKTF renders: identifiers, numbers, quoted
 * templates with nested interpolations, brackets, operators, comments and newlines. Whitespace is
 * dropped (the formatter decides it); everything else round-trips by concatenating `text`.
 */

export type TokenType =
  | 'ident'
  | 'number'
  | 'oquote'
  | 'lit'
  | 'cquote'
  | 'interp'
  | 'seqend'
  | 'obrace'
  | 'cbrace'
  | 'obrack'
  | 'cbrack'
  | 'oparen'
  | 'cparen'
  | 'equal'
  | 'comma'
  | 'dot'
  | 'colon'
  | 'ellipsis'
  | 'op'
  | 'comment'
  | 'newline';

export interface Token {
  readonly type: TokenType;
  readonly text: string;
}

const PUNCTUATION: [string, TokenType][] = [
  ['...', 'ellipsis'],
  ['==', 'op'],
  ['!=', 'op'],
  ['>=', 'op'],
  ['<=', 'op'],
  ['&&', 'op'],
  ['||', 'op'],
  ['=>', 'op'],
  ['{', 'obrace'],
  ['}', 'cbrace'],
  ['[', 'obrack'],
  [']', 'cbrack'],
  ['(', 'oparen'],
  [')', 'cparen'],
  ['=', 'equal'],
  [',', 'comma'],
  ['.', 'dot'],
  [':', 'colon'],
  ['?', 'op'],
  ['!', 'op'],
  ['<', 'op'],
  ['>', 'op'],
  ['+', 'op'],
  ['-', 'op'],
  ['*', 'op'],
  ['/', 'op'],
  ['%', 'op'],
];

export class HclSyntaxError extends Error {}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  // One entry per open interpolation: how many object braces are open inside it.
  const interpolations: number[] = [];
  const fail = (what: string): never => {
    const line = source.slice(0, pos).split('\n').length;
    throw new HclSyntaxError(`HCL line ${line}: ${what}`);
  };

  const readString = () => {
    tokens.push({ type: 'oquote', text: '"' });
    pos++;
    let lit = '';
    const flush = () => {
      if (lit) tokens.push({ type: 'lit', text: lit });
      lit = '';
    };
    while (pos < source.length) {
      const c = source[pos];
      if (c === '"') {
        flush();
        tokens.push({ type: 'cquote', text: '"' });
        pos++;
        return;
      }
      if (c === '\\') {
        lit += source.slice(pos, pos + 2);
        pos += 2;
      } else if ((c === '$' || c === '%') && source.startsWith(`${c}${c}{`, pos)) {
        lit += `${c}${c}{`;
        pos += 3;
      } else if ((c === '$' || c === '%') && source[pos + 1] === '{') {
        if (c === '%') fail('template directives (%{) are not supported');
        flush();
        tokens.push({ type: 'interp', text: '${' });
        pos += 2;
        interpolations.push(0);
        readExpression(true);
      } else if (c === '\n') {
        fail('newline inside a quoted string');
      } else {
        lit += c;
        pos++;
      }
    }
    fail('unterminated string');
  };

  // Reads tokens until the end of input, or (inside an interpolation) its closing brace.
  const readExpression = (inInterpolation: boolean) => {
    while (pos < source.length) {
      const c = source[pos];
      if (c === ' ' || c === '\t' || c === '\r') {
        pos++;
      } else if (c === '\n') {
        tokens.push({ type: 'newline', text: '\n' });
        pos++;
      } else if (c === '#' || source.startsWith('//', pos)) {
        const end = source.indexOf('\n', pos);
        tokens.push({ type: 'comment', text: source.slice(pos, end < 0 ? undefined : end) });
        pos = end < 0 ? source.length : end;
      } else if (source.startsWith('/*', pos)) {
        const end = source.indexOf('*/', pos);
        if (end < 0) fail('unterminated comment');
        tokens.push({ type: 'comment', text: source.slice(pos, end + 2) });
        pos = end + 2;
      } else if (source.startsWith('<<', pos)) {
        fail('heredocs are not supported');
      } else if (c === '"') {
        readString();
      } else if (/[A-Za-z_]/.test(c)) {
        const match = /^[A-Za-z_][\w-]*/.exec(source.slice(pos))!;
        tokens.push({ type: 'ident', text: match[0] });
        pos += match[0].length;
      } else if (/\d/.test(c)) {
        const match = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(pos))!;
        tokens.push({ type: 'number', text: match[0] });
        pos += match[0].length;
      } else {
        const punct = PUNCTUATION.find(([text]) => source.startsWith(text, pos));
        if (!punct) fail(`unexpected character ${JSON.stringify(c)}`);
        const [text, type] = punct!;
        if (inInterpolation && type === 'cbrace' && interpolations[interpolations.length - 1] === 0) {
          interpolations.pop();
          tokens.push({ type: 'seqend', text: '}' });
          pos++;
          return;
        }
        if (inInterpolation && type === 'obrace') interpolations[interpolations.length - 1]++;
        if (inInterpolation && type === 'cbrace') interpolations[interpolations.length - 1]--;
        tokens.push({ type, text });
        pos += text.length;
      }
    }
    if (inInterpolation) fail('unterminated interpolation');
  };

  readExpression(false);
  return tokens;
}

/** +1 for a token that opens a bracket (including `${`), -1 for one that closes. */
export function bracketChange(token: Token): number {
  switch (token.type) {
    case 'obrace':
    case 'obrack':
    case 'oparen':
    case 'interp':
      return 1;
    case 'cbrace':
    case 'cbrack':
    case 'cparen':
    case 'seqend':
      return -1;
    default:
      return 0;
  }
}
