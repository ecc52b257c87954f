/**
 * HCL files as a tree of bodies, attributes and blocks over the tokens of ./tokens, so that the
 * synthesized HCL can be corrected by structure (a block here, a reference there) and printed back.
 */
import { HclSyntaxError, bracketChange, tokenize, type Token } from './tokens';

export interface Attribute {
  readonly kind: 'attribute';
  name: string;
  /** The value's tokens, newlines inside multi-line values included. */
  value: Token[];
}

export interface Block {
  readonly kind: 'block';
  type: string;
  /** Labels as written, quotes included: `"aws_kms_key"`. */
  labels: string[];
  body: Body;
}

export interface Blank {
  readonly kind: 'blank';
}

export interface Comment {
  readonly kind: 'comment';
  readonly text: string;
}

export type Item = Attribute | Block | Blank | Comment;
export type Body = Item[];

export function parseHcl(source: string): Body {
  return parseTokens(tokenize(source));
}

/** A body from tokens: a whole file, or the inside of an object constructor written one item per line. */
export function parseTokens(tokens: readonly Token[]): Body {
  let pos = 0;
  const fail = (what: string): never => {
    throw new HclSyntaxError(`HCL: ${what} near ${tokens.slice(pos, pos + 6).map((t) => t.text).join(' ')}`);
  };

  const body = (nested: boolean): Body => {
    const items: Body = [];
    let newlines = 0;
    while (pos < tokens.length) {
      const token = tokens[pos];
      if (token.type === 'newline') {
        newlines++;
        if (newlines > 1) items.push({ kind: 'blank' });
        pos++;
        continue;
      }
      newlines = 0;
      if (token.type === 'cbrace') {
        if (!nested) fail('unexpected }');
        return items;
      }
      if (token.type === 'comment') {
        items.push({ kind: 'comment', text: token.text });
        pos++;
        // A line comment ends its line: the newline belongs to it.
        if (tokens[pos]?.type === 'newline') pos++;
        continue;
      }
      if (token.type !== 'ident') fail('expected an attribute or block name');
      pos++;
      if (tokens[pos]?.type === 'equal') {
        pos++;
        items.push({ kind: 'attribute', name: token.text, value: expression() });
      } else {
        items.push(block(token.text));
      }
      // The item's line ends here.
      if (pos < tokens.length && tokens[pos].type === 'newline') pos++;
    }
    if (nested) fail('unterminated block');
    return items;
  };

  const expression = (): Token[] => {
    const value: Token[] = [];
    let depth = 0;
    while (pos < tokens.length) {
      const token = tokens[pos];
      if (depth === 0 && (token.type === 'newline' || token.type === 'cbrace' || token.type === 'comment')) break;
      depth += bracketChange(token);
      value.push(token);
      pos++;
    }
    if (value.length === 0) fail('expected a value');
    return value;
  };

  const block = (type: string): Block => {
    const labels: string[] = [];
    while (tokens[pos] && tokens[pos].type !== 'obrace') {
      const t = tokens[pos];
      if (t.type === 'ident') {
        labels.push(t.text);
        pos++;
      } else if (t.type === 'oquote' && tokens[pos + 1]?.type === 'lit' && tokens[pos + 2]?.type === 'cquote') {
        labels.push(`"${tokens[pos + 1].text}"`);
        pos += 3;
      } else if (t.type === 'oquote' && tokens[pos + 1]?.type === 'cquote') {
        labels.push('""');
        pos += 2;
      } else {
        fail(`expected a block label or { after ${type}`);
      }
    }
    if (!tokens[pos]) fail(`expected { after ${type}`);
    pos++;
    const inner = body(true);
    pos++; // the closing brace
    return { kind: 'block', type, labels, body: inner };
  };

  return body(false);
}

/** Prints a body back as HCL text: one item per line, blocks opened and closed on their own lines. */
export function printHcl(body: Body): string {
  const lines: Token[][] = [];
  const emit = (items: Body) => {
    for (const item of items) {
      if (item.kind === 'blank') {
        lines.push([]);
      } else if (item.kind === 'comment') {
        lines.push([{ type: 'comment', text: item.text }]);
      } else if (item.kind === 'attribute') {
        let line: Token[] = [{ type: 'ident', text: item.name }, { type: 'equal', text: '=' }];
        for (const token of item.value) {
          if (token.type === 'newline') {
            lines.push(line);
            line = [];
          } else {
            line.push(token);
          }
        }
        lines.push(line);
      } else {
        const header: Token[] = [{ type: 'ident', text: item.type }, ...item.labels.map((text) => ({ type: 'ident' as const, text })), { type: 'obrace', text: '{' }];
        if (item.body.length === 0) {
          lines.push([...header, { type: 'cbrace', text: '}' }]);
        } else {
          lines.push(header);
          emit(item.body);
          lines.push([{ type: 'cbrace', text: '}' }]);
        }
      }
    }
  };
  emit(body);
  return formatLines(lines);
}

/**
 * The layout `terraform fmt` gives (HashiCorp's hclwrite rules): two spaces per open bracket level,
 * canonical spaces between tokens, and `=` aligned across consecutive one-line attributes.
 */
function formatLines(lines: Token[][]): string {
  const indents: number[] = [];
  const rendered = lines.map((line) => {
    if (line.length === 0) return { indent: 0, lead: '', assign: undefined as string | undefined };
    const net = line.reduce((n, t) => n + bracketChange(t), 0);
    let level = indents.length;
    if (net > 0) {
      indents.push(net);
    } else if (net < 0) {
      let closed = -net;
      while (closed > 0 && indents.length > 0) {
        const top = indents[indents.length - 1];
        if (closed >= top) {
          closed -= top;
          indents.pop();
        } else {
          indents[indents.length - 1] -= closed;
          closed = 0;
        }
      }
      level = indents.length;
    }
    const text = spaced(line);
    // An attribute whose value ends on the same line takes part in `=` alignment.
    const eq = line.findIndex((t, i) => i > 0 && t.type === 'equal');
    const valueNet = eq < 0 ? 1 : line.slice(eq).reduce((n, t) => n + bracketChange(t), 0);
    if (eq > 0 && valueNet === 0) {
      return { indent: level * 2, lead: spaced(line.slice(0, eq)), assign: spaced(line.slice(eq), line[eq - 1]) };
    }
    return { indent: level * 2, lead: text, assign: undefined };
  });
  const out: string[] = [];
  for (let i = 0; i < rendered.length; ) {
    if (rendered[i].assign === undefined) {
      const r = rendered[i++];
      out.push(r.lead ? ' '.repeat(r.indent) + r.lead : '');
      continue;
    }
    let end = i;
    while (end < rendered.length && rendered[end].assign !== undefined) end++;
    const width = Math.max(...rendered.slice(i, end).map((r) => r.indent + r.lead.length));
    for (; i < end; i++) {
      const r = rendered[i];
      out.push(`${' '.repeat(r.indent)}${r.lead}${' '.repeat(width - r.indent - r.lead.length + 1)}${r.assign}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** Tokens of one line with hclwrite's spacing; `before` is the token preceding the first one. */
function spaced(tokens: Token[], before?: Token): string {
  let text = '';
  let prev = before;
  let prevPrev: Token | undefined;
  for (const token of tokens) {
    if (text !== '' && prev && spaceBetween(prev, token, prevPrev)) text += ' ';
    text += token.text;
    prevPrev = prev;
    prev = token;
  }
  return text;
}

function spaceBetween(subject: Token, after: Token, before: Token | undefined): boolean {
  if (subject.type === 'ident' && after.type === 'oparen') return false;
  if (subject.type === 'dot' || after.type === 'dot') return false;
  if (after.type === 'comma' || after.type === 'ellipsis') return false;
  if (subject.type === 'comma') return true;
  if (['lit', 'oquote'].includes(subject.type) || ['lit', 'cquote'].includes(after.type)) return false;
  if (subject.type === 'ident' && subject.text === 'in' && before?.type === 'ident') return true;
  if (after.type === 'obrack' && (subject.type === 'ident' || subject.type === 'number' || bracketChange(subject) < 0)) return false;
  if (subject.type === 'op' && subject.text === '-' && !(before && (before.type === 'ident' || before.type === 'number' || bracketChange(before) < 0 || before.type === 'cquote'))) return false;
  if (subject.type === 'op' && subject.text === '!') return false;
  if (subject.type === 'obrace' || after.type === 'cbrace') return !(subject.type === 'obrace' && after.type === 'cbrace');
  if (bracketChange(subject) > 0) return false;
  if (bracketChange(after) < 0) return false;
  return true;
}
