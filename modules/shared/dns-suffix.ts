import { Fn, Op, Token } from 'cdktf';

/**
 * The partition's DNS suffix, for service endpoints named in kms:ViaService. A partition that is a
 * Terraform value (a published module's data source) gets the same choice as a Terraform conditional.
 */
export function dnsSuffix(partition: string): string {
  if (Token.isUnresolved(partition)) {
    return Token.asString(Fn.conditional(Op.eq(partition, 'aws-cn'), 'amazonaws.com.cn', 'amazonaws.com'));
  }
  return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}
