/**
 * envs/schedule.ts: a valid special day (6L, L) in a list does not end the reading of the field;
 * the items after it are still checked.
 */
import { scheduleProblem } from '../../envs/schedule';

it.each([
  ['cron(0 1 ? * 6L,9 *)', 'day-of-week "6L,9": 9 is outside 1-7'],
  ['cron(0 1 ? * L,0 *)', 'day-of-week "L,0": 0 is outside 1-7'],
  ['cron(0 1 L,32 * ? *)', 'day-of-month "L,32": 32 is outside 1-31'],
])('%s', (expression, message) => {
  expect(scheduleProblem(expression)).toBe(message);
});
