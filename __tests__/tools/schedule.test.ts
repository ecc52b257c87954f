import { describeMinutes, describeSchedule } from '../../tools/review/schedule';

describe('describeSchedule', () => {
  it.each([
    ['cron(0 17 ? * * *)', 'every day at 17:00 UTC'],
    ['cron(30 5 * * ? *)', 'every day at 05:30 UTC'],
    ['cron(0 18 ? * SUN *)', 'every Sunday at 18:00 UTC'],
    ['cron(0 1 ? * MON-FRI *)', 'every Monday to Friday at 01:00 UTC'],
    ['cron(0 1 ? * 2,4 *)', 'every Monday and Wednesday at 01:00 UTC'],
    ['cron(0 17 1 * ? *)', 'on day 1 of every month at 17:00 UTC'],
    ['cron(0 3 L * ? *)', 'on the last day of every month at 03:00 UTC'],
    ['cron(0 3 1 1,7 ? *)', 'on day 1 of January and July at 03:00 UTC'],
    ['cron(15 * ? * * *)', 'every hour at minute 15 (UTC)'],
    ['cron(0 0/4 ? * * *)', 'every 4 hours at minute 0 (UTC)'],
    ['rate(12 hours)', 'every 12 hours'],
    ['rate(1 day)', 'every day'],
  ])('%s reads "%s"', (expression, words) => {
    expect(describeSchedule(expression)).toBe(words);
  });

  it.each(['cron(0 17 ? * 2#1 *)', 'cron(0 17 ? * * 2027)', 'cron(0 17 15W * ? *)', 'cron(0 17 * *)'])(
    'falls back to the expression for %s',
    (expression) => {
      expect(describeSchedule(expression)).toBe(`on schedule \`${expression}\``);
    },
  );
});

describe('describeMinutes', () => {
  it.each([
    [60, '60 min'],
    [90, '90 min'],
    [120, '2 h'],
    [360, '6 h'],
    [1450, '1450 min'],
  ])('%i minutes read "%s"', (minutes, words) => {
    expect(describeMinutes(minutes)).toBe(words);
  });
});
