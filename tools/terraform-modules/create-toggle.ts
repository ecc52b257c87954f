/**
 * The `create` input of every published module, written into the module's HCL: each resource and
 * data source counts `var.create` (with its own condition, if it had one), references to an
 * instance of a newly counted block take `[0]`, and locals and outputs are `null` when nothing is
 * created. Done on the HCL rather than in CDKTF, because CDKTF renders a reference to a counted
 * resource without its index.
 */
import type { Attribute, Block, Body, Item } from '../hcl/document';
import { tokenize, type Token } from '../hcl/tokens';

const CREATE = 'var.create';

export function withCreateToggle(blocks: readonly Block[]): Block[] {
  const counted = new Set<string>();
  const toggled = blocks.map((block) => {
    if (block.type !== 'resource' && block.type !== 'data') return block;
    const address = `${block.type === 'data' ? 'data.' : ''}${block.labels.map((l) => l.replace(/"/g, '')).join('.')}`;
    const count = attribute(block.body, 'count');
    const forEach = attribute(block.body, 'for_each');
    if (forEach) return replaceAttribute(block, 'for_each', guarded(forEach.value, 'toset([])'));
    if (count) {
      // `cond ? 1 : 0` becomes `var.create && cond ? 1 : 0`; any other count is multiplied by the toggle.
      counted.add(address);
      const conditional = /^(.+) \? 1 : 0$/.exec(text(count.value));
      return replaceAttribute(block, 'count', conditional ? `${CREATE} && ${conditional[1]} ? 1 : 0` : `${CREATE} ? ${text(count.value)} : 0`);
    }
    counted.add(address);
    return { ...block, body: [...block.body, { kind: 'attribute' as const, name: 'count', value: tokenize(`${CREATE} ? 1 : 0`) }] };
  });
  return toggled.map((block) => {
    const indexed = { ...block, body: indexReferences(block.body, counted) };
    if (block.type === 'output') return replaceAttribute(indexed, 'value', guarded(attribute(indexed.body, 'value')!.value, 'null'));
    if (block.type === 'locals') {
      return { ...indexed, body: indexed.body.map((item) => (item.kind === 'attribute' ? { ...item, value: guarded(item.value, 'null') } : item)) };
    }
    return indexed;
  });
}

function attribute(body: Body, name: string): Attribute | undefined {
  return body.find((item): item is Attribute => item.kind === 'attribute' && item.name === name);
}

function replaceAttribute(block: Block, name: string, value: string | Token[]): Block {
  const tokens = typeof value === 'string' ? tokenize(value) : value;
  return { ...block, body: block.body.map((item) => (item.kind === 'attribute' && item.name === name ? { ...item, value: tokens } : item)) };
}

/** `var.create ? <value> : <otherwise>`: Terraform reports no error of the branch it does not take. */
function guarded(value: readonly Token[], otherwise: string): Token[] {
  return [...tokenize(`${CREATE} ?`), ...value, ...tokenize(`: ${otherwise}`)];
}

/** A one-line expression's text, tokens joined by single spaces where HCL needs none either. */
function text(tokens: readonly Token[]): string {
  return tokens.map((t) => t.text).join(' ').replace(/ ?([.,()[\]]) ?/g, '$1').replace(/,/g, ', ');
}

/** `aws_x.y.attr` -> `aws_x.y[0].attr` for every counted `aws_x.y` (and `data.aws_x.y`), in every expression. */
function indexReferences(body: Body, counted: ReadonlySet<string>): Body {
  return body.map((item): Item => {
    if (item.kind === 'block') return { ...item, body: indexReferences(item.body, counted) };
    if (item.kind !== 'attribute' || item.name === 'depends_on') return item;
    return { ...item, value: indexTokens(item.value, counted) };
  });
}

function indexTokens(tokens: readonly Token[], counted: ReadonlySet<string>): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    out.push(tokens[i]);
    const previous = tokens[i - 1];
    // A reference starts at an identifier that does not follow a dot.
    if (tokens[i].type !== 'ident' || previous?.type === 'dot') continue;
    const isData = tokens[i].text === 'data';
    const length = isData ? 5 : 3;
    const parts = tokens.slice(i, i + length);
    if (parts.length < length || parts.some((t, k) => (k % 2 === 1 ? t.type !== 'dot' : t.type !== 'ident'))) continue;
    const address = parts.filter((t) => t.type === 'ident').map((t) => t.text).join('.');
    if (!counted.has(address) || tokens[i + length]?.type === 'obrack') continue;
    out.push(...parts.slice(1), { type: 'obrack', text: '[' }, { type: 'number', text: '0' }, { type: 'cbrack', text: ']' });
    i += length - 1;
  }
  return out;
}
