/**
 * Corrections to the HCL that CDKTF 0.21 renders, each needed for Terraform (1.5 and later) to read
 * it the way it reads the JSON synth:
 * - `provider = "aws.x"`: Terraform rejects a quoted provider reference ("must not be given in
 *   quotes"); the JSON syntax needs the quotes, the native syntax must not have them;
 * - `depends_on`, `ignore_changes`, `replace_triggered_by` with quoted references: deprecated and
 *   warned about; written as references;
 * - `postcondition = [{...}]` / `precondition` inside `lifecycle`: these are blocks, which the JSON
 *   syntax writes as a list of objects; the native syntax needs one block each;
 * - `"${expr}"` as a whole attribute value: written as `expr`, as `terraform fmt` does.
 */
import { parseTokens, type Attribute, type Block, type Body, type Item } from './document';
import { HclSyntaxError, bracketChange, type Token } from './tokens';

const REFERENCE_LISTS: Record<string, readonly string[]> = {
  resource: ['depends_on'],
  data: ['depends_on'],
  module: ['depends_on'],
  output: ['depends_on'],
  check: ['depends_on'],
  lifecycle: ['ignore_changes', 'replace_triggered_by'],
};
const CONDITION_BLOCKS = ['precondition', 'postcondition'];

export function fixTerraformHcl(body: Body): Body {
  return fixBody(body, []);
}

function fixBody(body: Body, path: readonly string[]): Body {
  const blockType = path[path.length - 1];
  return body.flatMap((item): Item[] => {
    if (item.kind === 'block') {
      return [{ ...item, body: fixBody(item.body, [...path, item.type]) }];
    }
    if (item.kind !== 'attribute') return [item];
    if (blockType === 'lifecycle' && CONDITION_BLOCKS.includes(item.name)) {
      return conditionBlocks(item);
    }
    let value = unwrapInterpolation(item.value);
    if (item.name === 'provider' && (path[0] === 'resource' || path[0] === 'data' || path[0] === 'module') && path.length === 1) {
      value = unquoteReferences(value);
    }
    if ((REFERENCE_LISTS[blockType] ?? []).includes(item.name)) {
      value = unquoteReferences(value);
    }
    return [{ ...item, value }];
  });
}

/** `"${expr}"` -> `expr`, when the interpolation is the whole template. */
function unwrapInterpolation(value: Token[]): Token[] {
  const n = value.length;
  if (n < 5 || value[0].type !== 'oquote' || value[1].type !== 'interp' || value[n - 2].type !== 'seqend' || value[n - 1].type !== 'cquote') {
    return value;
  }
  const inside = value.slice(2, n - 2);
  let quotes = 0;
  for (const token of inside) {
    if (token.type === 'oquote') quotes++;
    else if (token.type === 'cquote') quotes--;
    else if (quotes === 0 && (token.type === 'interp' || token.type === 'seqend')) return value;
  }
  return inside;
}

/** Every `"a.b"` or `"${a.b}"` string in the value becomes the reference `a.b` (escapes undone). */
function unquoteReferences(value: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < value.length; i++) {
    const [open, lit, close] = [value[i], value[i + 1], value[i + 2]];
    if (open.type === 'oquote' && lit?.type === 'lit' && close?.type === 'cquote') {
      out.push({ type: 'ident', text: lit.text.replace(/\\(["\\])/g, '$1') });
      i += 2;
    } else if (open.type === 'oquote' && lit?.type === 'interp') {
      const end = value.findIndex((t, j) => j > i && t.type === 'cquote');
      const unwrapped = unwrapInterpolation(value.slice(i, end + 1));
      if (unwrapped[0]?.type === 'oquote') throw new HclSyntaxError('a reference list holds a template that is not a single reference');
      out.push(...unwrapped);
      i = end;
    } else {
      out.push(open);
    }
  }
  return out;
}

/** `postcondition = [ {a = 1}, {b = 2} ]` -> two `postcondition { ... }` blocks. */
function conditionBlocks(attribute: Attribute): Block[] {
  const tokens = attribute.value;
  if (tokens[0]?.type !== 'obrack') throw new HclSyntaxError(`${attribute.name}: expected a list of objects`);
  const blocks: Block[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 1; i < tokens.length - 1; i++) {
    const change = bracketChange(tokens[i]);
    if (depth === 0 && tokens[i].type === 'obrace') start = i + 1;
    depth += change;
    if (depth === 0 && tokens[i].type === 'cbrace') {
      blocks.push({ kind: 'block', type: attribute.name, labels: [], body: fixBody(parseTokens(trimNewlines(tokens.slice(start, i))), ['lifecycle', attribute.name]) });
    }
  }
  return blocks;
}

function trimNewlines(tokens: Token[]): Token[] {
  let a = 0;
  let b = tokens.length;
  while (a < b && tokens[a].type === 'newline') a++;
  while (b > a && tokens[b - 1].type === 'newline') b--;
  return tokens.slice(a, b);
}
