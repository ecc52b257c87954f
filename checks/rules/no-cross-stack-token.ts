import { compliant, noncompliant, type Rule } from '../rule';

/**
 * The resources and data sources an attribute value's Terraform expressions name: `type.name` and
 * `data.type.name`, read only inside `${...}` and outside the string literals there, so that a
 * policy's `"kms.amazonaws.com"` is not taken for a reference. A type has an underscore
 * (`aws_kms_key`), which keeps `var.x`, `local.x`, `each.value` or `path.module` out.
 */
export function referencedAddresses(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    // Most values name nothing: the cheap test first.
    if (value.includes('${') && REFERENCE_ANYWHERE.test(value)) {
      for (const address of addressesIn(value)) into.add(address);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) referencedAddresses(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) referencedAddresses(item, into);
  }
  return into;
}

/** Short values (`${aws_kms_key.backup_eu-west-1.arn}`) recur in every stack: parsed once. */
const parsed = new Map<string, string[]>();

function addressesIn(value: string): string[] {
  const known = parsed.get(value);
  if (known) return known;
  const addresses = [...expressionText(value).matchAll(REFERENCE)].map((m) => `${m[1] ?? ''}${m[2]}.${m[3]}`);
  if (value.length <= 200) parsed.set(value, addresses);
  return addresses;
}

const REFERENCE_ANYWHERE = /[a-z0-9]_[a-z0-9_]*\.[A-Za-z_]/;
const REFERENCE = /(?<![\w.-])(data\.)?([a-z][a-z0-9]*_[a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)/g;

/** The text of a template's interpolations, string literals inside them blanked out but for the interpolations they hold. */
function expressionText(template: string): string {
  const out: string[] = [];
  let i = template.indexOf('${');
  while (i !== -1) {
    if (i > 0 && template[i - 1] === '$') {
      i = template.indexOf('${', i + 2); // `$${` is a literal `${`
      continue;
    }
    let depth = 1;
    PIECE.lastIndex = i + 2;
    let piece: RegExpExecArray | null;
    while (depth > 0 && (piece = PIECE.exec(template)) !== null) {
      const text = piece[0];
      if (text === '{') depth++;
      else if (text === '}') depth--;
      if (text[0] === '"') {
        // A string is a template itself: cdktf writes `${key.arn}/*` inside jsonencode as "${aws_kms_key.k.arn}/*".
        const next = PIECE.lastIndex;
        out.push(` ${expressionText(text)} `);
        PIECE.lastIndex = next;
      } else out.push(text);
    }
    i = template.indexOf('${', PIECE.lastIndex);
  }
  return out.join('');
}

/** One piece of an expression: a string literal, a brace, or a run of anything else. */
const PIECE = /"(?:[^"\\]|\\.)*"|[{}]|[^"{}]+/y;

/**
 * Compliant when every resource or data source a resource's arguments name is declared in its own
 * stack. A value of another stack reaches a stack only through `terraform_remote_state`, as this
 * app wires it; a token naming another stack's resource is what cdktf's `prepareStack` would have
 * turned into a hidden output and remote state, which the fast synth path skips. Refused here, the
 * reference cannot reach Terraform dangling.
 */
export const noCrossStackToken: Rule = (resource, app) => {
  const referenced = referencedAddresses(resource.body);
  // depends_on holds bare references, without `${}`.
  const dependsOn = resource.body.depends_on;
  if (Array.isArray(dependsOn)) for (const d of dependsOn) referencedAddresses(`\${${String(d)}}`, referenced);
  const missing = [...referenced].filter((address) => !app.declares(resource.stack, address)).sort();
  if (missing.length === 0) return compliant();
  return noncompliant(
    missing
      .map((address) => {
        const owners = app.stacksDeclaring(address);
        return owners.length > 0
          ? `${address} is declared in stack ${owners.slice(0, 3).join(', ')}${owners.length > 3 ? ` and ${owners.length - 3} more` : ''}, not in ${resource.stack}`
          : `${address} is declared in no stack`;
      })
      .join('; '),
  );
};
