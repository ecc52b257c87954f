/**
 * envs/resource-type-opt-in.ts: `resourceTypeOptIn` as the JSON Schema publishes it (every type, its
 * description, the default) and as the validator reads it (an omitted section is every type opted
 * in, an unknown type or a non-boolean is refused with its line).
 */
import { z } from 'zod';
import { ConfigError, validateConfig } from '../../envs/load';
import { RESOURCE_TYPE_OPT_IN } from '../../envs/resource-type-opt-in';
import { exampleDraft } from '../fixtures/invalid-configs';

const TYPES = [
  'Aurora', 'CloudFormation', 'DocumentDB', 'DSQL', 'DynamoDB', 'EBS', 'EC2', 'EFS', 'EKS', 'FSx', 'Neptune', 'RDS', 'Redshift',
  'Redshift Serverless', 'S3', 'SAP HANA on Amazon EC2', 'Storage Gateway', 'Timestream', 'VirtualMachine',
];
const ALLOWED = 'Aurora, CloudFormation, DocumentDB, DSQL, DynamoDB, EBS, EC2, EFS, EKS, FSx, Neptune, RDS, Redshift, Redshift Serverless, S3, SAP HANA on Amazon EC2, Storage Gateway, Timestream, VirtualMachine';

function validated(change: (c: any) => void): { problems: readonly string[]; optIn?: unknown } {
  const draft = exampleDraft();
  change(draft);
  try {
    return { problems: [], optIn: validateConfig(draft, 'test').resourceTypeOptIn };
  } catch (err) {
    if (err instanceof ConfigError) return { problems: err.problems };
    throw err;
  }
}

describe('resourceTypeOptIn', () => {
  it('publishes every type with its description, and an empty default', () => {
    expect(z.toJSONSchema(RESOURCE_TYPE_OPT_IN, { io: 'input', target: 'draft-2020-12' })).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      description:
        'AWS Backup service opt-in per resource type, in every account and region: false leaves a type out of tag-based backup policies. ' +
        `Default: every type opted in (${ALLOWED}).`,
      default: {},
      type: 'object',
      properties: Object.fromEntries(
        TYPES.map((type) => [type, { type: 'boolean', description: `true (the default): AWS Backup backs up ${type} resources that a tag-based backup policy selects.` }]),
      ),
      additionalProperties: false,
    });
  });

  it('is every type opted in when left out', () => {
    expect(validated((c) => delete c.resourceTypeOptIn)).toEqual({ problems: [], optIn: {} });
    expect(RESOURCE_TYPE_OPT_IN.parse(undefined)).toEqual({});
  });

  it('keeps what is set, for every type', () => {
    const all = Object.fromEntries(TYPES.map((type, i) => [type, i % 2 === 0]));
    expect(validated((c) => (c.resourceTypeOptIn = all))).toEqual({ problems: [], optIn: all });
  });

  it('refuses an unknown type with the nearest known one, and a non-boolean', () => {
    expect(validated((c) => (c.resourceTypeOptIn = { DynamoDb: false, 'Storage Gateway': 'yes', S3: null })).problems).toEqual([
      `resourceTypeOptIn.DynamoDb: unknown key (did you mean "DynamoDB"?); allowed: ${ALLOWED}`,
      'resourceTypeOptIn.S3 = null: expected boolean, got null',
      'resourceTypeOptIn["Storage Gateway"] = "yes": expected boolean, got string',
    ]);
  });

  it('refuses a list or null in place of the section', () => {
    expect(validated((c) => (c.resourceTypeOptIn = [])).problems).toEqual(['resourceTypeOptIn = []: expected object, got array']);
    expect(validated((c) => (c.resourceTypeOptIn = null)).problems).toEqual(['resourceTypeOptIn = null: expected object, got null']);
  });
});
