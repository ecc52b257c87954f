/**
 * AWS schedule expressions as AWS Backup reads them: six-field `cron(...)` in EventBridge syntax and
 * `rate(...)`. `scheduleProblem` says what is wrong with an expression, or nothing when AWS accepts it
 * and it runs at most once an hour (AWS Backup's most frequent schedule).
 *
 * Cron fields (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html):
 *   minutes 0-59, hours 0-23, day-of-month 1-31 (also ? L W), month 1-12 or JAN-DEC,
 *   day-of-week 1-7 or SUN-SAT (also ? L #), year 1970-2199; wildcards , - * in every field and /
 *   in every field but day-of-week (AWS's table lists , - * ? L # there: `1/2` is refused).
 *   Day-of-month and day-of-week cannot both be set: one of them must be `?`.
 */

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly CronField[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: WEEKDAYS },
  { name: 'year', min: 1970, max: 2199 },
];
const [MINUTES, , DAY_OF_MONTH, , DAY_OF_WEEK] = FIELDS;

/** What is wrong with a schedule expression, or undefined when it is valid. */
export function scheduleProblem(expression: string): string | undefined {
  // Fields are separated by plain spaces; a tab, line break or non-breaking space is refused
  // rather than read as a separator.
  const odd = /[^\S ]/u.exec(expression);
  if (odd) return `fields are separated by plain spaces; found U+${odd[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at character ${odd.index + 1}`;
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) return cronProblem(cron[1]);
  const rate = /^rate\((.*)\)$/.exec(expression);
  if (rate) return rateProblem(rate[1]);
  return 'expected cron(minutes hours day-of-month month day-of-week year) or rate(value unit)';
}

function rateProblem(body: string): string | undefined {
  const match = /^(\d+) (minute|minutes|hour|hours|day|days)$/.exec(body.trim());
  if (!match) return 'expected rate(<value> <unit>) with a whole number and minute(s), hour(s) or day(s), e.g. rate(12 hours)';
  const value = Number(match[1]);
  const unit = match[2];
  if (value < 1) return 'the rate value must be at least 1';
  const singular = !unit.endsWith('s');
  if (value === 1 && !singular) return `a rate of 1 takes the singular unit: rate(1 ${unit.slice(0, -1)})`;
  if (value > 1 && singular) return `a rate above 1 takes the plural unit: rate(${value} ${unit}s)`;
  if (unit.startsWith('minute') && value < 60) return 'AWS Backup runs at most once an hour: use at least rate(1 hour)';
  return undefined;
}

function cronProblem(body: string): string | undefined {
  const parts = body.trim().split(/\s+/);
  if (parts.length !== 6) {
    return `expected 6 fields (minutes hours day-of-month month day-of-week year), found ${body.trim() === '' ? 0 : parts.length}`;
  }
  const problems: string[] = [];
  const minuteCount = parts.map((part, i) => {
    const parsed = parseField(part.toUpperCase(), FIELDS[i]);
    if (typeof parsed === 'string') problems.push(`${FIELDS[i].name} "${part}": ${parsed}`);
    return typeof parsed === 'string' ? 1 : parsed;
  })[0];
  const dom = parts[2];
  const dow = parts[4];
  if (dom === '?' && dow === '?') {
    problems.push('only one of day-of-month and day-of-week may be ?; set the other (e.g. * for every day)');
  } else if (dom !== '?' && dow !== '?') {
    const fixed = [...parts];
    fixed[dow === '*' ? 4 : 2] = '?';
    problems.push(`day-of-month and day-of-week cannot both be set: use ? in one of them, e.g. cron(${fixed.join(' ')})`);
  }
  if (problems.length === 0 && minuteCount > 1) {
    problems.push(`the minutes field "${parts[0]}" runs ${minuteCount} times an hour; AWS Backup runs at most once an hour (use one minute value)`);
  }
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/** The number of values a field matches, or what is wrong with it. */
function parseField(text: string, field: CronField): number | string {
  if (text === '?') {
    return field === DAY_OF_MONTH || field === DAY_OF_WEEK ? 1 : '? is only allowed in day-of-month and day-of-week';
  }
  if (field === DAY_OF_WEEK && text.includes('#')) {
    const nth = /^([A-Z0-9]+)#([1-5])$/.exec(text);
    if (!nth) return 'expected <day>#<1-5> (e.g. 3#2, the second Tuesday), alone in the field';
    return typeof value(nth[1], field) === 'number' ? 1 : `${value(nth[1], field)}`;
  }
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const special = specialDay(item, field);
    if (special !== undefined) {
      if (special) return special;
      continue;
    }
    const step = /^(.+)\/(\d+)$/.exec(item);
    if (step && field === DAY_OF_WEEK) return 'the increment / is not allowed in day-of-week (AWS allows , - * ? L # there)';
    const [rangeText, by] = step ? [step[1], Number(step[2])] : [item, 1];
    if (by < 1 || by > field.max - field.min) return `the increment /${by} must be between 1 and ${field.max - field.min}`;
    const range = parseRange(rangeText, field, step !== null);
    if (typeof range === 'string') return range;
    const [from, to] = range;
    const span = to >= from ? to - from : to + (field.max - field.min + 1) - from; // ranges may wrap, as in FRI-MON
    for (let offset = 0; offset <= span; offset += by) values.add(offset + from);
  }
  return field === MINUTES ? values.size : Math.max(values.size, 1);
}

/** L, LW, 15W in day-of-month; L and 6L in day-of-week: '' when fine, a problem, or undefined when not special. */
function specialDay(item: string, field: CronField): string | undefined {
  if (field === DAY_OF_MONTH && /^(L|LW|\d+W)$/.test(item)) {
    const day = /^(\d+)W$/.exec(item);
    return day && (Number(day[1]) < 1 || Number(day[1]) > 31) ? 'expected nW with n from 1 to 31' : '';
  }
  if (field === DAY_OF_WEEK && /^([A-Z0-9]+)?L$/.test(item)) {
    const day = item.slice(0, -1);
    if (day === '') return '';
    const parsed = value(day, field);
    return typeof parsed === 'number' ? '' : parsed;
  }
  if (/[LW#]/.test(item) && !/^[A-Z]{3}/.test(item)) {
    return field === DAY_OF_MONTH || field === DAY_OF_WEEK
      ? `"${item}" is not a valid use of L, W or #`
      : 'L, W and # are only allowed in day-of-month and day-of-week';
  }
  return undefined;
}

function parseRange(text: string, field: CronField, stepped: boolean): [number, number] | string {
  if (text === '*') return [field.min, field.max];
  const bounds = text.split('-');
  if (bounds.length > 2) return `"${text}" is not a value or a range`;
  const from = value(bounds[0], field);
  if (typeof from === 'string') return from;
  if (bounds.length === 1) return [from, stepped ? field.max : from];
  const to = value(bounds[1], field);
  return typeof to === 'string' ? to : [from, to];
}

function value(text: string, field: CronField): number | string {
  const named = field.names?.indexOf(text) ?? -1;
  if (named >= 0) return named + field.min;
  if (!/^\d+$/.test(text)) {
    return `"${text}" is not a number${field.names ? ` or a name (${field.names[0]}-${field.names[field.names.length - 1]})` : ''}`;
  }
  const n = Number(text);
  if (n < field.min || n > field.max) return `${n} is outside ${field.min}-${field.max}`;
  return n;
}
