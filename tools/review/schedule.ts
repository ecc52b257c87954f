/**
 * AWS Backup schedule expressions in words, for the common forms (daily, weekly, monthly, hourly,
 * rate); anything else is shown as the expression itself rather than guessed at.
 */

const DAY_NAMES: Record<string, string> = {
  SUN: 'Sunday', MON: 'Monday', TUE: 'Tuesday', WED: 'Wednesday', THU: 'Thursday', FRI: 'Friday', SAT: 'Saturday',
  '1': 'Sunday', '2': 'Monday', '3': 'Tuesday', '4': 'Wednesday', '5': 'Thursday', '6': 'Friday', '7': 'Saturday',
};
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_ABBREVIATIONS = MONTH_NAMES.map((m) => m.slice(0, 3).toUpperCase());

/** `cron(0 17 ? * * *)` -> `every day at 17:00 UTC`; unknown forms -> `on schedule <expression>`. */
export function describeSchedule(expression: string): string {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2].replace(/s$/, '');
    return n === 1 ? `every ${unit}` : `every ${n} ${unit}s`;
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  const words = cron ? describeCron(cron[1].trim().split(/\s+/)) : undefined;
  return words ?? `on schedule \`${expression}\``;
}

function describeCron(fields: string[]): string | undefined {
  if (fields.length !== 6) return undefined;
  const [minute, hour, dayOfMonth, month, dayOfWeek, year] = fields;
  if (year !== '*' || !/^\d{1,2}$/.test(minute) || Number(minute) > 59) return undefined;
  const anyDay = (dayOfMonth === '?' || dayOfMonth === '*') && (dayOfWeek === '?' || dayOfWeek === '*');

  const every = /^(?:\*|0)\/(\d+)$/.exec(hour);
  if ((hour === '*' || every) && anyDay && month === '*') {
    const n = every ? Number(every[1]) : 1;
    return `${n === 1 ? 'every hour' : `every ${n} hours`} at minute ${Number(minute)} (UTC)`;
  }
  if (!/^\d{1,2}$/.test(hour) || Number(hour) > 23) return undefined;
  const at = `at ${hour.padStart(2, '0')}:${minute.padStart(2, '0')} UTC`;
  const months = describeMonths(month);
  if (months === undefined) return undefined;

  if (anyDay) return month === '*' ? `every day ${at}` : `every day in ${months} ${at}`;
  if (dayOfMonth === '?' || dayOfMonth === '*') {
    const days = describeDaysOfWeek(dayOfWeek);
    if (!days) return undefined;
    return `every ${days}${month === '*' ? '' : ` in ${months}`} ${at}`;
  }
  if (dayOfWeek !== '?' && dayOfWeek !== '*') return undefined;
  const day = dayOfMonth === 'L' ? 'the last day' : /^\d{1,2}$/.test(dayOfMonth) ? `day ${Number(dayOfMonth)}` : undefined;
  if (!day) return undefined;
  return month === '*' ? `on ${day} of every month ${at}` : `on ${day} of ${months} ${at}`;
}

function describeDaysOfWeek(field: string): string | undefined {
  const parts = field.toUpperCase().split(',');
  const names: string[] = [];
  for (const part of parts) {
    const range = /^(\w+)-(\w+)$/.exec(part);
    if (range && DAY_NAMES[range[1]] && DAY_NAMES[range[2]]) {
      names.push(`${DAY_NAMES[range[1]]} to ${DAY_NAMES[range[2]]}`);
    } else if (DAY_NAMES[part]) {
      names.push(DAY_NAMES[part]);
    } else {
      return undefined;
    }
  }
  return joinWords(names);
}

function describeMonths(field: string): string | undefined {
  if (field === '*') return 'every month';
  const names: string[] = [];
  for (const part of field.toUpperCase().split(',')) {
    const index = /^\d{1,2}$/.test(part) ? Number(part) - 1 : MONTH_ABBREVIATIONS.indexOf(part);
    if (index < 0 || index > 11) return undefined;
    names.push(MONTH_NAMES[index]);
  }
  return joinWords(names);
}

export function joinWords(words: readonly string[], last = 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}

/** A backup window: `60 min`, `6 h`. Below two hours, minutes read better. */
export function describeMinutes(minutes: number): string {
  return minutes >= 120 && minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}
