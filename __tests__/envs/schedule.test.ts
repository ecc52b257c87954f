/**
 * envs/schedule.ts, called directly: every form it accepts, every limit on both sides, and every
 * message it gives, written out in full (a changed or emptied message fails here).
 */
import { scheduleProblem } from '../../envs/schedule';

const ALL_MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const ALL_WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const GENERIC = 'expected cron(minutes hours day-of-month month day-of-week year) or rate(value unit)';
const RATE_FORM = 'expected rate(<value> <unit>) with a whole number and minute(s), hour(s) or day(s), e.g. rate(12 hours)';
const HOURLY = 'AWS Backup runs at most once an hour: use at least rate(1 hour)';
const NTH = 'expected <day>#<1-5> (e.g. 3#2, the second Tuesday), alone in the field';
const ONLY_DAYS = 'L, W and # are only allowed in day-of-month and day-of-week';
const ONLY_DAYS_Q = '? is only allowed in day-of-month and day-of-week';
const fields = (n: number) => `expected 6 fields (minutes hours day-of-month month day-of-week year), found ${n}`;
const times = (minutes: string, n: number) => `the minutes field "${minutes}" runs ${n} times an hour; AWS Backup runs at most once an hour (use one minute value)`;

describe('accepted', () => {
  it.each(ALL_MONTHS)('the month name %s', (name) => {
    expect(scheduleProblem(`cron(0 1 ? ${name} * *)`)).toBeUndefined();
  });

  it.each(ALL_WEEKDAYS)('the day name %s', (name) => {
    expect(scheduleProblem(`cron(0 1 ? * ${name} *)`)).toBeUndefined();
  });

  it.each([
    // names in any case, in ranges, wrapping
    'cron(0 1 ? jan * *)',
    'cron(0 1 ? * wed *)',
    'cron(0 1 ? JAN-DEC * *)',
    'cron(0 1 ? * SUN-SAT *)',
    'cron(0 1 ? * FRI-MON *)',
    // each field at both ends of its range
    'cron(0 0 ? * * *)',
    'cron(59 23 ? * * *)',
    'cron(0 1 1 * ? *)',
    'cron(0 1 31 * ? *)',
    'cron(0 1 ? 1 * *)',
    'cron(0 1 ? 12 * *)',
    'cron(0 1 ? * 1 *)',
    'cron(0 1 ? * 7 *)',
    'cron(0 1 ? * * 1970)',
    'cron(0 1 ? * * 2199)',
    'cron(0 1 ? * * 1970-2199)',
    // spacing
    'cron(0  1 ? * * *)',
    'cron( 0 1 ? * * * )',
    // ? in either day field
    'cron(0 1 ? * MON *)',
    'cron(0 1 15 * ? *)',
    // day-of-week #
    'cron(0 1 ? * MON#2 *)',
    'cron(0 1 ? * SAT#2 *)',
    'cron(0 1 ? * 2#1 *)',
    'cron(0 1 ? * 2#5 *)',
    'cron(0 1 ? * 1#3 *)',
    'cron(0 1 ? * 7#3 *)',
    // L and W
    'cron(0 1 L * ? *)',
    'cron(0 1 l * ? *)',
    'cron(0 1 LW * ? *)',
    'cron(0 1 1W * ? *)',
    'cron(0 1 15W * ? *)',
    'cron(0 1 31W * ? *)',
    'cron(0 1 L,15 * ? *)',
    'cron(0 1 ? * L *)',
    'cron(0 1 ? * 1L *)',
    'cron(0 1 ? * 6L *)',
    'cron(0 1 ? * 7L *)',
    'cron(0 1 ? * SATL *)',
    'cron(0 1 ? * 2,6L *)',
    // increments at both limits of each field
    'cron(0 0/1 ? * * *)',
    'cron(0 0/12 ? * * *)',
    'cron(0 10/5 ? * * *)',
    'cron(0 0/23 ? * * *)',
    'cron(0 */4 ? * * *)',
    'cron(0 1 1/30 * ? *)',
    'cron(0 1 ? * * 1970/229)',
    'cron(30/59 1 ? * * *)',
    'cron(0 1 ? 1/3 * *)',
    'cron(0 1 ? JAN/11 * *)',
    // one minute value, however written
    'cron(5,5 1 ? * * *)',
    'cron(10-10 1 ? * * *)',
    'rate(1 hour)',
    'rate(2 hours)',
    'rate(12 hours)',
    'rate(1 day)',
    'rate(2 days)',
    'rate(60 minutes)',
    'rate(120 minutes)',
    'rate( 12 hours )',
  ])('%s', (expression) => {
    expect(scheduleProblem(expression)).toBeUndefined();
  });
});

/** [expression, the whole message] */
const REFUSED: [string, string][] = [
  // neither cron(...) nor rate(...)
  ['', GENERIC],
  ['hourly', GENERIC],
  ['CRON(0 1 ? * * *)', GENERIC],
  ['xcron(0 1 ? * * *)', GENERIC],
  ['cron(0 1 ? * * *)x', GENERIC],
  ['xrate(1 hour)', GENERIC],
  ['rate(1 hour)x', GENERIC],
  // separators other than a plain space
  ['cron(0\t1 ? * * *)', 'fields are separated by plain spaces; found U+0009 at character 7'],
  ['cron(0 1\u00a0? * * *)', 'fields are separated by plain spaces; found U+00A0 at character 9'],
  ['\nrate(1 hour)', 'fields are separated by plain spaces; found U+000A at character 1'],
  ['rate(1\u2028hour)', 'fields are separated by plain spaces; found U+2028 at character 7'],
  ['rate(1\u3000hour)', 'fields are separated by plain spaces; found U+3000 at character 7'],
  // rate
  ['rate()', RATE_FORM],
  ['rate(x1 hour)', RATE_FORM],
  ['rate(1 hourx)', RATE_FORM],
  ['rate(x hours)', RATE_FORM],
  ['rate(1.5 hours)', RATE_FORM],
  ['rate(-1 hours)', RATE_FORM],
  ['rate(1hour)', RATE_FORM],
  ['rate(1 week)', RATE_FORM],
  ['rate(1 Hour)', RATE_FORM],
  ['rate(0 days)', 'the rate value must be at least 1'],
  ['rate(0 day)', 'the rate value must be at least 1'],
  ['rate(1 hours)', 'a rate of 1 takes the singular unit: rate(1 hour)'],
  ['rate(1 days)', 'a rate of 1 takes the singular unit: rate(1 day)'],
  ['rate(1 minutes)', 'a rate of 1 takes the singular unit: rate(1 minute)'],
  ['rate(2 hour)', 'a rate above 1 takes the plural unit: rate(2 hours)'],
  ['rate(12 day)', 'a rate above 1 takes the plural unit: rate(12 days)'],
  ['rate(2 minute)', 'a rate above 1 takes the plural unit: rate(2 minutes)'],
  ['rate(1 minute)', HOURLY],
  ['rate(59 minutes)', HOURLY],
  // cron: number of fields
  ['cron()', fields(0)],
  ['cron( )', fields(0)],
  ['cron(0)', fields(1)],
  ['cron(0 17 * * *)', fields(5)],
  ['cron(0 17 ? * * * *)', fields(7)],
  // each field one past each end
  ['cron(60 1 ? * * *)', 'minutes "60": 60 is outside 0-59'],
  ['cron(0 24 ? * * *)', 'hours "24": 24 is outside 0-23'],
  ['cron(0 1 0 * ? *)', 'day-of-month "0": 0 is outside 1-31'],
  ['cron(0 1 32 * ? *)', 'day-of-month "32": 32 is outside 1-31'],
  ['cron(0 1 ? 0 * *)', 'month "0": 0 is outside 1-12'],
  ['cron(0 1 ? 13 * *)', 'month "13": 13 is outside 1-12'],
  ['cron(0 1 ? * 0 *)', 'day-of-week "0": 0 is outside 1-7'],
  ['cron(0 1 ? * 8 *)', 'day-of-week "8": 8 is outside 1-7'],
  ['cron(0 1 ? * * 1969)', 'year "1969": 1969 is outside 1970-2199'],
  ['cron(0 1 ? * * 2200)', 'year "2200": 2200 is outside 1970-2199'],
  ['cron(60 24 ? * * *)', 'minutes "60": 60 is outside 0-59; hours "24": 24 is outside 0-23'],
  // values that are not numbers or names (the message quotes the field as written)
  ['cron(X5 1 ? * * *)', 'minutes "X5": "X5" is not a number'],
  ['cron(5x 1 ? * * *)', 'minutes "5x": "5X" is not a number'],
  ['cron(-5 1 ? * * *)', 'minutes "-5": "" is not a number'],
  ['cron(0 1 ? jav * *)', 'month "jav": "JAV" is not a number or a name (JAN-DEC)'],
  ['cron(0 1 ? JANUARY * *)', 'month "JANUARY": "JANUARY" is not a number or a name (JAN-DEC)'],
  ['cron(0 1 ? * MOX *)', 'day-of-week "MOX": "MOX" is not a number or a name (SUN-SAT)'],
  // ranges
  ['cron(1-2-3 1 ? * * *)', 'minutes "1-2-3": "1-2-3" is not a value or a range'],
  ['cron(1-60 1 ? * * *)', 'minutes "1-60": 60 is outside 0-59'],
  ['cron(60-1 1 ? * * *)', 'minutes "60-1": 60 is outside 0-59'],
  // ?
  ['cron(? 1 ? * * *)', `minutes "?": ${ONLY_DAYS_Q}`],
  ['cron(0 ? ? * * *)', `hours "?": ${ONLY_DAYS_Q}`],
  ['cron(0 1 ? ? * *)', `month "?": ${ONLY_DAYS_Q}`],
  ['cron(0 1 ? * ? *)', 'only one of day-of-month and day-of-week may be ?; set the other (e.g. * for every day)'],
  ['cron(0 1 * * * *)', 'day-of-month and day-of-week cannot both be set: use ? in one of them, e.g. cron(0 1 * * ? *)'],
  ['cron(0 1 15 * MON *)', 'day-of-month and day-of-week cannot both be set: use ? in one of them, e.g. cron(0 1 ? * MON *)'],
  ['cron(0 1 * jan mon *)', 'day-of-month and day-of-week cannot both be set: use ? in one of them, e.g. cron(0 1 ? jan mon *)'],
  // #
  ['cron(0 1 ? * 1,2#3 *)', `day-of-week "1,2#3": ${NTH}`],
  ['cron(0 1 ? * 2#15 *)', `day-of-week "2#15": ${NTH}`],
  ['cron(0 1 ? * 2#6 *)', `day-of-week "2#6": ${NTH}`],
  ['cron(0 1 ? * 2#0 *)', `day-of-week "2#0": ${NTH}`],
  ['cron(0 1 ? * MON# *)', `day-of-week "MON#": ${NTH}`],
  ['cron(0 1 ? * Z#2 *)', 'day-of-week "Z#2": "Z" is not a number or a name (SUN-SAT)'],
  ['cron(0 1 ? * 0#2 *)', 'day-of-week "0#2": 0 is outside 1-7'],
  ['cron(0 1 ? * 8#2 *)', 'day-of-week "8#2": 8 is outside 1-7'],
  ['cron(0 1 ? * 9#2 *)', 'day-of-week "9#2": 9 is outside 1-7'],
  ['cron(0 1 2#3 * ? *)', 'day-of-month "2#3": "2#3" is not a valid use of L, W or #'],
  ['cron(0 1#2 ? * * *)', `hours "1#2": ${ONLY_DAYS}`],
  // L and W
  ['cron(L 1 ? * * *)', `minutes "L": ${ONLY_DAYS}`],
  ['cron(0 1 ? 5W * *)', `month "5W": ${ONLY_DAYS}`],
  ['cron(5LAST 1 ? * * *)', `minutes "5LAST": ${ONLY_DAYS}`],
  ['cron(0 1 ? JL * *)', `month "JL": ${ONLY_DAYS}`],
  ['cron(0 1 ? ZZL * *)', 'month "ZZL": "ZZL" is not a number or a name (JAN-DEC)'],
  ['cron(0 1 ? AWL * *)', 'month "AWL": "AWL" is not a number or a name (JAN-DEC)'],
  ['cron(0 1 0W * ? *)', 'day-of-month "0W": expected nW with n from 1 to 31'],
  ['cron(0 1 32W * ? *)', 'day-of-month "32W": expected nW with n from 1 to 31'],
  ['cron(0 1 XL * ? *)', 'day-of-month "XL": "XL" is not a valid use of L, W or #'],
  ['cron(0 1 LX * ? *)', 'day-of-month "LX": "LX" is not a valid use of L, W or #'],
  ['cron(0 1 ? * W *)', 'day-of-week "W": "W" is not a valid use of L, W or #'],
  ['cron(0 1 ? * 1-L *)', 'day-of-week "1-L": "1-L" is not a valid use of L, W or #'],
  ['cron(0 1 ? * L5 *)', 'day-of-week "L5": "L5" is not a valid use of L, W or #'],
  ['cron(0 1 ? * ZL *)', 'day-of-week "ZL": "Z" is not a number or a name (SUN-SAT)'],
  ['cron(0 1 ? * XXXL *)', 'day-of-week "XXXL": "XXX" is not a number or a name (SUN-SAT)'],
  ['cron(0 1 ? * 0L *)', 'day-of-week "0L": 0 is outside 1-7'],
  ['cron(0 1 ? * 8L *)', 'day-of-week "8L": 8 is outside 1-7'],
  ['cron(0 1 ? * 9L *)', 'day-of-week "9L": 9 is outside 1-7'],
  // increments
  ['cron(0 0/0 ? * * *)', 'hours "0/0": the increment /0 must be between 1 and 23'],
  ['cron(0 0/24 ? * * *)', 'hours "0/24": the increment /24 must be between 1 and 23'],
  ['cron(0/60 1 ? * * *)', 'minutes "0/60": the increment /60 must be between 1 and 59'],
  ['cron(0 1 1/31 * ? *)', 'day-of-month "1/31": the increment /31 must be between 1 and 30'],
  ['cron(0 1 ? * * 1970/230)', 'year "1970/230": the increment /230 must be between 1 and 229'],
  // no increments in day-of-week: AWS's table lists only , - * ? L # there
  ['cron(0 1 ? * 1/2 *)', 'day-of-week "1/2": the increment / is not allowed in day-of-week (AWS allows , - * ? L # there)'],
  ['cron(0 1 ? * */2 *)', 'day-of-week "*/2": the increment / is not allowed in day-of-week (AWS allows , - * ? L # there)'],
  ['cron(0 1 ? * MON-FRI/1 *)', 'day-of-week "MON-FRI/1": the increment / is not allowed in day-of-week (AWS allows , - * ? L # there)'],
  ['cron(0 1 ? * 2,4/2 *)', 'day-of-week "2,4/2": the increment / is not allowed in day-of-week (AWS allows , - * ? L # there)'],
  ['cron(0 1/5x ? * * *)', 'hours "1/5x": "1/5X" is not a number'],
  ['cron(0 1/ ? * * *)', 'hours "1/": "1/" is not a number'],
  // more than one minute an hour (counted only when nothing else is wrong)
  ['cron(0,30 1 ? * * *)', times('0,30', 2)],
  ['cron(* 1 ? * * *)', times('*', 60)],
  ['cron(*/15 1 ? * * *)', times('*/15', 4)],
  ['cron(0/59 1 ? * * *)', times('0/59', 2)],
  ['cron(5/10 1 ? * * *)', times('5/10', 6)],
  ['cron(10-20 1 ? * * *)', times('10-20', 11)],
  ['cron(50-10 1 ? * * *)', times('50-10', 21)],
  ['cron(58-0 1 ? * * *)', times('58-0', 3)],
  ['cron(0-10,5 1 ? * * *)', times('0-10,5', 11)],
  ['cron(0,30 1 * * * *)', 'day-of-month and day-of-week cannot both be set: use ? in one of them, e.g. cron(0,30 1 * * ? *)'],
  ['cron(0,30 24 ? * * *)', 'hours "24": 24 is outside 0-23'],
];

describe('refused, with the whole message', () => {
  it.each(REFUSED)('%s', (expression, message) => {
    expect(scheduleProblem(expression)).toBe(message);
  });
});
