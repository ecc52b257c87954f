import { Testing, TerraformOutput, TerraformVariable } from 'cdktf';
import { dnsSuffix } from '../../modules/shared/dns-suffix';

describe('dnsSuffix', () => {
  it('gives the China partition (aws-cn) its own suffix and every other partition amazonaws.com', () => {
    expect(dnsSuffix('aws-cn')).toBe('amazonaws.com.cn');
    expect(dnsSuffix('aws')).toBe('amazonaws.com');
    expect(dnsSuffix('aws-us-gov')).toBe('amazonaws.com');
  });

  it('makes the same choice at plan time for a partition that is a Terraform value', () => {
    const json = JSON.parse(
      Testing.synthScope((stack) => {
        const partition = new TerraformVariable(stack, 'partition', { type: 'string' });
        new TerraformOutput(stack, 'suffix', { value: dnsSuffix(partition.stringValue) });
      }),
    );
    expect(json.output.suffix.value).toBe('${(var.partition == "aws-cn") ? "amazonaws.com.cn" : "amazonaws.com"}');
  });
});
