import { readJsonDocument } from '../output/terraform-expression';

describe('readJsonDocument', () => {
  it('parses a plain JSON document', () => {
    expect(readJsonDocument('{"a":[1,"x"]}')).toEqual({ a: [1, 'x'] });
  });

  it('reads a jsonencode expression: objects, tuples, strings, numbers, booleans, references', () => {
    const expr = '${jsonencode({"a" = {"b" = ["x", 2, true, null]}, "c" = data.terraform_remote_state.s.outputs.v, "d" = "q\\"uo$${te}"})}';
    expect(readJsonDocument(expr)).toEqual({
      a: { b: ['x', 2, true, null] },
      c: '${data.terraform_remote_state.s.outputs.v}',
      d: 'q"uo${te}',
    });
  });

  it('keeps an interpolation whole, strings inside it included', () => {
    const expression = '${jsonencode({ "a" = "x.${(data.p.partition == "aws-cn") ? "amazonaws.com.cn" : "}"}.y", "b" = 1 })}';
    expect(readJsonDocument(expression)).toEqual({ a: 'x.${(data.p.partition == "aws-cn") ? "amazonaws.com.cn" : "}"}.y', b: 1 });
  });

  it('reports where an expression stops making sense', () => {
    expect(() => readJsonDocument('${jsonencode({"a" = })}')).toThrow('expected a value at offset');
  });
});
