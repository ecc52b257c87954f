/**
 * Reads back a document that the synth serialized with `jsonencode`: cdk.tf.json holds it as the
 * Terraform expression `${jsonencode({...})}`. Object and tuple literals, strings, numbers and
 * booleans become their JSON values; a reference such as `data.terraform_remote_state.x.outputs.y`
 * becomes the string `${data.terraform_remote_state.x.outputs.y}`, as Terraform would interpolate it.
 * A plain JSON string (a document without tokens) is parsed as JSON.
 */

export function readJsonDocument(value: string): unknown {
  const match = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(value);
  if (!match) return JSON.parse(value);
  const parser = new ExpressionParser(match[1]);
  const result = parser.value();
  parser.end();
  return result;
}

class ExpressionParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  value(): unknown {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.tuple();
    if (c === '"') return this.string();
    if (c === '-' || /\d/.test(c)) return this.number();
    return this.reference();
  }

  end(): void {
    this.skipSpace();
    if (this.pos !== this.text.length) this.fail('end of expression');
  }

  private object(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.expect('{');
    while (!this.peek('}')) {
      this.skipSpace();
      const key = this.string();
      this.expect('=');
      result[key] = this.value();
      if (!this.peek('}')) this.expect(',');
    }
    this.expect('}');
    return result;
  }

  private tuple(): unknown[] {
    const result: unknown[] = [];
    this.expect('[');
    while (!this.peek(']')) {
      result.push(this.value());
      if (!this.peek(']')) this.expect(',');
    }
    this.expect(']');
    return result;
  }

  private string(): string {
    if (this.text[this.pos] !== '"') this.fail('a string');
    let out = '';
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos++];
      if (c === '"') return out;
      if (c === '\\') {
        const e = this.text[this.pos++];
        const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
        if (e === 'u') {
          out += String.fromCharCode(parseInt(this.text.slice(this.pos, this.pos + 4), 16));
          this.pos += 4;
        } else if (e in escapes) {
          out += escapes[e];
        } else {
          this.fail('a known escape');
        }
      } else if ((c === '$' || c === '%') && this.text.startsWith(`${c}{`, this.pos)) {
        out += `${c}{`; // `$${` is HCL's escape for a literal `${`
        this.pos += 2;
      } else if (c === '$' && this.text[this.pos] === '{') {
        out += this.interpolation();
      } else {
        out += c;
      }
    }
    return this.fail('a closing quote');
  }

  /**
   * `${...}` inside a string, kept as written: an expression may hold strings of its own
   * (`${x == "aws-cn" ? "a" : "b"}`), whose quotes do not end the outer string.
   */
  private interpolation(): string {
    const start = this.pos - 1;
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos++];
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return this.text.slice(start, this.pos);
      else if (c === '"') this.skipNestedString();
    }
    return this.fail('the end of an interpolation');
  }

  private skipNestedString(): void {
    while (this.pos < this.text.length) {
      const c = this.text[this.pos++];
      if (c === '\\') this.pos++;
      else if (c === '"') return;
      else if (c === '$' && this.text[this.pos] === '{') this.interpolation();
    }
    this.fail('a closing quote');
  }

  private number(): number {
    const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!match) this.fail('a number');
    this.pos += match![0].length;
    return Number(match![0]);
  }

  private reference(): unknown {
    const match = /^[A-Za-z_][\w\-.]*(\[\d+\]|\["[^"]*"\]|\.[\w-]+)*/.exec(this.text.slice(this.pos));
    if (!match) this.fail('a value');
    this.pos += match![0].length;
    const word = match![0];
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    // A function call (`concat(...)`, `merge(...)`) is kept whole, as an expression Terraform computes.
    if (this.text[this.pos] === '(') return `\${${word}${this.call()}}`;
    return `\${${word}}`;
  }

  /** The argument list of a call, parentheses included, kept as written (strings in it skipped whole). */
  private call(): string {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos++];
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return this.text.slice(start, this.pos);
      else if (c === '"') this.skipNestedString();
    }
    return this.fail('the end of a function call');
  }

  private peek(c: string): boolean {
    this.skipSpace();
    return this.text[this.pos] === c;
  }

  private expect(c: string): void {
    if (!this.peek(c)) this.fail(`"${c}"`);
    this.pos++;
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private fail(expected: string): never {
    throw new Error(`jsonencode expression: expected ${expected} at offset ${this.pos}: ...${this.text.slice(this.pos, this.pos + 40)}`);
  }
}
