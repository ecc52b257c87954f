/**
 * envs/regions.ts: the regions of each partition, written out (a region dropped, emptied or moved to
 * another partition fails here), and as the validator reads them: every region of a partition is
 * accepted in it, a region of another partition is refused with the partition's whole list.
 * The list of the aws partition was read against AWS's "AWS Region billing codes" page.
 */
import { REGIONS_BY_PARTITION } from '../../envs/regions';
import { problemsOf } from '../support/config-draft';

const AWS = [
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4',
  'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7', 'ca-central-1', 'ca-west-1', 'eu-central-1',
  'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1', 'us-east-1', 'us-east-2',
  'us-west-1', 'us-west-2',
];
const US_GOV = ['us-gov-east-1', 'us-gov-west-1'];
const CN = ['cn-north-1', 'cn-northwest-1'];

/** The example moved to `partition` (its ARNs too), deployed to `regions`, its state in the first. */
const movedTo = (partition: string, regions: readonly string[]) => (c: any) => {
  Object.assign(c, JSON.parse(JSON.stringify(c).replaceAll('arn:aws:', `arn:${partition}:`)));
  c.partition = partition;
  c.regions = [...regions];
  c.state.region = regions[0];
};

/** Groups of at most five regions: a backup policy over all of them is longer than AWS allows. */
const inFives = (regions: readonly string[]) => Array.from({ length: Math.ceil(regions.length / 5) }, (_, i) => regions.slice(i * 5, i * 5 + 5));

describe('the regions of each partition', () => {
  it('are these', () => {
    expect(REGIONS_BY_PARTITION).toEqual({ aws: AWS, 'aws-us-gov': US_GOV, 'aws-cn': CN });
  });

  it.each([
    ...inFives(AWS).map((regions): [string, string[]] => ['aws', regions]),
    ['aws-us-gov', US_GOV],
    ['aws-cn', CN],
  ])('%s accepts %j', (partition, regions) => {
    expect(problemsOf(movedTo(partition, regions))).toEqual([]);
  });

  it.each([
    ['aws', 'us-gov-west-1', AWS],
    ['aws', 'cn-north-1', AWS],
    ['aws-us-gov', 'us-east-1', US_GOV],
    ['aws-us-gov', 'cn-northwest-1', US_GOV],
    ['aws-cn', 'us-gov-east-1', CN],
    ['aws-cn', 'eu-west-1', CN],
  ])('%s refuses %s, naming its regions', (partition, foreign, allowed) => {
    const message = `region "${foreign}" is not in partition ${partition} (allowed: ${allowed.join(', ')})`;
    expect(problemsOf((c) => { movedTo(partition, [allowed[0]])(c); c.regions = [allowed[0], foreign]; })).toEqual([`regions[1]: ${message}`]);
    expect(problemsOf((c) => { movedTo(partition, [allowed[0]])(c); c.state.region = foreign; })).toEqual([`state.region: ${message}`]);
  });
});
